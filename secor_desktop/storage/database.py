"""Open the database file: connection settings, schema checks, migrations.

Every connection: foreign keys ON, WAL journal, ``synchronous=FULL`` (signed evidence must
survive power loss), a busy timeout, and ``BEGIN IMMEDIATE`` so a write transaction takes its
lock up front instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secor_desktop.storage.atomic import fsync_dir
from secor_desktop.storage.dbfile import (
    APPLICATION_ID,
    FileIdentity,
    check_database_file,
    read_only_uri,
)
from secor_desktop.storage.errors import (
    CorruptDatabase,
    KnownError,
    MigrationFailed,
    translate,
)
from secor_desktop.storage.schema import DB_FILENAME, HEAD_REVISION, REVISIONS, schema_version

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

__all__ = [  # re-exported
    "APPLICATION_ID",
    "DB_FILENAME",
    "make_engine",
    "prepare_database",
    "schema_version",
]
BUSY_TIMEOUT_MS = 5_000


def migrations_dir() -> Path:
    return Path(str(resources.files("secor_desktop.storage") / "migrations"))


def alembic_config(db_url: str) -> Config:
    from alembic.config import Config  # only when a migration is due (see storage/schema.py)

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


def _on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def make_engine(db_path: Path, *, writer: bool = True, read_only: bool = False) -> Engine:
    """A writer engine begins with BEGIN IMMEDIATE; a reader's BEGIN takes no write lock.

    ``read_only`` opens the file through a read-only URI (``mode=ro``, or ``immutable=1`` on
    read-only media or a full disk; see ``dbfile.read_only_uri``) with ``query_only`` on, so
    read-only commands work on a read-only folder and cannot change the file.
    """
    from sqlalchemy import create_engine, event  # the first window needs no SQLAlchemy

    # hide_parameters: an error's text (logged, shown in the crash report) must never carry
    # what a record says, only the SQL.
    if read_only:
        uri = read_only_uri(db_path, long_read=True)
        engine = create_engine(
            "sqlite://",
            hide_parameters=True,
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _on_connect_read_only)
        writer = False
    else:
        engine = create_engine(f"sqlite:///{db_path}", hide_parameters=True)
        event.listen(engine, "connect", _on_connect)
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def head_revision() -> str:
    """The newest migration's id, known without importing Alembic (see storage/schema.py)."""
    return HEAD_REVISION


def _known_revisions() -> set[str]:
    return set(REVISIONS)


def is_known_revision(revision: str) -> bool:
    """False for a schema revision this program does not know: one from a newer version."""
    return revision in _known_revisions()


def check_file(db_path: Path) -> FileIdentity | None:
    """Refuse (raising a KnownError, writing nothing) a zero-byte, non-SQLite, foreign or newer
    database file; None when there is no file yet."""
    return check_database_file(
        db_path, known_revisions=_known_revisions(), schema_version=schema_version()
    )


def needs_migration(db_path: Path) -> bool:
    """True when an existing file of ours is at a known revision below head.

    Raises for a file that must not be opened at all (see ``check_file``).
    """
    found = check_file(db_path)
    if found is None:
        return False
    return found.revision != head_revision()


def quick_check(db_path: Path, *, read_only: bool = False) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong with the file (empty when it is sound).

    Opened read-write so a WAL left by a crash is recovered, as the program itself would
    (``read_only`` for read-only commands). A locked or read-only file raises the matching
    known error instead.
    """
    try:
        if read_only:
            conn = sqlite3.connect(read_only_uri(db_path, long_read=True), uri=True)
        else:
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


def copy_aside(db_path: Path, suffix: str) -> Path:
    """A consistent copy through SQLite's backup API (never a plain file copy)."""
    target = db_path.with_name(f"{db_path.stem}.{suffix}{db_path.suffix}")
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))  # private before any byte
    src = sqlite3.connect(str(db_path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(target, 0o600)
    return target


def prepare_database(db_path: Path, now: datetime) -> Path | None:
    """Bring the file to the current schema. Return the copy made before migrating, if any.

    Refuses (and leaves untouched) a file that is not ours or comes from a newer program.
    A new database is built complete under a temporary name and renamed into place, so a
    crash during the first start never leaves an empty or half-made file under the real name;
    an existing one is upgraded in one transaction.
    """
    found = check_file(db_path)
    if found is not None and found.revision == head_revision():
        return None
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if found is None:
        _create(db_path)
        return None
    backup = copy_aside(db_path, f"before-migration-{now.strftime('%Y%m%dT%H%M%S')}")
    log.info("copied %s aside to %s before migrating", db_path, backup)
    _migrate(db_path, db_path)
    return backup


NEW_SUFFIX = ".new"
STALE_NEW_SECONDS = 600


def _create(db_path: Path) -> None:
    for stale in db_path.parent.glob(f".{db_path.name}.*{NEW_SUFFIX}*"):
        # Left by a first start that was killed (not one still running next to us).
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > STALE_NEW_SECONDS:
                stale.unlink()
    tmp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex}{NEW_SUFFIX}")
    try:
        _migrate(tmp, db_path)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
        fsync_dir(db_path.parent)
    finally:
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{extra}").unlink(missing_ok=True)


def _migrate(path: Path, db_path: Path) -> None:
    from sqlalchemy.exc import DBAPIError

    try:
        _upgrade(path)
    except KnownError:
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        known = translate(exc, db_path)
        raise known or MigrationFailed(f"Updating {db_path} failed: {exc}") from exc


def _on_migration_connect(dbapi_conn: Any, _record: Any) -> None:
    # Outside any transaction (both are no-ops inside one): WAL from the first write on, and
    # foreign keys OFF so batch table rebuilds cannot cascade-delete child rows.
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA foreign_keys = OFF")
    dbapi_conn.execute("PRAGMA journal_mode = WAL")
    dbapi_conn.execute("PRAGMA synchronous = FULL")


def _upgrade(db_path: Path) -> None:
    """Upgrade in one explicit ``BEGIN IMMEDIATE`` transaction (all or nothing, no other
    writer in between), on a dedicated connection with foreign keys OFF."""
    from alembic import command
    from sqlalchemy import create_engine, event

    url = f"sqlite:///{db_path}"
    engine = create_engine(url, hide_parameters=True)  # no record text in error messages
    event.listen(engine, "connect", _on_migration_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    # A new file, its -wal and -shm are created private (SQLite gives -wal/-shm the
    # database's mode); migrations run at startup or restore, before other threads write.
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        with engine.begin() as conn:
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
    finally:
        engine.dispose()
        if old_umask is not None:
            os.umask(old_umask)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def raw_connection(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(str(db_path))
    try:
        yield conn
    finally:
        conn.close()
