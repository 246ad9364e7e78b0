"""Building blocks every section uses: headings that become bookmarks, ruled tables, cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import unescape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus.tables import LongTable

from secor_desktop.export.pdf_styles import (
    CELL_CHARS,
    FONT,
    FONT_BOLD,
    HEAD_FILL,
    INK,
    RULE,
    WHITE,
    ZEBRA,
    Styles,
    esc,
    paras,
)

HEADER = ParagraphStyle("TableHeader", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=INK)
BODY_CELL = ParagraphStyle("TableCell", fontName=FONT, fontSize=8, leading=10, textColor=INK)
_TAG = re.compile(r"<[^>]*>")
WIDTH = 504.0  # the frame width: US Letter less 54 pt margins either side
CELL_HEIGHT = 300.0  # no cell is taller: a row (and the repeated header) always fits a page
PADDING = 6.0  # a cell's left plus right padding (see ``grid``)


def heading(text: str, style: Any, level: int, key: str | None = None) -> Paragraph:
    """A heading that also becomes a PDF bookmark (see ``PackDocument.afterFlowable``).

    ``key`` names its destination, so the table of contents can link to it.
    """
    p = Paragraph(esc(text, style.fontName == FONT_BOLD), style)
    p.outline_entry = (text, level, key)
    return p


def split_hash(sha: str) -> str:
    return f"{sha[:32]}<br/>{sha[32:]}" if len(sha) > 32 else sha


SPECIAL_WORDS = {"na": "N/A", "ppe": "PPE", "wcb_claim": "WCB claim"}


def words(value: str) -> str:
    """An enum value or field name as words: 'near_miss' -> 'Near miss', 'na' -> 'N/A'."""
    return SPECIAL_WORDS.get(value) or value.replace("_", " ").capitalize()


CONTINUED = " … <i>(continued below the table)</i>"


class CellText(Paragraph):  # type: ignore[misc]
    """A cell of user text that remembers its text, so ``grid`` can cut it if it is too tall."""

    def __init__(self, text: str, style: ParagraphStyle, owner: Cells, where: str) -> None:
        self.source, self.owner, self.where = text, owner, where
        self.cut = len(text) > CELL_CHARS
        self.bold = style.fontName == FONT_BOLD
        shown = esc(text[:CELL_CHARS], self.bold) + CONTINUED if self.cut else esc(text, self.bold)
        super().__init__(shown, style)
        if self.cut:
            owner.overflow.append((where, text))

    def shortened(self, width: float, where: str) -> Paragraph:
        """The start of the text that fits ``CELL_HEIGHT`` at ``width``; all of it follows the
        table (once). Binary search on the length: only the rare over-tall cell pays for it."""
        text = self.source
        low, high = 0, min(len(text), CELL_CHARS)
        while low < high:
            mid = (low + high + 1) // 2
            _, h = Paragraph(esc(text[:mid], self.bold) + CONTINUED, self.style).wrap(width, 1e9)
            low, high = (mid, high) if h <= CELL_HEIGHT else (low, mid - 1)
        space = max(text.rfind(" ", 0, low), text.rfind("\n", 0, low))
        end = space if space > low // 2 else low
        if not self.cut:
            self.owner.overflow.append((self.where or where, text))
        return Paragraph(esc(text[:end].rstrip(), self.bold) + CONTINUED, self.style)


class Cells:
    """Table cells from user text, with whatever is too long for a cell printed after it.

    A cell holds at most ``CELL_CHARS`` characters and ``CELL_HEIGHT`` points (``grid`` checks
    the height once it knows the column's width): ReportLab cannot split a row, so one taller
    than a page would stop the whole pack. The full text then follows the table, in paragraphs
    that flow across pages.
    """

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.overflow: list[tuple[str, str]] = []

    def __call__(self, text: str, where: str = "", bold: bool = False) -> Paragraph:
        style = self.styles.cell_bold if bold else self.styles.cell
        return CellText(text, style, self, where)

    def flush(self) -> list[Flowable]:
        out: list[Flowable] = []
        for where, text in self.overflow:
            out.append(Paragraph(esc(f"{where or 'Text'} (in full):", True), self.styles.label))
            out.extend(paras(text, self.styles.body))
        self.overflow = []
        return out


def _may_be_tall(text: str, style: ParagraphStyle, width: float) -> bool:
    """A cheap upper bound first: no character is wider than the font size."""
    lines = text.count("\n") + 1 + len(text) * style.fontSize / max(width, 1.0)
    return bool(lines * style.leading > CELL_HEIGHT)


def _bound_heights(data: list[list[Any]], widths: Sequence[float], header: bool) -> None:
    """Cut every user-text cell taller than ``CELL_HEIGHT`` at its column's width."""
    names = [c if isinstance(c, str) else "" for c in data[0]] if header else []
    for row in data[1 if header else 0 :]:
        for i, cell in enumerate(row):
            if not isinstance(cell, CellText):
                continue
            inner = widths[i] - PADDING
            shown = cell.source[:CELL_CHARS]
            if _may_be_tall(shown, cell.style, inner) and cell.wrap(inner, 1e9)[1] > CELL_HEIGHT:
                row[i] = cell.shortened(inner, names[i] if names else "")


class PackTable(LongTable):  # type: ignore[misc]
    """A ``LongTable`` that keeps the style commands it was given (the benchmark rebuilds each
    table bare, with the same cells and commands, to compare against plain ReportLab)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.style_commands: list[tuple[Any, ...]] = []
        super().__init__(*args, **kwargs)

    def setStyle(self, tblstyle: Any) -> None:  # noqa: N802 - ReportLab's name
        commands = tblstyle.getCommands() if hasattr(tblstyle, "getCommands") else tblstyle
        self.style_commands += [tuple(c) for c in commands]
        super().setStyle(tblstyle)


def _measure(cell: Any, bold: bool) -> tuple[str, str, float, bool]:
    """A cell's text, font and size, and whether its words must fit whole (program text:
    dates, numbers, hashes, headers) rather than break (user text, which may be any length)."""
    if isinstance(cell, str):
        return cell, FONT_BOLD if bold else FONT, 8.0, True
    if isinstance(cell, CellText):
        return cell.source[:CELL_CHARS], cell.style.fontName, cell.style.fontSize, False
    if isinstance(cell, Paragraph):
        text = _TAG.sub(" ", cell.text.replace("<br/>", "\n"))
        return unescape(text), cell.style.fontName, cell.style.fontSize, True
    return "", FONT, 8.0, False


def fitted_widths(rows: Sequence[Sequence[Any]], total: float = WIDTH) -> list[float]:
    """Column widths from the content: no column narrower than its longest header word (or
    date, number, hash or other program text), the rest of ``total`` shared by how much each
    column's widest cell would like, so that long user text wraps in the wide columns."""
    count = len(rows[0])
    least, want = [0.0] * count, [0.0] * count
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            text, font, size, rigid = _measure(cell, bold=r == 0)
            if not text:
                continue
            natural = max(stringWidth(line, font, size) for line in text.split("\n"))
            if rigid and r and isinstance(cell, str):  # a date, number or label: one line
                least[i] = max(least[i], min(natural, total / 3) + PADDING)
            elif rigid:  # a header or a hash: its words whole
                longest = max((stringWidth(w, font, size) for w in text.split()), default=0.0)
                least[i] = max(least[i], min(longest, total / 2) + PADDING)
            want[i] = max(want[i], min(natural, total) + PADDING)
    want = [max(w, lo) for w, lo in zip(want, least, strict=True)]
    if sum(want) <= total:
        return [w * total / sum(want) for w in want]
    spare = total - sum(least)
    if spare <= 0:
        return [lo * total / sum(least) for lo in least]
    extra = [w - lo for w, lo in zip(want, least, strict=True)]
    return [lo + spare * e / sum(extra) for lo, e in zip(least, extra, strict=True)]


def _wrap_wide_strings(data: list[list[Any]], widths: Sequence[float], header: bool) -> None:
    """A plain string wider than its column becomes a paragraph, so it wraps instead of
    running into the next column."""
    for row in data[1 if header else 0 :]:
        for i, cell in enumerate(row):
            if isinstance(cell, str) and stringWidth(cell, FONT, 8) > widths[i] - PADDING:
                row[i] = Paragraph(esc(cell), BODY_CELL)


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None = None,
    header: bool = True,
    zebra: bool = True,
) -> PackTable:
    """A ruled table with a shaded header row repeated on every page it spans; without
    ``widths``, the columns are sized from their content (``fitted_widths``).

    ``LongTable`` measures rows only until the page is full when it splits, so a register of
    thousands of rows lays out in linear time.
    """
    data = [list(row) for row in rows]
    if widths is None:
        widths = fitted_widths(data)
    _bound_heights(data, widths, header)
    _wrap_wide_strings(data, widths, header)
    if header:
        data[0] = [Paragraph(esc(c), HEADER) if isinstance(c, str) else c for c in data[0]]
    table = PackTable(data, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [WHITE, ZEBRA]))
    table.setStyle(TableStyle(commands))
    return table


def key_values(pairs: Sequence[tuple[str, str]], s: Styles, cells: Cells) -> PackTable:
    rows = [[Paragraph(esc(k), s.label), cells(v, k)] for k, v in pairs]
    return grid(rows, [130, WIDTH - 130], header=False)
