"""SQLAlchemy 2 typed rows. No row object ever leaves ``storage/``.

Every date column carries ``CHECK (col IS date(col, '+0 days'))``: SQLite normalises an
impossible date such as 2025-02-30 to another day (or NULL), so the stored text must equal its
own normalisation. (``col = date(col)`` lets 2025-02-30 through.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Dialect,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class IsoDate(TypeDecorator[date]):
    """A date stored as 'YYYY-MM-DD' text."""

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        return None if value is None else date.fromisoformat(value)


class UtcDateTime(TypeDecorator[datetime]):
    """An aware date-time stored as ISO 8601 text in UTC (sorts as text)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("date-times must carry a time zone")
        return value.astimezone(UTC).isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def date_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS date({column}, '+0 days')", name=f"{column}_is_date")


class CompanyRow(Base):
    __tablename__ = "company"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        date_check("planned_audit_date"),
        date_check("certificate_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(2))
    wcb_account: Mapped[str] = mapped_column(String(200))
    certifying_partner: Mapped[str] = mapped_column(String(200))
    framework_id: Mapped[str] = mapped_column(String(200))
    frequencies_json: Mapped[str] = mapped_column(Text)
    planned_audit_date: Mapped[date | None] = mapped_column(IsoDate)
    certificate_date: Mapped[date | None] = mapped_column(IsoDate)
    late_entry_days: Mapped[int] = mapped_column(Integer)


class SiteRow(Base):
    __tablename__ = "sites"
    __table_args__ = (date_check("active_from"), date_check("active_to"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text)
    active: Mapped[bool]
    active_from: Mapped[date | None] = mapped_column(IsoDate)
    active_to: Mapped[date | None] = mapped_column(IsoDate)


class WorkerRow(Base):
    __tablename__ = "workers"
    __table_args__ = (date_check("start_date"), date_check("end_date"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200))
    employment_type: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date] = mapped_column(IsoDate)
    end_date: Mapped[date | None] = mapped_column(IsoDate)
    contact: Mapped[str] = mapped_column(Text)
    is_owner: Mapped[bool]


class RecordRow(Base):
    __tablename__ = "records"
    __table_args__ = (
        date_check("event_date"),
        CheckConstraint("status IN ('draft', 'signed', 'void')", name="status_known"),
        Index("ix_records_kind_event_date", "kind", "event_date"),
        Index("ix_records_site_id", "site_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date] = mapped_column(IsoDate)
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    body_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8))
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    content_sha256: Mapped[str] = mapped_column(String(64))


class AttachmentRow(Base):
    __tablename__ = "attachments"

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text)


class SignatureRow(Base):
    __tablename__ = "signatures"
    __table_args__ = (
        CheckConstraint(
            "meaning IN ('performed', 'reviewed', 'acknowledged', 'attended')",
            name="meaning_known",
        ),
        Index("ix_signatures_record_id", "record_id"),
        Index("ix_signatures_signer_id", "signer_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"))
    position: Mapped[int] = mapped_column(Integer)
    signer_id: Mapped[str] = mapped_column(ForeignKey("workers.id"))
    signer_name: Mapped[str] = mapped_column(String(200))
    meaning: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    image_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))


class ActionRow(Base):
    __tablename__ = "corrective_actions"
    __table_args__ = (
        date_check("due_date"),
        date_check("created_date"),
        date_check("closed_date"),
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
        Index("ix_corrective_actions_source_record_id", "source_record_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date] = mapped_column(IsoDate)
    created_date: Mapped[date] = mapped_column(IsoDate)
    source_record_id: Mapped[str | None] = mapped_column(ForeignKey("records.id"))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("workers.id"))
    status: Mapped[str] = mapped_column(String(8))
    closed_date: Mapped[date | None] = mapped_column(IsoDate)
    closure_note: Mapped[str] = mapped_column(Text)


class RevisionRow(Base):
    """Append-only: triggers in the migration refuse UPDATE and DELETE."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("entity_type", "entity_id", "revision", name="entity_revision"),
        date_check("event_date"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    event_date: Mapped[date | None] = mapped_column(IsoDate)
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[str] = mapped_column(String(200))
    document: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    prev_chain_sha256: Mapped[str] = mapped_column(String(64))
    chain_sha256: Mapped[str] = mapped_column(String(64))
    # Set by the server on PostgreSQL (its current_user, by trigger; migration 0007), NULL on
    # SQLite. Never sent by the program: FetchedValue leaves it out of every INSERT; deferred,
    # and not fetched back after one, so only what asks for it reads it.
    entered_by: Mapped[str | None] = mapped_column(
        Text, server_default=FetchedValue(), deferred=True
    )
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012


class EvaluationRow(Base):
    """A self-evaluation or audit: its answers; the score is recomputed from the pack."""

    __tablename__ = "self_evaluations"
    __table_args__ = (
        date_check("eval_date"),
        CheckConstraint(
            "audit_type IN ('certification', 'maintenance', 'recertification')",
            name="audit_type_known",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    eval_date: Mapped[date] = mapped_column(IsoDate)
    audit_type: Mapped[str] = mapped_column(String(16))
    framework_id: Mapped[str] = mapped_column(String(200))
    framework_version: Mapped[str] = mapped_column(String(50))
    answers_json: Mapped[str] = mapped_column(Text)
    owner_operator_only: Mapped[bool]
    external: Mapped[bool]
    auditor: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text)


class ProjectionRow(Base):
    """What readiness reads of each record (``domain/projection``), written in the same
    transaction as the record; ``verify`` recomputes it from the chain."""

    __tablename__ = "record_projection"
    __table_args__ = (
        date_check("event_date"),
        date_check("reviewed_on"),
        CheckConstraint("status IN ('live', 'void')", name="status_known"),
        Index("ix_record_projection_counts_kind_event_date", "counts", "kind", "event_date"),
    )

    record_id: Mapped[str] = mapped_column(ForeignKey("records.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[str] = mapped_column(String(10))
    site_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(8))
    counts: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[str] = mapped_column(Text)
    reviewed_on: Mapped[str] = mapped_column(String(10))
    signers: Mapped[str] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text)


class DeviceRow(Base):
    """This data folder's identity in exchanges: one row, made by migration 0006."""

    __tablename__ = "device"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))


class PeerRow(Base):
    """Another install this one has exchanged with: how far each side has seen the other."""

    __tablename__ = "exchange_peers"

    device_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    received_seq: Mapped[int] = mapped_column(Integer)
    received_chain_sha256: Mapped[str] = mapped_column(String(64))
    acked_seq: Mapped[int] = mapped_column(Integer)
    last_exchange_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RevisionLinkRow(Base):
    """Append-only: where a revision came from (another install, with its own hashes) and
    which revisions it follows. Local saves have none; received and settled revisions do."""

    __tablename__ = "revision_links"

    seq: Mapped[int] = mapped_column(ForeignKey("revisions.seq"), primary_key=True)
    origin_device: Mapped[str] = mapped_column(String(32))
    origin_name: Mapped[str] = mapped_column(String(200))
    origin_seq: Mapped[int] = mapped_column(Integer)
    origin_document: Mapped[str | None] = mapped_column(Text)
    origin_content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    origin_prev_chain_sha256: Mapped[str] = mapped_column(String(64))
    origin_chain_sha256: Mapped[str] = mapped_column(String(64))
    parents: Mapped[str] = mapped_column(Text)
