"""What the program knows about its schema without importing Alembic or SQLAlchemy.

Every start asks two questions before it opens the database: is the file at a revision this
program knows (a newer program's file is refused), and is a migration due? Both are answered
from these constants and the ``alembic_version`` row read with the stdlib ``sqlite3`` module
(``dbfile.read_identity``), so Alembic, which parses every migration script, is imported only
when a migration is really due. ``tests/integration/test_schema_constants.py`` fails when these
drift from the migrations folder: a new migration adds its id here.
"""

from __future__ import annotations

DB_FILENAME = "secor.sqlite3"

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
"""Every migration's revision id, oldest first (the order of ``down_revision``)."""

HEAD_REVISION = REVISIONS[-1]
"""The newest migration: a database at this revision needs no migration."""


def schema_version() -> int:
    """Migration ids are numbered ("0001_..."): the head's number is the schema version."""
    return int(HEAD_REVISION.split("_")[0])
