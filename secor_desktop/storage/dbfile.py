"""Is this file our database? Answered before anything is written to it or beside it.

SQLite opens a zero-byte file as an empty database and will create tables in anyone's file;
Alembic would then stamp it as ours. So the identity of an existing file is read first: the
header bytes straight from the file (application id, user_version, journal mode), then the
tables through a connection that cannot write and creates no ``-wal``/``-shm`` where it can
avoid it. A refusal leaves the file byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from secor_desktop.storage.errors import (
    CorruptDatabase,
    EmptyDatabase,
    NewerDatabase,
    NotOurDatabase,
    ReadOnlyData,
    nearly_full,
    translate,
)

APPLICATION_ID = 0x5EC0D5C1  # "SECOR D(e)SK" in hex-speak; marks the file as ours
SQLITE_MAGIC = b"SQLite format 3\x00"
CORE_TABLES = frozenset({"alembic_version", "company", "records", "revisions", "workers"})
"""Tables every database of ours holds from its first migration on."""

_HEADER_SIZE = 100


@dataclass(frozen=True)
class FileIdentity:
    """What an existing database file says about itself."""

    application_id: int
    user_version: int
    wal: bool
    tables: frozenset[str]
    revision: str | None


def read_only_uri(db_path: Path, *, long_read: bool = False) -> str:
    """A URI that never writes to the database file.

    ``mode=ro`` wherever SQLite can keep its usual locks (a ``-wal`` file is there, or the
    folder is writable and so can take a ``-shm`` index): it sees what is committed in the WAL
    and is safe while the app writes. ``immutable=1`` (no locks, no files made) otherwise:
    for a read-only folder or medium, or a full disk. A quick identity check (``long_read``
    False) also uses ``immutable=1`` on a WAL-mode file with no ``-wal``, so refusing a file
    creates nothing beside it.
    """
    has_wal = Path(f"{db_path}-wal").exists()  # there while any connection is open
    # A full disk cannot take the -shm index either: read it like read-only media.
    writable_dir = os.access(db_path.parent, os.W_OK) and not nearly_full(db_path.parent)
    quoted = quote(str(db_path.resolve()))
    if has_wal or (writable_dir and (long_read or _header_says_wal(db_path) is False)):
        return f"file:{quoted}?mode=ro"
    return f"file:{quoted}?immutable=1"


def _header_says_wal(db_path: Path) -> bool | None:
    try:
        with db_path.open("rb") as fh:
            header = fh.read(_HEADER_SIZE)
    except OSError:
        return None
    if len(header) < _HEADER_SIZE:
        return None
    return header[18] == 2 and header[19] == 2


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (see ``read_only_uri``)."""
    try:
        return sqlite3.connect(read_only_uri(db_path), uri=True)
    except sqlite3.Error as exc:
        raise _wal_stuck(db_path) or translate(exc, db_path) or exc from exc


def _wal_stuck(db_path: Path) -> ReadOnlyData | None:
    """Saved changes still in the ``-wal`` file, on a folder SQLite may not write to: they can
    only be read where SQLite can write its ``-shm`` index beside them."""
    if Path(f"{db_path}-wal").exists() and not os.access(db_path.parent, os.W_OK):
        return ReadOnlyData(
            f"{db_path} has saved changes in {db_path.name}-wal that cannot be read in a "
            f"read-only folder ({db_path.parent}). Nothing was changed. Copy the whole data "
            "folder (with the -wal file) to a place you can write to and open it there."
        )
    return None


def not_a_database(db_path: Path, detail: str) -> CorruptDatabase:
    return CorruptDatabase(
        f"{db_path} is damaged or is not a secor-desktop database ({detail}). Nothing was "
        "changed. Restore the latest backup, or move the file away and start again."
    )


def read_identity(db_path: Path) -> FileIdentity:
    """The identity of an existing, non-empty file; raises CorruptDatabase for non-SQLite."""
    with db_path.open("rb") as fh:
        header = fh.read(_HEADER_SIZE)
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise not_a_database(db_path, "it does not start with an SQLite header")
    (user_version,) = struct.unpack(">i", header[60:64])
    (app_id,) = struct.unpack(">I", header[68:72])
    conn = connect_read_only(db_path)
    try:
        # The WAL may hold a newer page 1 than the file: ask SQLite too.
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0]) & 0xFFFFFFFF
        user_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = frozenset(
            str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        known = _wal_stuck(db_path) or translate(exc, db_path)
        if known is not None and not isinstance(known, CorruptDatabase):
            raise known from exc
        raise not_a_database(db_path, str(exc)) from exc
    finally:
        conn.close()
    return FileIdentity(app_id, user_version, header[18] == 2, tables, revision)


def check_database_file(
    db_path: Path, *, known_revisions: set[str], schema_version: int
) -> FileIdentity | None:
    """Refuse, without writing, a file this program must not open; None when there is none.

    Raises EmptyDatabase (zero bytes), CorruptDatabase (not SQLite), NotOurDatabase (someone
    else's SQLite file) or NewerDatabase (a schema this program does not know).
    """
    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        raise EmptyDatabase(
            f"The database {db_path} is empty (0 bytes): its records are not in it. Nothing "
            "was changed. Restore the latest backup, or move the file away to start a new "
            "company."
        )
    found = read_identity(db_path)
    ours = found.application_id == APPLICATION_ID
    if not ours and not _untagged_but_ours(found, known_revisions):
        raise NotOurDatabase(
            f"{db_path} is not a secor-desktop database (application id "
            f"{found.application_id:#x}, tables: {_some(found.tables)}); it may belong to "
            "another program. Nothing was changed. Choose another data folder with "
            "--data-dir, or move the file away."
        )
    newer_revision = found.revision is not None and found.revision not in known_revisions
    if newer_revision or found.user_version > schema_version:
        schema = found.revision if newer_revision else f"version {found.user_version}"
        raise NewerDatabase(
            f"{db_path} was written by a newer version of secor-desktop (schema {schema}; "
            f"this version knows up to {schema_version}). Nothing was changed. Install the "
            "newer version to open it."
        )
    return found


def _untagged_but_ours(found: FileIdentity, known_revisions: set[str]) -> bool:
    """Application id 0: an empty SQLite file, or one of ours from before the id was set."""
    if found.application_id != 0:
        return False
    if not found.tables:
        return True
    return found.revision in known_revisions and found.tables >= CORE_TABLES


def _some(tables: frozenset[str]) -> str:
    names = sorted(tables)
    if not names:
        return "none"
    shown = ", ".join(names[:5])
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")
