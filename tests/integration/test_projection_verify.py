"""``verify`` checks the stored readiness projection against the chain, like any tampering.

Someone with the sqlite3 shell could make a draft "count" by editing the projection alone:
no hashed byte changes, yet the dashboard and the pack would say otherwise. These edits are
made with the stdlib ``sqlite3``, as such a person would.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record
from tests.conftest import SmallCompany, signature_png
from tests.postgres_server import edit_behind_the_program


@pytest.fixture
def signed(company: SmallCompany) -> Record:
    """A signed inspection beside an unsigned one (a draft, which does not count)."""
    record = company.inspection("Weekly yard inspection")
    company.inspection("Draft yard inspection")
    return company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )


def edit(company: SmallCompany, sql: str, *params: str) -> None:
    """One statement as someone with the database's own tools would run it (the sqlite3
    shell, or the server's administrator), the ids quoted in (they are ours, not typed)."""
    for value in params:
        sql = sql.replace("?", "'" + value.replace("'", "''") + "'", 1)
    edit_behind_the_program(company.services, sql)


def problems(company: SmallCompany) -> list[str]:
    return [str(p) for p in company.services.verify().problems]


def test_an_untouched_projection_verifies(company: SmallCompany, signed: Record) -> None:
    """Saved, signed and draft records: their projection agrees with the chain."""
    assert problems(company) == []


def test_a_draft_made_to_count_fails_verify_naming_the_record(company: SmallCompany) -> None:
    """A draft's row edited to count: verify names the record (title and id) and the column."""
    draft = company.inspection("Draft yard inspection")
    edit(
        company,
        "UPDATE record_projection SET counts = 1, reasons = '[]' WHERE record_id = ?",
        draft.id,
    )
    (problem,) = problems(company)
    assert "'Draft yard inspection'" in problem and draft.id in problem
    assert "readiness projection differs" in problem and "changed: counts, reasons" in problem


def test_a_changed_date_in_the_projection_is_found(company: SmallCompany, signed: Record) -> None:
    """Moving a record's date in the projection only (to fill a gap) is reported."""
    edit(
        company,
        "UPDATE record_projection SET event_date = '2026-01-05' WHERE record_id = ?",
        signed.id,
    )
    (problem,) = problems(company)
    assert signed.id in problem and "changed: event_date" in problem


def test_a_removed_projection_row_is_found(company: SmallCompany, signed: Record) -> None:
    """Deleting a record's row (to hide a void) is reported against the record."""
    edit(company, "DELETE FROM record_projection WHERE record_id = ?", signed.id)
    (problem,) = problems(company)
    assert signed.id in problem and "projection is missing" in problem


def test_an_added_projection_row_is_found(company: SmallCompany, signed: Record) -> None:
    """A row for a record that was never saved (a made-up inspection) is reported."""
    edit(
        company,
        "INSERT INTO record_projection SELECT 'made-up', kind, title, event_date, site_id,"
        " status, counts, reasons, reviewed_on, signers, facts FROM record_projection"
        " WHERE record_id = ?",
        signed.id,
    )
    (problem,) = problems(company)
    assert "made-up" in problem and "belongs to no saved record" in problem


@pytest.mark.sqlite_only("the command line opens the data folder's own file")
def test_verify_on_the_command_line_exits_1_and_names_the_record(
    company: SmallCompany, signed: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    """``verify`` after an UPDATE of the projection exits 1 and prints the record's id."""
    data_dir = company.services.locations.data_dir
    assert main(["--data-dir", str(data_dir), "verify"]) == 0
    edit(company, "UPDATE record_projection SET signers = '[]' WHERE record_id = ?", signed.id)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "verify"])
    out = capsys.readouterr().out
    assert code == 1
    assert signed.id in out and "'Weekly yard inspection'" in out and "changed: signers" in out


@pytest.mark.sqlite_only("edits the file with the sqlite3 module")
def test_a_record_edited_in_its_table_is_judged_against_the_chain(
    company: SmallCompany, signed: Record
) -> None:
    """A record row edited with its projection row to match: both disagree with the chain."""
    data_dir: Path = company.services.locations.data_dir
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("UPDATE records SET title = 'Other' WHERE id = ?", (signed.id,))
        conn.execute(
            "UPDATE record_projection SET title = 'Other' WHERE record_id = ?", (signed.id,)
        )
    found = problems(company)
    assert len(found) == 2 and all(signed.id in p for p in found)
    assert any("changed: title" in p and "projection" in p for p in found)
