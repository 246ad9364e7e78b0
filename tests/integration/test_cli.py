"""The command line, through the real entry point, on real data folders."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.storage.database import head_revision
from tests.conftest import SmallCompany, signature_png


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(company: SmallCompany) -> Path:
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    return company.services.locations.data_dir


def test_info_reports_paths_schema_and_counts(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """info --json gives the data folder, the schema revision and counts by kind."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["data_dir"] == str(data_dir)
    assert info["schema_revision"] == head_revision()
    assert info["records_by_kind"]["inspection"] == 1 and info["records_by_kind"]["flha"] == 0


def test_records_list_json_lists_each_record(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """records list --json gives id, kind, date, status and signers."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "records", "list", "--json")
    (row,) = json.loads(out)
    assert code == 0
    assert row["elements"], "the framework pack names the element an inspection counts for"
    assert (row["kind"], row["status"], row["signed_by"]) == (
        "inspection",
        "signed",
        ["Zoë Tremblay"],
    )


def test_records_show_includes_history(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """records show --json includes the full data and every revision."""
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "records", "list", "--json")
    record_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "records", "show", record_id, "--json")
    detail = json.loads(out)
    assert code == 0
    assert len(detail["history"]) == 2
    assert detail["data"]["body"]["items"][1]["result"] == "deficient"


def test_unknown_record_id_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Showing an id that does not exist exits 2 with a sentence, not a traceback."""
    code, _, err = run(capsys, "--data-dir", str(data_dir), "records", "show", "nope")
    assert code == 2 and "No record has the id 'nope'" in err


@pytest.mark.sqlite_only("edits the file with the sqlite3 module")
def test_verify_fails_and_names_a_record_edited_with_sqlite3(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """After an edit with sqlite3, verify exits 1 and names the record."""
    assert run(capsys, "--data-dir", str(data_dir), "verify")[0] == 0
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        (record_id,) = conn.execute("SELECT id FROM records").fetchone()
        conn.execute("UPDATE records SET event_date = '2026-10-01'")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "verify")
    assert code == 1
    assert record_id in out and "changed: event_date" in out


def test_verify_prints_the_chain_head(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """verify prints the head hash and count so it can be taken off the machine."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "verify")
    assert code == 0
    assert "Chain head: " in out and "revisions)" in out


@pytest.mark.sqlite_only("imports into a second data folder's own SQLite file")
def test_export_then_import_into_empty_folder_passes_verify(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """export DIR then import DIR elsewhere gives the same chain head; verify passes."""
    bundle = tmp_path / "bundle"
    other = tmp_path / "other"
    assert run(capsys, "--data-dir", str(data_dir), "export", str(bundle))[0] == 0
    code, out, _ = run(capsys, "--data-dir", str(other), "import", str(bundle))
    assert code == 0 and "replayed" in out
    heads = [
        json.loads(run(capsys, "--data-dir", str(d), "info", "--json")[1])["chain_head"]
        for d in (data_dir, other)
    ]
    assert heads[0] == heads[1]
    assert run(capsys, "--data-dir", str(other), "verify")[0] == 0


def test_malformed_import_is_refused_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """A broken bundle file exits 1 (problems found in it), names the file, changes nothing."""
    bad = tmp_path / "bundle.json"
    bad.write_text("[1, 2", "utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import", str(bad))
    assert code == 1 and "bundle.json" in err and "not valid JSON" in err
    assert run(capsys, "--data-dir", str(data_dir), "verify")[0] == 0


def test_bad_date_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A date that does not exist is refused by argument parsing with the format to use."""
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--as-of", "2025-02-30"])
    assert exc.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_env_variable_chooses_the_data_folder(tmp_path: Path) -> None:
    """SECOR_DESKTOP_DATA_DIR is used when --data-dir is not given (python -m entry)."""
    env = {"SECOR_DESKTOP_DATA_DIR": str(tmp_path / "envdata"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "secor_desktop", "info", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"] == str(tmp_path / "envdata")


def test_data_folder_is_private_to_the_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The data folder is 0700 and the database 0600."""
    folder = tmp_path / "private"
    assert run(capsys, "--data-dir", str(folder), "info")[0] == 0
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "secor.sqlite3").stat().st_mode & 0o777 == 0o600


def test_demo_then_records_list_covers_every_kind_over_a_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """demo, then records list --json: every kind, spanning at least 12 months; verify passes."""
    from datetime import date

    from secor_desktop.domain.kinds import RecordKind
    from secor_desktop.domain.months import months_between

    folder = str(tmp_path / "demo")
    code, out, _ = run(capsys, "--data-dir", folder, "demo", "--seed", "3", "--as-of", "2026-10-30")
    assert code == 0 and "Demo company created" in out
    code, out, _ = run(capsys, "--data-dir", folder, "records", "list", "--json")
    rows = json.loads(out)
    assert {r["kind"] for r in rows} == {k.value for k in RecordKind}
    dates = sorted(date.fromisoformat(r["event_date"]) for r in rows)
    assert months_between(dates[0], dates[-1]) >= 12
    assert run(capsys, "--data-dir", folder, "verify")[0] == 0
    code, _, err = run(capsys, "--data-dir", folder, "demo")
    assert code == 2 and "already" in err


def test_records_repeat_stores_an_unsigned_draft_dated_today(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """records repeat --last inspection copies the signed inspection as today's draft."""
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "records", "repeat", "--last", "inspection", "--json"
    )
    assert code == 0, err
    new = json.loads(out)
    assert code == 0 and new["status"] == "draft" and new["id"] != new["repeat_of"]
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "records", "show", new["id"], "--json")
    detail = json.loads(out)
    assert detail["data"]["signatures"] == [] and len(detail["history"]) == 1
    assert detail["data"]["body"]["items"][1]["note"] == "pallets in the aisle"


def test_records_repeat_of_nothing_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """No drill to repeat: exit 2 with a sentence."""
    code, _, err = run(capsys, "--data-dir", str(data_dir), "records", "repeat", "--last", "drill")
    assert code == 2 and "There is no emergency drill to repeat." in err
