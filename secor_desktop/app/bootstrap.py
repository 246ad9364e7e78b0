"""Open (and if needed create and migrate) a data folder and build the services on it."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import tempfile
from functools import partial
from pathlib import Path

from secor_desktop.app.paths import AppPaths
from secor_desktop.services.backups import BackupService
from secor_desktop.services.clock import Clock, SystemClock
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.facade import Services
from secor_desktop.services.locations import Locations
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.database import (
    head_revision,
    make_engine,
    needs_migration,
    prepare_database,
)
from secor_desktop.storage.deferred import DeferredEngine, DeferredUnitsOfWork
from secor_desktop.storage.errors import KnownError, ReadOnlyData
from secor_desktop.storage.server import make_server_engine, prepare_server_database, shown
from secor_desktop.storage.server_blobs import ServerBlobStore

log = logging.getLogger("secor_desktop")


def ensure_data_dir(paths: AppPaths) -> None:
    """Create the folder readable by this user only (records name people and injuries), and
    tighten one made looser (by an older release, a copy, or a restore from elsewhere)."""
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        paths.logs.mkdir(exist_ok=True, mode=0o700)
        paths.blobs.mkdir(exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ReadOnlyData(
            f"The data folder {paths.data_dir} cannot be created or written ({exc.strerror}). "
            "Choose another folder with --data-dir, or fix its permissions."
        ) from exc
    tighten(paths)


def check_database_file(paths: AppPaths) -> None:
    """Refuse a zero-byte, non-SQLite, foreign or too-new database before anything is written
    in the folder (no lock file, no WAL, no log); the refusal names the latest backup."""
    BackupService(locations_for(paths), SystemClock()).check_identity()


def tighten(paths: AppPaths) -> None:
    """Folders 0700, files 0600: the data folder, what it holds and one level further (logs,
    backups, ``files/XX/``), and everything inside any folder found looser than that (made by
    an older release, or copied in). A folder we made holds files written 0600 (mkstemp), so a
    hundred thousand photos are not walked at every start."""
    _tighten(paths.data_dir, depth=2)


def _tighten(path: Path, depth: int) -> None:
    was_loose = _private(path)
    if not path.is_dir() or path.is_symlink():
        return
    if was_loose:
        depth = _ALL
    if depth <= 0:
        return
    for entry in _entries(path):
        _tighten(entry, depth - 1)


_ALL = 1_000


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _private(path: Path) -> bool:
    """Take group and other permissions away; True when there were any."""
    if os.name != "posix" or path.is_symlink():
        return False
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if not mode & 0o077:
            return False
        os.chmod(path, mode & (0o700 if path.is_dir() else 0o600))
    except OSError as exc:  # a read-only medium, or someone else's file: not ours to fix
        log.warning("cannot make %s private: %s", path, exc.strerror)
    return True


class PrivateLogHandler(logging.handlers.RotatingFileHandler):
    """The log names files and errors: created 0600, rotated files too."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def check_writable(paths: AppPaths) -> None:
    """Try to create a file: permissions, read-only mounts and ACLs all answer the same way."""
    for folder in (paths.data_dir, paths.logs, paths.blobs):
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise ReadOnlyData(
                f"The data folder {paths.data_dir} cannot be written to ({folder}: "
                f"{exc.strerror}). Nothing was changed. Check that the disk is not read-only "
                "and that your user owns the folder, or choose another one with --data-dir."
            ) from exc


def setup_logging(paths: AppPaths, verbose: bool = False) -> None:
    root = logging.getLogger("secor_desktop")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = PrivateLogHandler(paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def locations_for(paths: AppPaths) -> Locations:
    return Locations(
        data_dir=paths.data_dir,
        database=paths.database,
        blobs=paths.blobs,
        log_file=paths.log_file,
        schema_revision=head_revision(),
        server=shown(paths.database_url) if paths.database_url else None,
    )


def open_backups(paths: AppPaths, clock: Clock | None = None) -> BackupService:
    """Backups without opening the database: restore must work when it cannot be opened."""
    ensure_data_dir(paths)
    try:
        setup_logging(paths)
    except OSError:
        log.warning("cannot write the log file %s", paths.log_file)
    return BackupService(locations_for(paths), clock or SystemClock())


def open_services(
    paths: AppPaths,
    clock: Clock | None = None,
    *,
    startup_backup: bool = True,
    read_only: bool = False,
    integrity_check: bool = True,
) -> Services:
    """Checks first (is the file ours, writable folder, quick integrity check), then the
    startup backup, then any migration, then the services. Nothing is changed before the
    checks pass.

    ``integrity_check`` False leaves ``PRAGMA quick_check`` (which reads the whole file) to
    the caller, except before a migration: the desktop app runs it once its window is painted
    when the last run ended cleanly (see ``gui/startup.py``).

    ``read_only`` (read-only commands): an existing database at the current schema is opened
    through a read-only connection, so the command works on a read-only folder or medium;
    the startup backup is still made where the folder can be written.
    """
    clock = clock or SystemClock()
    if paths.database_url:
        return _open_server(paths, clock)
    check_database_file(paths)
    if read_only and paths.database.is_file() and not needs_migration(paths.database):
        return _open_read_only(paths, clock, startup_backup=startup_backup)
    ensure_data_dir(paths)
    check_writable(paths)
    setup_logging(paths)
    backups = BackupService(locations_for(paths), clock)
    migrating = needs_migration(paths.database)
    if integrity_check or migrating:
        backups.check_database()
    if startup_backup or migrating:
        try:
            backups.backup_if_due(force=migrating)
        except KnownError as exc:
            if migrating:  # never migrate without a backup
                raise
            log.warning("startup backup failed: %s", exc)
    backup = prepare_database(paths.database, clock.now())
    if backup is not None:
        log.info("database migrated; the previous version is kept at %s", backup)
    tighten(paths)
    writer = DeferredEngine(partial(make_engine, paths.database))
    reader = DeferredEngine(partial(make_engine, paths.database, writer=False))
    return _services(paths, clock, writer, reader=reader)


def _open_server(paths: AppPaths, clock: Clock) -> Services:
    """An office database on a PostgreSQL server: no file checks and no file backups (the
    server's are ``pg_dump``'s, see docs/postgresql.md); migrations under the server's lock."""
    from secor_desktop.services.credentials import server_password

    url = paths.database_url or ""
    ensure_data_dir(paths)
    check_writable(paths)
    setup_logging(paths)
    password = server_password(url)
    prepare_server_database(url, password)
    tighten(paths)
    engine = DeferredEngine(partial(make_server_engine, url, password))
    return _services(paths, clock, engine, ServerBlobStore(paths.blobs, engine))


def _open_read_only(paths: AppPaths, clock: Clock, *, startup_backup: bool) -> Services:
    backups = BackupService(locations_for(paths), clock)
    backups.check_database(read_only=True)
    try:
        check_writable(paths)
    except KnownError:
        writable = False
    else:
        writable = True
    if writable:
        setup_logging(paths)
        if startup_backup:
            try:
                backups.backup_if_due()
            except KnownError as exc:
                log.warning("startup backup failed: %s", exc)
    engine = DeferredEngine(partial(make_engine, paths.database, read_only=True))
    return _services(paths, clock, engine)


def _services(
    paths: AppPaths,
    clock: Clock,
    engine: DeferredEngine,
    blobs: BlobStore | None = None,
    reader: DeferredEngine | None = None,
) -> Services:
    """The services over ``engine``, which (with SQLAlchemy) is made at the first query;
    attached files in the data folder, or (``blobs``, on a server) kept on the server too."""
    blobs = blobs or BlobStore(paths.blobs)
    ctx = ServiceContext(
        uow=DeferredUnitsOfWork(engine, paths.database, blobs, reader),
        clock=clock,
        blobs=blobs,
        framework_dir=paths.data_dir / "frameworks",
    )
    return Services(ctx, locations_for(paths))
