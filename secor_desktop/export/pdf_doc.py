"""The document machinery: one layout pass, page numbers stamped at the end, pieces built late.

* ``Deferred``: a placeholder for a piece of the pack, turned into its flowables only when the
  layout reaches it (``PackDocument.filterFlowables``), so memory holds a few records' worth
  of flowables, not the whole pack. Each expansion is a unit of progress and a chance to cancel.
* ``NumberedCanvas`` keeps each finished page (compressed) until the end, then stamps "Page X
  of Y" and the contents page's page numbers (known only once every heading is placed) and
  writes them all: one layout pass instead of the two or three a ReportLab table of contents
  needs.
* ``KeepWithStart`` keeps a heading with the start of what follows, not with all of it.
* ``embed_file`` attaches a file (the pack's ledger) to the PDF, as viewers list attachments.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer
from reportlab.platypus.doctemplate import FrameBreak, LayoutError

from secor_desktop.domain.errors import UserError
from secor_desktop.export.pdf_styles import BAD as UNVERIFIED_RED
from secor_desktop.export.pdf_styles import FONT, FONT_BOLD, MUTED, RULE, clean, plain, runs

MARGIN = 54.0  # 0.75 inch
HEADER_Y = LETTER[1] - 34
FOOTER_Y = 30.0

Progress = Callable[[float], None]
"""Told the share of the layout done, from 0.0 to 1.0."""


class Cancelled(Exception):
    """The user cancelled the export; nothing was written."""


class PackLayoutError(UserError):
    """Something in the pack could not be placed on a page; the message names the item."""


class Mark(Flowable):  # type: ignore[misc]
    """An invisible marker: from here on, the layout is placing ``label`` (a record, a register)
    so that a layout failure can name what it was placing, not a page number."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        return None


class Deferred(Flowable):  # type: ignore[misc]
    """A piece of the pack, built into flowables just before the layout reaches it."""

    def __init__(self, build: Callable[[], list[Flowable]], label: str = "") -> None:
        super().__init__()
        self.build, self.label = build, label

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Only reached if something (a keepWithNext heading) swallowed the placeholder whole.
        raise LayoutError("a deferred piece of the pack reached the layout unexpanded")


class KeepWithStart(KeepTogether):  # type: ignore[misc]
    """Keeps a heading (or label) with the *start* of what follows it, not all of it.

    ReportLab's own keep-with-next moves a heading and the whole table after it to the next
    page whenever the table does not fit, leaving up to a page blank; this moves them only
    when the heading and the table's first few rows would not fit.
    """

    FOLLOW = 60.0  # points of what follows that must fit under the heading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        *heads, last = self._content
        need = 0.0
        for f in heads:
            need += f.wrapOn(self.canv, avail_width, avail_height)[1]
            need += f.getSpaceBefore() + f.getSpaceAfter()
        last_height = last.wrapOn(self.canv, avail_width, avail_height)[1]
        self._need = need + min(last_height, self.FOLLOW) + last.getSpaceBefore()
        self._wrapInfo = avail_width, avail_height
        return avail_width, 0xFFFFFF  # always split: the content is laid out one by one

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        content: list[Flowable] = list(self._content)
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        if self._need > avail_height and not at_top:
            content.insert(0, FrameBreak())
        return content


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    media_type: str
    description: str


def _fit(text: str, font: str, size: float, width: float) -> str:
    text = plain(text)
    while text and stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text


def draw_runs(canv: Canvas, x: float, y: float, text: str, size: float, limit: float) -> None:
    """User text drawn on the canvas in DejaVu Sans and, for the characters it lacks, the
    fallback fonts; cut with an ellipsis to ``limit`` points."""
    parts = runs(text, FONT)
    width = sum(stringWidth(t, f, size) for f, t in parts)
    while parts and width > limit:
        font, last = parts[-1]
        last = last[:-2] + "…" if len(last) > 1 else ""
        parts[-1:] = [(font, last)] if last else []
        width = sum(stringWidth(t, f, size) for f, t in parts)
    for font, part in parts:
        canv.setFont(font, size)
        canv.drawString(x, y, part)
        x += stringWidth(part, font, size)


class TocLine(Flowable):  # type: ignore[misc]
    """A contents line: title, a muted note, dot leaders, a link, and (later) its page number."""

    def __init__(
        self, title: str, note: str, key: str, style: ParagraphStyle, note_style: ParagraphStyle
    ) -> None:
        super().__init__()
        self.title, self.note, self.key = title, note, key
        self.style, self.note_style = style, note_style
        self._origin = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.style.leading + (self.note_style.leading if self.note else 0)
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self._origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        c = self.canv
        st, nst = self.style, self.note_style
        number_room = 36.0
        base = self.height - st.leading + (st.leading - st.fontSize) / 2 + 1
        title = _fit(self.title, st.fontName, st.fontSize, self.width - number_room - 30)
        c.setFont(st.fontName, st.fontSize)
        c.setFillColor(st.textColor)
        c.drawString(0, base, title)
        start = stringWidth(title, st.fontName, st.fontSize) + 6
        c.setFillColor(MUTED)
        dot = stringWidth(". ", st.fontName, st.fontSize)
        dots = int((self.width - number_room - start) / dot)
        if dots > 0:
            c.drawRightString(self.width - number_room + 6, base, ". " * dots)
        if self.note:
            c.setFont(nst.fontName, nst.fontSize)
            c.drawString(nst.leftIndent, base - nst.leading + 1, plain(self.note))
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)
        x, y = self._origin
        if isinstance(c, NumberedCanvas):
            c.defer_page_number(self.key, x + self.width, y + base, st.fontName, st.fontSize)


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then stamps the page numbers it could not know before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self.heading_pages: dict[str, int] = {}
        self._deferred: dict[int, list[tuple[str, float, float, str, float]]] = {}
        self.attachments: list[Attachment] = []

    def defer_page_number(self, key: str, x: float, y: float, font: str, size: float) -> None:
        """Right-align at (x, y) the number of the page that holds heading ``key``."""
        self._deferred.setdefault(self._pageNumber, []).append((key, x, y, font, size))

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        """Keep the finished page, its drawing commands compressed (a pack of thousands of
        pages would otherwise hold hundreds of megabytes of them until the end)."""
        state = dict(self.__dict__)
        state["_code"] = zlib.compress("\n".join(self._code).encode("utf-8"), 1)
        self._pages.append(state)
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        deferred, pages_of = self._deferred, self.heading_pages
        pages, self._pages = self._pages, []
        for state in pages:
            state["_code"] = [zlib.decompress(state["_code"]).decode("utf-8")]
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawCentredString(LETTER[0] / 2, FOOTER_Y, f"Page {self._pageNumber} of {total}")
            for key, x, y, font, size in deferred.get(self._pageNumber, ()):
                self.setFont(font, size)
                self.drawRightString(x, y, str(pages_of.get(key, "")))
            super().showPage()
            state.clear()
        for attachment in self.attachments:
            embed_file(self, attachment)
        super().save()


def embed_file(canv: Canvas, attachment: Attachment) -> None:
    """Attach a file to the document (the catalog's EmbeddedFiles name tree)."""
    doc = canv._doc
    media = attachment.media_type.replace("/", "#2F")
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                "Subtype": PDFName(media),
                "Params": PDFDictionary({"Size": len(attachment.data)}),
            }
        ),
        content=attachment.data,
        filters=[PDFZCompress],
    )
    spec = PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(attachment.name),
            "UF": PDFString(attachment.name),
            "Desc": PDFString(attachment.description),
            "EF": PDFDictionary({"F": doc.Reference(stream)}),
            "AFRelationship": PDFName("Data"),
        }
    )
    files = getattr(canv, "_embedded", None)
    if files is None:
        files = canv._embedded = PDFArray([])
        names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": files})})
        canv.setCatalogEntry("Names", names)
    files.sequence += [PDFString(attachment.name), doc.Reference(spec)]


class PackDocument(BaseDocTemplate):  # type: ignore[misc]
    """Expands ``Deferred`` pieces as the layout reaches them and turns headings into bookmarks."""

    def __init__(
        self,
        buffer: io.BytesIO,
        *,
        title: str,
        author: str,
        subject: str,
        company_name: str,
        invariant: bool,
        pieces: int,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        unverified: bool = False,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            author=author,
            subject=subject,
            creator="secor-desktop",
            invariant=1 if invariant else 0,
            initialFontName=FONT,
            keepTogetherClass=KeepWithStart,
        )
        self.company_name = company_name
        frame = Frame(MARGIN, MARGIN, LETTER[0] - 2 * MARGIN, LETTER[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])
        self._outline_keys = 0
        self._pieces, self._done, self._shown = max(pieces, 1), 0, -1
        self._progress, self._cancelled = progress, cancelled
        self.attachments: list[Attachment] = []
        self.unverified = unverified
        self.placing = "the front pages"

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """ReportLab's step, with any layout failure re-raised naming what was being placed."""
        self.filterFlowables(flowables)  # expand a piece first: it may begin with a Mark
        if flowables and isinstance(flowables[0], Mark):
            self.placing = flowables[0].label
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            raise PackLayoutError(
                f"The evidence pack could not be laid out at {self.placing}: part of it does "
                "not fit on a page. Shorten that item's longest text or table, then export "
                "again, and please report this as a bug."
            ) from exc

    def _header(self, canv: Canvas, doc: Any) -> None:
        if self.unverified:
            _unverified_bands(canv)
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        draw_runs(canv, MARGIN, HEADER_Y, self.company_name, 8, LETTER[0] - 2 * MARGIN - 120)
        canv.setFont(FONT, 8)
        canv.drawRightString(LETTER[0] - MARGIN, HEADER_Y, "SECOR evidence pack")
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, HEADER_Y - 4, LETTER[0] - MARGIN, HEADER_Y - 4)
        canv.restoreState()

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's name
        self.canv.showOutline()
        if isinstance(self.canv, NumberedCanvas):
            self.canv.attachments = self.attachments

    def filterFlowables(self, flowables: list[Flowable]) -> None:  # noqa: N802
        """Expand the piece about to be laid out, and any a keep-with-next heading waits for."""
        i = 0
        while i < len(flowables):
            f = flowables[i]
            if isinstance(f, Deferred):
                self._tick()
                if f.label:
                    self.placing = f.label
                flowables[i : i + 1] = f.build() or [Spacer(0, 0)]
            elif f.getKeepWithNext():
                i += 1
            else:
                break

    def _tick(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("The export was cancelled.")
        self._done += 1
        percent = min(99, 100 * self._done // self._pieces)
        if self._progress is not None and percent != self._shown:
            self._shown = percent
            self._progress(percent / 100)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        title, level, key = entry
        if key is None:
            self._outline_keys += 1
            key = f"section-{self._outline_keys}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(
            clean(title).replace("\n", " ")[:200], key, level=level, closed=level > 0
        )
        if isinstance(self.canv, NumberedCanvas):
            self.canv.heading_pages[key] = self.page


UNVERIFIED_BAND = (
    "UNVERIFIED: printed from a database that failed its integrity check (see the cover)"
)


def _unverified_bands(canv: Canvas) -> None:
    """A red band across the top and the bottom of the page: this page proves nothing."""
    canv.saveState()
    width = LETTER[0]
    for y in (LETTER[1] - 20, 4.0):
        canv.setFillColor(UNVERIFIED_RED)
        canv.rect(0, y, width, 15, stroke=0, fill=1)
        canv.setFillColor(colors.white)
        canv.setFont(FONT_BOLD, 8.5)
        canv.drawCentredString(width / 2, y + 4.5, UNVERIFIED_BAND)
    canv.restoreState()
