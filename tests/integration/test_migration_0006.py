"""Migration 0006 (exchange) gives an existing data folder its identity, keeps its chain
head, and undoes cleanly."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from alembic import command

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.clock import FixedClock
from secor_desktop.storage.database import alembic_config


def tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_0004_folder_gets_a_device_identity_and_keeps_its_head(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Opened by this version: a random 32-hex id and a name; the head is unchanged."""
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths, clock)
    services.roster.add_site("Shop and yard")
    head = services.verify().head
    command.downgrade(alembic_config(f"sqlite:///{paths.database}"), "0004")
    assert "device" not in tables(paths.database)
    reopened = open_services(paths, clock)
    device_id, name = reopened.exchange.device()
    assert re.fullmatch(r"[0-9a-f]{32}", device_id) and name
    assert reopened.verify().head == head and reopened.verify().ok


def test_two_data_folders_get_different_identities(tmp_path: Path, clock: FixedClock) -> None:
    """Each folder's id is drawn at random, so two laptops never share one by accident."""
    first = open_services(AppPaths(tmp_path / "one"), clock).exchange.device()[0]
    second = open_services(AppPaths(tmp_path / "two"), clock).exchange.device()[0]
    assert first != second


def test_revision_links_refuse_changes_like_the_ledger(tmp_path: Path, clock: FixedClock) -> None:
    """The table of received revisions' origins is append-only, as the chain is."""
    paths = AppPaths(tmp_path / "data")
    open_services(paths, clock).roster.add_site("Yard")
    with sqlite3.connect(paths.database) as conn:
        conn.execute(
            "INSERT INTO revision_links VALUES (1, ?, 'X', 1, NULL, ?, ?, ?, '[]')",
            ("a" * 32, "b" * 64, "c" * 64, "d" * 64),
        )
        for statement in (
            "UPDATE revision_links SET origin_name = 'Y'",
            "DELETE FROM revision_links",
        ):
            try:
                conn.execute(statement)
            except sqlite3.IntegrityError as exc:
                assert "append-only" in str(exc)
            else:  # pragma: no cover - the trigger is missing
                raise AssertionError(f"{statement} was allowed")
