"""exchange between installs: this folder's device identity, its peers, revision origins

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Three new tables; no existing row changes, so every hash and the chain head stay as they were.
``device`` gets its one row here (a random id and the computer's name), so every data folder
has an identity from the moment it is at this schema. ``revision_links`` is append-only like
``revisions``: the origin of a received revision is evidence too.
"""

from __future__ import annotations

import platform
import uuid

import sqlalchemy as sa
from alembic import op

from secor_desktop.storage.migrations.pg import is_postgres, refuse

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UPDATE_REFUSED = "revision links are append-only: one cannot be changed"
DELETE_REFUSED = "revision links are append-only: one cannot be deleted"
PG_TRIGGERS = [
    refuse("revision_links_append_only_update", "UPDATE", "revision_links", UPDATE_REFUSED),
    refuse("revision_links_append_only_delete", "DELETE", "revision_links", DELETE_REFUSED),
]
TRIGGERS = [
    """CREATE TRIGGER revision_links_append_only_update BEFORE UPDATE ON revision_links
    BEGIN SELECT RAISE(ABORT, 'revision links are append-only: one cannot be changed'); END""",
    """CREATE TRIGGER revision_links_append_only_delete BEFORE DELETE ON revision_links
    BEGIN SELECT RAISE(ABORT, 'revision links are append-only: one cannot be deleted'); END""",
]


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_device_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
    )
    op.create_table(
        "exchange_peers",
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("received_chain_sha256", sa.String(length=64), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("last_exchange_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_exchange_peers")),
    )
    op.create_table(
        "revision_links",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin_device", sa.String(length=32), nullable=False),
        sa.Column("origin_name", sa.String(length=200), nullable=False),
        sa.Column("origin_seq", sa.Integer(), nullable=False),
        sa.Column("origin_document", sa.Text(), nullable=True),
        sa.Column("origin_content_sha256", sa.String(length=64), nullable=False),
        sa.Column("origin_prev_chain_sha256", sa.String(length=64), nullable=False),
        sa.Column("origin_chain_sha256", sa.String(length=64), nullable=False),
        sa.Column("parents", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seq"], ["revisions.seq"], name=op.f("fk_revision_links_seq_revisions")
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_revision_links")),
    )
    with op.batch_alter_table("revision_links", schema=None) as batch_op:
        batch_op.create_index(
            "ix_revision_links_origin_content_sha256", ["origin_content_sha256"], unique=False
        )
    name = (platform.node() or "This computer")[:200]
    op.get_bind().execute(
        sa.text("INSERT INTO device (id, device_id, name) VALUES (1, :id, :name)"),
        {"id": uuid.uuid4().hex, "name": name},
    )
    for statement in PG_TRIGGERS if is_postgres() else TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for name in ("revision_links_append_only_update", "revision_links_append_only_delete"):
        on_table = " ON revision_links" if is_postgres() else ""
        op.execute(f"DROP TRIGGER IF EXISTS {name}{on_table}")
    op.drop_table("revision_links")
    op.drop_table("exchange_peers")
    op.drop_table("device")
