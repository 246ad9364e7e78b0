"""Opening the wrong file: zero bytes, someone else's SQLite file, a newer schema, not SQLite.

Each is refused through the real command line with exit 2 and one sentence, and the data folder
is byte-identical afterwards: no lock file, no WAL, no log line, no stamp, no migration.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.backups import BackupService
from secor_desktop.services.clock import FixedClock
from tests.conftest import SmallCompany

pytestmark = pytest.mark.sqlite_only("refusals of a damaged, foreign or newer SQLite file")

COMMANDS = [
    ["verify"],
    ["info"],
    ["records", "list"],
    ["readiness"],
    ["backup"],
    ["company", "set", "--name", "Other Ltd."],
    ["demo"],
]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under the folder with its bytes (None for folders)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def kept(company: SmallCompany, clock: FixedClock) -> tuple[Path, str]:
    """A company's data folder with three records and one backup, closed."""
    for i in range(3):
        company.inspection(f"Inspection {i}")
    backup = BackupService(company.services.locations, clock).make()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    return company.services.locations.data_dir, backup.path.name


def refuse(
    data_dir: Path, command: list[str], capsys: pytest.CaptureFixture[str], match: str
) -> str:
    before = snapshot(data_dir)
    assert main(["--data-dir", str(data_dir), *command]) == 2
    err = capsys.readouterr().err
    assert match in err and "Traceback" not in err, err
    assert snapshot(data_dir) == before
    return err


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_zero_byte_database_is_refused_naming_the_latest_backup(
    kept: tuple[Path, str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An emptied database is not opened as a new company; the message names the backup."""
    data_dir, backup_name = kept
    (data_dir / "secor.sqlite3").write_bytes(b"")
    err = refuse(data_dir, command, capsys, "empty (0 bytes)")
    assert backup_name in err and "restore" in err


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_foreign_sqlite_file_is_refused_unstamped(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone else's SQLite file (application id 0, other tables) is not migrated or stamped."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.close()
    err = refuse(data_dir, command, capsys, "is not a secor-desktop database")
    assert "moz_places" in err and "--data-dir" in err


def test_other_programs_application_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite file marked with another program's application id is refused untouched."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    conn.close()
    refuse(data_dir, ["verify"], capsys, "0x47504b47")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_newer_user_version_is_refused_untouched(
    kept: tuple[Path, str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A database whose user_version is beyond this program's schema is neither read nor written."""
    data_dir, _ = kept
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    err = refuse(data_dir, command, capsys, "newer version of secor-desktop")
    assert "version 99" in err and "Install the newer version" in err


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_non_sqlite_file_is_refused_untouched(
    kept: tuple[Path, str], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet saved over the database is refused, naming the latest backup."""
    data_dir, backup_name = kept
    (data_dir / "secor.sqlite3").write_bytes(b"PK\x03\x04" + b"not a database" * 500)
    err = refuse(data_dir, command, capsys, "is not a secor-desktop database")
    assert backup_name in err


def test_restore_still_works_on_a_zero_byte_database(
    kept: tuple[Path, str], clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The remedy the message names works: restore the backup, then verify passes."""
    data_dir, backup_name = kept
    (data_dir / "secor.sqlite3").write_bytes(b"")
    archive = data_dir / "backups" / backup_name
    assert main(["--data-dir", str(data_dir), "restore", str(archive)]) == 0
    assert main(["--data-dir", str(data_dir), "verify"]) == 0
    assert "3" in capsys.readouterr().out


def test_an_older_database_of_ours_still_opens(tmp_path: Path, clock: FixedClock) -> None:
    """A fresh folder still opens and is created as before (the checks refuse only the wrong
    file)."""
    services = open_services(AppPaths(tmp_path / "data"), clock)
    assert services.company.get() is None
