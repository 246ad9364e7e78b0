"""What every section builder is given: the pack, the styles and the pictures of this export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.pdf_images import Pictures
from secor_desktop.export.pdf_styles import Styles


@dataclass(frozen=True)
class Ctx:
    pack: EvidencePack
    s: Styles
    pictures: Pictures
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    """The company's local time zone (from its province): every time is printed in it."""

    def local(self, moment: datetime) -> str:
        """'2026-03-10 11:00 MDT': the company's local time, with its zone's abbreviation."""
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M %Z")
