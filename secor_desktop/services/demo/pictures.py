"""Pictures made with Pillow for the demo: signature strokes and stand-in site photos."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw


def signature_png(rng: random.Random) -> bytes:
    """A pen squiggle across a white strip, different for each rng state."""
    image = Image.new("L", (360, 120), 255)
    draw = ImageDraw.Draw(image)
    x, y = 20.0, 60.0 + rng.uniform(-15, 15)
    points = [(x, y)]
    while x < 330:
        x += rng.uniform(8, 24)
        y = min(105.0, max(15.0, y + rng.uniform(-28, 28)))
        points.append((x, y))
    draw.line(points, fill=0, width=3, joint="curve")
    end_x, end_y = points[-1]
    draw.line([(end_x, end_y), (end_x - rng.uniform(40, 120), end_y + rng.uniform(-8, 8))], 0, 2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def photo_jpeg(rng: random.Random) -> bytes:
    """A stand-in site photo: sky, ground, and some lumber-coloured blocks."""
    image = Image.new("RGB", (480, 360), (150, 185, 220))
    draw = ImageDraw.Draw(image)
    horizon = rng.randint(150, 230)
    draw.rectangle((0, horizon, 480, 360), fill=(115, 100, 80))
    for _ in range(rng.randint(4, 9)):
        x, y = rng.randint(0, 430), rng.randint(horizon - 120, 330)
        w, h = rng.randint(20, 160), rng.randint(8, 90)
        shade = rng.randint(150, 220)
        draw.rectangle((x, y, x + w, y + h), fill=(shade, shade * 4 // 5, 90), outline=(60, 60, 60))
    draw.ellipse((380, 20, 430, 70), fill=(250, 240, 200))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
