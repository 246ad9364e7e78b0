"""What the prequalification pack holds, apart from how it is drawn (``prequal_pdf``).

A hiring client's prequalification service (ISNetworld, Avetta, ComplyWorks,
ContractorXchange) asks for seven things. The pack has a part for each, in a fixed order, and
its first page lists every part that could not be included, with what to do about it: a
reviewer must never take a silently missing part for a clean record. Free of ReportLab, so the
model can be built and checked without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from secor_desktop.domain.statistics import StatisticsTable
from secor_desktop.export.manual_model import Manual


class Part(StrEnum):
    """The pack's parts, in the order they print."""

    CERTIFICATE = "certificate"
    EVALUATION = "evaluation"
    STATISTICS = "statistics"
    CLEARANCE = "clearance"
    INSURANCE = "insurance"
    MANUAL = "manual"
    TRAINING = "training"

    @property
    def label(self) -> str:
        return PART_TITLES[self]

    @property
    def number(self) -> int:
        return list(Part).index(self) + 1


PART_TITLES: dict[Part, str] = {
    Part.CERTIFICATE: "SECOR certificate",
    Part.EVALUATION: "Latest self-evaluation summary",
    Part.STATISTICS: "Injury statistics, three years",
    Part.CLEARANCE: "WCB clearance letter",
    Part.INSURANCE: "Liability insurance certificate",
    Part.MANUAL: "Health and safety manual",
    Part.TRAINING: "Training matrix",
}


@dataclass(frozen=True)
class PaperFile:
    """A file attached to a paper, and the name of its copy in the originals folder."""

    filename: str
    media_type: str
    size: int
    sha256: str
    saved_as: str


@dataclass(frozen=True)
class PaperEntry:
    """One certificate or letter as the pack prints it."""

    title: str
    issued: date
    expiry: date | None
    status: str  # "Current", "Expires within 30 days", "Expired", "No expiry"
    expired: bool
    signed: bool
    summary: str
    files: tuple[PaperFile, ...] = ()


@dataclass(frozen=True)
class ElementLine:
    code: str
    name: str
    pct: float | None  # None when the element has no points to score
    meets_floor: bool | None


@dataclass(frozen=True)
class EvaluationSummary:
    """The newest saved self-evaluation, scored; ``elements`` is empty when it was made with
    another framework than the company's (it cannot be scored by this one)."""

    eval_date: date
    audit_type: str
    external: bool
    auditor: str
    framework: str
    overall_pct: float | None
    passed: bool | None
    pass_rule: str
    elements: tuple[ElementLine, ...] = ()


@dataclass(frozen=True)
class TextTable:
    """A table as printed: headers, rows of text, and notes under it (sources, thresholds)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrainingLine:
    worker: str
    course: str
    completed: date
    expiry: date | None
    status: str
    expired: bool


@dataclass(frozen=True)
class Missing:
    """A part not included: why, and what the company does to include it next time."""

    part: Part
    reason: str
    what_to_do: str


@dataclass(frozen=True)
class PrequalPack:
    company_name: str
    province: str
    wcb_account: str
    certifying_partner: str
    generated_on: date
    chain_head: str
    revisions: int
    certificate: tuple[PaperEntry, ...] = ()
    clearances: tuple[PaperEntry, ...] = ()
    insurance: tuple[PaperEntry, ...] = ()
    evaluation: EvaluationSummary | None = None
    statistics: StatisticsTable | None = None
    manual: Manual | None = None
    training: tuple[TrainingLine, ...] = ()
    missing: tuple[Missing, ...] = ()
    flags: tuple[str, ...] = ()  # expired or expiring papers, told on the first page
    subcontractors: TextTable | None = None  # other parties' letters, where kept
    party_files: tuple[PaperFile, ...] = ()  # their clearance and insurance files

    def included(self, part: Part) -> bool:
        return all(m.part is not part for m in self.missing)

    @property
    def files(self) -> tuple[PaperFile, ...]:
        """Every paper's file that goes in the originals folder, in part order."""
        own = (*self.certificate, *self.clearances, *self.insurance)
        return (*(f for e in own for f in e.files), *self.party_files)


MANUAL_FILE = "6-health-and-safety-manual.pdf"
"""The manual's own PDF in the originals folder (a portal often wants it uploaded apart)."""


@dataclass
class Notes:
    """Problems met while drawing (an attached PDF that cannot be read), for the summary."""

    warnings: list[str] = field(default_factory=list)
