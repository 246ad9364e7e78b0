"""The company's own papers for a prequalification service, and where each one stands.

ISNetworld, Avetta, ComplyWorks and ContractorXchange ask a contractor for its SECOR
certificate, its WCB clearance letter and its liability insurance certificate. Each is kept as a
program administration record of its own type (``AdminType.SECOR_CERTIFICATE``,
``WCB_CLEARANCE``, ``INSURANCE_CERTIFICATE``): the record's date is the day the paper was
issued, ``AdminBody.expiry`` the day it stops holding, and the scan is the record's attached
file. No new record kind: the papers are hashed, signed, backed up and verified like every
other record.

Pure: which paper is current, and whether it has expired, from the records and a day alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.bodies import AdminBody, AdminType
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.domain.training import TrainingStatus, training_status

PAPER_TYPES = (
    AdminType.SECOR_CERTIFICATE,
    AdminType.WCB_CLEARANCE,
    AdminType.INSURANCE_CERTIFICATE,
)

PAPER_NAMES: dict[AdminType, str] = {
    AdminType.SECOR_CERTIFICATE: "SECOR certificate",
    AdminType.WCB_CLEARANCE: "WCB clearance letter",
    AdminType.INSURANCE_CERTIFICATE: "Liability insurance certificate",
}


@dataclass(frozen=True)
class Paper:
    """One paper as of a day: its record, until when it holds, and whether it still does."""

    record: Record
    expiry: date | None
    status: TrainingStatus  # the same 90/60/30-day windows as a worker's certificate

    @property
    def expired(self) -> bool:
        return self.status is TrainingStatus.EXPIRED

    @property
    def has_file(self) -> bool:
        return bool(self.record.attachments)


def papers_of(records: Iterable[Record], paper_type: AdminType, as_of: date) -> list[Paper]:
    """Every paper of this type that is not void, newest issue first (ties: later expiry).

    Drafts count: a scanned letter is a fact whether or not anyone signed the record; the
    pack says which are signed.
    """
    found = [
        r
        for r in records
        if r.kind is RecordKind.ADMIN
        and r.status is not RecordStatus.VOID
        and isinstance(r.body, AdminBody)
        and r.body.admin_type is paper_type
        and r.event_date <= as_of
    ]

    def expiry(r: Record) -> date | None:
        assert isinstance(r.body, AdminBody)
        return r.body.expiry

    found.sort(key=lambda r: (r.event_date, expiry(r) or date.max, r.id), reverse=True)
    return [Paper(r, expiry(r), training_status(expiry(r), as_of)) for r in found]


def papers_to_send(papers: list[Paper], several: bool) -> list[Paper]:
    """What the pack sends of one type, newest first.

    The papers that still hold and have their file; with ``several`` (clearance letters from
    more than one province, more than one insurance policy) all of them, else the newest.
    When none holds: the newest paper with a file (flagged expired), else the newest paper
    (its missing file is named), else nothing.
    """
    holding = [p for p in papers if p.has_file and not p.expired]
    if holding:
        return holding if several else holding[:1]
    with_file = [p for p in papers if p.has_file]
    return (with_file or papers)[:1]
