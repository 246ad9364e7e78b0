"""The statistics table as lines of words and figures, the same on screen, paper and terminal.

``grid(table)`` gives the header (the years, then the total) and one line per measure; a rate
not worked out is a dash, and ``notes(table)`` says why, year by year, then the definitions.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from secor_desktop.domain.statistics import (
    CLASS_LABELS,
    Rates,
    StatisticsRow,
    StatisticsTable,
    definitions,
)

NOT_SHOWN = "—"

Measure = Callable[[StatisticsRow], str]


def _whole(n: int) -> str:
    return f"{n:,}"


def _decimal(value: Decimal) -> str:
    return f"{value:,.2f}"


def _rate(pick: Callable[[Rates], Decimal]) -> Measure:
    def cell(row: StatisticsRow) -> str:
        return NOT_SHOWN if row.rates is None else _decimal(pick(row.rates))

    return cell


def _class_count(cls: object) -> Measure:
    def cell(row: StatisticsRow) -> str:
        return _whole(row.counts[cls])  # type: ignore[index]

    return cell


def measures(table: StatisticsTable) -> list[tuple[str, Measure]]:
    """Each line's label and how to read its cell from a row."""
    base = f"{table.rules.rate_base_hours:,}"
    lines: list[tuple[str, Measure]] = [
        ("Hours worked", lambda r: _whole(r.hours)),
        ("Months with hours", lambda r: _whole(r.months_recorded)),
        ("Person-years", lambda r: _decimal(r.person_years)),
    ]
    lines += [(label, _class_count(cls)) for cls, label in CLASS_LABELS.items()]
    lines += [
        ("Incidents not classified", lambda r: _whole(r.unclassified)),
        ("Recordable cases", lambda r: _whole(r.recordable)),
        ("Days lost", lambda r: _whole(r.days_lost)),
        ("Days on modified work", lambda r: _whole(r.days_modified)),
        (f"Lost-time frequency (per {base} h)", _rate(lambda x: x.lost_time_frequency)),
        (f"Recordable frequency (per {base} h)", _rate(lambda x: x.recordable_frequency)),
        ("Lost time per 100 person-years", _rate(lambda x: x.lost_time_per_100_person_years)),
        ("Recordable per 100 person-years", _rate(lambda x: x.recordable_per_100_person_years)),
    ]
    return lines


def grid(table: StatisticsTable) -> tuple[list[str], list[list[str]]]:
    """The header (the measure column, each year, the total) and one line per measure."""
    rows = [*table.rows, table.total]
    header = ["", *(row.label for row in rows)]
    body = [[label, *(cell(row) for row in rows)] for label, cell in measures(table)]
    return header, body


def notes(table: StatisticsTable) -> list[str]:
    """Why a year has no rates (one line each), then what the words mean."""
    out = [
        f"{row.label}: {row.no_rates_reason}"
        for row in (*table.rows, table.total)
        if row.no_rates_reason
    ]
    return out + list(definitions(table.rules))


def as_text(table: StatisticsTable) -> str:
    """The table for a terminal: columns padded, then the notes."""
    header, body = grid(table)
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    lines = []
    for line in (header, *body):
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(widths[i]) for i, cell in enumerate(line) if i]
        lines.append("  ".join(cells).rstrip())
    return "\n".join([*lines, "", *(f"- {note}" for note in notes(table))]) + "\n"
