"""Photos and scans coming in: checked before decoding, downscaled, re-encoded, hashed.

Re-encoding strips whatever else the file carried and bounds the size of what is kept.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from secor_desktop.domain.validation import FieldProblem, ValidationError

if TYPE_CHECKING:  # Pillow is imported when a photo comes in, not at startup
    from PIL import Image

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 60_000_000  # well below Pillow's own bomb limit; a 50 MP phone photo passes
MAX_EDGE = 2048  # longest side kept after downscaling: legible on an A4 page at 200 dpi
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "GIF"}


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    media_type: str
    width: int
    height: int


def _problem(name: str, message: str) -> ValidationError:
    return ValidationError([FieldProblem(f"file {name}", message)])


def decode_image(raw: bytes, name: str) -> tuple[str, Image.Image]:
    """Open and fully decode ``raw`` under the size and pixel limits: (Pillow format, image).

    The pixel count is checked from the header before any pixel is decoded, so a small file
    that claims 12,500 x 12,500 pixels is refused without allocating them.
    """
    from PIL import Image, UnidentifiedImageError

    if len(raw) > MAX_FILE_BYTES:
        raise _problem(name, "is larger than 40 MB; choose a smaller photo")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if fmt not in ACCEPTED_FORMATS:
                    raise _problem(name, f"is a {fmt or 'unknown'} file; use JPEG or PNG")
                if width * height > MAX_PIXELS:
                    raise _problem(name, f"is {width}x{height} pixels, too large to open safely")
                probe.load()
                image = probe.copy()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise _problem(name, "is not a readable image (it may be damaged)") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _problem(
            name,
            f"has more than {MAX_PIXELS // 1_000_000} million pixels, too large to open safely",
        ) from exc
    return fmt, image


def prepare_image(raw: bytes, name: str) -> PreparedImage:
    """Decode under limits and re-encode as JPEG (photos) or PNG (images with transparency)."""
    fmt, image = decode_image(raw, name)
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") and fmt == "PNG":
        image.save(out, format="PNG", optimize=True)
        media = "image/png"
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85)
        media = "image/jpeg"
    return PreparedImage(out.getvalue(), media, image.width, image.height)
