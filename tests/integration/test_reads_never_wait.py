"""A page's or the dashboard's read never waits for a writer. On the laptop's SQLite file in
WAL mode a plain ``BEGIN`` reads the last committed state while another connection holds the
write lock (a long import, an exchange, a second program); ``BEGIN IMMEDIATE`` would queue
behind it and, after the 5 s busy timeout, fail with "database locked" on the page."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import SmallCompany

pytestmark = pytest.mark.sqlite_only("holds the file's write lock with the sqlite3 module")

BUSY_TIMEOUT_S = 5.0


@contextmanager
def write_lock_held(database: Path) -> Iterator[None]:
    """Another connection holds the file's write lock (as a long import would)."""
    writer = sqlite3.connect(database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        yield
        writer.execute("ROLLBACK")
    finally:
        writer.close()


def test_the_dashboard_reads_while_the_write_lock_is_held(company: SmallCompany) -> None:
    """The dashboard's snapshot comes back at once, with the saved record, during a write."""
    record = company.inspection("Yard inspection before the import")
    with write_lock_held(company.services.locations.database):
        started = time.monotonic()
        snapshot = company.services.dashboard()
        waited = time.monotonic() - started
    assert waited < BUSY_TIMEOUT_S / 2
    assert snapshot.info.record_counts.get(record.kind.value) == 1


def test_a_page_reads_while_the_write_lock_is_held(company: SmallCompany) -> None:
    """A page's snapshot (the path to the audit) comes back at once during a write."""
    with write_lock_held(company.services.locations.database):
        started = time.monotonic()
        page = company.services.pages.audit_path()
        waited = time.monotonic() - started
    assert waited < BUSY_TIMEOUT_S / 2
    assert page.company_name == company.services.company.get().name  # type: ignore[union-attr]


def test_a_save_still_waits_its_turn_for_the_write_lock(company: SmallCompany) -> None:
    """Saving is unchanged: it queues behind the writer and is refused as busy, saving
    nothing, when the writer does not let go within the busy timeout."""
    before = company.services.info().revisions
    with write_lock_held(company.services.locations.database), pytest.raises(Exception) as err:
        company.inspection("Saved during someone else's write")
    assert "busy" in str(err.value).lower() or "locked" in str(err.value).lower()
    assert company.services.info().revisions == before
