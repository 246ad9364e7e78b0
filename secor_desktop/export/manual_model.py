"""What the program manual holds, apart from how it is drawn (``manual_pdf``).

Kept free of ReportLab so the services that build a manual (and the window that lists the
program's documents) load without it: ReportLab is imported only when a PDF is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ManualDocument:
    title: str
    version: str
    text: str
    approved_by: str
    approved_on: date | None
    review_due: date | None
    acknowledged_by: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()  # names of the framework documents it fulfils
    newer_draft: bool = False  # changed since signing: this signed version stays in force


@dataclass(frozen=True)
class Manual:
    company_name: str
    made_on: date
    documents: tuple[ManualDocument, ...]
    drafts_left_out: tuple[str, ...] = ()
