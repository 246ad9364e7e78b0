"""Migration 0005 (the readiness projection) fills itself from the records already there.

The kept v1 data folder (``tests/fixtures/v1-data.tar.gz``, written by an early release, never
regenerated) is upgraded the normal way: every record gets its row, each row is what the
record's newest revision in the chain projects to, and the upgraded folder verifies.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.canonical import ENTITY_RECORD, entity_from_data
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Record, Worker
from secor_desktop.domain.projection import COLUMNS, project, projection_row
from secor_desktop.services.clock import FixedClock
from secor_desktop.storage.database import alembic_config
from tests.fixtures.v1 import V1_COUNT, V1_HEAD, extract_v1

CLOCK = FixedClock(datetime(2026, 11, 2, 17, 0, tzinfo=UTC))


def stored_rows(db: Path) -> dict[str, dict[str, object]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM record_projection").fetchall()
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def projected_from_chain(db: Path) -> dict[str, dict[str, object]]:
    newest: dict[str, str] = {}
    with sqlite3.connect(db) as conn:
        query = "SELECT entity_id, document FROM revisions WHERE entity_type = ? ORDER BY seq"
        newest.update(conn.execute(query, (ENTITY_RECORD,)).fetchall())
    out = {}
    for record_id, document in newest.items():
        record = entity_from_data(ENTITY_RECORD, json.loads(document)["data"])
        assert isinstance(record, Record)
        out[record_id] = projection_row(project(record))
    return out


def test_the_v1_folder_is_backfilled_and_verifies(tmp_path: Path) -> None:
    """Upgraded from v1: one row per record, each equal to the chain's; verify passes."""
    folder = extract_v1(tmp_path / "data")
    db = folder / "secor.sqlite3"
    with sqlite3.connect(db) as conn:
        (records,) = conn.execute("SELECT count(*) FROM records").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert records > 0 and "record_projection" not in tables
    services = open_services(AppPaths(folder), CLOCK)
    rows = stored_rows(db)
    assert len(rows) == records
    assert rows == projected_from_chain(db)
    report = services.verify()
    assert report.ok, [str(p) for p in report.problems]
    assert (report.head.count, report.head.sha256) == (V1_COUNT, V1_HEAD)


def test_the_backfill_projects_what_readiness_needs(tmp_path: Path) -> None:
    """The v1 records' rows say which count and why the others do not, in stored form."""
    folder = extract_v1(tmp_path / "data")
    open_services(AppPaths(folder), CLOCK)
    rows = stored_rows(folder / "secor.sqlite3").values()
    assert {r["counts"] for r in rows} <= {0, 1}
    for row in rows:
        reasons = json.loads(str(row["reasons"]))
        assert (row["counts"] == 1) == (reasons == [])


def test_downgrade_to_0004_drops_the_table_and_keeps_the_records(tmp_path: Path) -> None:
    """Going back to 0004 removes the projection only; the records and chain stay."""
    folder = extract_v1(tmp_path / "data")
    open_services(AppPaths(folder), CLOCK)
    db = folder / "secor.sqlite3"
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM records").fetchone()
    command.downgrade(alembic_config(f"sqlite:///{db}"), "0004")
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert conn.execute("SELECT count(*) FROM records").fetchone() == before
    assert "record_projection" not in tables


def test_a_record_broken_outside_the_program_does_not_stop_the_upgrade(
    tmp_path: Path,
) -> None:
    """A body that no longer decodes gets no row; the folder opens and verify names it."""
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths, CLOCK)
    services.company.save(Company(name="Test Co", province=Province.AB))
    lead = services.roster.add_worker(
        Worker("", "Sam Lead", "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
    )
    talks = [
        services.records.create(
            RecordKind.TOOLBOX_TALK,
            title=title,
            event_date=date(2026, 11, 2),
            site_id=None,
            body=ToolboxTalkBody("Ladders", lead.id, (lead.id,)),
        )
        for title in ("Kept talk", "Broken talk")
    ]
    db = paths.database
    command.downgrade(alembic_config(f"sqlite:///{db}"), "0004")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE records SET body_json = '{\"x\": 1}' WHERE id = ?", (talks[1].id,))
    reopened = open_services(paths, CLOCK)
    assert set(stored_rows(db)) == {talks[0].id}
    problems = [str(p) for p in reopened.verify().problems]
    assert any(talks[1].id in p and "projection is missing" in p for p in problems)
    assert not any(talks[0].id in p for p in problems)
