"""Backups and restore as use cases: make, list, rotate, restore, and the startup check.

Needs only where things live and a clock, not an open database, so a damaged database that
the program refused to open can still be restored from here (GUI and CLI alike).

Automatic backups: the composition root calls :meth:`BackupService.backup_if_due` at startup
(with ``force=True`` before a migration); the GUI calls it every 30 minutes of use and at quit.
It does nothing when a backup was made within the interval or nothing was saved since.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop import __version__
from secor_desktop.services.clock import Clock
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.locations import Locations
from secor_desktop.storage import backup as store
from secor_desktop.storage import restore as restoring
from secor_desktop.storage.backup import ArchiveLimits, BackupInfo, BackupManifest
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.database import check_file, make_engine, prepare_database, quick_check
from secor_desktop.storage.errors import BackupFailed, CorruptDatabase, known_sqlite_errors
from secor_desktop.storage.rotation import RotationPolicy, backups_to_keep

if TYPE_CHECKING:  # needed only after a restore: not at every start
    from secor_desktop.services.integrity import VerifyProgress, VerifyReport

__all__ = [
    "BackupInfo",
    "BackupManifest",
    "BackupService",
    "CorruptDatabase",  # what check_database raises: front ends catch it without storage
    "RestoreReport",
    "describe",
]

log = logging.getLogger(__name__)

BACKUPS_DIRNAME = "backups"
ASIDE_DIRNAME = "set-aside"
AUTO_INTERVAL = timedelta(minutes=30)
STALE_TEMP_AGE = timedelta(minutes=15)


@dataclass(frozen=True)
class RestoreReport:
    archive: Path
    manifest: BackupManifest
    previous: Path | None  # the archive (or set-aside folder) holding what was replaced
    files_added: int
    verify: VerifyReport


class BackupService:
    def __init__(
        self,
        locations: Locations,
        clock: Clock,
        *,
        policy: RotationPolicy | None = None,
        limits: ArchiveLimits | None = None,
    ) -> None:
        self.locations = locations
        self.clock = clock
        self.policy = policy or RotationPolicy()
        self.limits = limits or ArchiveLimits()

    @property
    def folder(self) -> Path:
        return self.locations.data_dir / BACKUPS_DIRNAME

    # --- making ------------------------------------------------------------------------

    def make(self, dest: Path | None = None, *, label: str = "", rotate: bool = True) -> BackupInfo:
        """A checked archive in the backups folder (rotated), or at ``dest`` (a folder or a
        new .zip name, never an existing file)."""
        now = self.clock.now()
        name = store.archive_name(now, label)
        if dest is None:
            target = self._free_name(self.folder / name)
        elif dest.is_dir():
            target = self._free_name(dest / name)
        else:
            target = dest if dest.suffix == store.SUFFIX else dest.with_name(dest.name + ".zip")
            if target.exists():
                raise BackupFailed(f"{target} already exists; choose another name.")
        if dest is None:
            store.remove_stale_temporaries(self.folder, now - STALE_TEMP_AGE)
        info = store.make_backup(
            self.locations.database,
            self.locations.blobs,
            target,
            now=now,
            program_version=__version__,
        )
        log.info("backup written to %s (%d bytes)", info.path, info.size)
        if dest is None and rotate:
            self.rotate()
        return info

    @staticmethod
    def _free_name(path: Path) -> Path:
        candidate, n = path, 1
        while candidate.exists():
            n += 1
            candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        return candidate

    def backup_if_due(
        self, *, interval: timedelta = AUTO_INTERVAL, force: bool = False
    ) -> BackupInfo | None:
        """The automatic backup: at startup, every ``interval`` of use and at quit.

        Skipped when there is no database yet, or (unless forced) when the newest backup is
        younger than ``interval`` or already holds everything saved (same chain head).
        """
        db = self.locations.database
        if not db.is_file() or db.stat().st_size == 0:
            return None
        if not force:
            latest = next((b for b in self.list() if b.manifest is not None), None)
            if latest is not None and latest.manifest is not None:
                if self.clock.now() - latest.manifest.created_at < interval:
                    return None
                if latest.manifest.chain_head == store.inspect_live_head(db):
                    return None
        return self.make()

    def rotate(self) -> list[Path]:
        """Thin the backups folder out (see RotationPolicy); unreadable archives are kept."""
        readable = [b for b in self.list() if b.manifest is not None]
        keep = backups_to_keep(
            [b.manifest.created_at for b in readable if b.manifest], self.clock.now(), self.policy
        )
        removed = []
        for b in readable:
            if b.manifest is not None and b.manifest.created_at not in keep:
                b.path.unlink(missing_ok=True)
                removed.append(b.path)
        return removed

    # --- listing -----------------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        """Archives in the backups folder, newest first, read from their manifests only."""
        return store.list_backups(self.folder)

    def latest_good(self) -> BackupInfo | None:
        return next((b for b in self.list() if b.good), None)

    def inspect(self, archive: Path) -> BackupManifest:
        """Check an archive completely without changing anything (what restore checks first)."""
        return restoring.check_archive(archive, self.limits)

    # --- startup check -----------------------------------------------------------------

    def check_database(self, *, read_only: bool = False) -> None:
        """Is the file ours (zero bytes, not SQLite, someone else's, too new: refused), then
        PRAGMA quick_check; a damaged or empty database raises CorruptDatabase naming the
        latest good backup to restore. Nothing is changed or overwritten."""
        db = self.locations.database
        if not self.check_identity():
            return
        problems = quick_check(db, read_only=read_only)
        if not problems:
            return
        latest = self.latest_good()
        raise CorruptDatabase(
            f"The database {db} is damaged ({'; '.join(problems[:3])}). Nothing was changed. "
            + self._offer(latest),
            latest.path if latest else None,
        )

    def check_identity(self) -> bool:
        """Refuse, reading only, a database that is empty, not SQLite, someone else's or from
        a newer version (an empty or unreadable one names the latest good backup); False when
        there is no database file yet."""
        try:
            return check_file(self.locations.database) is not None
        except CorruptDatabase as exc:
            latest = self.latest_good()
            raise type(exc)(
                f"{exc} {self._offer(latest)}", latest.path if latest else None
            ) from exc

    def _offer(self, latest: BackupInfo | None) -> str:
        if latest is not None and latest.created_at is not None:
            offer = (
                f"The latest good backup is {latest.path}, made "
                f"{latest.created_at.astimezone().strftime('%Y-%m-%d %H:%M')}. To restore it "
                f'(your current file is kept aside), run: secor-desktop restore "{latest.path}"'
            )
        else:
            offer = f"No backup of it was found in {self.folder}."
        return offer

    # --- restoring ---------------------------------------------------------------------

    def restore(self, archive: Path, progress: VerifyProgress | None = None) -> RestoreReport:
        """Check the archive, put the current data aside, install the backup, then verify.

        The current database is first backed up as an archive labelled ``before-restore``
        (so a restore can itself be undone); a database too damaged for that is moved, not
        copied, into ``set-aside/``. Stored files are only ever added. ``progress`` is told
        how the closing check goes (it reads every record: the long part of a restore).
        """
        now = self.clock.now()
        data_dir = self.locations.data_dir
        db = self.locations.database
        staging = data_dir / f".restore-{uuid.uuid4().hex}"
        store.remove_stale_temporaries(data_dir, now - STALE_TEMP_AGE)

        def failed(exc: Exception) -> BackupFailed:
            return BackupFailed(f"Restoring {archive} into {db} failed: {exc}")

        try:
            with known_sqlite_errors(db, failed):
                staged = restoring.stage_restore(archive, staging, self.limits)
                previous: Path | None = None
                aside = data_dir / ASIDE_DIRNAME / now.strftime("%Y%m%dT%H%M%SZ")
                live = db.is_file() and db.stat().st_size > 0
                if live:
                    try:
                        previous = self.make(label="before-restore", rotate=False).path
                    except CorruptDatabase:
                        previous = restoring.move_database_aside(db, aside).parent
                        live = False
                added = restoring.install_files(staged, self.locations.blobs, aside)
                if live:
                    restoring.copy_database_into(staged.database, db)
                else:
                    restoring.install_database(staged, db)
        except OSError as exc:
            raise store.os_error(exc, data_dir, "nothing was restored") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        prepare_database(db, now)  # an older backup is brought up to this schema
        log.info("restored %s (previous data kept at %s)", archive, previous)
        return RestoreReport(archive, staged.manifest, previous, added, self._verify(progress))

    def _verify(self, progress: VerifyProgress | None = None) -> VerifyReport:
        from secor_desktop.services.integrity import verify
        from secor_desktop.storage.uow import UnitOfWorkFactory

        engine = make_engine(self.locations.database, writer=False)
        blobs = BlobStore(self.locations.blobs)
        try:
            ctx = ServiceContext(
                uow=UnitOfWorkFactory(engine, self.locations.database, blobs),
                clock=self.clock,
                blobs=blobs,
            )
            return verify(ctx, progress=progress)
        finally:
            engine.dispose()


def describe(info: BackupInfo) -> str:
    """One line for a list: date, size, record counts (or why it cannot be read)."""
    if info.manifest is None:
        return f"{info.path.name}: unreadable ({info.problem})"
    m = info.manifest
    when = m.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    records = sum(m.record_counts.values())
    flag = "" if info.good else f" - chain had {m.chain_problems} problem(s)"
    return (
        f"{when}  {info.size / 1024**2:8.1f} MB  {records:6d} records  {m.files:5d} files  "
        f"{info.path.name}{flag}"
    )
