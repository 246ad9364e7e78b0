"""The prequalification pack's statistics part: the one seam to the statistics engine.

The three-year table (hours worked, injuries by class, frequency rates, and why a year has no
rates) is the one ``domain.statistics`` computes for the statistics page, the command line and
the evidence pack, here from the records the pack has just verified. No hours at all is told
on the first page: without them a client sees counts but no rates.
"""

from __future__ import annotations

from datetime import date

from secor_desktop.domain.statistics import StatisticsTable, statistics_table
from secor_desktop.export.prequal_model import Missing
from secor_desktop.services.pack_source import Snapshot
from secor_desktop.services.statistics import PACK_YEARS, bundled_rules


def statistics_part(
    snapshot: Snapshot, as_of: date
) -> tuple[StatisticsTable | None, list[Missing], list[str]]:
    """The calendar years to ``as_of``'s (three, as clients ask), what is missing (nothing:
    counts always print), and what to check before uploading."""
    table = statistics_table(
        snapshot.records, last_year=as_of.year, years=PACK_YEARS, rules=bundled_rules()
    )
    flags = []
    if table.total.hours == 0:
        flags.append(
            f"No hours worked are recorded for {table.total.label}: the statistics show counts "
            "but no frequency rates. Enter each month's hours (Hours worked) and make this pack "
            "again."
        )
    return table, [], flags
