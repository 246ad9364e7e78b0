"""The unit of work: one transaction per user action, rolled back unless committed.

Saving any entity appends its revision to the chain in the same transaction, so the current
tables and the ledger can never disagree about what was saved.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from sqlalchemy import Engine, String, func, select, type_coerce
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from secor_desktop.domain import canonical
from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_COMPANY,
    ENTITY_EVALUATION,
    ENTITY_RECORD,
    ENTITY_SITE,
    ENTITY_WORKER,
    GENESIS,
    Entity,
)
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.ledger import StoredColumns, StoredRevision, revision_flags
from secor_desktop.domain.model import (
    DEFAULT_LATE_ENTRY_DAYS,
    Company,
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.storage import mapping
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.errors import translate
from secor_desktop.storage.rows import (
    ActionRow,
    AttachmentRow,
    CompanyRow,
    EvaluationRow,
    RecordRow,
    RevisionRow,
    SignatureRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.unreadable import unreadable_rows


class SqlUnitOfWork:
    def __init__(self, engine: Engine, db_path: Path, blobs: BlobStore) -> None:
        self._engine = engine
        self._db_path = db_path
        self.blobs = blobs
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        assert self._session is not None, "use the unit of work in a with block"
        return self._session

    def __enter__(self) -> SqlUnitOfWork:
        self._session = Session(self._engine, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, DBAPIError):
            known = translate(exc, self._db_path)
            if known is not None:
                raise known from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            self.session.rollback()
            known = translate(exc, self._db_path)
            if known is not None:
                raise known from exc
            raise

    # --- reads ---------------------------------------------------------------------------

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
        row = self.session.get(RecordRow, record_id)
        if row is None:
            return None
        atts = self.session.scalars(
            select(AttachmentRow).where(AttachmentRow.record_id == record_id)
        ).all()
        sigs = self.session.scalars(
            select(SignatureRow).where(SignatureRow.record_id == record_id)
        ).all()
        return mapping.record_from_rows(row, atts, sigs)

    def list_records(
        self,
        kind: RecordKind | None = None,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        ids: Collection[str] | None = None,
    ) -> list[Record]:
        """Records with their signatures and attachments, in date order (3 queries in all).

        ``ids`` limits the list to those records (a few thousand at most: one IN list).
        """
        # Plain rows, not ORM objects: nothing here is changed and saved back, and building
        # 100,000 tracked instances costs more than decoding the records themselves.
        records, attachments, signatures = (
            RecordRow.__table__,
            AttachmentRow.__table__,
            SignatureRow.__table__,
        )
        query = select(records).order_by(records.c.event_date, records.c.id)
        if kind is not None:
            query = query.where(records.c.kind == kind.value)
        if date_from is not None:
            query = query.where(records.c.event_date >= date_from.isoformat())
        if date_to is not None:
            query = query.where(records.c.event_date <= date_to.isoformat())
        if ids is not None:
            query = query.where(records.c.id.in_(list(ids)))
        rows = self.session.execute(query).all()
        ids = {r.id for r in rows}
        atts: dict[str, list[Any]] = {}
        for a in self.session.execute(select(attachments)):
            if a.record_id in ids:
                atts.setdefault(a.record_id, []).append(a)
        sigs: dict[str, list[Any]] = {}
        for s in self.session.execute(select(signatures)):
            if s.record_id in ids:
                sigs.setdefault(s.record_id, []).append(s)
        return [
            mapping.record_from_rows(
                cast(RecordRow, r),
                cast(list[AttachmentRow], atts.get(r.id, [])),
                cast(list[SignatureRow], sigs.get(r.id, [])),
            )
            for r in rows
        ]

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

    # --- the ledger ----------------------------------------------------------------------

    def stored_revisions(self) -> Iterator[StoredRevision]:
        """Every revision in chain order, streamed, with the columns kept beside it."""
        query = select(
            RevisionRow.seq,
            RevisionRow.entity_type,
            RevisionRow.entity_id,
            RevisionRow.revision,
            RevisionRow.document,
            RevisionRow.content_sha256,
            RevisionRow.prev_chain_sha256,
            RevisionRow.chain_sha256,
            # The columns beside the document, as stored text (``verify`` compares them).
            type_coerce(RevisionRow.event_date, String),
            type_coerce(RevisionRow.entered_at, String),
            RevisionRow.reason,
            RevisionRow.flags,
        ).order_by(RevisionRow.seq)
        for row in self.session.execute(query).yield_per(2000):
            seq, etype, eid, number, doc, content, prev, link, *columns = row
            yield StoredRevision(
                seq, etype, eid, number, doc, content, prev, link, StoredColumns(*columns)
            )

    def revision_infos(
        self, entity_type: str | None = None, entity_id: str | None = None
    ) -> list[RevisionInfo]:
        query = select(RevisionRow).order_by(RevisionRow.seq)
        if entity_type is not None:
            query = query.where(RevisionRow.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(RevisionRow.entity_id == entity_id)
        return [_info(r) for r in self.session.scalars(query)]

    def revision_document(self, entity_type: str, entity_id: str, revision: int) -> str | None:
        return self.session.scalar(
            select(RevisionRow.document).where(
                RevisionRow.entity_type == entity_type,
                RevisionRow.entity_id == entity_id,
                RevisionRow.revision == revision,
            )
        )

    def latest_documents(self) -> dict[tuple[str, str], str]:
        """The newest revision document of every entity."""
        newest = (
            select(func.max(RevisionRow.seq))
            .group_by(RevisionRow.entity_type, RevisionRow.entity_id)
            .scalar_subquery()
        )
        rows = self.session.execute(
            select(RevisionRow.entity_type, RevisionRow.entity_id, RevisionRow.document).where(
                RevisionRow.seq.in_(newest)
            )
        )
        return {(t, i): d for t, i, d in rows}

    def last_revision(self) -> tuple[int, str]:
        """The newest revision's sequence number and chain hash ((0, GENESIS) when none)."""
        row = self.session.execute(
            select(RevisionRow.seq, RevisionRow.chain_sha256)
            .order_by(RevisionRow.seq.desc())
            .limit(1)
        ).first()
        return (int(row.seq), str(row.chain_sha256)) if row else (0, GENESIS)

    def chain_hash_at(self, seq: int) -> str | None:
        """The chain hash of revision ``seq``, or None when there is no such revision."""
        return self.session.scalar(select(RevisionRow.chain_sha256).where(RevisionRow.seq == seq))

    def entities_revised_after(self, seq: int, entity_type: str) -> set[str]:
        """Ids of the entities of a type with a revision newer than ``seq``."""
        return set(
            self.session.scalars(
                select(RevisionRow.entity_id).where(
                    RevisionRow.seq > seq, RevisionRow.entity_type == entity_type
                )
            )
        )

    def chain_head(self) -> tuple[int, str]:
        row = self.session.execute(
            select(func.count(RevisionRow.seq), func.max(RevisionRow.seq))
        ).one()
        count, last_seq = row
        if not count:
            return 0, GENESIS
        head = self.session.scalar(
            select(RevisionRow.chain_sha256).where(RevisionRow.seq == last_seq)
        )
        return int(count), str(head)

    # --- writes --------------------------------------------------------------------------

    def save(self, entity: Entity, *, entered_at: datetime, reason: str | None) -> RevisionInfo:
        """Write the entity's current state and append its revision to the chain."""
        entity_type = canonical.entity_type_of(entity)
        entity_id = canonical.entity_id_of(entity)
        self._write_row(entity)
        last = self.session.execute(
            select(RevisionRow.entered_at, RevisionRow.chain_sha256)
            .order_by(RevisionRow.seq.desc())
            .limit(1)
        ).first()
        prev_entered, prev_chain = (last[0], last[1]) if last else (None, GENESIS)
        number = (
            self.session.scalar(
                select(func.max(RevisionRow.revision)).where(
                    RevisionRow.entity_type == entity_type, RevisionRow.entity_id == entity_id
                )
            )
            or 0
        ) + 1
        event_date = entity.event_date if isinstance(entity, Record) else None
        company = self.session.get(CompanyRow, 1)
        late_days = company.late_entry_days if company else DEFAULT_LATE_ENTRY_DAYS
        flags = revision_flags(
            first_revision=number == 1,
            event_date=event_date,
            entered_at=entered_at,
            previous_entered_at=prev_entered,
            late_entry_days=late_days,
        )
        doc = canonical.revision_document(
            entity_type,
            entity_id,
            number,
            event_date,
            entered_at,
            reason,
            canonical.entity_data(entity),
        )
        text = canonical.canonical_bytes(doc).decode("utf-8")
        content = canonical.sha256_hex(text.encode("utf-8"))
        row = RevisionRow(
            entity_type=entity_type,
            entity_id=entity_id,
            revision=number,
            event_date=event_date,
            entered_at=entered_at,
            reason=reason,
            flags=",".join(flags),
            document=text,
            content_sha256=content,
            prev_chain_sha256=prev_chain,
            chain_sha256=canonical.chain_next(prev_chain, content),
        )
        self.session.add(row)
        self.session.flush()
        return _info(row)

    def insert_revision_verbatim(self, info: RevisionInfo, stored: StoredRevision) -> None:
        """Import path: append a revision exactly as another database stored it."""
        self.session.add(
            RevisionRow(
                entity_type=stored.entity_type,
                entity_id=stored.entity_id,
                revision=stored.revision,
                event_date=info.event_date,
                entered_at=info.entered_at,
                reason=info.reason,
                flags=",".join(info.flags),
                document=stored.document,
                content_sha256=stored.content_sha256,
                prev_chain_sha256=stored.prev_chain_sha256,
                chain_sha256=stored.chain_sha256,
            )
        )
        self.session.flush()

    def write_current(self, entity: Entity) -> None:
        """Import path: write an entity's current state without a new revision."""
        self._write_row(entity)
        self.session.flush()

    def is_empty(self) -> bool:
        return not self.session.scalar(select(func.count(RevisionRow.seq)))

    def _write_row(self, entity: Entity) -> None:
        s = self.session
        if isinstance(entity, Company):
            crow = s.get(CompanyRow, 1) or CompanyRow()
            mapping.company_to_row(entity, crow)
            s.add(crow)
        elif isinstance(entity, Site):
            srow = s.get(SiteRow, entity.id) or SiteRow()
            mapping.site_to_row(entity, srow)
            s.add(srow)
        elif isinstance(entity, Worker):
            wrow = s.get(WorkerRow, entity.id) or WorkerRow()
            mapping.worker_to_row(entity, wrow)
            s.add(wrow)
        elif isinstance(entity, CorrectiveAction):
            arow = s.get(ActionRow, entity.id) or ActionRow()
            mapping.action_to_row(entity, arow)
            s.add(arow)
        elif isinstance(entity, SelfEvaluation):
            erow = s.get(EvaluationRow, entity.id) or EvaluationRow()
            mapping.evaluation_to_row(entity, erow)
            s.add(erow)
        else:
            self._write_record(entity)
        s.flush()

    def _write_record(self, record: Record) -> None:
        s = self.session
        row = s.get(RecordRow, record.id) or RecordRow()
        mapping.record_to_row(record, row)
        s.add(row)
        s.flush()
        for old in s.scalars(select(AttachmentRow).where(AttachmentRow.record_id == record.id)):
            s.delete(old)
        s.flush()
        s.add_all(mapping.attachment_rows(record))
        existing = set(
            s.scalars(select(SignatureRow.id).where(SignatureRow.record_id == record.id))
        )
        for pos, sig in enumerate(record.signatures):
            if sig.id not in existing:
                s.add(mapping.signature_row(record.id, pos, sig))


def _info(row: RevisionRow) -> RevisionInfo:
    return RevisionInfo(
        seq=row.seq,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        revision=row.revision,
        event_date=row.event_date,
        entered_at=row.entered_at,
        reason=row.reason,
        content_sha256=row.content_sha256,
        chain_sha256=row.chain_sha256,
        flags=tuple(f for f in row.flags.split(",") if f),
    )


UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


@dataclass(frozen=True)
class CurrentEntity:
    """An entity as its tables hold it now, or why it could not be read."""

    entity_type: str
    entity_id: str
    label: str
    entity: Entity | None
    problems: tuple[str, ...]


def current_entities(uow: SqlUnitOfWork) -> Iterator[CurrentEntity]:
    """Every entity row, read one at a time so one damaged row is named, not fatal."""
    s = uow.session
    bad = {
        cls: unreadable_rows(s, cls)
        for cls in (CompanyRow, SiteRow, WorkerRow, ActionRow, EvaluationRow)
    }
    if bad[CompanyRow]:
        why = next(iter(bad[CompanyRow].values()))
        yield CurrentEntity(
            ENTITY_COMPANY, "company", "company profile", None, (f"cannot be read: {why}",)
        )
    for cls, entity_type in (
        (SiteRow, ENTITY_SITE),
        (WorkerRow, ENTITY_WORKER),
        (ActionRow, ENTITY_ACTION),
        (EvaluationRow, ENTITY_EVALUATION),
    ):
        for pk, why in bad[cls].items():
            label = f"{entity_type.replace('_', ' ')} {pk}"
            yield CurrentEntity(entity_type, pk, label, None, (f"cannot be read: {why}",))
    for crow in s.scalars(select(CompanyRow).where(CompanyRow.id.not_in(bad[CompanyRow]))):
        yield _read(ENTITY_COMPANY, "company", "company profile", partial(_company, crow))
    for srow in s.scalars(select(SiteRow).where(SiteRow.id.not_in(bad[SiteRow]))):
        yield _read(ENTITY_SITE, srow.id, f"site {srow.name!r}", partial(_site, srow))
    for wrow in s.scalars(select(WorkerRow).where(WorkerRow.id.not_in(bad[WorkerRow]))):
        yield _read(ENTITY_WORKER, wrow.id, f"worker {wrow.name!r}", partial(_worker, wrow))
    for arow in s.scalars(select(ActionRow).where(ActionRow.id.not_in(bad[ActionRow]))):
        label = f"corrective action {arow.description[:60]!r}"
        yield _read(ENTITY_ACTION, arow.id, label, partial(_action, arow))
    for erow in s.scalars(select(EvaluationRow).where(EvaluationRow.id.not_in(bad[EvaluationRow]))):
        label = f"{erow.audit_type} evaluation of {erow.eval_date}"
        yield _read(ENTITY_EVALUATION, erow.id, label, partial(_evaluation, erow))
    # A record is unreadable when its own row or one of its signatures holds a broken date.
    bad_records = dict(unreadable_rows(s, RecordRow))
    for sig_id, why in unreadable_rows(s, SignatureRow).items():
        owner = s.scalar(select(SignatureRow.record_id).where(SignatureRow.id == sig_id))
        bad_records.setdefault(str(owner), f"one of its signatures: {why}")
    for record_id, why in bad_records.items():
        yield CurrentEntity(
            ENTITY_RECORD, record_id, f"record {record_id}", None, (f"cannot be read: {why}",)
        )
    atts: dict[str, list[AttachmentRow]] = {}
    for a in s.scalars(select(AttachmentRow)):
        atts.setdefault(a.record_id, []).append(a)
    sigs: dict[str, list[SignatureRow]] = {}
    for sig in s.scalars(select(SignatureRow).where(SignatureRow.record_id.not_in(bad_records))):
        sigs.setdefault(sig.record_id, []).append(sig)
    records = select(RecordRow).where(RecordRow.id.not_in(bad_records))
    for rrow in s.execute(records).scalars().yield_per(2000):
        label = f"{rrow.kind} record {rrow.title!r} of {rrow.event_date}"
        yield _read_record(rrow, atts.get(rrow.id, []), sigs.get(rrow.id, []), label)


def _company(row: CompanyRow) -> tuple[Entity, tuple[str, ...]]:
    # Only row 1 is ever read by the program: another number hides the profile it shows.
    moved = () if row.id == 1 else (f"its row is number {row.id}, not 1",)
    return mapping.company_from_row(row), moved


def _site(row: SiteRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.site_from_row(row), ()


def _worker(row: WorkerRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.worker_from_row(row), ()


def _evaluation(row: EvaluationRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.evaluation_from_row(row), ()


def _action(row: ActionRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.action_from_row(row), ()


def _read(
    entity_type: str,
    entity_id: str,
    label: str,
    load: Callable[[], tuple[Entity, tuple[str, ...]]],
) -> CurrentEntity:
    try:
        entity, problems = load()
    except (ValueError, TypeError, KeyError) as exc:
        return CurrentEntity(entity_type, entity_id, label, None, (f"cannot be read: {exc}",))
    return CurrentEntity(entity_type, entity_id, label, entity, problems)


def _read_record(
    row: RecordRow,
    atts: list[AttachmentRow],
    sigs: list[SignatureRow],
    label: str,
) -> CurrentEntity:
    def load() -> tuple[Entity, tuple[str, ...]]:
        stored = mapping.record_from_rows(row, atts, sigs)
        recomputed = canonical.with_content_hash(stored)
        problems: list[str] = []
        if recomputed.content_sha256 != row.content_sha256:
            problems.append("its content no longer matches its stored content hash")
        for name, rows in (("attachments", atts), ("signatures", sigs)):
            if sorted(r.position for r in rows) != list(range(len(rows))):
                problems.append(f"its {name} were reordered or removed")
        if recomputed.status.value != row.status:
            problems.append(f"its status reads {row.status!r} but its signatures say otherwise")
        return recomputed, tuple(problems)

    return _read(ENTITY_RECORD, row.id, label, load)
