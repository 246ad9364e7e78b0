"""Photos, scans, documents and signature images, stored once each under their SHA-256.

Files are written to a temporary name, synced, then renamed, so a crash or a full disk never
leaves a half-written blob under a real name. Folders are 0700 and files 0600: the store holds
photos of people and injuries. An import writes its files to a staging folder beside ``files/``
first (``BlobStore.staging``) and moves them in only once the database has committed, so a
refused import leaves ``files/`` exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from secor_desktop.storage.atomic import atomic_write_bytes, fsync_dir, private_dir

STAGING_PREFIX = ".staging-"
SYNC_THREADS = 8  # files written and synced at once while an import stages them
IN_FLIGHT_BYTES = 64 * 1024 * 1024  # staged bytes held in memory until written


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if target.exists() and target.stat().st_size == len(data):
            return sha
        # Photos show people and injuries: folders 0700, the file 0600 (mkstemp's mode).
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        target.parent.mkdir(exist_ok=True, mode=0o700)
        atomic_write_bytes(target, data)
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def check(self, sha256: str) -> str | None:
        """None when the blob is present and intact, else what is wrong."""
        path = self.path_for(sha256)
        if not path.is_file():
            return f"file {path} is missing"
        if _file_sha256(path) != sha256:
            return f"file {path} was changed after it was stored"
        return None

    def staging(self) -> StagedBlobs:
        """A staging folder for one import; use as ``with store.staging() as staged:``."""
        return StagedBlobs(self)

    def recover_staged(self) -> int:
        """Move in intact files left staged by a run that stopped between commit and move.

        Files are named by their content hash, so moving an intact one in is always harmless
        (at worst an unused file); a damaged one is dropped. Returns how many were moved in.
        """
        moved = 0
        for folder in sorted(self.root.parent.glob(f"{STAGING_PREFIX}*")):
            if not folder.is_dir() or folder.is_symlink():
                continue
            for path in sorted(folder.iterdir()):
                if path.is_file() and _file_sha256(path) == path.name:
                    self._move_in(path, path.name)
                    fsync_dir(self.path_for(path.name).parent)
                    moved += 1
            shutil.rmtree(folder, ignore_errors=True)
        return moved

    def _move_in(self, staged: Path, sha256: str) -> None:
        """Rename a staged file into place; the caller syncs the folders moved into."""
        target = self.path_for(sha256)
        private_dir(target.parent)
        os.replace(staged, target)

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for f in sorted(sub.iterdir()):
                    if not f.name.startswith("."):
                        yield f.name


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class StagedBlobs:
    """Files written for one import, kept out of ``files/`` until ``publish``.

    The folder sits in the data folder (same disk, so the final move is a rename). Leaving the
    ``with`` block without ``publish`` (a refusal, an error) removes it and everything in it.
    """

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self.folder = store.root.parent / f"{STAGING_PREFIX}{secrets.token_hex(8)}"
        self.staged: dict[str, Path] = {}
        self.publishing = False
        self._pool: ThreadPoolExecutor | None = None
        self._writes: list[Future[None]] = []
        self._in_flight = 0

    def __enter__(self) -> StagedBlobs:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.publishing and self.staged:
            self._close_pool()
            return  # the database holds them now: left for ``BlobStore.recover_staged``
        self.discard()

    def put(self, data: bytes) -> str:
        """Stage ``data`` unless ``files/`` (or this staging) already holds it; its SHA-256.

        The file is written and synced by a worker thread while the import reads and checks
        the next one (syncs run side by side: hundreds of them one after another were most
        of the time spent on a bundle's files); ``sync`` waits for every one and reports the
        first that failed. Its folder is synced once, by ``sync``. A file cut short by a
        crash fails its hash and is dropped by ``recover_staged``.
        """
        sha = hashlib.sha256(data).hexdigest()
        if sha in self.staged or self.store.exists(sha):
            return sha
        path = private_dir(self.folder) / sha
        if self._pool is None:
            self._pool = ThreadPoolExecutor(SYNC_THREADS, thread_name_prefix="staging")
        self._writes.append(self._pool.submit(_write_synced, path, data))
        self._in_flight += len(data)
        self.staged[sha] = path
        if self._in_flight > IN_FLIGHT_BYTES:
            self._wait_for_writes()
        return sha

    def _wait_for_writes(self) -> None:
        """Every staged file written and synced, or the first failure raised."""
        writes, self._writes, self._in_flight = self._writes, [], 0
        failure: BaseException | None = None
        for write in writes:
            problem = write.exception()
            failure = failure or problem
        if failure is not None:
            raise failure

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._writes, self._in_flight = [], 0

    def sync(self) -> None:
        """Make every staged file and its name durable: call before the database commit
        that refers to them, so a crash after it leaves them for ``recover_staged``."""
        self._wait_for_writes()
        if self.folder.exists():
            fsync_dir(self.folder)

    def publish(self) -> None:
        """Move every staged file into ``files/`` (call after the database commit).

        If a move fails, the files not yet moved stay staged (the database refers to them),
        and the next ``recover_staged`` moves them in. Each folder moved into is synced once,
        after the moves, side by side.
        """
        self._wait_for_writes()  # nothing is moved in half written
        self.publishing = True
        moved_into: set[Path] = set()
        try:
            for sha, path in list(self.staged.items()):
                self.store._move_in(path, sha)
                moved_into.add(self.store.path_for(sha).parent)
                del self.staged[sha]
        finally:
            if len(moved_into) > 1 and self._pool is not None:
                list(self._pool.map(fsync_dir, sorted(moved_into)))
            else:
                for folder in sorted(moved_into):
                    fsync_dir(folder)
        self.discard()

    def discard(self) -> None:
        self._close_pool()  # no write left running into the folder removed below
        if self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
