"""A private temporary folder for files the user opens in another program (photos, scans).

A photo of an injury handed to the system viewer must not sit in a shared folder under /tmp
that every local user can read: it goes to one folder made by ``tempfile.mkdtemp`` (0700, a
name nobody can guess or pre-create), each file 0600, and the folder is removed at quit.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_PREFIX = "secor-desktop-"
_folder: Path | None = None


def private_temp_dir() -> Path:
    """This run's private temporary folder (created on first use, removed at quit)."""
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
        atexit.register(remove_private_temp)
    return _folder


def write_private_file(name: str, data: bytes) -> Path:
    """Write ``data`` as ``name`` (its base name only) in the private folder, mode 0600."""
    path = private_temp_dir() / Path(name).name
    write_private(path, data)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write a file only this user can read (0600), its folder 0700 if it has to be made: for
    what the GUI keeps in the data folder itself (drafts, checklists)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    if os.name == "posix":
        os.chmod(path, 0o600)  # an earlier file of that name may have had another mode


def remove_private_temp() -> None:
    """Delete the folder and what was opened from it (at quit; harmless when called twice)."""
    global _folder
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None
