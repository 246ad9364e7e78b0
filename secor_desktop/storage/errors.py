"""Errors the user can act on, told in a sentence with a next step.

Anything that is not one of these is a bug and goes to the crash report.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from secor_desktop.domain.errors import UserError


class KnownError(UserError):
    """A failure with a cause the user can fix; ``str()`` is the message to show."""


class DatabaseLocked(KnownError):
    pass


class ReadOnlyData(KnownError):
    pass


class DiskFull(KnownError):
    pass


class CorruptDatabase(KnownError):
    """``latest_backup`` is the newest good backup archive to offer, if there is one."""

    def __init__(self, message: str, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class EmptyDatabase(CorruptDatabase):
    """A zero-byte database file: SQLite would open it as a new, empty company."""


class NewerDatabase(KnownError):
    pass


class NotOurDatabase(KnownError):
    pass


class MigrationFailed(KnownError):
    pass


class BackupFailed(KnownError):
    """A backup could not be made; no half-written archive was left behind."""


class BackupRejected(KnownError):
    """An archive was refused before anything was extracted or changed."""


def nearly_full(folder: Path) -> bool:
    """SQLite says "disk I/O error" when it cannot even create its -shm file on a full disk."""
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def translate(exc: BaseException, db_path: Path) -> KnownError | None:
    """Map an sqlite3 error (possibly wrapped by SQLAlchemy) to a known error, or None."""
    inner = getattr(exc, "orig", exc)
    if getattr(inner, "sqlstate", None) == "55P03":  # PostgreSQL: lock_timeout ran out
        return DatabaseLocked(
            "The office database is busy: someone else's save is taking long. Wait a moment "
            "and try again."
        )
    if not isinstance(inner, sqlite3.Error):
        return None
    text = str(inner).lower()
    folder = db_path.parent
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"The database {db_path} is busy: another secor-desktop window or command is "
            "writing to it. Wait a moment and try again, or close the other window."
        )
    if "readonly" in text or "read-only" in text or "attempt to write" in text:
        return ReadOnlyData(
            f"The data folder {folder} cannot be written to. Check that the disk is not "
            "read-only and that your user owns the folder, then try again."
        )
    if "disk is full" in text or ("disk i/o error" in text and nearly_full(folder)):
        return DiskFull(
            f"The disk holding {folder} is full. Nothing was saved from this action. Free "
            "some space, then try again."
        )
    if "malformed" in text or "not a database" in text or "file is encrypted" in text:
        return CorruptDatabase(
            f"The database {db_path} is damaged or is not a secor-desktop database. "
            "Restore the latest backup, or start with a fresh data folder."
        )
    return None


@contextmanager
def known_sqlite_errors(
    db_path: Path, otherwise: Callable[[sqlite3.Error], KnownError]
) -> Iterator[None]:
    """Run a block of SQLite work for a layer that may not import ``sqlite3`` (services): an
    sqlite3 error in it becomes the known error ``translate`` finds, else ``otherwise(exc)``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, db_path) or otherwise(exc) from exc
