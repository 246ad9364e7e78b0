"""Photos, scans and signature images, stored once each under their SHA-256.

Files are written to a temporary name, synced, then renamed, so a crash or a full disk never
leaves a half-written blob under a real name. Folders are 0700 and files 0600: the store holds
photos of people and injuries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from secor_desktop.storage.atomic import atomic_write_bytes


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
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            return f"file {path} was changed after it was stored"
        return None

    def all_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for f in sorted(sub.iterdir()):
                    if not f.name.startswith("."):
                        yield f.name
