"""Small and read-only file systems for tests, made with tmpfs (root only).

Root must get them: a failed mount as root fails the test. Without root, mounting is
impossible here and the caller skips with that reason (read-only cases fall back to file
modes, which an ordinary user cannot ignore).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NEEDS_ROOT = (
    "mounting a small tmpfs needs root (mount -t tmpfs); run the tests as root to check a "
    "full disk through the command line"
)


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def tmpfs(mount_point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` at ``mount_point``, unmounted afterwards whatever happens."""
    if not can_mount():
        pytest.skip(NEEDS_ROOT)
    mount_point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.fail(f"running as root, but mounting a tmpfs failed: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


@contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """``source`` seen through a read-only bind mount at ``view`` (read-only media)."""
    if not can_mount():
        pytest.skip(NEEDS_ROOT)
    view.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(source), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)
        subprocess.run(["umount", "-l", str(view)], capture_output=True)


def fill(folder: Path) -> None:
    """Write a filler file until the file system has not one byte left."""
    with (folder / "filler").open("wb", buffering=0) as fh:
        for chunk in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    fh.write(b"\0" * chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under the folder with its bytes (None for folders)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }
