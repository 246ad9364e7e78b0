"""A PDF and a folder of files beside it, written so that both appear or neither does.

The folder is filled under a temporary name in the same directory and renamed into place; an
earlier folder of that name is moved aside first and put back if anything fails (the PDF
included), so a failed write leaves what was there before and no orphan file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from secor_desktop.storage.atomic import TEMP_SUFFIX, atomic_write_bytes, fsync_dir


def _write_all(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    for name, data in files:
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    fsync_dir(folder)


def write_pdf_and_folder(
    pdf_path: Path, pdf: bytes, folder: Path, files: Sequence[tuple[str, bytes]]
) -> None:
    """Write ``pdf`` at ``pdf_path`` and exactly ``files`` (name, bytes) in ``folder``.

    Both are in the same existing directory. On any failure nothing new is left behind and an
    earlier PDF and folder stay as they were.
    """
    parent = pdf_path.parent
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=TEMP_SUFFIX))
    aside: Path | None = None
    try:
        _write_all(tmp, files)
        if folder.exists():
            aside = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".old"))
            os.replace(folder, aside / folder.name)
        os.replace(tmp, folder)
        try:
            atomic_write_bytes(pdf_path, pdf)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if aside is not None:
            if not folder.exists():
                os.replace(aside / folder.name, folder)
            shutil.rmtree(aside, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    fsync_dir(parent)
