"""Checking and restoring a backup archive: nothing but the manifest is read until every
member has been checked (our own layout only: no absolute paths, no ``..``, no links, no
duplicates, bounded sizes); then the files are staged, moved in, and the database copied or
installed, with whatever it replaces kept aside.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from secor_desktop.storage.atomic import fsync_dir, private_dir
from secor_desktop.storage.backup import (
    CHUNK,
    DB_MEMBER,
    FILE_MEMBER,
    MANIFEST,
    ArchiveLimits,
    BackupManifest,
    inspect_database,
    os_error,
    read_manifest,
)
from secor_desktop.storage.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    is_known_revision,
    schema_version,
)
from secor_desktop.storage.errors import BackupFailed, BackupRejected, DiskFull, NewerDatabase


def check_archive(archive: Path, limits: ArchiveLimits | None = None) -> BackupManifest:
    """Refuse anything but our own layout before a single byte is extracted.

    Only ``manifest.json``, ``secor.sqlite3`` and ``files/xx/<sha256>`` are allowed: no
    absolute paths, no ``..``, no links, no duplicates, no encryption; member count, total
    size and compression ratio are bounded. A backup from a newer schema is refused.
    """
    limits = limits or ArchiveLimits()
    manifest = read_manifest(archive, limits)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupRejected(f"{archive} is not a readable backup archive ({exc}).") from None
    if len(infos) > limits.max_members:
        raise BackupRejected(f"{archive} holds {len(infos):,} members; refusing it.")
    names: set[str] = set()
    total = 0
    for info in infos:
        _check_member(archive, info, limits)
        if info.filename in names:
            raise BackupRejected(f"{archive} holds {info.filename!r} twice; refusing it.")
        names.add(info.filename)
        total += info.file_size
    if DB_MEMBER not in names:
        raise BackupRejected(f"{archive} holds no database ({DB_MEMBER}); refusing it.")
    if total > limits.max_total_bytes:
        raise BackupRejected(f"{archive} would unpack to {total:,} bytes; refusing it.")
    if manifest.schema_revision and not is_known_revision(manifest.schema_revision):
        raise NewerDatabase(
            f"{archive} was made by a newer version of secor-desktop (schema "
            f"{manifest.schema_revision}; this version knows schema {schema_version():04d} and "
            "older). Nothing was changed. Install the newer version to restore it."
        )
    return manifest


def _check_member(archive: Path, info: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    name = info.filename
    if name not in (MANIFEST, DB_MEMBER):
        match = FILE_MEMBER.fullmatch(name)
        if match is None or match.group(2)[:2] != match.group(1):
            raise BackupRejected(f"{archive} holds an unexpected member {name!r}; refusing it.")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or info.is_dir():
        raise BackupRejected(f"{archive}: {name!r} is a link or folder; refusing it.")
    if info.flag_bits & 0x1:
        raise BackupRejected(f"{archive}: {name!r} is encrypted; refusing it.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise BackupRejected(f"{archive}: {name!r} uses an unknown compression; refusing it.")
    if info.file_size > limits.ratio_floor and (
        info.file_size > limits.max_ratio * max(info.compress_size, 1)
    ):
        raise BackupRejected(
            f"{archive}: {name!r} claims {info.file_size:,} bytes from "
            f"{info.compress_size:,} (a zip bomb?); refusing it."
        )


@dataclass(frozen=True)
class StagedRestore:
    """A checked archive unpacked into a private folder, ready to install."""

    folder: Path
    manifest: BackupManifest
    database: Path
    files: list[tuple[str, Path]]


def stage_restore(
    archive: Path, staging: Path, limits: ArchiveLimits | None = None
) -> StagedRestore:
    """Check the archive, then unpack it into ``staging`` and check what came out."""
    limits = limits or ArchiveLimits()
    manifest = check_archive(archive, limits)
    with zipfile.ZipFile(archive) as zf:
        needed = sum(i.file_size for i in zf.infolist())
        if staging.exists():
            raise FileExistsError(staging)
        private_dir(staging)
        if shutil.disk_usage(staging).free < needed + 16 * 1024**2:
            raise DiskFull(
                f"The disk holding {staging.parent} has too little free space to restore "
                f"{archive.name} ({needed:,} bytes needed). Nothing was changed."
            )
        files: list[tuple[str, Path]] = []
        database = staging / DB_MEMBER
        try:
            for info in zf.infolist():
                if info.filename == MANIFEST:
                    continue
                target = database
                if info.filename != DB_MEMBER:
                    sha = info.filename.rsplit("/", 1)[1]
                    target = staging / "files" / sha
                    files.append((sha, target))
                digest = extract_member(zf, info, target)
                if target is not database and digest != sha:
                    raise BackupRejected(
                        f"{archive}: {info.filename} does not match its hash; refusing it."
                    )
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
            raise BackupRejected(f"{archive} is damaged ({exc}); nothing was changed.") from None
        except OSError as exc:
            raise os_error(exc, staging.parent, "nothing was restored") from exc
    details = inspect_database(database)
    if details.application_id not in (0, APPLICATION_ID):
        raise BackupRejected(f"{archive} holds another program's database; refusing it.")
    if details.schema_revision and not is_known_revision(details.schema_revision):
        raise NewerDatabase(
            f"{archive} holds a database from a newer version of secor-desktop (schema "
            f"{details.schema_revision}). Nothing was changed."
        )
    if (details.chain_head, details.chain_problems) != (
        manifest.chain_head,
        manifest.chain_problems,
    ):
        raise BackupRejected(
            f"{archive} was changed after it was made: its records no longer match the chain "
            "head its manifest recorded. Nothing was changed."
        )
    return StagedRestore(staging, manifest, database, files)


def extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> str:
    """Copy one member, never writing more than it declared; return its SHA-256."""
    private_dir(target.parent)
    digest = hashlib.sha256()
    written = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with zf.open(info) as src, os.fdopen(fd, "wb") as dst:
        while chunk := src.read(CHUNK):
            written += len(chunk)
            if written > info.file_size:
                raise BackupRejected(f"{info.filename} is larger than it declares; refusing it.")
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    return digest.hexdigest()


def install_files(staged: StagedRestore, blobs_root: Path, aside: Path) -> int:
    """Add the backup's files to the store; a damaged file in the way is moved aside first."""
    added = 0
    for sha, path in staged.files:
        target = blobs_root / sha[:2] / sha
        if target.is_file():
            if _sha256_of(target) == sha:
                continue
            private_dir(aside / "files")
            os.replace(target, aside / "files" / sha)
        private_dir(target.parent)
        os.replace(path, target)
        added += 1
    for sub in {p.parent for p in (blobs_root / s[:2] / s for s, _ in staged.files)}:
        fsync_dir(sub)
    return added


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def copy_database_into(source: Path, db_path: Path) -> None:
    """Replace the live database's content with ``source`` in one SQLite transaction.

    Other connections (another window) see either the old content or the new, never a mix,
    and a crash half-way leaves the old content.
    """
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def move_database_aside(db_path: Path, aside: Path) -> Path:
    """Rename the database and its -wal/-shm/-journal into ``aside`` (nothing is copied or lost).

    Only for a database no connection has open, e.g. a damaged one the program refused.
    """
    private_dir(aside)
    moved = aside / db_path.name
    for extra in ("", "-wal", "-shm", "-journal"):
        src = Path(f"{db_path}{extra}")
        if src.exists():
            os.replace(src, Path(f"{moved}{extra}"))
    fsync_dir(db_path.parent)
    return moved


def install_database(staged: StagedRestore, db_path: Path) -> None:
    """Put the staged database in place of a missing (or moved-aside) one."""
    for extra in ("-wal", "-shm", "-journal"):
        if Path(f"{db_path}{extra}").exists():
            raise BackupFailed(
                f"{db_path}{extra} is still present; move the old database aside first."
            )
    os.replace(staged.database, db_path)
    fsync_dir(db_path.parent)
