"""Photos and signature images in the pack: read, scaled and drawn one at a time.

The PDF writer never holds more than one photo at full size: a ``PhotoFlowable`` knows only
the file's hash until it is drawn; then the file is read, decoded at reduced size (JPEG draft
mode), re-encoded at print resolution and handed to ReportLab, and the full-size copy is
dropped. Signature images are small and repeat (the same person signs hundreds of records), so
the last few hundred are kept, decoded, and ReportLab stores each only once in the PDF.

A file that is missing or unreadable prints as a marked box and the export warns, naming the
record; a broken photo never stops the pack.
"""

from __future__ import annotations

import io
import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from secor_desktop.export.pdf_styles import FONT, MUTED, RULE, ZEBRA

ImageLoader = Callable[[str], bytes]
"""The bytes of a stored file, by SHA-256; raises ``OSError`` or ``KeyError`` if missing."""

PRINT_DPI = 200  # photos are re-encoded for this resolution at the size they are drawn
JPEG_QUALITY = 80
SIGNATURES_KEPT = 256
SIGNATURE_BOX = (150.0, 48.0)  # points: a 3:1 signature prints 144 pt (51 mm) wide
# Darkens the grey of thin, anti-aliased pen strokes (white stays white): a signature drawn
# with a mouse or a finger would otherwise print faint.
_INK = [round(255 * (v / 255) ** 2.5) for v in range(256)]
DRAWABLE = {"image/jpeg", "image/png"}
_UNREADABLE = (OSError, KeyError, ValueError, UnidentifiedImageError, Image.DecompressionBombError)


@dataclass
class Pictures:
    """Reads stored images for one export, and remembers which could not be read."""

    load: ImageLoader | None
    warn: Callable[[str], None]
    _sizes: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    _signatures: OrderedDict[str, ImageReader | None] = field(default_factory=OrderedDict)
    _warned: set[tuple[str, str]] = field(default_factory=set)

    def _read(self, sha: str, owner: str, what: str) -> bytes | None:
        if self.load is None:
            return None
        try:
            return self.load(sha)
        except _UNREADABLE:
            self._problem(sha, owner, what)
            return None

    def _problem(self, sha: str, owner: str, what: str) -> None:
        if (sha, owner) not in self._warned:
            self._warned.add((sha, owner))
            self.warn(f"{owner}: the {what} (file {sha[:12]}…) is missing or unreadable.")

    def size(self, sha: str, owner: str, what: str) -> tuple[int, int] | None:
        """Pixel size from the file's header, or None when it cannot be read."""
        if sha not in self._sizes:
            raw = self._read(sha, owner, what)
            size = None
            if raw is not None:
                try:
                    with Image.open(io.BytesIO(raw)) as probe:
                        size = probe.size
                except _UNREADABLE:
                    self._problem(sha, owner, what)
            self._sizes[sha] = size
        return self._sizes[sha]

    def photo(self, sha: str, width_pt: float, height_pt: float, owner: str) -> ImageReader | None:
        """The photo re-encoded as a JPEG for its printed size; nothing of it is kept."""
        raw = self._read(sha, owner, "photo")
        if raw is None:
            return None
        box = (
            max(1, math.ceil(width_pt / 72 * PRINT_DPI)),
            max(1, math.ceil(height_pt / 72 * PRINT_DPI)),
        )
        try:
            with Image.open(io.BytesIO(raw)) as image:
                image.draft("RGB", box)  # JPEG: decode at a fraction of full size
                image.thumbnail(box)
                rgb = _on_white(image)
        except _UNREADABLE:
            self._problem(sha, owner, "photo")
            return None
        out = io.BytesIO()
        rgb.save(out, format="JPEG", quality=JPEG_QUALITY)
        out.seek(0)
        return ImageReader(out)

    def signature(self, sha: str, owner: str) -> ImageReader | None:
        if sha in self._signatures:
            self._signatures.move_to_end(sha)
            return self._signatures[sha]
        raw = self._read(sha, owner, "signature image")
        reader = None
        if raw is not None:
            try:
                with Image.open(io.BytesIO(raw)) as image:
                    image.thumbnail((480, 160))
                    reader = ImageReader(_on_white(image).convert("L").point(_INK))
            except _UNREADABLE:
                self._problem(sha, owner, "signature image")
        self._signatures[sha] = reader
        if len(self._signatures) > SIGNATURES_KEPT:
            self._signatures.popitem(last=False)
        return reader


def _on_white(image: Image.Image) -> Image.Image:
    """RGB with any transparency flattened onto white paper."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return image.convert("RGB")


def _missing_box(c: Canvas, width: float, height: float, text: str) -> None:
    c.saveState()
    c.setFillColor(ZEBRA)
    c.setStrokeColor(RULE)
    c.rect(0, 0, width, height, fill=1, stroke=1)
    c.setFillColor(MUTED)
    c.setFont(FONT, 7)
    c.drawCentredString(width / 2, height / 2 - 2, text)
    c.restoreState()


class PhotoFlowable(Flowable):  # type: ignore[misc]
    """A photo scaled to fit ``max_width`` x ``max_height``, keeping its proportions."""

    def __init__(
        self, pictures: Pictures, sha: str, owner: str, max_width: float, max_height: float
    ) -> None:
        super().__init__()
        self.pictures, self.sha, self.owner = pictures, sha, owner
        self.max_width, self.max_height = max_width, max_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        limit_w = min(self.max_width, avail_width)
        size = self.pictures.size(self.sha, self.owner, "photo")
        if size is None:
            self.width, self.height = limit_w, min(self.max_height, 60.0)
        else:
            scale = min(limit_w / size[0], self.max_height / size[1])
            self.width, self.height = size[0] * scale, size[1] * scale
        return self.width, self.height

    def draw(self) -> None:
        reader = self.pictures.photo(self.sha, self.width, self.height, self.owner)
        if reader is None:
            _missing_box(self.canv, self.width, self.height, "photo file missing")
            return
        self.canv.drawImage(reader, 0, 0, self.width, self.height)


class SignatureFlowable(Flowable):  # type: ignore[misc]
    """A drawn signature scaled to fit a box (``SIGNATURE_BOX``), keeping its proportions.

    The box is wide enough that a usual signature (about 3:1) prints some 40 mm wide, as on
    a paper sign-in sheet; anything narrower than the box's height allows stays centred.
    """

    def __init__(
        self,
        pictures: Pictures,
        sha: str,
        owner: str,
        max_width: float = SIGNATURE_BOX[0],
        max_height: float = SIGNATURE_BOX[1],
    ) -> None:
        super().__init__()
        self.pictures, self.sha, self.owner = pictures, sha, owner
        self.max_width, self.max_height = max_width, max_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        size = self.pictures.size(self.sha, self.owner, "signature image")
        ratio = size[0] / size[1] if size else 3.0
        self.width = min(avail_width, self.max_width, self.max_height * ratio)
        self.height = self.width / ratio
        return self.width, self.height

    def draw(self) -> None:
        reader = self.pictures.signature(self.sha, self.owner)
        if reader is None:
            _missing_box(self.canv, self.width, self.height, "image missing")
            return
        self.canv.drawImage(reader, 0, 0, self.width, self.height, preserveAspectRatio=True)
