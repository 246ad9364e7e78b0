"""Backups: made while open, checked, packed with the files, listed, rotated, restored."""

from __future__ import annotations

import io
import json
import sqlite3
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command

from secor_desktop.app.bootstrap import locations_for, open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.backups import BackupService
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.storage.backup import MANIFEST
from secor_desktop.storage.database import alembic_config
from secor_desktop.storage.errors import BackupFailed, BackupRejected, NewerDatabase
from tests.conftest import SmallCompany, signature_png

pytestmark = pytest.mark.sqlite_only(
    "backups and restores of the data folder's SQLite file; a server is backed up with pg_dump"
)


def close(services: Services) -> None:
    """Release the services' database connections (as quitting the program does)."""
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]


def backups_of(services: Services, clock: FixedClock) -> BackupService:
    return BackupService(services.locations, clock)


@pytest.fixture
def signed(company: SmallCompany) -> SmallCompany:
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    return company


def rewrite(archive: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of ``archive`` with some members' content replaced."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, replace.get(info.filename, src.read(info)))
    return target


def test_restore_into_an_empty_folder_gives_identical_records(
    signed: SmallCompany, make_services, clock: FixedClock
) -> None:
    """Records, hashes, chain head and files come back exactly; verify passes."""
    source = signed.services
    info = backups_of(source, clock).make()
    target = make_services("empty")
    report = backups_of(target, clock).restore(info.path)
    assert report.verify.ok and report.previous is not None
    assert [(r.id, r.content_sha256) for r in target.records.find()] == [
        (r.id, r.content_sha256) for r in source.records.find()
    ]
    assert target.info().chain_head == source.info().chain_head


def test_restore_into_a_folder_without_a_database(
    signed: SmallCompany, tmp_path: Path, clock: FixedClock
) -> None:
    """A brand-new data folder (no database file at all) takes the backup as it is."""
    info = backups_of(signed.services, clock).make()
    paths = AppPaths(tmp_path / "new")
    restorer = BackupService(locations_for(paths), clock)
    report = restorer.restore(info.path)
    assert report.previous is None and report.verify.ok
    assert report.files_added == 1


def test_archive_holds_manifest_database_and_files(signed: SmallCompany, clock: FixedClock) -> None:
    """One zip: manifest.json, the database and every stored file."""
    info = backups_of(signed.services, clock).make()
    with zipfile.ZipFile(info.path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read(MANIFEST))
    assert names[:2] == [MANIFEST, "secor.sqlite3"]
    assert len([n for n in names if n.startswith("files/")]) == 1
    assert manifest["record_counts"] == {"inspection": 1}
    assert manifest["chain_head"] == signed.services.info().chain_head
    assert manifest["schema_revision"] == signed.services.locations.schema_revision


def test_no_temporary_file_is_left_after_a_backup(signed: SmallCompany, clock: FixedClock) -> None:
    """Only the finished archive is in the backups folder."""
    backups = backups_of(signed.services, clock)
    backups.make()
    assert [p.name for p in backups.folder.iterdir()] == [backups.list()[0].path.name]


def test_listing_gives_date_size_and_counts(signed: SmallCompany, clock: FixedClock) -> None:
    """The list is newest first, read from each manifest."""
    backups = backups_of(signed.services, clock)
    first = backups.make()
    clock.advance(timedelta(hours=1))
    second = backups.make()
    listed = backups.list()
    assert [b.path for b in listed] == [second.path, first.path]
    assert listed[0].size == second.path.stat().st_size
    assert listed[0].manifest is not None and listed[0].manifest.record_counts == {"inspection": 1}
    assert listed[0].created_at == clock.now()


def test_an_unreadable_archive_is_listed_with_its_problem(
    signed: SmallCompany, clock: FixedClock
) -> None:
    """A damaged file in the backups folder is shown, not hidden and not fatal."""
    backups = backups_of(signed.services, clock)
    backups.folder.mkdir(parents=True, exist_ok=True)
    (backups.folder / "secor-backup-20200101T000000Z.zip").write_bytes(b"not a zip")
    (listed,) = backups.list()
    assert listed.manifest is None and listed.problem and "not a readable" in listed.problem


def test_backup_to_an_existing_file_is_refused(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """backup DEST never overwrites a file that is already there."""
    dest = tmp_path / "mine.zip"
    dest.write_bytes(b"precious")
    with pytest.raises(BackupFailed, match="already exists"):
        backups_of(signed.services, clock).make(dest)
    assert dest.read_bytes() == b"precious"


def test_rotation_thins_out_old_backups(signed: SmallCompany, clock: FixedClock) -> None:
    """Hourly backups from Monday to Thursday keep the ten newest and one per earlier day."""
    backups = backups_of(signed.services, clock)
    for _ in range(72):
        backups.make()
        clock.advance(timedelta(hours=1))
    kept = backups.list()
    assert len(kept) == 10 + 3
    assert len({b.created_at.date() for b in kept if b.created_at}) == 4


def test_backup_if_due_skips_when_nothing_changed(signed: SmallCompany, clock: FixedClock) -> None:
    """A second automatic backup an hour later with no new saves is not made."""
    backups = backups_of(signed.services, clock)
    assert backups.backup_if_due() is not None
    clock.advance(timedelta(hours=1))
    assert backups.backup_if_due() is None


def test_backup_if_due_runs_after_the_interval_when_something_changed(
    signed: SmallCompany, clock: FixedClock
) -> None:
    """New saves and 30 minutes since the last backup make a new one."""
    backups = backups_of(signed.services, clock)
    backups.backup_if_due()
    signed.inspection("Second inspection")
    clock.advance(timedelta(minutes=10))
    assert backups.backup_if_due() is None
    clock.advance(timedelta(minutes=25))
    assert backups.backup_if_due() is not None


def test_startup_backs_up_before_migrating(tmp_path: Path, clock: FixedClock) -> None:
    """A database below the current schema is archived before it is upgraded."""
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir()
    command.upgrade(alembic_config(f"sqlite:///{paths.database}"), "0001")  # the first release
    with sqlite3.connect(paths.database) as conn:
        conn.execute("INSERT INTO sites (id, name, address, active) VALUES ('s1', 'Yard', '', 1)")
    conn.close()
    services = open_services(paths, clock)
    (backup,) = BackupService(services.locations, clock).list()
    with zipfile.ZipFile(backup.path) as zf:
        (tmp_path / "old.sqlite3").write_bytes(zf.read("secor.sqlite3"))
    with sqlite3.connect(tmp_path / "old.sqlite3") as conn:
        assert conn.execute("SELECT name FROM sites").fetchone() == ("Yard",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    conn.close()


def test_restore_keeps_the_current_data_as_an_archive(
    signed: SmallCompany, clock: FixedClock
) -> None:
    """Restoring an older backup first archives the present state, which can be restored."""
    services = signed.services
    backups = backups_of(services, clock)
    old = backups.make()
    signed.inspection("Made after the backup")
    clock.advance(timedelta(minutes=1))
    report = backups.restore(old.path)
    assert len(services.records.find()) == 1
    assert report.previous is not None and "before-restore" in report.previous.name
    backups.restore(report.previous)
    assert len(services.records.find()) == 2


def test_restore_replaces_a_damaged_database_and_sets_it_aside(
    signed: SmallCompany, clock: FixedClock
) -> None:
    """A database too damaged to back up is moved aside intact, then replaced."""
    services = signed.services
    backups = backups_of(services, clock)
    good = backups.make()
    close(services)
    db = services.locations.database
    db.write_bytes(b"garbage" * 1000)
    report = backups.restore(good.path)
    assert report.previous is not None
    assert (report.previous / db.name).read_bytes() == b"garbage" * 1000
    assert report.verify.ok and len(services.records.find()) == 1


def test_restore_refuses_a_backup_from_a_newer_schema(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """An archive whose schema revision this version does not know is refused untouched."""
    backups = backups_of(signed.services, clock)
    info = backups.make()
    manifest = json.loads(zipfile.ZipFile(info.path).read(MANIFEST))
    manifest["schema_revision"] = "9999_future"
    newer = rewrite(info.path, tmp_path / "newer.zip", {MANIFEST: json.dumps(manifest).encode()})
    db = signed.services.locations.database
    with pytest.raises(NewerDatabase, match="newer version"):
        backups.restore(newer)
    assert len(signed.services.records.find()) == 1 and db.exists()


def test_restore_refuses_an_archive_changed_after_it_was_made(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """A chain head in the manifest that the database does not match means tampering."""
    backups = backups_of(signed.services, clock)
    info = backups.make()
    manifest = json.loads(zipfile.ZipFile(info.path).read(MANIFEST))
    manifest["chain_head"] = "0" * 64
    altered = rewrite(info.path, tmp_path / "x.zip", {MANIFEST: json.dumps(manifest).encode()})
    with pytest.raises(BackupRejected, match="changed after it was made"):
        backups.restore(altered)


def hostile_zip(path: Path, base: Path, member: zipfile.ZipInfo, data: bytes) -> Path:
    """A real backup archive with one extra, hostile member."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(member, data)
    return path


@pytest.mark.parametrize("name", ["../evil.txt", "/tmp/evil.txt", "files/../../evil.txt"])
def test_restore_refuses_members_outside_the_target(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path, name: str
) -> None:
    """Absolute paths and .. are refused before anything is extracted."""
    backups = backups_of(signed.services, clock)
    base = backups.make()
    bad = hostile_zip(tmp_path / "bad.zip", base.path, zipfile.ZipInfo(name), b"pwned")
    with pytest.raises(BackupRejected, match="unexpected member"):
        backups.restore(bad)
    data_dir = signed.services.locations.data_dir
    assert not (tmp_path / "evil.txt").exists() and not (data_dir.parent / "evil.txt").exists()
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".restore")]


def test_restore_refuses_a_link(signed: SmallCompany, clock: FixedClock, tmp_path: Path) -> None:
    """A symbolic link, even under a valid file name, is refused."""
    backups = backups_of(signed.services, clock)
    base = backups.make()
    sha = "a" * 64
    link = zipfile.ZipInfo(f"files/aa/{sha}")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = hostile_zip(tmp_path / "link.zip", base.path, link, b"/etc/passwd")
    with pytest.raises(BackupRejected, match="link"):
        backups.restore(bad)


def test_restore_refuses_a_zip_bomb(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """A member that inflates far beyond its compressed size is refused unread."""
    backups = backups_of(signed.services, clock)
    base = backups.make()
    bomb = zipfile.ZipInfo(f"files/bb/{'b' * 64}")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    bad = hostile_zip(tmp_path / "bomb.zip", base.path, bomb, bytes(30 * 1024**2))
    assert bad.stat().st_size < 1024**2
    with pytest.raises(BackupRejected, match="zip bomb"):
        backups.restore(bad)


def test_restore_refuses_a_file_that_is_not_a_backup(
    signed: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """Any zip without our manifest is refused with a message."""
    other = tmp_path / "other.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    other.write_bytes(buf.getvalue())
    with pytest.raises(BackupRejected, match="not a secor-desktop backup"):
        backups_of(signed.services, clock).restore(other)


def test_cli_backup_list_and_restore(
    signed: SmallCompany, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """backup DEST, backups and restore ARCHIVE through the real entry point."""
    data = str(signed.services.locations.data_dir)
    dest = tmp_path / "copy.zip"
    assert main(["--data-dir", data, "backup", str(dest)]) == 0
    assert main(["--data-dir", data, "backup"]) == 0
    assert main(["--data-dir", data, "backups"]) == 0
    assert main(["--data-dir", str(tmp_path / "other"), "restore", str(dest)]) == 0
    out = capsys.readouterr().out
    assert f"Backup written: {dest}" in out
    assert "1 backup(s)" in out and "1 records" in out
    assert "OK: every record matches" in out


def test_cli_restore_works_when_the_database_is_damaged(
    signed: SmallCompany, capsys: pytest.CaptureFixture[str], clock: FixedClock
) -> None:
    """restore does not need to open the damaged database it replaces."""
    info = backups_of(signed.services, clock).make()
    close(signed.services)
    db = signed.services.locations.database
    db.write_bytes(b"\0garbage" * 4096)
    data = str(signed.services.locations.data_dir)
    assert main(["--data-dir", data, "records", "list"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert main(["--data-dir", data, "restore", str(info.path)]) == 0
    assert main(["--data-dir", data, "verify"]) == 0
