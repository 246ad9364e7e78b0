"""Privacy on shared computers: the log never holds what a record says; every folder we make
is 0700 and every file 0600, and opened photos stay in a private temporary folder."""

from __future__ import annotations

import io
import logging
import logging.handlers
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from alembic import command
from PIL import Image
from PySide6.QtWidgets import QApplication

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import InspectionType, ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Worker
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.drafts import draft_path, write_draft
from secor_desktop.gui.editors.templates import save_checklist
from secor_desktop.gui.private_temp import (
    private_temp_dir,
    remove_private_temp,
    write_private_file,
)
from secor_desktop.gui.single_instance import Role, SingleInstance
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.storage.database import alembic_config
from tests.conftest import SmallCompany, signature_png

TITLE = "Ladder fall behind Okonkwo-Larsen barn"
NOTES = "Bandage on left wrist; Quillfeather went to Red Deer hospital"
NAME = "Perpetua Quillfeather"


def log_file() -> Path:
    handlers = logging.getLogger("secor_desktop").handlers
    handler = next(h for h in handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.flush()
    return Path(handler.baseFilename)


def talk(services: Services, lead: Worker, title: str) -> None:
    services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=date(2026, 11, 2),
        site_id=None,
        body=ToolboxTalkBody("Ladder safety", lead.id, (lead.id,), notes=NOTES),
    )


def test_log_holds_no_record_contents_after_a_save_and_a_failed_save(
    company: SmallCompany, crashes: list[BaseException]
) -> None:
    """A save, then a save that fails inside the database: the log names neither's text."""
    services = company.services
    path = log_file()
    start = path.stat().st_size
    lead = services.roster.add_worker(
        Worker("", NAME, "Safety lead", company.lead.employment_type, company.lead.start_date)
    )
    tasks = InlineBackground()
    tasks.run(lambda: talk(services, lead, TITLE), lambda _: None)
    with sqlite3.connect(services.locations.database) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
    conn.close()
    tasks.run(lambda: talk(services, lead, TITLE + " (again)"), lambda _: None)
    assert len(crashes) == 1  # the failed save reached the crash report, and so the log
    logged = path.read_bytes()[start:].decode("utf-8")
    assert "unexpected error" in logged
    for secret in (TITLE, NOTES, NAME, "Quillfeather", "Okonkwo"):
        assert secret not in logged


def loose(folder: Path) -> list[str]:
    """Every folder under ``folder`` (itself included) not 0700 and every file not 0600."""
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if mode != wanted:
            found.append(f"{oct(mode)} {path.relative_to(folder.parent)}")
    return found


def photo_jpeg(seed: int) -> bytes:
    image = Image.new("RGB", (320, 240), (seed * 40 % 256, 90, 160))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def session(company: SmallCompany, tmp_path: Path) -> None:
    """A realistic session: records with photos, signatures, an evidence pack (outside the
    data folder), a backup, a command that writes (lock file), and an export."""
    services = company.services
    for i in range(4):
        photo = services.records.attach_photo(photo_jpeg(i), f"ladder-{i}.jpg", "Worn feet")
        record = company.inspection(f"Inspection {i}")
        services.records.update(
            record.id,
            title=record.title,
            event_date=record.event_date,
            site_id=record.site_id,
            body=record.body,
            attachments=(photo,),
        )
        services.records.sign(
            record.id,
            signer_id=company.lead.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(i),
        )
    services.backups.make()
    data_dir = services.locations.data_dir
    assert main(["--data-dir", str(data_dir), "export-pack", str(tmp_path / "pack.pdf")]) == 0
    assert main(["--data-dir", str(data_dir), "company", "set", "--wcb-account", "7654321"]) == 0
    assert main(["--data-dir", str(data_dir), "export", str(tmp_path / "bundle")]) == 0
    # Written after the commands above (each open tightens the folder, which would hide them):
    # what the editors keep in the data folder, an autosaved draft and a company checklist.
    write_draft(draft_path(data_dir, RecordKind.INCIDENT, None), {"title": TITLE, "notes": NOTES})
    save_checklist(data_dir / "templates", InspectionType.SITE, ["Harness tags in date"])


def test_whole_data_folder_is_private_after_a_session(
    company: SmallCompany, tmp_path: Path, qapp: QApplication
) -> None:
    """After a session, with the app's lock held and the database open (-wal, -shm), every
    folder in the data folder is 0700 and every file 0600."""
    session(company, tmp_path)
    data_dir = company.services.locations.data_dir
    instance = SingleInstance(data_dir)
    assert instance.start(wait_ms=0) is Role.PRIMARY
    try:
        names = {p.name for p in data_dir.iterdir()}
        assert {"secor-desktop.lock", "secor.sqlite3-wal", "logs", "backups", "files"} <= names
        assert {"drafts", "templates"} <= names
        assert len(list(data_dir.glob("files/*/*"))) >= 8  # photos and signatures
        assert loose(data_dir) == []
    finally:
        instance.release()


def test_files_stored_while_open_are_private_at_once(company: SmallCompany) -> None:
    """A photo and a signature stored mid-session are 0600 in new 0700 ``files/XX/`` folders
    straight away, not only after the next start tightens them."""
    services = company.services
    services.records.attach_photo(photo_jpeg(7), "scaffold.jpg")
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    assert len(list(services.locations.blobs.glob("*/*"))) == 2
    assert loose(services.locations.blobs) == []


def test_older_loose_data_folder_is_tightened_on_open(
    company: SmallCompany, tmp_path: Path, make_services: Callable[[str], Services]
) -> None:
    """A data folder left 0755/0644 (an older release, a copy) is 0700/0600 once opened."""
    session(company, tmp_path)
    data_dir = company.services.locations.data_dir
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    for path in [data_dir, *data_dir.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    make_services("data")
    assert loose(data_dir) == []


def test_pre_migration_copy_is_private(tmp_path: Path, clock: FixedClock) -> None:
    """Opening a database of an older schema: the copy kept aside and the backup are 0600."""
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir(mode=0o700)
    command.upgrade(alembic_config(f"sqlite:///{paths.database}"), "0001")
    paths.database.chmod(0o644)
    open_services(paths, clock)
    copies = list(paths.data_dir.glob("secor.before-migration-*.sqlite3"))
    assert copies and loose(paths.data_dir) == []


def test_opened_photo_goes_to_a_private_folder_removed_at_quit(tmp_path: Path) -> None:
    """A photo handed to the system viewer sits 0600 in a 0700 folder of its own, not in a
    shared folder under the system temp directory, and is gone after quit."""
    path = write_private_file("../../ladder fall.jpg", photo_jpeg(1))
    folder = private_temp_dir()
    try:
        assert path.parent == folder and path.name == "ladder fall.jpg"
        assert folder.parent == Path(tempfile.gettempdir())
        assert folder.name != "secor-desktop-photos"  # not a name others can predict
        assert loose(folder) == []
    finally:
        remove_private_temp()
    assert not folder.exists()


def test_restored_folder_is_private(company: SmallCompany, tmp_path: Path) -> None:
    """A backup restored over a damaged database: the restored database and files, and the
    damaged file set aside, are all 0600 in 0700 folders, with no reopen needed."""
    services = company.services
    services.records.attach_photo(photo_jpeg(3), "guardrail.jpg")
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    archive = services.backups.make().path
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    (other / "secor.sqlite3").write_bytes(b"garbage" * 1000)
    (other / "secor.sqlite3").chmod(0o600)
    assert main(["--data-dir", str(other), "restore", str(archive)]) == 0
    assert (other / "set-aside").is_dir() and len(list(other.glob("files/*/*"))) == 2
    assert loose(other) == []
