"""Open the database file: connection settings, schema checks, migrations.

Every connection: foreign keys ON, WAL journal, ``synchronous=FULL`` (signed evidence must
survive power loss), a busy timeout, and ``BEGIN IMMEDIATE`` so a write transaction takes its
lock up front instead of failing half-way.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from secor_desktop.storage.errors import (
    CorruptDatabase,
    KnownError,
    MigrationFailed,
    NewerDatabase,
    NotOurDatabase,
    translate,
)

log = logging.getLogger(__name__)

APPLICATION_ID = 0x5EC0D5C1  # "SECOR D(e)SK" in hex-speak; marks the file as ours
BUSY_TIMEOUT_MS = 5_000
DB_FILENAME = "secor.sqlite3"


def migrations_dir() -> Path:
    return Path(str(resources.files("secor_desktop.storage") / "migrations"))


def alembic_config(db_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", db_url)
    return cfg


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE instead of pysqlite's lazy BEGIN.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def make_engine(db_path: Path, *, writer: bool = True) -> Engine:
    """A writer engine begins with BEGIN IMMEDIATE; a reader's BEGIN takes no write lock."""
    # hide_parameters: an error's text (logged, shown in the crash report) must never carry
    # what a record says, only the SQL.
    engine = create_engine(f"sqlite:///{db_path}", hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = script.get_current_head()
    assert head is not None
    return head


def schema_version() -> int:
    """Migration ids are numbered ("0001_..."): the head's number is the schema version."""
    return int(head_revision().split("_")[0])


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


def is_known_revision(revision: str) -> bool:
    """False for a schema revision this program does not know: one from a newer version."""
    return revision in _known_revisions()


def needs_migration(db_path: Path) -> bool:
    """True when an existing file of ours is at a known revision below head."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return False
    app_id, current = read_schema_state(db_path)
    if app_id not in (0, APPLICATION_ID):
        return False
    return current is None or (current != head_revision() and is_known_revision(current))


def quick_check(db_path: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with the file (empty when it is sound).

    Opened read-write so a WAL left by a crash is recovered, as the program itself would.
    A locked or read-only file raises the matching known error instead.
    """
    try:
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise translate(exc, db_path) or exc from exc
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        known = translate(exc, db_path)
        if isinstance(known, CorruptDatabase):
            return [str(exc)]
        raise known or exc from exc
    finally:
        conn.close()
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def read_schema_state(db_path: Path) -> tuple[int, str | None]:
    """(application_id, alembic revision) of an existing file, read without writing."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise translate(exc, db_path) or exc from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        rev = None
        if has_table:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        return int(app_id), rev
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(
            f"{db_path} is damaged or is not a database ({exc}). Restore the latest backup, "
            "or move the file away and start again."
        ) from exc
    finally:
        conn.close()


def copy_aside(db_path: Path, suffix: str) -> Path:
    """A consistent copy through SQLite's backup API (never a plain file copy)."""
    target = db_path.with_name(f"{db_path.stem}.{suffix}{db_path.suffix}")
    src = sqlite3.connect(str(db_path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def prepare_database(db_path: Path, now: datetime) -> Path | None:
    """Bring the file to the current schema. Return the copy made before migrating, if any.

    Refuses (and leaves untouched) a file that is not ours or comes from a newer program.
    """
    head = head_revision()
    existed = db_path.exists() and db_path.stat().st_size > 0
    current: str | None = None
    if existed:
        app_id, current = read_schema_state(db_path)
        if app_id not in (0, APPLICATION_ID):
            raise NotOurDatabase(
                f"{db_path} belongs to another program (application id {app_id:#x}). "
                "Choose another data folder."
            )
        if current is not None and current not in _known_revisions():
            raise NewerDatabase(
                f"{db_path} was written by a newer version of secor-desktop (schema "
                f"{current}). Nothing was changed. Install the newer version to open it."
            )
        if current == head:
            return None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if existed:
        backup = copy_aside(db_path, f"before-migration-{now.strftime('%Y%m%dT%H%M%S')}")
        log.info("copied %s aside to %s before migrating", db_path, backup)
    try:
        _upgrade(db_path)
    except KnownError:
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        known = translate(exc, db_path)
        raise known or MigrationFailed(f"Updating {db_path} failed: {exc}") from exc
    return backup


def _upgrade(db_path: Path) -> None:
    """Upgrade on a dedicated connection with foreign keys OFF (batch rebuilds would cascade)."""
    url = f"sqlite:///{db_path}"
    engine = create_engine(url, hide_parameters=True)  # no record text in error messages
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            # The schema version, readable by any SQLite tool (PRAGMA user_version).
            conn.exec_driver_sql(f"PRAGMA user_version = {schema_version()}")
            bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise MigrationFailed(
                    f"Updating {db_path} left {len(bad)} broken links between tables; the "
                    "update was rolled back. Please report this with the log file."
                )
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    finally:
        engine.dispose()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def raw_connection(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(db_path))
    try:
        yield conn
    finally:
        conn.close()
