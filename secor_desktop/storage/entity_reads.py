"""Reads of the current tables, handed back as domain objects (no ORM object leaves here)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.projection import Projection
from secor_desktop.domain.readiness_input import RecordFacts
from secor_desktop.storage import mapping, projection
from secor_desktop.storage.rows import (
    ActionRow,
    AttachmentRow,
    CompanyRow,
    EvaluationRow,
    RecordRow,
    SignatureRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.session_bound import SessionBound

_RECORDS = RecordRow.__table__
_ATTACHMENTS = AttachmentRow.__table__
_SIGNATURES = SignatureRow.__table__


class EntityReads(SessionBound):
    def get_company(self) -> Company | None:
        row = self.session.get(CompanyRow, 1)
        return mapping.company_from_row(row) if row else None

    def list_sites(self) -> list[Site]:
        rows = self.session.scalars(select(SiteRow).order_by(SiteRow.name))
        return [mapping.site_from_row(r) for r in rows]

    def get_site(self, site_id: str) -> Site | None:
        row = self.session.get(SiteRow, site_id)
        return mapping.site_from_row(row) if row else None

    def list_workers(self) -> list[Worker]:
        rows = self.session.scalars(select(WorkerRow).order_by(WorkerRow.name))
        return [mapping.worker_from_row(r) for r in rows]

    def get_worker(self, worker_id: str) -> Worker | None:
        row = self.session.get(WorkerRow, worker_id)
        return mapping.worker_from_row(row) if row else None

    def get_record(self, record_id: str) -> Record | None:
        return read_record(self.session, record_id)

    def list_records(
        self,
        kind: RecordKind | None = None,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        ids: Collection[str] | None = None,
    ) -> list[Record]:
        """Records with their signatures and attachments, in date order (3 queries in all).

        ``ids`` limits the list to those records (a few thousand at most: one IN list). The
        attachments and signatures are filtered by the same conditions in SQL, so reading a
        few changed records never walks every attachment and signature of the database.
        """
        # Plain rows, not ORM objects: nothing here is changed and saved back, and building
        # 100,000 tracked instances costs more than decoding the records themselves.
        query = select(_RECORDS).order_by(_RECORDS.c.event_date, _RECORDS.c.id)
        chosen: Select[Any] | list[str] | None = None
        if ids is not None:
            chosen = list(ids)
            query = query.where(_RECORDS.c.id.in_(chosen))
        conditions = []
        if kind is not None:
            conditions.append(_RECORDS.c.kind == kind.value)
        if date_from is not None:
            conditions.append(_RECORDS.c.event_date >= date_from)
        if date_to is not None:
            conditions.append(_RECORDS.c.event_date <= date_to)
        if conditions:
            query = query.where(*conditions)
            chosen = select(_RECORDS.c.id).where(*conditions)
            if ids is not None:
                chosen = chosen.where(_RECORDS.c.id.in_(list(ids)))
        rows = self.session.execute(query).all()
        atts = _by_record(self._children(_ATTACHMENTS, chosen))
        sigs = _by_record(self._children(_SIGNATURES, chosen))
        return [
            mapping.record_from_rows(
                cast(RecordRow, r),
                cast(list[AttachmentRow], atts.get(r.id, [])),
                cast(list[SignatureRow], sigs.get(r.id, [])),
            )
            for r in rows
        ]

    def _children(self, table: Any, chosen: Select[Any] | list[str] | None) -> Iterable[Any]:
        """A record table's child rows (attachments or signatures) of the chosen records."""
        query = select(table)
        if chosen is not None:
            query = query.where(table.c.record_id.in_(chosen))
        return self.session.execute(query)

    def readiness_facts(
        self, as_of: date, details: Collection[RecordKind], sources: Collection[str] = ()
    ) -> RecordFacts:
        """What readiness reads of the records on ``as_of``, from the stored projection
        (nothing decoded: ``storage.projection``), with the few entries of the register of
        other workplace parties decoded (their papers' expiries)."""
        facts = projection.record_facts(self.session, as_of, details, sources)
        register = self.list_records(RecordKind(PARTY_KIND), date_to=as_of)
        return replace(facts, register=tuple(register))

    def fact_parts(
        self, as_of: date, details: Collection[RecordKind]
    ) -> tuple[dict[tuple[RecordKind, date], int], dict[str, Projection]]:
        """``readiness_facts`` in parts a cache can patch (``projection.fact_parts``)."""
        return projection.fact_parts(self.session, as_of, details)

    def projections(self, ids: Collection[str]) -> dict[str, Projection]:
        """The stored projection rows of the records ``ids``, by record id."""
        return projection.projections(self.session, ids)

    def source_kinds(self, sources: Collection[str]) -> dict[str, RecordKind]:
        """The kind of each record corrective actions came from."""
        return projection.source_kinds(self.session, sources)

    def party_register(self, as_of: date) -> list[Record]:
        """The register of other workplace parties up to ``as_of``, decoded (a handful)."""
        return self.list_records(RecordKind(PARTY_KIND), date_to=as_of)

    def due_records(self, as_of: date, registers: Collection[RecordKind]) -> list[Record]:
        """The records the due list reads on ``as_of``, in (date, id) order: the newest
        record of each kind at each site, found with SQL in the projection
        (``projection.latest_live``), and every record of the ``registers`` kinds up to the
        day. Nothing else is decoded."""
        ids = projection.latest_live(self.session, as_of)
        found = {r.id: r for r in self.list_records(ids=ids)} if ids else {}
        for kind in registers:
            found.update((r.id, r) for r in self.list_records(kind, date_to=as_of))
        return sorted(found.values(), key=lambda r: (r.event_date, r.id))

    def count_records_by_kind(self) -> dict[str, int]:
        rows = self.session.execute(
            select(RecordRow.kind, func.count()).group_by(RecordRow.kind)
        ).all()
        return {kind: count for kind, count in rows}

    def count_records_by_kind_and_day(self, since: date) -> list[tuple[str, date, int]]:
        """How many records (voided ones left out) of each kind fall on each day from ``since``."""
        rows = self.session.execute(
            select(RecordRow.kind, RecordRow.event_date, func.count())
            .where(RecordRow.event_date >= since, RecordRow.status != "void")
            .group_by(RecordRow.kind, RecordRow.event_date)
        ).all()
        return [(kind, day, count) for kind, day, count in rows]

    def count_rows(self) -> dict[str, int]:
        """How many workers, sites and corrective actions there are (COUNT in SQL: the
        dashboard's summary needs the numbers, not the rows)."""
        counts = {}
        for name, row in (("workers", WorkerRow), ("sites", SiteRow), ("actions", ActionRow)):
            counts[name] = int(self.session.scalar(select(func.count()).select_from(row)) or 0)
        return counts

    def list_actions(self) -> list[CorrectiveAction]:
        rows = self.session.scalars(select(ActionRow).order_by(ActionRow.due_date, ActionRow.id))
        return [mapping.action_from_row(r) for r in rows]

    def list_evaluations(self) -> list[SelfEvaluation]:
        rows = self.session.scalars(
            select(EvaluationRow).order_by(EvaluationRow.eval_date, EvaluationRow.id)
        )
        return [mapping.evaluation_from_row(r) for r in rows]

    def get_evaluation(self, evaluation_id: str) -> SelfEvaluation | None:
        row = self.session.get(EvaluationRow, evaluation_id)
        return mapping.evaluation_from_row(row) if row else None

    def get_action(self, action_id: str) -> CorrectiveAction | None:
        row = self.session.get(ActionRow, action_id)
        return mapping.action_from_row(row) if row else None


def read_record(session: Session, record_id: str, sheet_sha256: str | None = None) -> Record | None:
    """One record with its attachments and signatures (three indexed queries)."""
    row = session.get(RecordRow, record_id)
    if row is None:
        return None
    atts = session.scalars(select(AttachmentRow).where(AttachmentRow.record_id == record_id))
    sigs = session.scalars(select(SignatureRow).where(SignatureRow.record_id == record_id))
    return mapping.record_from_rows(row, atts.all(), sigs.all(), sheet_sha256)


def _by_record(rows: Iterable[Any]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.record_id, []).append(row)
    return grouped
