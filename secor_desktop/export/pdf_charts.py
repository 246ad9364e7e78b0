"""Charts and the QR code, drawn with reportlab.graphics (vector, so they print sharply).

Text in a chart is drawn straight onto the canvas, never parsed as markup, but it still goes
through ``plain`` so a character the fonts lack prints as U+FFFD, not as a blank box.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from secor_desktop.domain.ledger import ChainHead
from secor_desktop.domain.readiness_model import ReadinessReport, Status
from secor_desktop.export.pack_model import ScoredEvaluation
from secor_desktop.export.pdf_styles import (
    ACCENT,
    BAD,
    FAIR,
    FONT,
    FONT_BOLD,
    GOOD,
    INK,
    MUTED,
    RULE,
    ZEBRA,
    plain,
)

STATUS_COLOURS = {Status.THREE_YEAR: GOOD, Status.ONE_YEAR: FAIR, Status.NOT_READY: BAD}
QR_FORMAT = "secor-chain-head/1"


def _fit(text: str, font: str, size: float, width: float) -> str:
    text = plain(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _drawing(width: float, height: float, **kw: Any) -> Drawing:
    """A drawing whose renderer starts in DejaVu Sans: else it sets Helvetica, which then
    appears, unembedded, in the PDF's font list."""
    d = Drawing(width, height, **kw)
    d.initialFontName = FONT
    return d


def _text(
    d: Drawing,
    x: float,
    y: float,
    text: str,
    size: float = 7,
    colour: Any = MUTED,
    anchor: str = "start",
    bold: bool = False,
) -> None:
    font = FONT_BOLD if bold else FONT
    d.add(String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor))


def readiness_chart(report: ReadinessReport, width: float) -> Drawing:
    """One bar per element: months its records span, against the one- and three-year marks."""
    row, top, bottom, label_w = 17.0, 22.0, 22.0, 170.0
    elements = report.elements
    rows_h = row * len(elements)
    d = _drawing(width, top + rows_h + bottom)
    longest = max([e.span_months for e in elements] + [report.three_year_months])
    scale_max = max(15, longest + 1)
    x0, x1 = label_w, width - 20
    per_month = (x1 - x0) / scale_max

    def x_of(months: float) -> float:
        return x0 + months * per_month

    d.add(Rect(x0, bottom, x1 - x0, rows_h, fillColor=ZEBRA, strokeColor=None))
    for months in range(0, scale_max + 1, 3):
        x = x_of(months)
        d.add(Line(x, bottom, x, bottom - 3, strokeColor=MUTED, strokeWidth=0.5))
        _text(d, x, bottom - 11, str(months), anchor="middle")
    _text(d, (x0 + x1) / 2, bottom - 20, "months of records, first to latest", anchor="middle")
    no_span: list[tuple[float, float]] = []
    for i, e in enumerate(elements):
        y = bottom + row * (len(elements) - 1 - i)
        _text(d, 0, y + 5, _fit(f"{e.code}  {e.name}", FONT, 8, label_w - 8), 8, INK)
        colour = STATUS_COLOURS[e.status]
        if e.span_required:
            length = max(e.span_months, 0.15) * per_month
            d.add(Rect(x0, y + 3.5, length, row - 7, fillColor=colour, strokeColor=None))
            _text(d, x0 + length + 3, y + 5, str(e.span_months), 7.5, INK, bold=True)
        else:
            d.add(Rect(x0, y + 3.5, 4, row - 7, fillColor=colour, strokeColor=None))
            no_span.append((x0 + 8, y))
    for months, words in (
        (report.one_year_months, "one-year"),
        (report.three_year_months, "three-year"),
    ):
        x = x_of(months)
        d.add(
            Line(
                x,
                bottom,
                x,
                bottom + rows_h + 4,
                strokeColor=ACCENT,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
        _text(
            d, x, bottom + rows_h + 7, f"{months} months: {words}", colour=ACCENT, anchor="middle"
        )
    note = "no span required: judged on its documents and records"
    note_w = stringWidth(note, FONT, 7)
    for x, y in no_span:
        d.add(Rect(x - 2, y + 3, note_w + 4, row - 6, fillColor=ZEBRA, strokeColor=None))
        _text(d, x, y + 5, note)
    return d


def legend(width: float) -> Drawing:
    d = _drawing(width, 14)
    x = 0.0
    for status, text in (
        (Status.THREE_YEAR, "Ready: three-year"),
        (Status.ONE_YEAR, "Ready: one-year"),
        (Status.NOT_READY, "Not ready"),
    ):
        d.add(Rect(x, 3, 9, 8, fillColor=STATUS_COLOURS[status], strokeColor=None))
        d.add(String(x + 13, 4, text, fontName=FONT, fontSize=7.5, fillColor=INK))
        x += 22 + stringWidth(text, FONT, 7.5)
    return d


def trend_chart(
    points: Sequence[ScoredEvaluation], pass_pct: float, width: float, height: float = 150.0
) -> Drawing:
    """Overall score of each saved evaluation, oldest first, against the pass mark."""
    d = _drawing(width, height)
    left, right, bottom, top = 34.0, 16.0, 30.0, 12.0
    plot_w, plot_h = width - left - right, height - bottom - top

    def y_of(percent: float) -> float:
        return bottom + plot_h * percent / 100

    d.add(Rect(left, bottom, plot_w, plot_h, fillColor=ZEBRA, strokeColor=RULE, strokeWidth=0.5))
    for grid_pct in range(0, 101, 20):
        y = y_of(grid_pct)
        d.add(Line(left, y, left + plot_w, y, strokeColor=colors.white, strokeWidth=0.8))
        _text(d, left - 4, y - 2.5, f"{grid_pct}%", anchor="end")
    y_pass = y_of(pass_pct)
    d.add(
        Line(
            left,
            y_pass,
            left + plot_w,
            y_pass,
            strokeColor=BAD,
            strokeWidth=0.8,
            strokeDashArray=[3, 2],
        )
    )
    _text(d, left + plot_w - 2, y_pass + 3, f"pass mark {pass_pct:g}%", colour=BAD, anchor="end")
    step = plot_w / max(len(points), 1)
    placed: list[tuple[float, float | None, ScoredEvaluation]] = []
    for i, p in enumerate(points):
        pct = p.score.overall_pct
        placed.append((left + step * (i + 0.5), None if pct is None else y_of(pct), p))
    line = [c for px, py, _ in placed if py is not None for c in (px, py)]
    if len(line) >= 4:
        d.add(PolyLine(line, strokeColor=ACCENT, strokeWidth=1.2))
    for px, py, p in placed:
        _text(d, px, bottom - 11, p.evaluation.eval_date.isoformat(), colour=INK, anchor="middle")
        _text(d, px, bottom - 20, p.evaluation.audit_type.value, 6.5, anchor="middle")
        if py is None:
            continue
        colour = GOOD if p.score.passed else BAD
        d.add(Circle(px, py, 3, fillColor=colour, strokeColor=colors.white, strokeWidth=0.8))
        _text(d, px, py + 6, f"{p.score.overall_pct:.1f}%", 7.5, INK, "middle", bold=True)
    return d


def qr_text(head: ChainHead) -> str:
    return f"{QR_FORMAT};count={head.count};sha256={head.sha256}"


def chain_qr(head: ChainHead, size: float) -> Drawing:
    """The chain head as a QR code an auditor can scan to compare with what they were given."""
    widget = QrCodeWidget(qr_text(head), barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    w, h = x1 - x0, y1 - y0
    d = _drawing(size, size, transform=[size / w, 0, 0, size / h, 0, 0])
    d.add(widget)
    return d
