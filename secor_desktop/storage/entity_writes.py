"""Writes: an entity's current row and, in the same transaction, its revision in the chain.

Saving any entity appends its revision to the chain in the same transaction, so the current
tables and the ledger can never disagree about what was saved. A record's readiness
projection (``storage.projection``) is rewritten in that transaction too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from secor_desktop.domain import canonical
from secor_desktop.domain.canonical import GENESIS, Entity
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.ledger import StoredRevision, revision_flags
from secor_desktop.domain.model import (
    DEFAULT_LATE_ENTRY_DAYS,
    Company,
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.storage import mapping, projection
from secor_desktop.storage.entity_reads import read_record
from secor_desktop.storage.ledger_reads import revision_info
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
from secor_desktop.storage.server import serialise_appends
from secor_desktop.storage.session_bound import SessionBound


class EntityWrites(SessionBound):
    def save(self, entity: Entity, *, entered_at: datetime, reason: str | None) -> RevisionInfo:
        """Write the entity's current state and append its revision to the chain."""
        entity_type = canonical.entity_type_of(entity)
        entity_id = canonical.entity_id_of(entity)
        self._write_row(entity)
        serialise_appends(self.session)  # PostgreSQL: one append at a time (see server.py)
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
        return revision_info(row)

    def stored_record(self, written: Record) -> Record:
        """A record just written, as the database now holds it: its rows read back in this
        transaction (not the objects just handed in), so a save can return what was stored.
        Its sign-in sheet hash is the one just computed from the same content."""
        self.session.flush()
        self.session.expire_all()
        stored = read_record(self.session, written.id, written.sheet_sha256 or None)
        assert stored is not None, "stored_record is for a record this unit of work wrote"
        return stored

    def insert_revision_verbatim(self, info: RevisionInfo, stored: StoredRevision) -> None:
        """Import path: append a revision exactly as another database stored it."""
        serialise_appends(self.session)
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
        projection.write(s, record)  # what readiness reads of it, in the same transaction
