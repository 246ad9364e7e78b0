"""who entered each revision: the database role, on PostgreSQL

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

``revisions.entered_by`` names who entered a revision. On PostgreSQL (an office database) it is
the server's own ``current_user``: a trigger sets it on every insert, whatever the client sent,
so one user cannot enter a revision in another's name; it cannot be NULL there. On SQLite (one
laptop, one person) it stays NULL: the operating-system user name would be a claim the program
makes about itself, not something a second party vouches for.

The column is not part of the hashed revision document (the canonical form is frozen): the
chain proves what was entered and in what order, the role column says who the server let in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_postgres

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PG_STATEMENTS = [
    "ALTER TABLE revisions ADD COLUMN entered_by TEXT NOT NULL DEFAULT current_user",
    """CREATE FUNCTION secor_entered_by() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.entered_by := current_user;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER revisions_entered_by BEFORE INSERT ON revisions
    FOR EACH ROW EXECUTE FUNCTION secor_entered_by()""",
]


def upgrade() -> None:
    if is_postgres():
        for statement in PG_STATEMENTS:
            op.execute(statement)
        return
    # In place (ADD COLUMN): a rebuild of revisions would drop its append-only triggers.
    with op.batch_alter_table("revisions", recreate="never") as batch:
        batch.add_column(sa.Column("entered_by", sa.Text(), nullable=True))


def downgrade() -> None:
    if is_postgres():
        op.execute("DROP TRIGGER IF EXISTS revisions_entered_by ON revisions")
        op.execute("DROP FUNCTION IF EXISTS secor_entered_by()")
    op.execute("ALTER TABLE revisions DROP COLUMN entered_by")
