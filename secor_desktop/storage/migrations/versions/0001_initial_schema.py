"""initial schema: company, sites, workers, records, signatures, actions, revisions

Revision ID: 0001
Revises:
Create Date: 2026-11-26 10:24:31.989795
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import (
    create_functions,
    drop_functions,
    is_date,
    is_postgres,
    refuse,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if is_postgres():
        create_functions()
    op.create_table(
        "company",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=2), nullable=False),
        sa.Column("wcb_account", sa.String(length=200), nullable=False),
        sa.Column("certifying_partner", sa.String(length=200), nullable=False),
        sa.Column("framework_id", sa.String(length=200), nullable=False),
        sa.Column("frequencies_json", sa.Text(), nullable=False),
        sa.Column("planned_audit_date", sa.String(length=10), nullable=True),
        sa.Column("certificate_date", sa.String(length=10), nullable=True),
        sa.Column("late_entry_days", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            is_date("certificate_date"),
            name=op.f("ck_company_certificate_date_is_date"),
        ),
        sa.CheckConstraint(
            is_date("planned_audit_date"),
            name=op.f("ck_company_planned_audit_date_is_date"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_company_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
    )
    op.create_table(
        "revisions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_type", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=True),
        sa.Column("entered_at", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("flags", sa.String(length=200), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("prev_chain_sha256", sa.String(length=64), nullable=False),
        sa.Column("chain_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            is_date("event_date"),
            name=op.f("ck_revisions_event_date_is_date"),
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_revisions")),
        sa.UniqueConstraint("entity_type", "entity_id", "revision", name="entity_revision"),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
    )
    op.create_table(
        "workers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("employment_type", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=False),
        sa.Column("end_date", sa.String(length=10), nullable=True),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("is_owner", sa.Boolean(), nullable=False),
        sa.CheckConstraint(is_date("end_date"), name=op.f("ck_workers_end_date_is_date")),
        sa.CheckConstraint(is_date("start_date"), name=op.f("ck_workers_start_date_is_date")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workers")),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("body_json", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("voided_at", sa.String(length=32), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(is_date("event_date"), name=op.f("ck_records_event_date_is_date")),
        sa.CheckConstraint(
            "status IN ('draft', 'signed', 'void')", name=op.f("ck_records_status_known")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_records_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_kind_event_date", ["kind", "event_date"], unique=False)
        batch_op.create_index("ix_records_site_id", ["site_id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_attachments_record_id_records")
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_sha256"), ["sha256"], unique=False)

    op.create_table(
        "corrective_actions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_date", sa.String(length=10), nullable=False),
        sa.Column("created_date", sa.String(length=10), nullable=False),
        sa.Column("source_record_id", sa.String(length=36), nullable=True),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("closed_date", sa.String(length=10), nullable=True),
        sa.Column("closure_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            is_date("closed_date"),
            name=op.f("ck_corrective_actions_closed_date_is_date"),
        ),
        sa.CheckConstraint(
            is_date("created_date"),
            name=op.f("ck_corrective_actions_created_date_is_date"),
        ),
        sa.CheckConstraint(
            is_date("due_date"),
            name=op.f("ck_corrective_actions_due_date_is_date"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'closed')", name=op.f("ck_corrective_actions_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["workers.id"], name=op.f("fk_corrective_actions_owner_id_workers")
        ),
        sa.ForeignKeyConstraint(
            ["source_record_id"],
            ["records.id"],
            name=op.f("fk_corrective_actions_source_record_id_records"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrective_actions")),
    )
    with op.batch_alter_table("corrective_actions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_corrective_actions_source_record_id", ["source_record_id"], unique=False
        )

    op.create_table(
        "signatures",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("signer_id", sa.String(length=36), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.String(length=16), nullable=False),
        sa.Column("signed_at", sa.String(length=32), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "meaning IN ('performed', 'reviewed', 'acknowledged', 'attended')",
            name=op.f("ck_signatures_meaning_known"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], ["records.id"], name=op.f("fk_signatures_record_id_records")
        ),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["workers.id"], name=op.f("fk_signatures_signer_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.create_index("ix_signatures_record_id", ["record_id"], unique=False)
        batch_op.create_index("ix_signatures_signer_id", ["signer_id"], unique=False)

    if is_postgres():
        # What SQLite gives every row: the order entered, and the search table's key (0003).
        op.execute(
            "ALTER TABLE records ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY "
            "CONSTRAINT uq_records_rowid UNIQUE"
        )
        for args in PG_TRIGGERS:
            op.execute(refuse(*args))
        return
    for statement in TRIGGERS:
        op.execute(statement)


# Evidence is never deleted and the ledger never rewritten: the database itself refuses.
TRIGGERS = [
    """CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only: a saved revision cannot be changed');
    END""",
    """CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only: a saved revision cannot be deleted');
    END""",
    """CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
    BEGIN SELECT RAISE(ABORT, 'a signature cannot be changed once made'); END""",
    """CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
    BEGIN SELECT RAISE(ABORT, 'a signature cannot be removed once made'); END""",
    """CREATE TRIGGER records_no_delete BEFORE DELETE ON records
    BEGIN SELECT RAISE(ABORT, 'records are never deleted: void them with a reason'); END""",
    """CREATE TRIGGER workers_no_delete BEFORE DELETE ON workers
    BEGIN SELECT RAISE(ABORT, 'workers are never deleted: give them an end date'); END""",
    """CREATE TRIGGER actions_no_delete BEFORE DELETE ON corrective_actions
    BEGIN SELECT RAISE(ABORT, 'corrective actions are never deleted: close them'); END""",
]

PG_TRIGGERS = [
    (
        "revisions_append_only_update",
        "UPDATE",
        "revisions",
        "revisions are append-only: a saved revision cannot be changed",
    ),
    (
        "revisions_append_only_delete",
        "DELETE",
        "revisions",
        "revisions are append-only: a saved revision cannot be deleted",
    ),
    ("signatures_no_update", "UPDATE", "signatures", "a signature cannot be changed once made"),
    ("signatures_no_delete", "DELETE", "signatures", "a signature cannot be removed once made"),
    (
        "records_no_delete",
        "DELETE",
        "records",
        "records are never deleted: void them with a reason",
    ),
    ("workers_no_delete", "DELETE", "workers", "workers are never deleted: give them an end date"),
    (
        "actions_no_delete",
        "DELETE",
        "corrective_actions",
        "corrective actions are never deleted: close them",
    ),
]


def downgrade() -> None:
    for name in (
        "revisions_append_only_update",
        "revisions_append_only_delete",
        "signatures_no_update",
        "signatures_no_delete",
        "records_no_delete",
        "workers_no_delete",
        "actions_no_delete",
    ):
        if is_postgres():
            table = next(t for n, _w, t, _m in PG_TRIGGERS if n == name)
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")

    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_index("ix_signatures_signer_id")
        batch_op.drop_index("ix_signatures_record_id")

    op.drop_table("signatures")
    with op.batch_alter_table("corrective_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_corrective_actions_source_record_id")

    op.drop_table("corrective_actions")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_sha256"))

    op.drop_table("attachments")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_site_id")
        batch_op.drop_index("ix_records_kind_event_date")

    op.drop_table("records")
    op.drop_table("workers")
    op.drop_table("sites")
    op.drop_table("revisions")
    op.drop_table("company")
    if is_postgres():
        drop_functions()
