"""Migration 0004 (site active dates) adds two columns in place and undoes cleanly."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

from alembic import command

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.clock import FixedClock
from secor_desktop.storage.database import alembic_config


def site_columns(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(sites)")]


def triggers_on_sites(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'sites'"
        return [r[0] for r in conn.execute(query)]


def test_dates_round_trip_and_the_search_trigger_survives(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A site's dates are stored and read back; the site-name search trigger is still there."""
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths, clock)
    site = services.roster.add_site("Lakeview")
    services.roster.save_site(replace(site, active_to=date(2026, 5, 8)))
    (stored,) = services.roster.sites()
    assert (stored.active_from, stored.active_to) == (None, date(2026, 5, 8))
    assert triggers_on_sites(paths.database) == ["records_fts_site_name"]


def test_a_date_that_does_not_exist_is_refused_by_the_file(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The columns carry the same date check as every other date column."""
    paths = AppPaths(tmp_path / "data")
    open_services(paths, clock)
    with sqlite3.connect(paths.database) as conn:
        try:
            conn.execute("INSERT INTO sites VALUES ('s', 'S', '', 1, '2026-02-30', NULL)")
        except sqlite3.IntegrityError as exc:
            assert "ck_sites_active_from_is_date" in str(exc)
        else:  # pragma: no cover - the check is missing
            raise AssertionError("an impossible date was stored")


def test_downgrade_to_0003_drops_the_columns_and_keeps_the_sites(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Going back to 0003 removes both columns in place; the site and the trigger stay."""
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths, clock)
    services.roster.add_site("Shop and yard")
    command.downgrade(alembic_config(f"sqlite:///{paths.database}"), "0003")
    assert site_columns(paths.database) == ["id", "name", "address", "active"]
    assert triggers_on_sites(paths.database) == ["records_fts_site_name"]
    with sqlite3.connect(paths.database) as conn:
        assert conn.execute("SELECT name FROM sites").fetchall() == [("Shop and yard",)]
