"""The links between H&S meetings and the inspections and investigations they took part in.

Read both ways: the meeting's editor offers the records it may link (and names those it
does), and an inspection's or incident's editor says which meetings reviewed it. The
check that a saved link names the right kind of record is in ``RecordService`` (one rule,
``domain/links``, for every kind that declares links).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.links import linked_from, linked_ids
from secor_desktop.domain.model import Record
from secor_desktop.domain.months import add_months
from secor_desktop.domain.registry import specs
from secor_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork

CHOICE_MONTHS = 12  # the records offered for linking: those of the last year
MAX_CHOICES = 300


@dataclass(frozen=True)
class LinkChoice:
    """A record as a link picker or a "reviewed at" line shows it."""

    id: str
    kind: RecordKind
    title: str
    event_date: date
    void: bool = False

    @property
    def text(self) -> str:
        gone = " (void)" if self.void else ""
        return f"{self.event_date.isoformat()} · {self.title}{gone}"


def _choice(record: Record) -> LinkChoice:
    return LinkChoice(
        record.id, record.kind, record.title, record.event_date, record.void_reason is not None
    )


class LinkService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def choices(self, kind: RecordKind, keep: tuple[str, ...] = ()) -> list[LinkChoice]:
        """Records of ``kind`` that may be linked, newest first: those of the last year that
        are not void, and any already linked (``keep``) whatever their date or state."""
        since = add_months(self.ctx.clock.today(), -CHOICE_MONTHS)
        with self.ctx.uow() as uow:
            recent = uow.list_records(kind, date_from=since)
            kept = uow.list_records(ids=keep) if keep else []
        found = {r.id: r for r in recent if r.void_reason is None}
        found.update({r.id: r for r in kept})
        newest = sorted(found.values(), key=lambda r: (r.event_date, r.id), reverse=True)
        shown = newest[:MAX_CHOICES] + [r for r in newest[MAX_CHOICES:] if r.id in keep]
        return [_choice(r) for r in shown]

    def titles(self, record: Record) -> dict[str, LinkChoice]:
        """The records a record links to, by id (a record since removed is absent)."""
        ids = linked_ids(record)
        if not ids:
            return {}
        with self.ctx.uow() as uow:
            return {r.id: _choice(r) for r in uow.list_records(ids=ids)}

    def reviewed_at(self, record_id: str) -> list[LinkChoice]:
        """The records (H&S meetings) that link to this one and are not void, oldest first."""
        with self.ctx.uow() as uow:
            return [_choice(r) for r in linking_records(uow).get(record_id, ())]


def linking_records(uow: SqlUnitOfWork) -> dict[str, tuple[Record, ...]]:
    """Every record id named by a record of a kind that declares links, with those records."""
    kinds = [spec.kind for spec in specs() if spec.links]
    records = [r for kind in kinds for r in uow.list_records(kind)]
    return linked_from(records)


__all__ = ["LinkChoice", "LinkService", "linking_records"]
