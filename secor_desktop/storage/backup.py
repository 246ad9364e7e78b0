"""Backup archives: one zip holding a checked copy of the database, the attachments and a
manifest.

The copy is made with ``VACUUM INTO`` while the program may be writing (a plain copy of a live
database comes out corrupt or silently missing commits), checked (``integrity_check`` and the
hash chain), then packed with every stored file through a temporary name that is synced and
renamed, so a crash or a full disk never leaves a half-written archive under a real name.
Restoring reads nothing but the manifest until every member of the archive has been checked.
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
import shutil
import sqlite3
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from secor_desktop.storage.atomic import atomic_file, private_dir
from secor_desktop.storage.database import (
    BUSY_TIMEOUT_MS,
)
from secor_desktop.storage.dbfile import connect_read_only
from secor_desktop.storage.errors import (
    BackupFailed,
    BackupRejected,
    CorruptDatabase,
    DiskFull,
    KnownError,
    ReadOnlyData,
    translate,
)

FORMAT = "secor-backup/1"
MANIFEST = "manifest.json"
DB_MEMBER = "secor.sqlite3"
PREFIX = "secor-backup-"
SUFFIX = ".zip"
FILE_MEMBER = re.compile(r"files/([0-9a-f]{2})/([0-9a-f]{64})")
_HEX64 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 20


@dataclass(frozen=True)
class ArchiveLimits:
    """Refuse archives beyond these before extracting a byte (zip bombs, absurd sizes)."""

    max_members: int = 200_000
    max_total_bytes: int = 32 * 1024**3
    max_manifest_bytes: int = 1024**2
    max_ratio: float = 200.0  # uncompressed / compressed, checked on members over ratio_floor
    ratio_floor: int = 1024**2


@dataclass(frozen=True)
class BackupManifest:
    program_version: str
    schema_revision: str
    created_at: datetime
    record_counts: dict[str, int]
    revisions: int
    chain_head: str
    chain_problems: int
    files: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "program_version": self.program_version,
                "schema_revision": self.schema_revision,
                "created_at": self.created_at.isoformat(),
                "record_counts": self.record_counts,
                "revisions": self.revisions,
                "chain_head": self.chain_head,
                "chain_problems": self.chain_problems,
                "files": self.files,
            },
            indent=1,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str, source: Path) -> BackupManifest:
        try:
            doc = json.loads(text)
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} manifest")
            counts = doc["record_counts"]
            if not isinstance(counts, dict) or not all(
                isinstance(k, str) and _is_int(v) for k, v in counts.items()
            ):
                raise ValueError("record_counts must map kinds to whole numbers")
            created = datetime.fromisoformat(_field(doc, "created_at", str))
            if created.tzinfo is None:
                raise ValueError("created_at has no time zone")
            return cls(
                program_version=_field(doc, "program_version", str),
                schema_revision=_field(doc, "schema_revision", str),
                created_at=created,
                record_counts=dict(counts),
                revisions=_field(doc, "revisions", int),
                chain_head=_field(doc, "chain_head", str),
                chain_problems=_field(doc, "chain_problems", int),
                files=_field(doc, "files", int),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupRejected(
                f"{source} is not a secor-desktop backup (its manifest cannot be read: {exc})."
            ) from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _field(doc: dict[str, Any], key: str, tp: type[Any]) -> Any:
    value = doc[key]
    if not isinstance(value, tp) or (tp is int and not _is_int(value)):
        raise TypeError(f"{key} has the wrong type")
    return value


@dataclass(frozen=True)
class BackupInfo:
    """One archive as listed: its manifest, or why it cannot be read."""

    path: Path
    size: int
    manifest: BackupManifest | None
    problem: str | None = None

    @property
    def created_at(self) -> datetime | None:
        return self.manifest.created_at if self.manifest else None

    @property
    def good(self) -> bool:
        """Readable, and its chain was intact when it was made."""
        return self.manifest is not None and self.manifest.chain_problems == 0


# --- making ----------------------------------------------------------------------------


def archive_name(now: datetime, label: str = "") -> str:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    return f"{PREFIX}{stamp}{'-' + label if label else ''}{SUFFIX}"


def make_backup(
    db_path: Path, blobs_root: Path, target: Path, *, now: datetime, program_version: str
) -> BackupInfo:
    """Write a checked archive of the database and its files at ``target`` (atomically)."""
    if not db_path.is_file():
        raise BackupFailed(f"There is no database at {db_path} to back up yet.")
    folder = target.parent
    snapshot = folder / f".{target.name}.{uuid.uuid4().hex}.sqlite3.tmp"
    try:
        private_dir(folder)  # backups hold every record
        _vacuum_into(db_path, snapshot)
        details = inspect_database(snapshot)
        blobs = list(_blob_files(blobs_root))
        manifest = BackupManifest(
            program_version=program_version,
            schema_revision=details.schema_revision,
            created_at=now,
            record_counts=details.record_counts,
            revisions=details.revisions,
            chain_head=details.chain_head,
            chain_problems=details.chain_problems,
            files=len(blobs),
        )
        with atomic_file(target) as fh, zipfile.ZipFile(fh, "w") as zf:
            zf.writestr(MANIFEST, manifest.to_json(), compress_type=zipfile.ZIP_DEFLATED)
            zf.write(snapshot, DB_MEMBER, compress_type=zipfile.ZIP_DEFLATED)
            for sha, path in blobs:
                # Photos and signatures are compressed already: store them as they are.
                zf.write(path, f"files/{sha[:2]}/{sha}", compress_type=zipfile.ZIP_STORED)
    except KnownError:
        raise
    except sqlite3.Error as exc:
        known = translate(exc, target)
        raise known or BackupFailed(f"The backup into {folder} failed: {exc}") from exc
    except OSError as exc:
        raise os_error(exc, folder, "the backup was not made") from exc
    finally:
        for extra in ("", "-journal", "-wal", "-shm"):
            # Never let the clean-up hide the error that is being raised.
            with contextlib.suppress(OSError):
                Path(f"{snapshot}{extra}").unlink(missing_ok=True)
    return BackupInfo(target, target.stat().st_size, manifest)


def os_error(exc: OSError, folder: Path, what_happened: str) -> KnownError:
    """A file-system failure as a message that names the folder."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(
            f"The disk holding {folder} is full: {what_happened}, and no half-written file was "
            "left. Free some space, then try again."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyData(
            f"The folder {folder} cannot be written to: {what_happened}. Check that the disk "
            "is not read-only and that your user owns the folder."
        )
    return BackupFailed(f"{what_happened.capitalize()} in {folder}: {exc.strerror or exc}.")


def _vacuum_into(db_path: Path, snapshot: Path) -> None:
    """A consistent copy, taken in one read transaction while others may write."""
    conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("VACUUM INTO ?", (str(snapshot),))
    finally:
        conn.close()


@dataclass(frozen=True)
class DatabaseDetails:
    application_id: int
    schema_revision: str
    record_counts: dict[str, int] = field(default_factory=dict)
    revisions: int = 0
    chain_head: str = ""
    chain_problems: int = 0


def inspect_database(path: Path) -> DatabaseDetails:
    """Integrity check, schema revision, counts and the recomputed chain of a closed copy."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise CorruptDatabase(
                f"The copy of the database is damaged ({'; '.join(result[:3])}). Run "
                "verify, and restore the latest good backup if it reports problems."
            )
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        # A file from before the first migration has none of these tables yet.
        row = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        counts: dict[Any, Any] = {}
        if "records" in tables:
            counts = dict(conn.execute("SELECT kind, count(*) FROM records GROUP BY kind"))
        # The chain rules (and the record model they bring) are imported when a backup is
        # described, not by every start that only checks the file is ours.
        from secor_desktop.domain.canonical import GENESIS
        from secor_desktop.domain.ledger import ChainHead, ChainProblem, StoredRevision, check_chain

        head: ChainHead = ChainHead(0, GENESIS)
        problems: list[ChainProblem] = []
        if "revisions" in tables:
            cursor = conn.execute(
                "SELECT seq, entity_type, entity_id, revision, document, content_sha256, "
                "prev_chain_sha256, chain_sha256 FROM revisions ORDER BY seq"
            )
            head, problems = check_chain(StoredRevision(*r) for r in cursor)
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(
            f"{path.name} is damaged or is not a secor-desktop database ({exc})."
        ) from exc
    finally:
        conn.close()
    return DatabaseDetails(
        application_id=app_id,
        schema_revision=str(row[0]) if row else "",
        record_counts={str(k): int(v) for k, v in counts.items()},
        revisions=head.count,
        chain_head=head.sha256,
        chain_problems=len(problems),
    )


def inspect_live_head(db_path: Path) -> str:
    """The chain head the live database holds now (to skip a backup when nothing changed).

    Read-only: deciding whether a backup is due must work on a full or read-only disk."""
    from secor_desktop.domain.canonical import GENESIS

    conn = connect_read_only(db_path)
    try:
        row = conn.execute(
            "SELECT chain_sha256 FROM revisions ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as exc:
        raise translate(exc, db_path) or exc from exc
    finally:
        conn.close()
    return str(row[0]) if row else GENESIS


def _blob_files(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for sub in sorted(root.iterdir()):
        if sub.is_dir() and not sub.is_symlink():
            for f in sorted(sub.iterdir()):
                if _HEX64.fullmatch(f.name) and f.name[:2] == sub.name and f.is_file():
                    yield f.name, f


# --- listing and rotation -----------------------------------------------------------------


def read_manifest(archive: Path, limits: ArchiveLimits | None = None) -> BackupManifest:
    """The manifest alone: the rest of the archive is not read."""
    limits = limits or ArchiveLimits()
    try:
        with zipfile.ZipFile(archive) as zf:
            try:
                info = zf.getinfo(MANIFEST)
            except KeyError:
                raise BackupRejected(
                    f"{archive} is not a secor-desktop backup (no {MANIFEST})."
                ) from None
            if info.file_size > limits.max_manifest_bytes:
                raise BackupRejected(f"{archive}: its manifest is implausibly large.")
            text = zf.read(info).decode("utf-8")
    except (zipfile.BadZipFile, UnicodeDecodeError, EOFError) as exc:
        raise BackupRejected(f"{archive} is not a readable backup archive ({exc}).") from None
    except OSError as exc:
        raise BackupRejected(f"{archive} cannot be read ({exc.strerror or exc}).") from None
    return BackupManifest.from_json(text, archive)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Archives in ``folder``, newest first; unreadable ones are listed with their problem."""
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
        if not path.is_file():
            continue
        try:
            found.append(BackupInfo(path, path.stat().st_size, read_manifest(path)))
        except BackupRejected as exc:
            found.append(BackupInfo(path, path.stat().st_size, None, str(exc)))
    return sorted(found, key=_sort_key, reverse=True)


def _sort_key(info: BackupInfo) -> tuple[float, str]:
    created = info.created_at
    return (created.timestamp() if created else info.path.stat().st_mtime, info.path.name)


def remove_stale_temporaries(folder: Path, older_than: datetime) -> None:
    """Temporary files left by a backup or restore that was killed or ran out of space."""
    if not folder.is_dir():
        return
    for path in folder.glob(f".{PREFIX}*.tmp"):
        if datetime.fromtimestamp(path.stat().st_mtime, older_than.tzinfo) < older_than:
            path.unlink(missing_ok=True)
    for path in folder.glob(".restore-*"):
        if path.is_dir() and (
            datetime.fromtimestamp(path.stat().st_mtime, older_than.tzinfo) < older_than
        ):
            shutil.rmtree(path, ignore_errors=True)
