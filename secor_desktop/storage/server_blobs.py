"""Attached files on an office server: the server's ``blobs`` table is the store, the data
folder's ``files/`` a cache of it.

A record saved on one laptop names its photos and signature image by hash; every other laptop
must be able to show and print them. So on a server each file is also written to the ``blobs``
table (migration 0008) in a transaction of its own, committed before the record that names it
(``put``; for an import, ``ServerStagedBlobs.sync`` before the import's commit): no record on
the server ever names a file the server lacks. The insert is ``ON CONFLICT DO NOTHING``: the
same content has the same key, so a second laptop storing the same photo changes nothing.

Reading (``get``) takes the local copy when it is intact, else the server's (checked against
its hash before it is cached or returned). ``check`` (what ``verify`` asks) has the server hash
its own copy: that is the one every laptop prints. A file present only in this data folder (attached
before the server kept files) is sent to the server when ``exists`` or ``check`` meets it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from secor_desktop.storage.atomic import atomic_write_bytes, private_dir
from secor_desktop.storage.blobs import BlobStore, StagedBlobs, _file_sha256

if TYPE_CHECKING:
    from pathlib import Path

    from secor_desktop.storage.deferred import DeferredEngine

INSERT = (
    "INSERT INTO blobs (sha256, size, data) VALUES (:sha, :size, :data) "
    "ON CONFLICT (sha256) DO NOTHING"
)
BATCH_BYTES = 8 * 1024 * 1024


class ServerBlobStore(BlobStore):
    def __init__(self, root: Path, engine: DeferredEngine) -> None:
        super().__init__(root)
        self.engine = engine

    # --- the server's table ---------------------------------------------------------------

    def _send(self, blobs: Iterable[tuple[str, bytes]]) -> None:
        """Insert each (hash, bytes) the server lacks, in one committed transaction; a few
        megabytes per statement, so an import of a thousand photos is not held in memory."""
        from sqlalchemy import text

        with self.engine.get().begin() as conn:
            rows: list[dict[str, object]] = []
            held = 0
            for sha, data in blobs:
                rows.append({"sha": sha, "size": len(data), "data": data})
                held += len(data)
                if held >= BATCH_BYTES:
                    conn.execute(text(INSERT), rows)
                    rows, held = [], 0
            if rows:
                conn.execute(text(INSERT), rows)

    def _on_server(self, sha256: str) -> bool:
        from sqlalchemy import text

        with self.engine.get().connect() as conn:
            found = conn.execute(text("SELECT 1 FROM blobs WHERE sha256 = :sha"), {"sha": sha256})
            return found.first() is not None

    def _server_copy(self, sha256: str) -> bytes | None:
        from sqlalchemy import text

        with self.engine.get().connect() as conn:
            found = conn.execute(
                text("SELECT data FROM blobs WHERE sha256 = :sha"), {"sha": sha256}
            ).first()
        return None if found is None else bytes(found[0])

    # --- the BlobStore interface ----------------------------------------------------------

    def put(self, data: bytes) -> str:
        sha = super().put(data)
        if not self._on_server(sha):
            self._send([(sha, data)])
        return sha

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        if path.is_file():
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == sha256:
                return data
        data = self._server_copy(sha256) or b""
        if hashlib.sha256(data).hexdigest() != sha256:
            raise FileNotFoundError(f"file {sha256} is missing or damaged on the server")
        self._cache(sha256, data)
        return data

    def exists(self, sha256: str) -> bool:
        """On the server (sent there first when only this data folder holds it, intact)."""
        self.path_for(sha256)  # refuses anything but a hash
        return self._on_server(sha256) or self._share_local(sha256)

    def check(self, sha256: str) -> str | None:
        """None when the server's copy is present and intact, else what is wrong with it.

        The server hashes its copy (``pg_catalog.sha256``, named in full so no function of
        the same name elsewhere can answer instead): a verify of thousands of photos does not
        download them all. Whoever could change that function could switch the triggers off
        too; ``get`` checks every copy it downloads on this side.
        """
        from sqlalchemy import text

        self.path_for(sha256)  # refuses anything but a hash
        with self.engine.get().connect() as conn:
            found = conn.execute(
                text(
                    "SELECT encode(pg_catalog.sha256(data), 'hex'), size, octet_length(data) "
                    "FROM blobs WHERE sha256 = :sha"
                ),
                {"sha": sha256},
            ).first()
        if found is None:
            if self._share_local(sha256):
                return None
            return f"file {sha256} is missing on the server"
        if found[0] != sha256 or found[1] != found[2]:
            return f"file {sha256} on the server was changed after it was stored"
        return None

    def all_hashes(self) -> Iterator[str]:
        from sqlalchemy import text

        with self.engine.get().connect() as conn:
            rows = conn.execute(text("SELECT sha256 FROM blobs ORDER BY sha256"))
            hashes: list[str] = list(rows.scalars())
        yield from hashes

    def staging(self) -> ServerStagedBlobs:
        return ServerStagedBlobs(self)

    # --- the local cache ------------------------------------------------------------------

    def _share_local(self, sha256: str) -> bool:
        """Send an intact local copy the server lacks; False when there is none."""
        path = self.path_for(sha256)
        if not path.is_file() or _file_sha256(path) != sha256:
            return False
        self._send([(sha256, path.read_bytes())])
        return True

    def _cache(self, sha256: str, data: bytes) -> None:
        try:
            target = self.path_for(sha256)
            private_dir(target.parent)
            atomic_write_bytes(target, data)
        except OSError:  # a full or read-only disk: the server still has it
            pass


class ServerStagedBlobs(StagedBlobs):
    """An import's files: staged in the data folder as on a laptop, and sent to the server
    by ``sync`` (just before the import's commit), so its records never name a missing file."""

    store: ServerBlobStore

    def __init__(self, store: ServerBlobStore) -> None:
        super().__init__(store)
        self.to_send: set[str] = set()

    def put(self, data: bytes) -> str:
        sha = super().put(data)
        self.to_send.add(sha)
        return sha

    def sync(self) -> None:
        super().sync()
        missing = [sha for sha in sorted(self.to_send) if not self.store._on_server(sha)]
        if missing:
            self.store._send(
                (sha, (self.staged.get(sha) or self.store.path_for(sha)).read_bytes())
                for sha in missing
            )
        self.to_send.clear()
