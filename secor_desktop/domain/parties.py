"""Other workplace parties: where each party's papers stand on a day.

A party's WCB clearance letter, its liability insurance and its workers' tickets expire. They
are warned about as training certificates are (``domain/training.py``: 90, 60 and 30 days
ahead, valid through the expiry day itself, expired from the next), as readiness findings
under the elements that take the register as evidence and as items on the Today page.

The register holds one entry per party, renewed by amending it; should a party have been
entered twice, the entry with the latest date is the party as it stands (so an old letter
that was renewed in a second entry is not warned about forever).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.bodies import OrientationBody, WorkplacePartyBody
from secor_desktop.domain.eligibility import PartySpan
from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.domain.readiness_model import Finding, Severity
from secor_desktop.domain.training import WARN_90, TrainingStatus, training_status

KIND_KEY = "workplace_party"
CLEARANCE = "clearance"
INSURANCE = "insurance"
TICKET = "ticket"
# How an attached file says which paper it is, in its caption or its file name.
PAPER_WORDS = {CLEARANCE: ("clearance", "wcb"), INSURANCE: ("insurance", "liability")}


@dataclass(frozen=True)
class PartyExpiry:
    """One dated paper of a party that is expired or within the 90-day warning."""

    record_id: str
    party: str
    paper: str  # CLEARANCE, INSURANCE or TICKET
    what: str  # in words: "WCB clearance letter", "Jo Roy's Fall protection ticket"
    expiry: date
    status: TrainingStatus
    days_left: int

    @property
    def subject(self) -> str:
        """Whose paper, as a sentence starts: "Acme's WCB clearance letter", or for a
        ticket "Jo Roy's WHMIS ticket (Acme)"."""
        if self.paper == TICKET:
            return f"{self.what} ({self.party})"
        return f"{self.party}'s {self.what}"


def party_key(name: str) -> str:
    """The same party typed with different spacing or case is the same party."""
    return " ".join(name.split()).casefold()


def current_parties(records: Iterable[Record]) -> list[Record]:
    """Each party's entry as it stands: live (not void) entries, the latest-dated per name,
    sorted by name."""
    latest: dict[str, Record] = {}
    for record in records:
        body = record.body
        if record.void_reason is not None or not isinstance(body, WorkplacePartyBody):
            continue
        key = party_key(body.name)
        held = latest.get(key)
        if held is None or (record.event_date, record.id) > (held.event_date, held.id):
            latest[key] = record
    return sorted(latest.values(), key=lambda r: party_key(_body(r).name))


def _body(record: Record) -> WorkplacePartyBody:
    body = record.body
    assert isinstance(body, WorkplacePartyBody)
    return body


def papers(record: Record) -> list[tuple[str, str, date]]:
    """Every dated paper of an entry: (paper, words, expiry)."""
    body = _body(record)
    out: list[tuple[str, str, date]] = []
    if body.clearance_expiry is not None:
        out.append((CLEARANCE, "WCB clearance letter", body.clearance_expiry))
    if body.insurance_expiry is not None:
        out.append((INSURANCE, "liability insurance", body.insurance_expiry))
    for line in body.tickets:
        if line.expiry is not None:
            out.append((TICKET, f"{line.worker}'s {line.ticket} ticket", line.expiry))
    return out


def party_expiries(records: Iterable[Record], as_of: date) -> list[PartyExpiry]:
    """Papers expired or expiring within 90 days on ``as_of``, soonest first."""
    out: list[PartyExpiry] = []
    for record in current_parties(r for r in records if r.event_date <= as_of):
        for paper, what, expiry in papers(record):
            status = training_status(expiry, as_of)
            if status in (TrainingStatus.CURRENT, TrainingStatus.NO_EXPIRY):
                continue
            out.append(
                PartyExpiry(
                    record.id,
                    " ".join(_body(record).name.split()),
                    paper,
                    what,
                    expiry,
                    status,
                    (expiry - as_of).days,
                )
            )
    out.sort(key=lambda e: (e.expiry, e.party, e.what))
    return out


def expiry_sentence(item: PartyExpiry) -> str:
    """What a finding or a due item says about one paper."""
    if item.status is TrainingStatus.EXPIRED:
        return (
            f"{item.subject} expired on {item.expiry.isoformat()}: ask them for "
            "the renewed one and amend their entry in the register."
        )
    days = f"{item.days_left} day{'s' if item.days_left != 1 else ''}"
    return (
        f"{item.subject} expires on {item.expiry.isoformat()} ({days} left, "
        f"{item.status.label.lower()}): ask them for the renewed one."
    )


def party_findings(
    pack: FrameworkPack, records: Iterable[Record], as_of: date
) -> dict[str, list[Finding]]:
    """Each expired or soon-expiring paper, under every element that takes the register as
    evidence ("" when the pack maps it to none: the report's own findings)."""
    codes = [e.code for e in pack.elements if KIND_KEY in e.evidence_kinds] or [""]
    out: dict[str, list[Finding]] = defaultdict(list)
    for item in party_expiries(records, as_of):
        expired = item.status is TrainingStatus.EXPIRED
        severity = (
            Severity.WARNING
            if expired or item.status is TrainingStatus.WITHIN_30
            else Severity.NOTE
        )
        code = "party_expired" if expired else f"party_expiring_{item.status.value}"
        for element in codes:
            out[element].append(
                Finding(
                    element or None,
                    severity,
                    code,
                    expiry_sentence(item),
                    record_id=item.record_id,
                )
            )
    return out


def warn_from(expiry: date) -> date:
    """The first day a paper with this expiry is warned about."""
    return date.fromordinal(expiry.toordinal() - WARN_90)


def party_spans(records: Iterable[Record]) -> list[PartySpan]:
    """What the headcount test needs of each party: how many people, from when to when, and
    the company's own answer on counting it (None: the province rule decides)."""
    spans = []
    for record in current_parties(records):
        body = _body(record)
        people = tuple(dict.fromkeys(" ".join(t.worker.split()) for t in body.tickets))
        spans.append(
            PartySpan(
                record.id,
                " ".join(body.name.split()),
                people,
                record.event_date,
                body.last_day,
                body.counts_toward_headcount,
            )
        )
    return spans


@dataclass(frozen=True)
class PartyEntry:
    """One party as it stands: its entry (with its attached clearance letter and insurance
    certificate files, ``record.attachments``), where its two main papers stand, and the
    orientation records that name it."""

    record: Record
    body: WorkplacePartyBody
    clearance: TrainingStatus
    insurance: TrainingStatus
    orientations: tuple[Record, ...]

    def files_about(self, paper: str) -> tuple[Attachment, ...]:
        """The attached files whose caption or file name says which paper they are
        (CLEARANCE: "clearance" or "WCB"; INSURANCE: "insurance" or "liability"), so a
        prequalification pack can file each under its heading."""
        words = PAPER_WORDS[paper]
        return tuple(
            a
            for a in self.record.attachments
            if any(w in f"{a.caption} {a.filename}".casefold() for w in words)
        )


@dataclass(frozen=True)
class PartyRegister:
    """The register on a day: every party as it stands, and the papers to renew."""

    as_of: date
    entries: tuple[PartyEntry, ...]
    expiries: tuple[PartyExpiry, ...]


def party_register(
    records: Iterable[Record], orientations: Iterable[Record], as_of: date
) -> PartyRegister:
    """The register from the entries and the orientation records (void ones are left out)."""
    listed = list(records)
    by_party: dict[str, list[Record]] = defaultdict(list)
    for record in orientations:
        body = record.body
        if isinstance(body, OrientationBody) and body.party and record.void_reason is None:
            by_party[party_key(body.party)].append(record)
    entries = []
    for record in current_parties(listed):
        body = _body(record)
        oriented = sorted(by_party.get(party_key(body.name), []), key=lambda r: r.event_date)
        entries.append(
            PartyEntry(
                record,
                body,
                training_status(body.clearance_expiry, as_of),
                training_status(body.insurance_expiry, as_of),
                tuple(oriented),
            )
        )
    return PartyRegister(as_of, tuple(entries), tuple(party_expiries(listed, as_of)))
