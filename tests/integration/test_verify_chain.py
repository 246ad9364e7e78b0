"""``verify`` covers every revision column, and ``--expect-head`` sees a rebuilt chain.

All on the kept data folder (tests/fixtures/v1-data.tar.gz: 17 revisions, one late entry,
one clock going backwards, one amendment with a reason), through the real command line.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from tests.fixtures.v1 import V1_COUNT, V1_HEAD, drop_triggers, extract_v1, rebuild_chain


def cli(folder: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(["--data-dir", str(folder), *args])
        except SystemExit as exc:  # argparse refuses bad arguments this way
            code = int(exc.code or 0)
    return code, out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return extract_v1(tmp_path / "data")


def _entity_of(folder: Path, seq: int) -> str:
    with sqlite3.connect(folder / "secor.sqlite3") as conn:
        (entity_id,) = conn.execute(
            "SELECT entity_id FROM revisions WHERE seq = ?", (seq,)
        ).fetchone()
    return str(entity_id)


@pytest.mark.parametrize(
    ("seq", "column", "value", "said"),
    [
        (14, "flags", "", "its flags column says nothing but the hashed dates give 'late_entry'"),
        (
            15,
            "flags",
            "",
            "its flags column says nothing but the hashed dates give 'clock_backwards'",
        ),
        (
            9,
            "flags",
            "late_entry",
            "its flags column says 'late_entry' but the hashed dates give nothing",
        ),
        (
            9,
            "entered_at",
            "2026-03-09T14:00:00+00:00",
            "its entry time column says '2026-03-09T14:00:00+00:00' but its hashed document "
            "says '2026-03-03T14:00:00+00:00'",
        ),
        (
            11,
            "reason",
            "client asked",
            "its reason column says 'client asked' but its hashed document says 'named the "
            "fence line'",
        ),
        (11, "reason", None, "its reason column says nothing but its hashed document says"),
        (
            13,
            "event_date",
            "2026-03-01",
            "its event date column says '2026-03-01' but its hashed document says '2026-03-03'",
        ),
    ],
)
def test_edited_revision_column_fails_verify_naming_the_revision(
    folder: Path, seq: int, column: str, value: str | None, said: str
) -> None:
    """A column shown beside a revision, edited with sqlite3, makes verify exit 1 naming it."""
    assert cli(folder, "verify")[0] == 0
    with sqlite3.connect(folder / "secor.sqlite3") as conn:
        drop_triggers(conn)
        conn.execute(f"UPDATE revisions SET {column} = ? WHERE seq = ?", (value, seq))
    code, out = cli(folder, "verify")
    assert code == 1
    (line,) = [line for line in out.splitlines() if line.startswith("  - ")]
    assert line.startswith(f"  - revision #{seq} of ") and _entity_of(folder, seq) in line
    assert said in line


def test_kept_head_of_an_untouched_folder_passes(folder: Path) -> None:
    """The head kept from the old release, with its count, passes; so does the hash alone."""
    for kept in (f"{V1_HEAD}:{V1_COUNT}", V1_HEAD):
        code, out = cli(folder, "verify", "--expect-head", kept)
        assert code == 0, out
        assert f"OK: the chain passes through the kept head at revision #{V1_COUNT}" in out


def test_rebuilt_chain_passes_plain_verify_but_not_the_kept_head(folder: Path) -> None:
    """Recomputing every hash after an edit fools verify; the kept head does not."""
    rebuild_chain(
        folder / "secor.sqlite3", 9, '"title":"Post hole digging"', '"title":"Fence work"'
    )
    code, out = cli(folder, "verify")
    assert code == 0 and V1_HEAD not in out
    code, out = cli(folder, "verify", "--expect-head", f"{V1_HEAD}:{V1_COUNT}")
    assert code == 1
    assert "the chain was rebuilt after a change" in out
    assert "No backup in the backups folder passes through the kept head" in out


def test_rebuilt_chain_is_named_once_from_a_backup_the_head_proves(folder: Path) -> None:
    """With a backup made before the edit, the first divergent revision is named, once."""
    assert cli(folder, "verify")[0] == 0  # opening makes the startup backup
    rebuild_chain(
        folder / "secor.sqlite3", 9, '"title":"Post hole digging"', '"title":"Fence work"'
    )
    code, out = cli(folder, "verify", "--expect-head", f"{V1_HEAD}:{V1_COUNT}")
    assert code == 1
    assert "the first revision that differs is revision #9 (record 'Fence work'" in out
    assert out.count("revision #9") == 1, out
    assert "revision #10" not in out


def test_edit_without_rebuilding_names_the_edited_revision(folder: Path) -> None:
    """A document edited under its old hashes: the kept head names where the chain breaks."""
    with sqlite3.connect(folder / "secor.sqlite3") as conn:
        drop_triggers(conn)
        conn.execute(
            "UPDATE revisions SET document = replace(document, 'Hand', 'Eye') WHERE seq = 13"
        )
    code, out = cli(folder, "verify", "--expect-head", V1_HEAD)
    assert code == 1
    assert "the documents no longer recompute to it" in out
    assert (
        "stored chain hash does not follow from its document is revision #13 "
        "(record 'Eye protection'" in out
    )


def test_removed_revisions_are_named_from_a_backup(folder: Path) -> None:
    """Revisions cut off the end: the kept count is beyond the chain, the backup names the gap."""
    assert cli(folder, "verify")[0] == 0
    with sqlite3.connect(folder / "secor.sqlite3") as conn:
        drop_triggers(conn)
        conn.execute("DELETE FROM revisions WHERE seq = 17")
        conn.execute("DELETE FROM self_evaluations")
    code, out = cli(folder, "verify", "--expect-head", f"{V1_HEAD}:{V1_COUNT}")
    assert code == 1
    assert "this database holds only 16" in out
    assert "revision #17, which this database no longer holds" in out


def test_wrong_count_says_where_the_head_really_is(folder: Path) -> None:
    """A head copied with the wrong count is found at its real place, and still fails."""
    code, out = cli(folder, "verify", "--expect-head", f"{V1_HEAD}:12")
    assert code == 1
    assert f"the kept head is this chain's link after {V1_COUNT} revisions, not after 12" in out


@pytest.mark.parametrize("text", ["8bc695c9", f"{V1_HEAD}:none", "not a hash at all"])
def test_bad_kept_head_is_refused_with_a_sentence(folder: Path, text: str) -> None:
    """A head that is not 64 hex digits (optionally :COUNT) exits 2, saying what is expected."""
    code, out = cli(folder, "verify", "--expect-head", text)
    assert code == 2
    assert "The kept head must be the 64-character chain hash" in out
    assert "Traceback" not in out


def test_verify_pack_reports_a_rebuilt_chain_once_with_a_count(
    folder: Path, tmp_path: Path
) -> None:
    """A pack checked against a rebuilt chain: the first divergent record, then one summary."""
    pack = tmp_path / "pack.pdf"
    code, out = cli(folder, "export-pack", str(pack), "--from", "2026-01-01", "--to", "2026-03-31")
    assert code == 0, out
    rebuild_chain(
        folder / "secor.sqlite3", 9, '"title":"Post hole digging"', '"title":"Fence work"'
    )
    code, out = cli(folder, "verify-pack", str(pack))
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("  - ")]
    assert problems == [
        "  - Record 'Post hole digging, north fence' of 2026-03-03: differs: the database's "
        "revision 1 is not the one in the pack",
        "  - The pack: the database's chain was rebuilt from revision #9 on: 8 later "
        "revision(s) hold the pack's documents under recomputed chain hashes",
    ]


def test_empty_folder_fails_against_any_kept_head(tmp_path: Path) -> None:
    """A new, empty data folder passes through no kept head, and says it holds nothing."""
    code, out = cli(tmp_path / "empty", "verify", "--expect-head", V1_HEAD)
    assert code == 1
    assert "this database holds no revisions at all" in out
