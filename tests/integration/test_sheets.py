"""Importing workers, sites and training from spreadsheets, on a real data folder."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.sheet_rows import Target
from secor_desktop.domain.validation import ValidationError
from secor_desktop.services.bundle import export_bundle
from secor_desktop.services.facade import Services
from secor_desktop.services.sheets import MAX_FILE_BYTES, SheetError
from tests.conftest import SmallCompany

HEADER = ["Full name", "Position", "Hired", "Employment type", "Phone"]
FIRST = ["Ann", "Bob", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]


def twelve_workers(*, bad: bool) -> list[list[str]]:
    """Twelve workers; with ``bad``, row 4 has an impossible date and row 9 no position."""
    rows = [
        [f"{name} Example", "Labourer", f"2025-0{1 + i % 9}-1{i % 9}", "Full-time", "555-0100"]
        for i, name in enumerate(FIRST)
    ]
    if bad:
        rows[2][2] = "2025-02-30"  # sheet row 4 (row 1 is the header)
        rows[7][1] = ""  # sheet row 9
    return rows


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Crew"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(params=["csv", "xlsx"])
def sheet_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The twelve-worker sheet with two bad rows, as CSV and as XLSX."""
    rows = twelve_workers(bad=True)
    if request.param == "csv":
        return write_csv(tmp_path / "crew.csv", rows)
    return write_xlsx(tmp_path / "crew.xlsx", rows)  # type: ignore[arg-type]


def revisions(services: Services) -> int:
    return services.info().revisions


def test_preview_names_both_bad_rows_in_words(company: SmallCompany, sheet_file: Path) -> None:
    """Two bad rows of twelve: the preview names each row and its problem; ten are ready."""
    preview = company.services.sheets.preview(Target.WORKERS, sheet_file)
    assert preview.problems == [
        "Row 4: start date '2025-02-30' is not a real date.",
        "Row 9: role is required.",
    ]
    assert len(preview.to_import) == 10


def test_a_bad_row_imports_nothing(company: SmallCompany, sheet_file: Path) -> None:
    """Importing a sheet with bad rows is refused whole: the roster and the ledger unchanged."""
    before = revisions(company.services)
    with pytest.raises(ValidationError) as refused:
        company.services.sheets.import_sheet(Target.WORKERS, sheet_file)
    assert "nothing was imported" in str(refused.value) and "Row 4" in str(refused.value)
    assert len(company.services.roster.workers()) == 3
    assert revisions(company.services) == before


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_fixed_sheet_imports_all_twelve(company: SmallCompany, tmp_path: Path, suffix: str) -> None:
    """Fixed, all twelve workers arrive in one transaction: twelve revisions, twelve names."""
    rows = twelve_workers(bad=False)
    path = (write_csv if suffix == "csv" else write_xlsx)(tmp_path / f"crew.{suffix}", rows)  # type: ignore[operator]
    before = revisions(company.services)
    result = company.services.sheets.import_sheet(Target.WORKERS, path)
    names = {w.name for w in company.services.roster.workers()}
    assert result.imported == 12
    assert {f"{n} Example" for n in FIRST} <= names and len(names) == 15
    assert revisions(company.services) == before + 12


def test_a_failure_mid_import_leaves_no_worker(
    company: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the disk fails on the seventh worker, the first six are rolled back too."""
    from secor_desktop.storage.uow import SqlUnitOfWork

    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    real_save = SqlUnitOfWork.save
    calls = {"n": 0}

    def failing_save(self: SqlUnitOfWork, entity: object, **kw: object) -> object:
        calls["n"] += 1
        if calls["n"] == 7:
            raise OSError("disk full")
        return real_save(self, entity, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(SqlUnitOfWork, "save", failing_save)
    with pytest.raises(OSError):
        company.services.sheets.import_sheet(Target.WORKERS, path)
    monkeypatch.undo()
    assert len(company.services.roster.workers()) == 3


def test_names_already_on_the_roster_are_skipped_and_said(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A name already on the roster (other case, decomposed accent) is left as it is."""
    path = write_csv(
        tmp_path / "crew.csv",
        [
            ["ZOE\u0308 TREMBLAY", "Lead", "2021-03-01", "", ""],
            ["New Person", "Roofer", "2026-01-05", "", ""],
        ],
    )
    preview = company.services.sheets.preview(Target.WORKERS, path)
    assert preview.problems == []
    assert [r.note for r in preview.rows] == ["already on record: left as it is", ""]
    assert company.services.sheets.import_sheet(Target.WORKERS, path).imported == 1


def test_the_same_name_twice_in_the_sheet_is_a_problem(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Two rows of one name: which is right? The second is named."""
    path = write_csv(
        tmp_path / "crew.csv",
        [["Ann Lee", "Roofer", "2025-01-01", "", ""], ["ann  lee", "Roofer", "2025-01-01", "", ""]],
    )
    assert company.services.sheets.preview(Target.WORKERS, path).problems == [
        "Row 3: repeats row 2; remove one of them."
    ]


def test_cp1252_csv_is_read(company: SmallCompany, tmp_path: Path) -> None:
    """A CSV saved by Excel on Windows (cp1252, semicolons) reads with its accents."""
    path = tmp_path / "crew.csv"
    path.write_bytes("Name;Role;Start date\r\nRené Côté;Framer;2024-05-06\r\n".encode("cp1252"))
    preview = company.services.sheets.preview(Target.WORKERS, path)
    assert [r.entity.name for r in preview.to_import] == ["René Côté"]  # type: ignore[union-attr]


def test_huge_file_is_refused_in_a_sentence(company: SmallCompany, tmp_path: Path) -> None:
    """A file over the size limit is refused before it is parsed; nothing imported."""
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(b"Name,Role,Start date\n")
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(SheetError, match=r"big.csv is 10.5 MB; .* at most 10 MB"):
        company.services.sheets.import_sheet(Target.WORKERS, path)
    assert len(company.services.roster.workers()) == 3


def test_a_pdf_renamed_xlsx_is_refused(company: SmallCompany, tmp_path: Path) -> None:
    """Not a workbook, whatever its name says: one sentence, nothing imported."""
    path = tmp_path / "crew.xlsx"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 500)
    with pytest.raises(SheetError, match=r"crew\.xlsx is not an Excel workbook"):
        company.services.sheets.preview(Target.WORKERS, path)


def test_a_zip_bomb_renamed_xlsx_is_refused(company: SmallCompany, tmp_path: Path) -> None:
    """A small zip that unpacks to hundreds of megabytes is refused unread."""
    path = tmp_path / "crew.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/big.xml", b"\0" * (120 * 1024 * 1024))
    with pytest.raises(SheetError, match="unpacks to 126 MB"):
        company.services.sheets.preview(Target.WORKERS, path)


def test_formulas_are_not_trusted(company: SmallCompany, tmp_path: Path) -> None:
    """An XLSX formula cell is a problem on its row, never evaluated or imported."""
    rows: list[list[object]] = [
        ["Ann Lee", "Roofer", "2025-01-01", "", ""],
        ['=HYPERLINK("http://evil.example","Bob")', "Roofer", "2025-01-01", "", ""],
    ]
    path = write_xlsx(tmp_path / "crew.xlsx", rows)
    problems = company.services.sheets.preview(Target.WORKERS, path).problems
    assert problems[0].startswith("Row 3: name holds a formula (=HYPERLINK(")
    with pytest.raises(ValidationError):
        company.services.sheets.import_sheet(Target.WORKERS, path)
    assert len(company.services.roster.workers()) == 3


def test_csv_injection_is_stored_as_text_and_exported_safely(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A name starting with "=" is kept as typed, and the CSV export defuses it."""
    name = "=cmd|' /C calc'!A0"
    path = write_csv(tmp_path / "crew.csv", [[name, "Roofer", "2025-01-01", "", ""]])
    company.services.sheets.import_sheet(Target.WORKERS, path)
    assert name in {w.name for w in company.services.roster.workers()}
    export_bundle(company.services.ctx, tmp_path / "out")
    exported = (tmp_path / "out" / "csv" / "workers.csv").read_text(encoding="utf-8")
    assert "'" + name in exported and "\n" + name not in exported


def test_sites_import(company: SmallCompany, tmp_path: Path) -> None:
    """Sites map "Site"/"Address" columns and import together."""
    path = write_csv(
        tmp_path / "sites.csv",
        [["North shop", "1 A St"], ["Lakeview job", ""]],
        ["Site", "Address"],
    )
    assert company.services.sheets.import_sheet(Target.SITES, path).imported == 2
    assert {"North shop", "Lakeview job", "Main yard"} == {
        s.name for s in company.services.roster.sites()
    }


def test_training_rows_become_drafts_with_their_source(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Training history arrives unsigned, its revision saying which file and row it came from."""
    header = ["Worker", "Course", "Date completed", "Provider", "Expiry"]
    path = write_csv(
        tmp_path / "training.csv",
        [["sam okafor", "Standard First Aid", "2025-04-01", "Red Cross", "2028-04-01"]],
        header,
    )
    result = company.services.sheets.import_sheet(Target.TRAINING, path)
    (record,) = company.services.records.find(RecordKind.TRAINING)
    (history,) = company.services.records.history(record.id)
    assert result.imported == 1 and record.status is RecordStatus.DRAFT
    assert history.reason == "Imported from training.csv, row 2"
    assert record.title == "Standard First Aid — Sam Okafor"


def test_training_for_an_unknown_worker_is_named(company: SmallCompany, tmp_path: Path) -> None:
    """A training row naming nobody on the roster says so, with the name as written."""
    header = ["Worker", "Course", "Date"]
    path = write_csv(tmp_path / "t.csv", [["Sam Okafr", "WHMIS", "2025-04-01"]], header)
    assert company.services.sheets.preview(Target.TRAINING, path).problems == [
        "Row 2: no worker called 'Sam Okafr' is on the roster; import or add the workers "
        "first, or correct the name."
    ]


def test_missing_required_column_is_said(company: SmallCompany, tmp_path: Path) -> None:
    """A sheet without a start-date column asks for the column to be chosen."""
    path = write_csv(tmp_path / "crew.csv", [["Ann", "Roofer"]], ["Name", "Role"])
    assert company.services.sheets.preview(Target.WORKERS, path).problems == [
        "No column is chosen for start date; pick the column that holds it."
    ]


def test_a_chosen_mapping_replaces_the_guess(company: SmallCompany, tmp_path: Path) -> None:
    """The user's mapping wins: "Began" chosen as the start date imports the row."""
    path = write_csv(
        tmp_path / "crew.csv", [["Ann", "Roofer", "2025-01-01"]], ["Who", "Job", "Began"]
    )
    mapping = {"name": 0, "role": 1, "start_date": 2}
    preview = company.services.sheets.preview(Target.WORKERS, path, mapping=mapping)
    assert preview.problems == [] and len(preview.to_import) == 1


def test_too_many_rows_is_refused_in_a_sentence(
    company: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More rows than the limit: refused whole, with the limit in words."""
    from secor_desktop.services import sheets

    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    with pytest.raises(SheetError, match=r"crew\.csv has more than 10 rows; split it"):
        company.services.sheets.preview(Target.WORKERS, path)


def test_a_binary_file_renamed_csv_is_refused(company: SmallCompany, tmp_path: Path) -> None:
    """A file with NUL bytes is no CSV, whatever its name: one sentence."""
    path = tmp_path / "crew.csv"
    path.write_bytes(b"Name,Role\x00\x01\x02")
    with pytest.raises(SheetError, match=r"crew\.csv is not a text file"):
        company.services.sheets.preview(Target.WORKERS, path)


def test_a_workbook_formatted_far_to_the_right_still_reads(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Empty but formatted cells out at column 200 are not 200 columns to refuse."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    path = write_xlsx(tmp_path / "crew.xlsx", [["Ann Lee", "Roofer", "2025-01-01"]])
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.cell(row=2, column=200).font = Font(bold=True)
    book.save(path)
    preview = company.services.sheets.preview(Target.WORKERS, path)
    assert preview.problems == [] and len(preview.to_import) == 1


def test_a_missing_file_is_a_sentence(company: SmallCompany, tmp_path: Path) -> None:
    """A file that is not there: its name and the system's reason."""
    with pytest.raises(SheetError, match=r"gone\.csv cannot be opened \(No such file"):
        company.services.sheets.preview(Target.WORKERS, tmp_path / "gone.csv")


def test_a_chosen_sheet_of_a_workbook_is_read(company: SmallCompany, tmp_path: Path) -> None:
    """A workbook's second sheet can be chosen by name; an unknown name lists the sheets."""
    path = write_xlsx(tmp_path / "book.xlsx", [["Ann Lee", "Roofer", "2025-01-01"]])
    from openpyxl import load_workbook

    book = load_workbook(path)
    sites = book.create_sheet("Sites")
    sites.append(["Site", "Address"])
    sites.append(["North shop", "1 A St"])
    book.save(path)
    preview = company.services.sheets.preview(Target.SITES, path, sheet="Sites")
    assert preview.sheet_names == ("Crew", "Sites") and len(preview.to_import) == 1
    with pytest.raises(
        SheetError, match=r"book\.xlsx has no sheet called 'Jobs'; it has Crew, Sites"
    ):
        company.services.sheets.preview(Target.SITES, path, sheet="Jobs")
