"""Read the revision chain held in a backup archive, without restoring it.

Used to name the first revision that differs from a kept head: a backup whose own documents
recompute to the kept head is a proven copy of the chain as it was, link by link.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.storage.backup import DB_MEMBER, ArchiveLimits
from secor_desktop.storage.errors import KnownError
from secor_desktop.storage.restore import check_archive, extract_member


@contextmanager
def backup_revisions(
    archive: Path, limits: ArchiveLimits | None = None
) -> Iterator[Iterator[StoredRevision]]:
    """The archive's revisions in chain order, streamed from a private temporary copy.

    An archive that is not ours, is damaged or is refused by the usual checks yields nothing.
    """
    with tempfile.TemporaryDirectory(prefix="secor-backup-chain-") as tmp:
        copy = Path(tmp) / DB_MEMBER
        try:
            check_archive(archive, limits)
            with zipfile.ZipFile(archive) as zf:
                extract_member(zf, zf.getinfo(DB_MEMBER), copy)
        except (KnownError, OSError, zipfile.BadZipFile, KeyError, EOFError):
            yield iter(())
            return
        with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as conn:
            try:
                cursor = conn.execute(
                    "SELECT seq, entity_type, entity_id, revision, document, content_sha256, "
                    "prev_chain_sha256, chain_sha256 FROM revisions ORDER BY seq"
                )
            except sqlite3.Error:
                yield iter(())
                return
            yield _rows(cursor)


def _rows(cursor: sqlite3.Cursor) -> Iterator[StoredRevision]:
    """A damaged page half way through ends the chain there (it then proves nothing past it)."""
    try:
        for row in cursor:
            yield StoredRevision(*row)
    except sqlite3.Error:
        return
