"""A full or read-only disk, through the real command line (tmpfs mounts; see mounts.py).

Read-only commands work on a read-only data folder (the database is opened read-only);
commands that write answer a full or read-only disk with one sentence and exit 2, and leave no
partial output and no temporary file.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany, signature_png
from tests.integration.mounts import (
    NEEDS_ROOT,
    can_mount,
    fill,
    read_only_view,
    snapshot,
    tmpfs,
)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB file system of its own."""
    with tmpfs(tmp_path / "disk", "8m") as mount_point:
        yield mount_point


@pytest.fixture
def make_services(disk: Path, clock: FixedClock) -> Callable[[str], Services]:
    """The shared ``company`` fixture, built on the small disk."""

    def make(name: str = "data") -> Services:
        return open_services(AppPaths(disk / name), clock)

    return make


@pytest.fixture
def closed(company: SmallCompany) -> Path:
    """A company with signed records and a backup on the small disk, its database closed."""
    services = company.services
    for i in range(3):
        record = company.inspection(f"Inspection {i}")
        services.records.sign(
            record.id,
            signer_id=company.lead.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(i),
        )
    services.backups.make()
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    return services.locations.data_dir


def run(data_dir: Path, *command: str) -> int:
    return main(["--data-dir", str(data_dir), *command])


# --- read-only folder -------------------------------------------------------------------


@pytest.fixture
def read_only_folder(tmp_path: Path, clock: FixedClock) -> Iterator[tuple[Path, Path]]:
    """A data folder on read-only media, and an evidence pack made from it beforehand.

    Root: the folder seen through a read-only bind mount. Others: write permission taken
    away (an ordinary user cannot ignore it)."""
    data_dir = tmp_path / "data"
    services = open_services(AppPaths(data_dir), clock)
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    assert run(data_dir, "company", "set", "--name", "Read Only Roofing", "--province", "AB") == 0
    pack = tmp_path / "pack.pdf"
    assert run(data_dir, "export-pack", str(pack)) == 0
    if can_mount():
        with read_only_view(data_dir, tmp_path / "media") as view:
            yield view, pack
        return
    paths = [data_dir, *data_dir.rglob("*")]
    for path in paths:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    yield data_dir, pack
    for path in paths:
        path.chmod(0o700 if path.is_dir() else 0o600)


@pytest.mark.parametrize(
    "command",
    [["verify"], ["info"], ["records", "list"], ["readiness"], ["verify-pack", "PACK"]],
    ids=" ".join,
)
def test_read_only_commands_work_on_a_read_only_folder(
    read_only_folder: tuple[Path, Path], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """verify, verify-pack, info, records list and readiness read a folder on read-only media."""
    data_dir, pack = read_only_folder
    before = snapshot(data_dir)
    args = [str(pack) if part == "PACK" else part for part in command]
    assert run(data_dir, *args) == 0, capsys.readouterr().err
    assert snapshot(data_dir) == before


def test_write_command_on_a_read_only_folder_is_a_sentence(
    read_only_folder: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A command that writes says the folder cannot be written to; exit 2, no traceback."""
    data_dir, _ = read_only_folder
    assert run(data_dir, "company", "set", "--name", "Renamed") == 2
    err = capsys.readouterr().err
    assert "cannot be written" in err and str(data_dir) in err and "Traceback" not in err


# --- full disk --------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith((".tmp", "-journal"))]


@pytest.mark.parametrize(
    ("command", "output"),
    [
        (["export", "{disk}/bundle"], "bundle"),
        (["export-pack", "{disk}/pack.pdf"], "pack.pdf"),
        (["backup"], None),
        (["company", "set", "--wcb-account", "9998887"], None),
    ],
    ids=["export", "export-pack", "backup", "company-set"],
)
def test_full_disk_is_a_sentence_and_leaves_nothing_behind(
    closed: Path,
    disk: Path,
    command: list[str],
    output: str | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """On a disk with no byte left: exit 2, a sentence saying the disk is full, no partial
    output, no temporary file, and the data folder unchanged."""
    fill(disk)
    before = snapshot(closed)
    code = run(closed, *[part.format(disk=disk) for part in command])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "full" in err and "Traceback" not in err, err
    assert str(disk) in err
    if output is not None:
        assert not (disk / output).exists()
    assert leftovers(disk) == []
    assert snapshot(closed) == before


def test_full_disk_demo_into_a_new_folder_is_a_sentence(
    disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even making a new data folder on a full disk ends in a sentence, not a traceback."""
    fill(disk)
    assert run(disk / "new", "demo") == 2
    err = capsys.readouterr().err
    assert "full" in err and "Traceback" not in err, err
    assert leftovers(disk) == []


def test_space_freed_then_the_command_works(
    closed: Path, disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the refusal, freeing space is enough: the same export then succeeds."""
    fill(disk)
    assert run(closed, "export-pack", str(disk / "pack.pdf")) == 2
    os.remove(disk / "filler")
    assert run(closed, "export-pack", str(disk / "pack.pdf")) == 0
    assert (disk / "pack.pdf").stat().st_size > 0


def test_unread_wal_on_read_only_media_is_a_sentence(
    tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder copied while the app was open (its -wal kept, -shm lost) onto read-only media:
    verify says what to do instead of calling the database damaged."""
    if not can_mount():
        pytest.skip(NEEDS_ROOT)
    services = open_services(AppPaths(tmp_path / "data"), clock)
    services.roster.add_site("Main yard")
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "data", copy)  # while the database is open: -wal holds the site
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    (copy / "secor.sqlite3-shm").unlink()
    with read_only_view(copy, tmp_path / "media") as view:
        before = snapshot(view)
        assert run(view, "verify") == 2
        err = capsys.readouterr().err
        assert "secor.sqlite3-wal" in err and "Copy the whole data folder" in err
        assert "damaged" not in err and "Traceback" not in err
        assert snapshot(view) == before
