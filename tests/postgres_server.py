"""The test suites on a real PostgreSQL server as well as on SQLite.

``SECOR_TEST_DATABASE=postgresql`` with ``SECOR_TEST_PG_URL`` (a server URL without a database
name, e.g. ``postgresql://postgres@/?host=/tmp/postgres-x``; ``scripts/with-postgres`` starts
a throwaway server and sets both) makes the ``services`` fixtures open a fresh database on that
server instead of a file. The first is built once per run through the real migrations
(``open_services``); each test then gets its own copy of it (``CREATE DATABASE ... TEMPLATE``,
a few milliseconds), dropped when the test ends.

Tests that never open services through the fixtures (they build files, run the CLI on a data
folder, read the SQLite file's bytes) would only run on SQLite a second time: they are left out
of the PostgreSQL pass. Tests that do use the fixtures but are about the SQLite file itself are
marked ``sqlite_only`` with the reason, and skipped there.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

DATABASE = os.environ.get("SECOR_TEST_DATABASE", "sqlite")
ON_POSTGRES = DATABASE == "postgresql"
SERVER_URL = os.environ.get("SECOR_TEST_PG_URL", "")
TEMPLATE = f"secor_test_template_{os.getpid()}"  # one per test run sharing a server
FIXTURES = {"services", "make_services"}


def database_url(name: str) -> str:
    """The server URL with ``name`` as its database."""
    from sqlalchemy.engine import make_url

    return str(make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False))


def admin(sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) as the server's admin."""
    import psycopg

    with psycopg.connect(database_url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        c.execute(sql)


_template_ready = False


def fresh_database(tmp_path: Path) -> str:
    """A new database at the schema head; its URL."""
    global _template_ready
    if not _template_ready:
        from secor_desktop.app.bootstrap import open_services
        from secor_desktop.app.paths import AppPaths

        admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        admin(f"CREATE DATABASE {TEMPLATE}")
        built = open_services(AppPaths(tmp_path / "template", database_url(TEMPLATE)))
        built.ctx.uow.args[0].dispose()
        _template_ready = True
    name = f"secor_test_{uuid.uuid4().hex[:16]}"
    admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    url = database_url(name)
    # A copy of the template would share its device identity (migration 0006 draws one at
    # random): each database gets its own, as one built through the migrations has.
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        conn.execute("UPDATE device SET device_id = %s", (uuid.uuid4().hex,))
    return url


def drop_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    admin(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)")


def _shared_fixture(item: pytest.Item, name: str) -> bool:
    """Does the test use tests/conftest.py's fixture ``name`` (not a module's own, on a file)?"""
    info = getattr(item, "_fixtureinfo", None)
    defs = info.name2fixturedefs.get(name) if info is not None else None
    return bool(defs) and getattr(defs[-1].func, "__module__", "") == "tests.conftest"


def select_for_postgres(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, keep the tests that open services through the fixtures."""
    if not ON_POSTGRES:
        return
    if not SERVER_URL:
        raise pytest.UsageError("SECOR_TEST_DATABASE=postgresql needs SECOR_TEST_PG_URL")
    kept, left = [], []
    for item in items:
        uses = {name for name in FIXTURES if _shared_fixture(item, name)}
        uses = uses or {m.name for m in item.iter_markers("postgres_only")}
        (kept if uses else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def count_rows(services: Any, table: str) -> int:
    """Rows in ``table`` of the services' database, whichever engine holds it."""
    from sqlalchemy import text

    with services.ctx.uow.args[0].get().connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def edit_behind_the_program(services: Any, *statements: str) -> None:
    """Change the database as someone with its own tools would, refusing triggers switched off:
    the sqlite3 shell with the triggers dropped, or the server's administrator with
    ``session_replication_role = replica``."""
    if not ON_POSTGRES:
        import sqlite3

        with sqlite3.connect(services.locations.database) as conn:
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
                conn.execute(f"DROP TRIGGER {name}")
            for statement in statements:
                conn.execute(statement)
        return
    import psycopg

    url = services.ctx.uow.args[0].get().url.render_as_string(hide_password=False)
    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        conn.execute("SET session_replication_role = replica")
        for statement in statements:
            conn.execute(statement)
