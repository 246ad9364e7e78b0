"""Setting a company up by script: add-worker, add-site, import-sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from tests.integration.test_sheets import twelve_workers, write_csv


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "data")
    code, _, err = run(
        capsys, "--data-dir", folder, "company", "set", "--name", "Acme", "--province", "AB"
    )
    assert code == 0, err
    return folder


def test_add_worker_and_site_by_script(capsys: pytest.CaptureFixture[str], data: str) -> None:
    """add-worker and add-site put a worker and a site on record."""
    code, out, _ = run(
        capsys,
        "--data-dir",
        data,
        "add-worker",
        "Dana Kowalski",
        "--role",
        "Owner",
        "--start-date",
        "2020-01-06",
        "--type",
        "owner_operator",
        "--owner",
    )
    assert code == 0 and out.startswith("Added Dana Kowalski (Owner) to the roster")
    code, out, _ = run(capsys, "--data-dir", data, "add-site", "Main yard", "--address", "12 Rd")
    assert code == 0 and out.startswith("Added the site Main yard")
    _, out, _ = run(capsys, "--data-dir", data, "info", "--json")
    assert (json.loads(out)["workers"], json.loads(out)["sites"]) == (1, 1)


def test_add_worker_twice_exits_2(capsys: pytest.CaptureFixture[str], data: str) -> None:
    """A second worker of the same name is refused in a sentence, exit 2."""
    args = (
        "--data-dir",
        data,
        "add-worker",
        "Ann Lee",
        "--role",
        "Roofer",
        "--start-date",
        "2024-01-01",
    )
    assert run(capsys, *args)[0] == 0
    code, _, err = run(capsys, *args)
    assert code == 2 and "Ann Lee is already on the roster" in err


def test_import_sheet_with_bad_rows_exits_2_naming_them(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    """Bad rows: exit 2, each row named on stderr, nothing imported."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=True))
    code, _, err = run(capsys, "--data-dir", data, "import-sheet", "workers", str(path))
    assert code == 2
    assert "Row 4: start date '2025-02-30' is not a real date." in err
    assert "Row 9: role is required." in err
    _, out, _ = run(capsys, "--data-dir", data, "info", "--json")
    assert json.loads(out)["workers"] == 0


def test_import_sheet_dry_run_writes_nothing(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    """--dry-run says what would be imported and writes nothing."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    code, out, _ = run(
        capsys, "--data-dir", data, "import-sheet", "workers", str(path), "--dry-run"
    )
    assert code == 0 and "12 workers row(s) would be imported" in out
    _, out, _ = run(capsys, "--data-dir", data, "info", "--json")
    assert json.loads(out)["workers"] == 0


def test_import_sheet_imports_all(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    """A clean sheet: exit 0, all twelve on the roster."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    code, out, _ = run(capsys, "--data-dir", data, "import-sheet", "workers", str(path))
    assert code == 0 and out.startswith("Imported 12 workers row(s)")
    _, out, _ = run(capsys, "--data-dir", data, "info", "--json")
    assert json.loads(out)["workers"] == 12


def test_import_sheet_of_a_non_spreadsheet_exits_2(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    """A PDF renamed .xlsx: exit 2 with a sentence, no traceback."""
    path = tmp_path / "crew.xlsx"
    path.write_bytes(b"%PDF-1.7\n")
    code, _, err = run(capsys, "--data-dir", data, "import-sheet", "workers", str(path))
    assert code == 2 and "crew.xlsx is not an Excel workbook" in err and "Traceback" not in err


def test_import_sheet_training_arrives_as_drafts(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    """Training rows name their worker; the records are drafts, and the output says so."""
    run(
        capsys,
        "--data-dir",
        data,
        "add-worker",
        "Sam Okafor",
        "--role",
        "Roofer",
        "--start-date",
        "2024-04-01",
    )
    path = write_csv(
        tmp_path / "training.csv",
        [["Sam Okafor", "Fall protection", "2025-05-01", "ACSA", "2028-05-01"]],
        ["Worker", "Course", "Date", "Provider", "Expiry"],
    )
    code, out, _ = run(capsys, "--data-dir", data, "import-sheet", "training", str(path))
    assert code == 0 and "Imported 1 training row(s) as drafts to check and sign" in out
    _, out, _ = run(capsys, "--data-dir", data, "records", "list", "--json")
    (record,) = json.loads(out)
    assert (record["kind"], record["status"]) == ("training", "draft")
