"""An office database on PostgreSQL: several people saving at once, and who entered what.

These need the test server (``scripts/with-postgres``); on the SQLite pass they are skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.facade import Services
from secor_desktop.services.integrity import WRONG_ROLE
from tests import postgres_server

pytestmark = pytest.mark.postgres_only

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
SECONDS = float(os.environ.get("SECOR_PG_STRESS_SECONDS", "30"))


def set_up_company(services: Services) -> None:
    services.company.save(Company(name="Office Roofing Ltd.", province=Province.AB))
    services.roster.add_worker(
        Worker("", "Dana Kowalski", "Owner", EmploymentType.OWNER_OPERATOR, date(2020, 1, 6))
    )


def database_of(services: Services) -> str:
    url = services.ctx.uow.args[0].get().url
    return str(url.render_as_string(hide_password=False))


def test_four_processes_saving_at_once_lose_nothing_and_keep_one_chain(
    services: Services, tmp_path: Path
) -> None:
    """Four programs saving for half a minute: every acknowledged record is there, verify
    passes, and the revisions form one unbroken chain (no fork, no gap)."""
    set_up_company(services)
    url = database_of(services)
    module = [sys.executable, "-m", "tests.pg_writer", url]
    writers = [
        subprocess.Popen(
            [*module, str(tmp_path / f"w{i}"), str(SECONDS), f"writer{i}"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(WRITERS)
    ]
    acknowledged: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=SECONDS + 120)
        assert writer.returncode == 0, err[-2000:]
        ids = out.split()
        assert len(ids) >= 5, f"a writer saved only {len(ids)} records: {err[-500:]}"
        acknowledged += ids
    stored = {r.id for r in services.records.find(RecordKind.TOOLBOX_TALK)}
    assert set(acknowledged) <= stored
    assert len(stored) == len(acknowledged)
    report = services.verify()
    assert report.ok, report
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        links = conn.execute(
            "SELECT prev_chain_sha256, chain_sha256 FROM revisions ORDER BY seq"
        ).fetchall()
    assert all(links[i][0] == links[i - 1][1] for i in range(1, len(links)))
    assert len({prev for prev, _ in links}) == len(links)  # no two revisions share a parent


ROLES = ("secor_alice", "secor_bob")


@pytest.fixture
def two_roles(services: Services) -> dict[str, str]:
    """Two login roles allowed to use the test database: role name -> its URL."""
    from sqlalchemy.engine import make_url

    url = make_url(database_of(services))
    for role in ROLES:
        postgres_server.admin(
            f"DO $$ BEGIN CREATE ROLE {role} LOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
    import psycopg

    with psycopg.connect(str(url.set(drivername="postgresql")), autocommit=True) as conn:
        for role in ROLES:
            conn.execute(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role}")
            conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return {
        role: str(url.set(username=role).render_as_string(hide_password=False)) for role in ROLES
    }


def entered_by(url: str) -> list[tuple[str, str]]:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        rows = conn.execute("SELECT entity_id, entered_by FROM revisions ORDER BY seq")
        return [(str(a), str(b)) for a, b in rows]


def test_each_revision_names_the_database_role_that_entered_it(
    services: Services, two_roles: dict[str, str], tmp_path: Path
) -> None:
    """Two people log in as their own roles: each revision names the role that saved it."""
    set_up_company(services)
    saved: dict[str, str] = {}
    for role, url in two_roles.items():
        theirs = open_services(AppPaths(tmp_path / role, database_url=url))
        lead = theirs.roster.workers()[0]
        record = theirs.records.create(
            RecordKind.TOOLBOX_TALK,
            title=f"Talk by {role}",
            event_date=date(2026, 11, 2),
            site_id=None,
            body=ToolboxTalkBody(topic="Ladders", presenter_id=lead.id, attendee_ids=(lead.id,)),
        )
        theirs.ctx.uow.args[0].dispose()
        saved[record.id] = role
    names = dict(entered_by(two_roles[ROLES[0]]))
    assert {rid: names[rid] for rid in saved} == saved
    assert names["company"] == "postgres"  # the set-up was made by the admin role
    assert services.verify().ok


def test_a_client_cannot_enter_a_revision_in_another_roles_name(
    services: Services, two_roles: dict[str, str]
) -> None:
    """A revision inserted by hand naming another role still records the role logged in."""
    import psycopg

    url = two_roles["secor_alice"].replace("+psycopg", "")
    with psycopg.connect(url) as conn:
        found = conn.execute(
            "INSERT INTO revisions (entity_type, entity_id, revision, entered_at, flags, "
            "document, content_sha256, prev_chain_sha256, chain_sha256, entered_by) "
            "VALUES ('company', 'company', 99, '2026-11-02T17:00:00+00:00', '', '{}', "
            "'x', 'x', 'x', 'secor_bob') RETURNING entered_by"
        ).fetchone()
        conn.rollback()
    assert found == ("secor_alice",)


def test_make_services_opens_the_server(make_services: Callable[[str], Services]) -> None:
    """The fixtures' database is on the server on this pass (not a file in the folder)."""
    services = make_services("data")
    assert services.ctx.uow.args[0].get().dialect.name == "postgresql"
    assert not services.locations.database.exists()


def tamper(services: Services, *statements: str) -> None:
    """Edit the server's tables as its administrator would, with the triggers switched off."""
    import psycopg

    with psycopg.connect(database_of(services).replace("+psycopg", "")) as conn:
        conn.execute("SET session_replication_role = replica")
        for sql in statements:
            conn.execute(sql)


def test_verify_names_a_record_changed_on_the_server(services: Services) -> None:
    """A title changed behind the program's back (triggers off) fails verify, named."""
    set_up_company(services)
    lead = services.roster.workers()[0]
    services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladder safety",
        event_date=date(2026, 11, 2),
        site_id=None,
        body=ToolboxTalkBody(topic="Ladders", presenter_id=lead.id, attendee_ids=(lead.id,)),
    )
    assert services.verify().ok
    tamper(services, "UPDATE records SET title = 'Nothing happened'")
    report = services.verify()
    changed = "toolbox_talk record 'Nothing happened' of 2026-11-02"
    assert [p.label for p in report.problems] == [changed]


def test_verify_names_a_revision_whose_role_was_blanked(services: Services) -> None:
    """A revision whose entered_by was blanked on the server fails verify."""
    set_up_company(services)
    tamper(services, "UPDATE revisions SET entered_by = '' WHERE entity_type = 'company'")
    report = services.verify()
    assert [(p.label, p.message) for p in report.problems] == [("revision #1", WRONG_ROLE)]


def test_the_migrations_go_down_and_up_again_on_the_server(services: Services) -> None:
    """Every migration's PostgreSQL path undoes cleanly to an empty schema and builds again."""
    from alembic import command
    from sqlalchemy import create_engine, inspect

    from secor_desktop.storage.database import alembic_config

    engine = create_engine(database_of(services))
    services.ctx.uow.args[0].dispose()
    try:
        with engine.begin() as conn:
            cfg = alembic_config("postgresql+psycopg://")
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
            ours = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_proc WHERE proname ~ '^(secor_|records_fts)' "
                "OR proname = 'json_extract'"
            ).scalar()
            assert ours == 0
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    set_up_company(services)
    assert services.verify().ok


def test_a_save_kept_waiting_on_the_chain_lock_is_told_busy(
    make_services: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holding the chain's lock too long: 'busy, try again', nothing saved."""
    import psycopg

    from secor_desktop.storage import server
    from secor_desktop.storage.errors import DatabaseLocked

    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    services = make_services("data")
    set_up_company(services)
    before = postgres_server.count_rows(services, "revisions")
    with psycopg.connect(database_of(services).replace("+psycopg", "")) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", (server.CHAIN_LOCK,))
        with pytest.raises(DatabaseLocked, match="busy"):
            services.roster.add_site("North yard", "1 Range Rd")
        other.rollback()
    assert postgres_server.count_rows(services, "revisions") == before
