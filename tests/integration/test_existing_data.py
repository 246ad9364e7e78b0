"""A data folder saved by an earlier release opens, upgrades and keeps its proof.

``tests/fixtures/v1-data.tar.gz`` was made once by ``tests/fixtures/make_v1_data.py`` with the
release that wrote ``secor-revision/1`` documents; it is never regenerated. Whatever the
current code changes in the schema, the stored hashes and the chain head must stay as they were.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.clock import FixedClock
from tests.fixtures.v1 import V1_COUNT, V1_HEAD, extract_v1


@pytest.fixture
def v1_folder(tmp_path: Path) -> Path:
    return extract_v1(tmp_path / "data")


def _hashes(db: Path) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT seq, document, content_sha256, chain_sha256 FROM revisions ORDER BY seq"
        ).fetchall()
    return [(s, hashlib.sha256(d.encode()).hexdigest(), c, h) for s, d, c, h in rows]


def test_fixture_is_the_one_recorded_here(v1_folder: Path) -> None:
    """The committed fixture still has the chain head written down in this test."""
    hashes = _hashes(v1_folder / "secor.sqlite3")
    assert len(hashes) == V1_COUNT and hashes[-1][3] == V1_HEAD


def test_v1_folder_opens_verifies_and_keeps_its_head(v1_folder: Path) -> None:
    """Opened the normal way (backup, then any migration) it verifies with the same head."""
    before = _hashes(v1_folder / "secor.sqlite3")
    clock = FixedClock(datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    services = open_services(AppPaths(v1_folder), clock)
    report = services.verify()
    assert report.ok, [str(p) for p in report.problems]
    assert (report.head.count, report.head.sha256) == (V1_COUNT, V1_HEAD)
    assert _hashes(v1_folder / "secor.sqlite3") == before
    # The startup backup holds the folder as it was before anything was changed.
    backups = [b for b in services.backups.list() if b.manifest is not None]
    assert backups and all(b.manifest and b.manifest.chain_head == V1_HEAD for b in backups)


def test_v1_folder_checks_against_its_kept_head_from_the_cli(
    v1_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``verify --expect-head`` with the head written down from the old release says OK."""
    code = main(["--data-dir", str(v1_folder), "verify", "--expect-head", f"{V1_HEAD}:17"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Chain head: {V1_HEAD} ({V1_COUNT} revisions)" in out
    assert "OK: every record matches what was saved and signed." in out
