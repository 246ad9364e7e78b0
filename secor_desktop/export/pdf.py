"""The evidence pack as a PDF: ReportLab platypus, DejaVu Sans throughout, deterministic on request.

``render_pack(pack)`` returns the bytes; writing them (atomically) is the caller's business,
so this module never touches the file system beyond reading the bundled fonts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.pdf_sections import (
    action_register,
    cover,
    element_section,
    integrity_appendix,
    readiness_summary,
    worker_roster,
)
from secor_desktop.export.pdf_styles import FONT, MUTED, RULE, Styles

MARGIN = 54.0  # 0.75 inch
HEADER_Y = LETTER[1] - 34
FOOTER_Y = 30.0


@dataclass(frozen=True)
class RenderedPack:
    data: bytes
    pages: int


class PackDocument(BaseDocTemplate):  # type: ignore[misc]
    """Turns headings marked with ``outline_entry`` into PDF bookmarks."""

    def __init__(self, buffer: io.BytesIO, pack: EvidencePack, invariant: bool) -> None:
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"SECOR evidence pack: {pack.company.name}",
            author=pack.company.name,
            subject=f"{pack.period_from.isoformat()} to {pack.period_to.isoformat()}",
            creator="secor-desktop",
            invariant=1 if invariant else 0,
            initialFontName=FONT,
        )
        self.company_name = pack.company.name
        frame = Frame(MARGIN, MARGIN, LETTER[0] - 2 * MARGIN, LETTER[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])
        self._outline_keys = 0

    def _header(self, canv: Canvas, doc: Any) -> None:
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        name = self.company_name
        limit = LETTER[0] - 2 * MARGIN - 120
        while name and stringWidth(name, FONT, 8) > limit:
            name = name[:-2] + "…"
        canv.drawString(MARGIN, HEADER_Y, name)
        canv.drawRightString(LETTER[0] - MARGIN, HEADER_Y, "SECOR evidence pack")
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, HEADER_Y - 4, LETTER[0] - MARGIN, HEADER_Y - 4)
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        title, level = entry
        self._outline_keys += 1
        key = f"section-{self._outline_keys}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title[:200], key, level=level, closed=level > 0)


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then stamps "Page X of Y" on each (two passes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawCentredString(LETTER[0] / 2, FOOTER_Y, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def story(pack: EvidencePack, styles: Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    flowables += cover(pack, styles)
    flowables += readiness_summary(pack, styles)
    for section in pack.elements:
        flowables += element_section(section, pack, styles)
    flowables += action_register(pack, styles)
    flowables += worker_roster(pack, styles)
    flowables += integrity_appendix(pack, styles)
    return flowables


def render_pack(pack: EvidencePack, *, invariant: bool = True) -> RenderedPack:
    """The pack as PDF bytes; with ``invariant`` the same pack gives the same bytes."""
    styles = Styles()
    buffer = io.BytesIO()
    doc = PackDocument(buffer, pack, invariant)
    doc.build(story(pack, styles), canvasmaker=NumberedCanvas)
    return RenderedPack(buffer.getvalue(), doc.page)
