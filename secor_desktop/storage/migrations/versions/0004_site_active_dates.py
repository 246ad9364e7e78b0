"""site active dates: the first and last day work happens on a site

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

Both columns are nullable (an open-ended site), so every existing site keeps its meaning. They
are added in place (SQLite's ``ADD COLUMN``, each with its own date check), not by rebuilding
the table: a rebuild would drop the search index's trigger on site names (0003).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_date, is_postgres

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("active_from", "active_to")


def upgrade() -> None:
    if is_postgres():
        for name in COLUMNS:
            op.execute(
                f"ALTER TABLE sites ADD COLUMN {name} VARCHAR(10) "
                f"CONSTRAINT ck_sites_{name}_is_date CHECK ({is_date(name)})"
            )
        return
    with op.batch_alter_table("sites", recreate="never") as batch:
        for name in COLUMNS:
            batch.add_column(
                sa.Column(
                    name,
                    sa.String(length=10),
                    sa.CheckConstraint(
                        f"{name} IS date({name}, '+0 days')", name=op.f(f"ck_sites_{name}_is_date")
                    ),
                    nullable=True,
                )
            )


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+) drops each column with its column check, in place.
    for name in reversed(COLUMNS):
        op.execute(f"ALTER TABLE sites DROP COLUMN {name}")
