"""What every section builder is given: the pack, the styles and the pictures of this export."""

from __future__ import annotations

from dataclasses import dataclass

from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.pdf_images import Pictures
from secor_desktop.export.pdf_styles import Styles


@dataclass(frozen=True)
class Ctx:
    pack: EvidencePack
    s: Styles
    pictures: Pictures
