"""verify-pack and the pack's attached ledger, against a real database changed behind its back."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from secor_desktop.app.main import main
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.export.pack_ledger import CHECK_SNIPPET
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.pack_verify import PackFileError, verify_pack
from tests.conftest import TODAY, SmallCompany, signature_png

DOC = Path(__file__).parents[2] / "docs" / "pack-verification.md"


@pytest.fixture
def signed(company: SmallCompany) -> tuple[SmallCompany, Record]:
    """A signed inspection with a corrective action, and an unrelated older draft."""
    services = company.services
    record = company.inspection("Weekly yard inspection")
    record = services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )
    services.actions.raise_action(
        "Clear the pallets from the aisle",
        due_date=TODAY + timedelta(days=7),
        owner_id=company.lead.id,
        source_record_id=record.id,
    )
    company.inspection("Gate inspection", day=TODAY - timedelta(days=3))
    return company, record


def export(company: SmallCompany, out: Path) -> Path:
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    return out


def run_cli(company: SmallCompany, *args: str) -> tuple[int, str, str]:
    data_dir = str(company.services.locations.data_dir)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", data_dir, *args])
    return code, out.getvalue(), err.getvalue()


def sql(company: SmallCompany, *statements: str) -> None:
    """Edit the database as someone with the sqlite3 shell would, triggers dropped first."""
    with sqlite3.connect(company.services.locations.database) as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)


def test_untouched_database_verifies(signed: tuple[SmallCompany, Record], tmp_path: Path) -> None:
    """Right after export, verify-pack passes and says how much it checked."""
    company, _ = signed
    pack = export(company, tmp_path / "pack.pdf")
    code, out, _ = run_cli(company, "verify-pack", str(pack))
    assert code == 0, out
    assert "OK: the database holds exactly what this pack shows." in out
    head = company.services.verify().head
    assert f"Chain head in the pack: {head}" in out


def test_a_record_edited_with_sqlite_fails_and_is_named(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """A title changed in the records table (triggers dropped) fails verify-pack, naming it."""
    company, record = signed
    pack = export(company, tmp_path / "pack.pdf")
    sql(company, f"UPDATE records SET title = 'Yard inspection (redone)' WHERE id = '{record.id}'")
    code, out, _ = run_cli(company, "verify-pack", str(pack))
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("  - ")]
    assert failures and all("Weekly yard inspection" in line for line in failures), out
    assert "title" in out


def test_a_rewritten_revision_fails_and_is_named(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """A revision document edited in place (hash left as it was) fails, naming the record."""
    company, record = signed
    pack = export(company, tmp_path / "pack.pdf")
    sql(
        company,
        "UPDATE revisions SET document = replace(document, 'pallets in the aisle', 'all clear') "
        f"WHERE entity_id = '{record.id}'",
    )
    report = verify_pack(company.services.ctx, pack)
    assert not report.ok
    assert any(
        p.entity_id == record.id and "Weekly yard inspection" in p.label for p in report.problems
    ), [str(p) for p in report.problems]


def test_a_deleted_record_is_reported_missing(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """A record deleted with its revisions is named as missing from the database."""
    company, record = signed
    pack = export(company, tmp_path / "pack.pdf")
    sql(
        company,
        f"DELETE FROM signatures WHERE record_id = '{record.id}'",
        f"DELETE FROM corrective_actions WHERE source_record_id = '{record.id}'",
        f"DELETE FROM records WHERE id = '{record.id}'",
        f"DELETE FROM revisions WHERE entity_id = '{record.id}'",
    )
    report = verify_pack(company.services.ctx, pack)
    missing = [p for p in report.problems if p.message.startswith("missing")]
    assert missing and {p.entity_id for p in missing} == {record.id}
    assert all(p.label == "Record 'Weekly yard inspection' of 2026-11-02" for p in missing)


def test_an_amendment_after_export_is_named_with_its_reason(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """A record amended in the program after the pack was made is named, with the reason."""
    company, record = signed
    pack = export(company, tmp_path / "pack.pdf")
    company.services.records.update(
        record.id,
        title="Weekly yard inspection, east",
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=record.attachments,
        reason="Wrong yard named",
    )
    report = verify_pack(company.services.ctx, pack)
    assert [str(p) for p in report.problems] == [
        "Record 'Weekly yard inspection' of 2026-11-02: changed after the pack was made: "
        "revision 3 saved 2026-11-02 17:00 UTC (reason given: Wrong yard named)"
    ]


def test_a_pdf_without_a_ledger_is_refused(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """A PDF that is not a pack exits 2 with a message naming the file; a pack whose ledger
    was swapped for an edited one fails on the pack itself."""
    company, _ = signed
    blank = tmp_path / "other.pdf"
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.write(blank)
    code, _, err = run_cli(company, "verify-pack", str(blank))
    assert code == 2 and "other.pdf has no embedded secor-ledger.jsonl" in err
    with pytest.raises(PackFileError):
        verify_pack(company.services.ctx, tmp_path / "nowhere.pdf")

    pack = export(company, tmp_path / "pack.pdf")
    reader = PdfReader(pack)
    ledger = reader.attachments["secor-ledger.jsonl"][0].replace(b"pallets", b"boxes")
    forged = PdfWriter()
    forged.add_blank_page(612, 792)
    forged.add_attachment("secor-ledger.jsonl", ledger)
    forged.add_attachment("secor-pack.json", reader.attachments["secor-pack.json"][0])
    forged_path = tmp_path / "forged.pdf"
    forged.write(forged_path)
    report = verify_pack(company.services.ctx, forged_path)
    assert any("the pack's copy of revision" in p.message for p in report.problems)


def test_the_documented_lines_recompute_the_head(
    signed: tuple[SmallCompany, Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Python lines in docs/pack-verification.md, run as printed on a real pack, print the
    count and head shown on its cover; the appendix prints the very same lines."""
    company, _ = signed
    monkeypatch.chdir(tmp_path)
    export(company, tmp_path / "pack.pdf")
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
    assert code == CHECK_SNIPPET
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(DOC), "exec"), {})
    head = company.services.verify().head
    assert out.getvalue() == f"{head.count} revisions, chain head {head.sha256}\n"
    manifest = json.loads(PdfReader("pack.pdf").attachments["secor-pack.json"][0])
    assert manifest["chain_head"] == {"count": head.count, "sha256": head.sha256}


def test_the_ledger_holds_documents_only_for_what_the_pack_shows(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """Every revision printed in the appendix has its document in the ledger; a record outside
    the period appears only as hashes."""
    company, record = signed
    services = company.services
    service = EvidencePackService(services.ctx)
    out = tmp_path / "pack.pdf"
    service.export(out, services.framework(), period_from=TODAY - timedelta(days=1))
    model = service.build(services.framework(), period_from=TODAY - timedelta(days=1))
    lines = [
        json.loads(line)
        for line in PdfReader(out).attachments["secor-ledger.jsonl"][0].decode().splitlines()
    ]
    assert len(lines) == services.verify().head.count
    with_document = {line["seq"]: line for line in lines if "document" in line}
    assert set(with_document) == {r.seq for r in model.revisions}
    gate = next(r for r in services.records.find() if r.title == "Gate inspection")
    assert all(gate.id not in json.dumps(line) for line in lines)
    assert any(line.get("entity_id") == record.id for line in lines)
