"""self-evaluations and audits

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_date, is_postgres, refuse

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "self_evaluations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("eval_date", sa.String(length=10), nullable=False),
        sa.Column("audit_type", sa.String(length=16), nullable=False),
        sa.Column("framework_id", sa.String(length=200), nullable=False),
        sa.Column("framework_version", sa.String(length=50), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("owner_operator_only", sa.Boolean(), nullable=False),
        sa.Column("external", sa.Boolean(), nullable=False),
        sa.Column("auditor", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "audit_type IN ('certification', 'maintenance', 'recertification')",
            name=op.f("ck_self_evaluations_audit_type_known"),
        ),
        sa.CheckConstraint(
            is_date("eval_date"),
            name=op.f("ck_self_evaluations_eval_date_is_date"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_evaluations")),
    )
    if is_postgres():
        op.execute(
            refuse(
                "evaluations_no_delete",
                "DELETE",
                "self_evaluations",
                "evaluations are never deleted",
            )
        )
        return
    op.execute(
        """CREATE TRIGGER evaluations_no_delete BEFORE DELETE ON self_evaluations
        BEGIN SELECT RAISE(ABORT, 'evaluations are never deleted'); END"""
    )


def downgrade() -> None:
    on = " ON self_evaluations" if is_postgres() else ""
    op.execute(f"DROP TRIGGER IF EXISTS evaluations_no_delete{on}")
    op.drop_table("self_evaluations")
