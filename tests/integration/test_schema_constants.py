"""The schema facts every start reads without Alembic (``storage/schema.py``) agree with the
migrations folder, and a migration is due only when the file is behind that head."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from secor_desktop.services.facade import Services
from secor_desktop.storage.database import alembic_config, needs_migration
from secor_desktop.storage.schema import HEAD_REVISION, REVISIONS


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def test_known_head_is_the_migrations_folders_head() -> None:
    """A new migration without its id in storage/schema.py fails here."""
    assert script().get_current_head() == HEAD_REVISION


def test_known_revisions_are_every_migration_oldest_first() -> None:
    """REVISIONS lists the folder's revisions in upgrade order, none missing or extra."""
    walked = [rev.revision for rev in script().walk_revisions()]  # newest first
    assert list(REVISIONS) == walked[::-1]


@pytest.mark.sqlite_only("reads the file's alembic_version with the sqlite3 module")
def test_database_at_head_needs_no_migration(
    make_services: Callable[[str], Services], tmp_path: Path
) -> None:
    """A freshly made database is at the known head: nothing is due."""
    services = make_services("data")
    database = services.locations.database
    with sqlite3.connect(database) as conn:
        (on_file,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert on_file == HEAD_REVISION
    assert needs_migration(database) is False


def test_database_one_revision_behind_needs_migration(tmp_path: Path) -> None:
    """A file stopped at the revision before head is due for a migration."""
    database = tmp_path / "old.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{database}"), REVISIONS[-2])
    assert needs_migration(database) is True
