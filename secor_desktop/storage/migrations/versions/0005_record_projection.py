"""record projection: what readiness reads of each record, kept beside it

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

``record_projection`` holds one row per record: its kind, date, site and title, whether it is
void, whether it counts and why not, the day it was last signed or reviewed, who has signed
it as it stands, and the few body fields readiness reads (``domain/projection``). Every save
writes it in the record's own transaction; readiness reads it with SQL instead of decoding
every record, and ``verify`` recomputes it from the chain.

Existing records are projected here, once, by decoding each (``storage.projection.backfill``,
the same function a save uses), in batches so a large file never sits in memory at once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_date

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _date_check(name: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(is_date(name), name=op.f(f"ck_record_projection_{name}_is_date"))


def upgrade() -> None:
    op.create_table(
        "record_projection",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("event_date", sa.String(length=10), nullable=False),
        sa.Column("site_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("counts", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.String(length=10), nullable=False),
        sa.Column("signers", sa.Text(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        _date_check("event_date"),
        _date_check("reviewed_on"),
        sa.CheckConstraint(
            "status IN ('live', 'void')", name=op.f("ck_record_projection_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_record_projection_record_id_records"),
        ),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_record_projection")),
    )
    op.create_index(
        "ix_record_projection_counts_kind_event_date",
        "record_projection",
        ["counts", "kind", "event_date"],
    )
    from secor_desktop.storage.projection import backfill  # decodes with today's registry

    backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_record_projection_counts_kind_event_date", table_name="record_projection")
    op.drop_table("record_projection")
