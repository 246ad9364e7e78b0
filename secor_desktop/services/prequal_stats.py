"""The prequalification pack's statistics part: the one seam to the statistics engine.

The three-year table (hours worked, injuries by class, frequency rates) is computed by the
statistics domain; this module turns it into the rows the pack prints, or says why there is no
table. Kept apart so the pack's other parts never depend on how statistics are computed.
"""

from __future__ import annotations

from datetime import date

from secor_desktop.export.prequal_model import Missing, Part, TextTable
from secor_desktop.services.pack_source import Snapshot

NOT_AVAILABLE = Missing(
    Part.STATISTICS,
    "The three-year statistics table is not available in this version of SECOR Desktop.",
    "Give the service your yearly injury statistics and hours worked from your own records "
    "(or your WCB employer account) until a version with the statistics table is installed.",
)


def statistics_part(snapshot: Snapshot, as_of: date) -> tuple[TextTable | None, list[Missing]]:
    """The three-year table as printed, or why there is none."""
    return None, [NOT_AVAILABLE]
