"""The injury statistics table in the evidence pack, under the element for records and
statistics: hours, cases by class, person-years and frequency rates, three years and their
total, with why a year has no rates and what the words mean."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, TableStyle

from secor_desktop.domain import statistics_text
from secor_desktop.domain.statistics import StatisticsTable
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_styles import Styles, esc
from secor_desktop.export.pdf_table import WIDTH, grid, heading

TITLE = "Injury statistics"


def statistics_section(ctx: Ctx) -> list[Flowable]:
    """The table under its element in the evidence pack (nothing when the pack has none)."""
    table = ctx.pack.statistics
    return [] if table is None else statistics_flowables(table, ctx.s)


def statistics_flowables(table: StatisticsTable, s: Styles) -> list[Flowable]:
    """The heading, the table and its notes: for any PDF that prints the statistics (the
    evidence pack, the prequalification pack)."""
    header, body = statistics_text.grid(table)
    out: list[Flowable] = [
        heading(f"{TITLE}, {table.total.label}", s.h2, 1, "statistics"),
        Paragraph(
            "Hours from the monthly hours records; cases from the incidents (by their "
            "classification) and the first-aid log, void records left out. Figures to the "
            "end of each calendar year.",
            s.body,
        ),
    ]
    first = 190.0
    rest = (WIDTH - first) / (len(header) - 1)
    rows: list[list[Any]] = [header, *body]
    figures = grid(rows, [first, *([rest] * (len(header) - 1))])
    figures.setStyle(TableStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    out.append(figures)
    out += [Paragraph(esc(note), s.small) for note in statistics_text.notes(table)]
    return out
