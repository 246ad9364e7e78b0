"""Migration 0003 (the full-text search index) on a database made by the previous version."""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import partial
from pathlib import Path

from alembic import command

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.records import RecordService
from secor_desktop.services.roster import CompanyService, RosterService
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.database import alembic_config, make_engine
from secor_desktop.storage.uow import SqlUnitOfWork
from tests.conftest import TODAY


def tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def make_0002_company(paths: AppPaths, clock: FixedClock) -> list[str]:
    """A data folder as version 0002 of the schema left it, filled through the services.

    The services write today's rows, so the data is made at the newest schema and the file
    then taken back to 0002 (later migrations add columns the 0002 tables lack)."""
    paths.data_dir.mkdir(parents=True)
    paths.blobs.mkdir()
    config = alembic_config(f"sqlite:///{paths.database}")
    command.upgrade(config, "head")
    engine = make_engine(paths.database)
    blobs = BlobStore(paths.blobs)
    ctx = ServiceContext(
        uow=partial(SqlUnitOfWork, engine, paths.database, blobs), clock=clock, blobs=blobs
    )
    CompanyService(ctx).save(Company(name="Old Roofing Ltd.", province=Province.AB))
    roster = RosterService(ctx)
    lead = roster.add_worker(
        Worker("", "Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME, date(2021, 3, 1))
    )
    site = roster.add_site("Lakeview subdivision")
    titles = ["Chimney flashing talk", "Ladder safety", "Échafaudage et garde-corps"]
    for title in titles:
        RecordService(ctx).create(
            RecordKind.TOOLBOX_TALK,
            title=title,
            event_date=TODAY,
            site_id=site.id,
            body=ToolboxTalkBody(topic=title, presenter_id=lead.id, attendee_ids=(lead.id,)),
        )
    engine.dispose()
    command.downgrade(config, "0002")
    return titles


def test_a_0002_database_gets_its_records_indexed(tmp_path: Path, clock: FixedClock) -> None:
    """Opening a 0002 folder copies it aside, adds the index with every record in it, and the
    records still verify."""
    paths = AppPaths(tmp_path / "data")
    titles = make_0002_company(paths, clock)
    assert "records_fts" not in tables(paths.database)

    services = open_services(paths, clock)

    assert {"records_fts", "records_fts_state"} <= tables(paths.database)
    assert len(list(paths.data_dir.glob("secor.before-migration-*.sqlite3"))) == 1
    with sqlite3.connect(paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM records_fts").fetchone() == (len(titles),)
    assert [r.title for r in services.search.search("CHIMNEY").records] == [titles[0]]
    assert services.search.search("lakeview").total == len(titles)  # by the site's name
    assert [r.title for r in services.search.search("échafaudage").records] == [titles[2]]
    assert services.verify().ok


def test_records_saved_after_the_upgrade_are_indexed_too(tmp_path: Path, clock: FixedClock) -> None:
    """The triggers work on the upgraded file: a new record is found at once."""
    paths = AppPaths(tmp_path / "data")
    make_0002_company(paths, clock)
    services = open_services(paths, clock)
    lead = services.roster.workers()[0]
    services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Skylight guarding",
        event_date=TODAY,
        site_id=None,
        body=ToolboxTalkBody(topic="Skylights", presenter_id=lead.id, attendee_ids=(lead.id,)),
    )
    assert services.search.search("skylight").total == 1
    assert services.search.search("talk").total == 1  # 'Chimney flashing talk' from before


def test_downgrade_to_0002_removes_the_index(tmp_path: Path, clock: FixedClock) -> None:
    """0003 undoes cleanly: no index, no triggers, no state table; saving still works."""
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths, clock)
    command.downgrade(alembic_config(f"sqlite:///{paths.database}"), "0002")
    left = {name for name in tables(paths.database) if "fts" in name}
    assert left == set()
    services.company.save(Company(name="Still Works Ltd.", province=Province.SK))
    assert services.company.get() is not None
