"""Startup checks, each failure produced for real: a damaged file, a newer schema, a
read-only folder (as an ordinary user), a full disk, a folder in a cloud-sync or network place.
"""

from __future__ import annotations

import os
import pwd
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.backups import BackupService
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.services.location import data_folder_warning
from secor_desktop.storage.errors import (
    CorruptDatabase,
    DiskFull,
    KnownError,
    NewerDatabase,
    ReadOnlyData,
)
from tests.conftest import SmallCompany
from tests.integration.mounts import tmpfs

pytestmark = pytest.mark.sqlite_only("startup checks of the SQLite file (quick_check, its header)")


def close(services: Services) -> None:
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]


@pytest.fixture
def filled(company: SmallCompany, clock: FixedClock) -> SmallCompany:
    """A company with sixty records and one good backup, its database closed."""
    for i in range(60):
        company.inspection(f"Inspection {i}")
    BackupService(company.services.locations, clock).make()
    close(company.services)
    return company


def test_truncated_database_is_refused_naming_the_latest_backup(
    filled: SmallCompany, make_services: Callable[[str], Services], clock: FixedClock
) -> None:
    """A file cut short raises CorruptDatabase offering the newest good backup; nothing changes."""
    db = filled.services.locations.database
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    (latest,) = BackupService(filled.services.locations, clock).list()
    with pytest.raises(CorruptDatabase, match="damaged") as caught:
        make_services("data")
    assert caught.value.latest_backup == latest.path
    assert str(latest.path) in str(caught.value) and "2026-11-02" in str(caught.value)
    assert db.read_bytes() == data[: len(data) // 2]


def test_overwritten_database_is_refused(
    filled: SmallCompany, make_services: Callable[[str], Services]
) -> None:
    """Garbage written over pages in the middle of the file is found at startup."""
    db = filled.services.locations.database
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4 * 4096] = random.Random(3).randbytes(4 * 4096)
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="restore"):
        make_services("data")
    assert db.read_bytes() == bytes(data)


def test_newer_schema_is_refused_at_startup_and_left_untouched(
    filled: SmallCompany, make_services: Callable[[str], Services]
) -> None:
    """A database written by a newer program version opens nothing and changes nothing."""
    db = filled.services.locations.database
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabase, match="newer version"):
        make_services("data")
    assert db.read_bytes() == before


def run_as_ordinary_user(action: Callable[[], str]) -> str:
    """Run ``action`` as 'nobody' when we are root (root ignores permissions)."""
    if os.geteuid() != 0:
        return action()
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop privileges to")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges for good, run, report, exit
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            result = action()
        except BaseException as exc:
            result = f"{type(exc).__name__}: {exc}"
        os.write(write_end, result.encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        result = fh.read().decode("utf-8")
    os.waitpid(pid, 0)
    return result


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder an unprivileged user can reach (pytest's is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="secor-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_read_only_data_folder_names_the_folder(shared_tmp: Path, clock: FixedClock) -> None:
    """An ordinary user's read-only data folder gets ReadOnlyData naming it; nothing is lost."""
    paths = AppPaths(shared_tmp / "data")
    services = open_services(paths, clock)  # as the current user: imports and data ready
    services.roster.add_site("Main yard")
    close(services)
    if os.geteuid() == 0:
        for path in [paths.data_dir, *paths.data_dir.rglob("*")]:
            os.chown(path, pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid)
    before = paths.database.read_bytes()
    for path in [paths.data_dir, *paths.data_dir.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)

    def attempt() -> str:
        try:
            open_services(paths, clock)
        except KnownError as exc:
            return f"{type(exc).__name__}: {exc}"
        return "opened"

    result = run_as_ordinary_user(attempt)
    assert result.startswith(ReadOnlyData.__name__), result
    assert str(paths.data_dir) in result
    assert paths.database.read_bytes() == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system (tmpfs; skipped only where mounting is impossible, never as root)."""
    with tmpfs(tmp_path / "small", "3m") as mount_point:
        yield mount_point


def fill_until_full(services: Services, lead: Worker) -> tuple[list[str], KnownError]:
    saved: list[str] = []
    for i in range(1000):
        try:
            record = services.records.create(
                RecordKind.TOOLBOX_TALK,
                title=f"Talk {i}",
                event_date=date(2026, 11, 2),
                site_id=None,
                body=ToolboxTalkBody("Fall protection", lead.id, (lead.id,), notes="n" * 60_000),
            )
        except KnownError as exc:
            return saved, exc
        saved.append(record.id)
    raise AssertionError("the small disk never filled up")


def small_company(root: Path, clock: FixedClock) -> tuple[Services, Worker]:
    services = open_services(AppPaths(root / "data"), clock)
    services.company.save(Company(name="Tiny Disk Ltd.", province=Province.AB))
    lead = services.roster.add_worker(
        Worker("", "Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME, date(2021, 3, 1))
    )
    return services, lead


def test_full_disk_names_the_folder_and_loses_nothing(small_disk: Path, clock: FixedClock) -> None:
    """Saving on a full disk raises DiskFull naming the folder; every earlier save is kept."""
    services, lead = small_company(small_disk, clock)
    saved, error = fill_until_full(services, lead)
    assert isinstance(error, DiskFull) and str(small_disk / "data") in str(error)
    close(services)
    with sqlite3.connect(small_disk / "data" / "secor.sqlite3") as conn:
        present = {r[0] for r in conn.execute("SELECT id FROM records")}
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    assert saved and set(saved) <= present


def test_backup_on_a_full_disk_leaves_no_partial_file(small_disk: Path, clock: FixedClock) -> None:
    """A backup that runs out of space raises DiskFull and leaves the earlier backup alone."""
    services, lead = small_company(small_disk, clock)
    backups = BackupService(services.locations, clock)
    first = backups.make()
    kept = first.path.read_bytes()
    fill_until_full(services, lead)
    with pytest.raises(DiskFull, match=str(backups.folder)):
        backups.make()
    assert [p.name for p in backups.folder.iterdir()] == [first.path.name]
    assert first.path.read_bytes() == kept
    close(services)


@pytest.mark.parametrize(
    "folder",
    [
        "/home/dana/Dropbox/secor",
        "/home/dana/OneDrive - Prairie Roofing/secor",
        "/Users/dana/Library/Mobile Documents/com~apple~CloudDocs/secor",
        "/home/dana/Google Drive/secor",
    ],
)
def test_cloud_sync_folder_gets_a_warning(folder: str) -> None:
    """A data folder inside a sync client's folder is warned about, naming the service."""
    warning = data_folder_warning(Path(folder), mounts_text="")
    assert warning is not None and folder in warning


def test_network_file_system_gets_a_warning() -> None:
    """A data folder on NFS (from the mount table) is warned about."""
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/export /mnt/share nfs4 rw 0 0\n"
    warning = data_folder_warning(Path("/mnt/share/secor"), mounts_text=mounts)
    assert warning is not None and "nfs4" in warning


def test_local_folder_gets_no_warning() -> None:
    """An ordinary local folder is fine."""
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/export /mnt/share nfs4 rw 0 0\n"
    assert data_folder_warning(Path("/home/dana/.local/share/x"), mounts_text=mounts) is None


def test_cli_prints_the_location_warning_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line warns on stderr and still runs."""
    assert main(["--data-dir", str(tmp_path / "Dropbox" / "secor"), "info"]) == 0
    assert "Dropbox" in capsys.readouterr().err
