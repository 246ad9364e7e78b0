"""Render the application icon's SVG source into every file the app and its installers use.

    .venv/bin/python packaging/make_icons.py

writes, beside ``secor_desktop/resources/icons/secor-desktop.svg``:

- ``secor-desktop-<N>.png`` for the hicolor sizes (window icon, Linux desktop entry, .deb);
- ``secor-desktop.ico`` (Windows: the executable, the installer, Start menu shortcuts);
- ``secor-desktop.icns`` (macOS: the .app bundle).

The SVG is drawn with Qt's own renderer (QtSvg, already installed with PySide6) and the .ico
and .icns are packed by Pillow (already a dependency), so no other tool is needed. The
generated files are committed: the app never needs this script at run time.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "secor_desktop" / "resources" / "icons"
SOURCE = ICONS / "secor-desktop.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""The freedesktop hicolor sizes; the window icon uses them too."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.stderr.write(f"make_icons: {SOURCE} is not an SVG Qt can draw\n")
        return 1
    rendered = {size: render(renderer, size) for size in set(PNG_SIZES + ICNS_SIZES)}
    for size in PNG_SIZES:
        path = ICONS / f"secor-desktop-{size}.png"
        rendered[size].save(path, optimize=True)
        print(f"wrote {path.name}")
    # Each .ico entry is drawn at its own size rather than scaled down from the largest.
    largest = rendered[max(ICO_SIZES)]
    others = [rendered[s] for s in ICO_SIZES if s != max(ICO_SIZES)]
    largest.save(
        ICONS / "secor-desktop.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=others,
        bitmap_format="png",
    )
    print("wrote secor-desktop.ico")
    rendered[1024].save(
        ICONS / "secor-desktop.icns",
        append_images=[rendered[s] for s in ICNS_SIZES if s != 1024],
    )
    print("wrote secor-desktop.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
