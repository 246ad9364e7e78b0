"""The database file: settings on every connection, migrations, schema checks, triggers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from secor_desktop.storage import database
from secor_desktop.storage.database import (
    APPLICATION_ID,
    alembic_config,
    head_revision,
    make_engine,
    prepare_database,
    schema_version,
)
from secor_desktop.storage.errors import (
    CorruptDatabase,
    MigrationFailed,
    NewerDatabase,
    NotOurDatabase,
)
from secor_desktop.storage.fulltext import include_object
from secor_desktop.storage.rows import Base

NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)


def test_empty_file_migrates_to_head(tmp_path: Path) -> None:
    """A new data folder ends at the newest schema revision."""
    db = tmp_path / "secor.sqlite3"
    assert prepare_database(db, NOW) is None
    with sqlite3.connect(db) as conn:
        (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert rev == head_revision()


def test_models_match_migrations(tmp_path: Path) -> None:
    """Autogenerate finds no difference between the typed rows and the migrated schema."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        # The search index (FTS5, made by hand in 0003) is no typed row: leave it out.
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_connection_gets_safety_pragmas(tmp_path: Path) -> None:
    """Foreign keys, WAL, synchronous=FULL and a busy timeout are set on each connection."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    engine = make_engine(db)
    with engine.connect() as conn:
        fk = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        busy = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    engine.dispose()
    assert (fk, journal, sync) == (1, "wal", 2)
    assert busy and busy >= 1000


def test_file_carries_application_id_and_schema_version(tmp_path: Path) -> None:
    """The file says it is ours and which schema it has, to any SQLite tool."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 2


def test_impossible_date_is_refused_by_the_database(tmp_path: Path) -> None:
    """2025-02-30 written behind the program's back is refused by a CHECK constraint."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    with sqlite3.connect(db) as conn, pytest.raises(sqlite3.IntegrityError, match="start_date"):
        conn.execute(
            "INSERT INTO workers VALUES ('w1', 'A', 'B', 'full_time', '2025-02-30', NULL, '', 0)"
        )


def test_real_date_is_accepted_by_the_database(tmp_path: Path) -> None:
    """A leap day in a leap year passes the same CHECK constraint."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO workers VALUES ('w1', 'A', 'B', 'full_time', '2024-02-29', NULL, '', 0)"
        )


@pytest.mark.parametrize(
    "statement", ["UPDATE revisions SET reason = 'x'", "DELETE FROM revisions"]
)
def test_revisions_are_append_only(tmp_path: Path, statement: str) -> None:
    """Triggers refuse to change or remove a revision, even from the sqlite3 shell."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO revisions (entity_type, entity_id, revision, entered_at, flags, "
            "document, content_sha256, prev_chain_sha256, chain_sha256) "
            "VALUES ('site', 's', 1, '2026-01-01T00:00:00+00:00', '', '{}', 'a', 'b', 'c')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """A database from a newer program version is refused without a write."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        prepare_database(db, NOW)
    assert db.read_bytes() == before


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    """A SQLite file with someone else's application id is not touched."""
    db = tmp_path / "secor.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA application_id = 12345")
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(NotOurDatabase, match="another program"):
        prepare_database(db, NOW)


def test_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    """A file that is not a database gets a message that says what to do."""
    db = tmp_path / "secor.sqlite3"
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(CorruptDatabase, match="backup"):
        prepare_database(db, NOW)


def test_old_schema_is_copied_aside_before_migrating(tmp_path: Path) -> None:
    """A database of ours below head is copied aside first, then upgraded."""
    db = tmp_path / "secor.sqlite3"
    cfg = alembic_config(f"sqlite:///{db}")
    command.upgrade(cfg, "0001")  # as the first release left it (application id unset)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO sites (id, name, address, active) VALUES ('s1', 'Main yard', '', 1)"
        )
    conn.close()
    backup = prepare_database(db, NOW)
    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT name FROM sites").fetchone() == ("Main yard",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
    conn.close()


def test_foreign_sqlite_file_without_application_id_is_not_migrated(tmp_path: Path) -> None:
    """Someone else's SQLite file (application id 0, other tables) is refused byte-identical."""
    db = tmp_path / "secor.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE scratch (x)")
        conn.execute("INSERT INTO scratch VALUES (42)")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NotOurDatabase, match="not a secor-desktop database"):
        prepare_database(db, NOW)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secor.sqlite3"]


def test_failed_migration_leaves_the_old_schema_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade that fails after its last step rolls back every table it made."""
    db = tmp_path / "secor.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{db}"), "0001")

    def broken() -> int:
        raise MigrationFailed("stopped on purpose")

    monkeypatch.setattr(database, "schema_version", broken)
    with pytest.raises(MigrationFailed, match="on purpose"):
        prepare_database(db, NOW)
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()
    assert "self_evaluations" not in tables and "records_fts" not in tables


def test_failed_first_start_leaves_no_database_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new database is built aside: a failure leaves no file (empty or half-made) behind."""

    def broken() -> int:
        raise MigrationFailed("stopped on purpose")

    monkeypatch.setattr(database, "schema_version", broken)
    with pytest.raises(MigrationFailed):
        prepare_database(tmp_path / "secor.sqlite3", NOW)
    assert list(tmp_path.iterdir()) == []


def test_read_only_engine_cannot_write_and_sees_the_wal(tmp_path: Path) -> None:
    """A read-only command's engine refuses any write, yet reads commits still in the WAL."""
    db = tmp_path / "secor.sqlite3"
    prepare_database(db, NOW)
    writer = make_engine(db)
    with writer.begin() as conn:  # committed, still in the WAL while the writer is open
        conn.exec_driver_sql(
            "INSERT INTO sites (id, name, address, active) VALUES ('s', 'Y', '', 1)"
        )
    reader = make_engine(db, read_only=True)
    try:
        with reader.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM sites").scalar() == "Y"
            with pytest.raises(OperationalError, match=r"readonly|read-only|query_only"):
                conn.exec_driver_sql("DELETE FROM sites")
    finally:
        reader.dispose()
        writer.dispose()
