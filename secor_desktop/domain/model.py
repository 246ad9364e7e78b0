"""The entities of a safety program: company, sites, workers, records, corrective actions.

All frozen: a Qt model or a PDF holding one can never trigger a database load or change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.kinds import (
    DEFAULT_FREQUENCIES,
    ActionStatus,
    EmploymentType,
    Frequency,
    Province,
    RecordKind,
    RecordStatus,
    SignatureMeaning,
)

DEFAULT_FRAMEWORK_ID = "secor-9-element"
# An entry made more than this many days after its event is flagged as late (possible
# back-dating); the company may change it.
DEFAULT_LATE_ENTRY_DAYS = 7


# The company profile's default frequencies, frozen as they were when the canonical form was:
# a profile saved with the defaults stores no frequencies (the codec leaves out a field at its
# default), so this default must never change, or every such profile would stop matching its
# signed revision on ``verify``. A kind declared later is not in it: where a frequency is
# looked up, a kind missing from the profile falls back to its declared default
# (``frequency_of``). Keys are the kinds' stored strings.
FROZEN_DEFAULT_FREQUENCIES: dict[str, Frequency] = {
    "hazard_assessment": Frequency.QUARTERLY,
    "flha": Frequency.DAILY,
    "inspection": Frequency.WEEKLY,
    "toolbox_talk": Frequency.WEEKLY,
    "training": Frequency.AS_NEEDED,
    "orientation": Frequency.AS_NEEDED,
    "incident": Frequency.AS_NEEDED,
    "emergency_plan": Frequency.YEARLY,
    "drill": Frequency.QUARTERLY,
    "document": Frequency.YEARLY,
    "first_aid": Frequency.AS_NEEDED,
    "admin": Frequency.QUARTERLY,
}


def _frozen_default() -> dict[RecordKind, Frequency]:
    return {RecordKind(k): v for k, v in FROZEN_DEFAULT_FREQUENCIES.items()}


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    province: Province
    wcb_account: str = ""
    certifying_partner: str = ""
    framework_id: str = DEFAULT_FRAMEWORK_ID
    frequencies: dict[RecordKind, Frequency] = field(default_factory=_frozen_default)
    planned_audit_date: date | None = None
    certificate_date: date | None = None
    late_entry_days: int = DEFAULT_LATE_ENTRY_DAYS

    def frequency_of(self, kind: RecordKind) -> Frequency:
        """The declared frequency of ``kind``: the profile's, else the kind's own default (a
        kind added after the profile was saved), else as needed (a kind no longer declared)."""
        found = self.frequencies.get(kind)
        if found is None:
            found = DEFAULT_FREQUENCIES.get(kind, Frequency.AS_NEEDED)
        return found

    def with_every_frequency(self) -> Company:
        """The profile with a frequency for every registered kind, as a form that lists them
        all shows it (so opening a profile saved before a kind existed is not an edit)."""
        every = {kind: self.frequency_of(kind) for kind in RecordKind}
        return replace(self, frequencies={**self.frequencies, **every})


@dataclass(frozen=True, slots=True)
class Site:
    """A work site. ``active`` is the switch the user flips; ``active_from``/``active_to``
    bound the days work happens there (a closed site needs no daily hazard assessment)."""

    id: str
    name: str
    address: str = ""
    active: bool = True
    active_from: date | None = None
    active_to: date | None = None

    def active_on(self, day: date) -> bool:
        """Work happens on the site that day: switched on and inside its dates, if any."""
        if not self.active:
            return False
        if self.active_from is not None and day < self.active_from:
            return False
        return self.active_to is None or day <= self.active_to


@dataclass(frozen=True, slots=True)
class Worker:
    id: str
    name: str
    role: str
    employment_type: EmploymentType
    start_date: date
    end_date: date | None = None
    contact: str = ""
    is_owner: bool = False

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo or scanned file, stored once by content hash in the blob store."""

    sha256: str
    filename: str
    media_type: str
    size: int
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    """A signer's mark, bound to the exact content it signed by ``content_sha256``."""

    id: str
    signer_id: str
    signer_name: str
    meaning: SignatureMeaning
    signed_at: datetime
    image_sha256: str
    content_sha256: str


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    kind: RecordKind
    title: str
    event_date: date
    site_id: str | None
    body: Body
    attachments: tuple[Attachment, ...] = ()
    signatures: tuple[Signature, ...] = ()
    void_reason: str | None = None
    voided_at: datetime | None = None
    content_sha256: str = ""
    # The hash of the sign-in sheet: the content without its sign-in lists (attendees, crew,
    # participants). Equal to ``content_sha256`` for kinds without such lists. Not stored:
    # recomputed whenever the content hash is (see canonical.with_content_hash).
    sheet_sha256: str = ""

    @property
    def status(self) -> RecordStatus:
        if self.void_reason is not None:
            return RecordStatus.VOID
        if self.current_signatures:
            return RecordStatus.SIGNED
        return RecordStatus.DRAFT

    @property
    def current_signatures(self) -> tuple[Signature, ...]:
        """Signatures made on the record as it stands now (not on an earlier revision): on its
        whole content, or on its sign-in sheet (see domain/signing.py)."""
        content, sheet = self.content_sha256, self.sheet_sha256
        return tuple(
            s
            for s in self.signatures
            if s.content_sha256 == content or (sheet and s.content_sha256 == sheet)
        )

    @property
    def is_locked(self) -> bool:
        return self.status is not RecordStatus.DRAFT


@dataclass(frozen=True, slots=True)
class CorrectiveAction:
    id: str
    description: str
    due_date: date
    created_date: date
    source_record_id: str | None = None
    owner_id: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_date: date | None = None
    closure_note: str = ""

    def overdue_on(self, day: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due_date < day


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """One link of the record chain, as stored: what changed, when, why, and its hashes."""

    seq: int
    entity_type: str
    entity_id: str
    revision: int
    event_date: date | None
    entered_at: datetime
    reason: str | None
    content_sha256: str
    chain_sha256: str
    flags: tuple[str, ...]
