"""attached files on an office server: a blobs table, on PostgreSQL only

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

Photos, documents and signature images are stored once each under their SHA-256. In a data
folder's own SQLite file they stay files in ``files/`` (this migration does nothing there).
On an office database every laptop must be able to show and print what another attached, so
the server keeps the bytes too: one row per file, keyed by its hash. Rows are append-only (a
file is evidence; the same content always has the same key, so nothing ever needs changing).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_postgres, refuse

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

UPDATE_REFUSED = "stored files are append-only: one cannot be changed"
DELETE_REFUSED = "stored files are append-only: one cannot be deleted"
PG_TRIGGERS = [
    refuse("blobs_append_only_update", "UPDATE", "blobs", UPDATE_REFUSED),
    refuse("blobs_append_only_delete", "DELETE", "blobs", DELETE_REFUSED),
]


def upgrade() -> None:
    if not is_postgres():
        return
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("length(sha256) = 64", name="ck_blobs_sha256"),
        sa.CheckConstraint("size = octet_length(data)", name="ck_blobs_size"),
    )
    for statement in PG_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if is_postgres():
        op.drop_table("blobs")
