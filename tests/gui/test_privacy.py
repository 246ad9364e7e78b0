"""Privacy on shared computers: the log never holds what a record says; files are private."""

from __future__ import annotations

import logging
import logging.handlers
import sqlite3
import stat
from datetime import date
from pathlib import Path

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Worker
from secor_desktop.gui.background import run_in_background
from secor_desktop.services.facade import Services
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
    run_in_background(lambda: talk(services, lead, TITLE), lambda _: None)
    with sqlite3.connect(services.locations.database) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'no'); END"
        )
    conn.close()
    run_in_background(lambda: talk(services, lead, TITLE + " (again)"), lambda _: None)
    assert len(crashes) == 1  # the failed save reached the crash report, and so the log
    logged = path.read_bytes()[start:].decode("utf-8")
    assert "unexpected error" in logged
    for secret in (TITLE, NOTES, NAME, "Quillfeather", "Okonkwo"):
        assert secret not in logged


def test_backups_and_stored_files_are_private(company: SmallCompany) -> None:
    """Backup archives and attached files are 0600 in 0700 folders."""
    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    archive = services.backups.make().path
    blobs = [p for p in services.locations.blobs.rglob("*") if p.is_file()]
    assert blobs
    for path in (archive, *blobs):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (services.backups.folder, services.locations.blobs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
