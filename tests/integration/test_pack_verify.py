"""verify-pack and the pack's attached ledger, against a real database changed behind its back."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from secor_desktop.app.main import main
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.export.pack_ledger import CHECK_SNIPPET
from secor_desktop.export.text_check import text_check
from secor_desktop.services import evidence_pack
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.pack_verify import PackFileError, verify_pack
from tests import postgres_server
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


def run_cli(company: SmallCompany | Path, *args: str) -> tuple[int, str, str]:
    """The real command line, on the company's data folder (or another folder given)."""
    folder = company if isinstance(company, Path) else company.services.locations.data_dir
    data_dir = str(folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", data_dir, *args])
    return code, out.getvalue(), err.getvalue()


def sql(company: SmallCompany, *statements: str) -> None:
    """Edit the database as someone with the sqlite3 shell (or the server's administrator)
    would, triggers off first."""
    postgres_server.edit_behind_the_program(company.services, *statements)


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


# --- the pack is made from verified history (issue 13) --------------------------------------

TAMPERING = {
    "title": "UPDATE records SET title = 'Yard inspection (redone)' WHERE id = '{id}'",
    "body": "UPDATE records SET body_json = replace(body_json, 'pallets in the aisle', "
    "'all clear') WHERE id = '{id}'",
    "signature": "UPDATE signatures SET signer_name = 'Somebody Else' WHERE record_id = '{id}'",
}
CHANGED_FIELD = {"title": "title", "body": "body", "signature": "signatures"}


def failure_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("  - ")]


@pytest.mark.parametrize("edit", sorted(TAMPERING))
def test_export_pack_refuses_a_tampered_database_naming_the_record(
    signed: tuple[SmallCompany, Record], tmp_path: Path, edit: str
) -> None:
    """A title, body field or signature changed with sqlite3: export-pack exits 1 with one line
    naming the record (saved title and id) and what changed, and writes nothing."""
    company, record = signed
    sql(company, TAMPERING[edit].format(id=record.id))
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, _ = run_cli(company, "export-pack", str(folder / "pack.pdf"))
    assert code == 1, out
    (line,) = failure_lines(out)
    assert record.id in line and "Weekly yard inspection" in line
    assert f"(changed: {CHANGED_FIELD[edit]})" in line
    assert "--allow-unverified" in out
    assert not list(folder.iterdir())


@pytest.mark.parametrize("edit", sorted(TAMPERING))
def test_an_unverified_pack_says_so_on_every_page_and_never_verifies(
    signed: tuple[SmallCompany, Record], tmp_path: Path, edit: str
) -> None:
    """With --allow-unverified the pack is written with UNVERIFIED on every page and in its
    manifest; verify-pack fails it against the tampered database and a clean copy alike."""
    company, record = signed
    clean = tmp_path / "clean"
    shutil.copytree(company.services.locations.data_dir, clean)
    sql(company, TAMPERING[edit].format(id=record.id))
    pack = tmp_path / "pack.pdf"
    code, out, _ = run_cli(company, "export-pack", str(pack), "--allow-unverified")
    assert code == 0 and "every page of this pack is marked UNVERIFIED" in out
    reader = PdfReader(pack)
    pages = [page.extract_text() or "" for page in reader.pages]
    assert len(pages) > 5 and all("UNVERIFIED" in text for text in pages)
    manifest = json.loads(reader.attachments["secor-pack.json"][0])
    assert manifest["unverified"] is True
    assert [record.id in p for p in manifest["problems"]] == [True]
    for folder in (company.services.locations.data_dir, clean):
        code, out, _ = run_cli(folder, "verify-pack", str(pack))
        assert code == 1, (folder, out)
        assert any("it was printed UNVERIFIED" in line for line in failure_lines(out)), out


def test_a_pack_is_printed_from_the_hashed_revision_not_the_tables(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """Even printed UNVERIFIED, a title edited in the tables never reaches the pages: they show
    the title as saved and signed."""
    company, record = signed
    sql(company, TAMPERING["title"].format(id=record.id))
    pack = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(
        pack, company.services.framework(), allow_unverified=True
    )
    cover, *rest = (page.extract_text() or "" for page in PdfReader(pack).pages)
    assert "Yard inspection (redone)" in cover  # named among the problems
    body = "".join(rest)
    assert "Weekly yard inspection" in body and "Yard inspection (redone)" not in body


def test_pages_that_differ_from_the_ledger_fail_verify_pack(
    signed: tuple[SmallCompany, Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack whose pages print a forged title while its ledger holds the original fails
    verify-pack against the very database it came from, naming the record."""
    company, record = signed
    real = evidence_pack.build_evidence_pack

    def forging(**kwargs: object) -> object:
        records = kwargs["records"]
        assert isinstance(records, list)
        kwargs["records"] = [
            replace(r, title="Forged yard inspection") if r.id == record.id else r for r in records
        ]
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(evidence_pack, "build_evidence_pack", forging)
    pack = export(company, tmp_path / "pack.pdf")
    monkeypatch.undo()
    assert "Forged yard inspection" in "".join(p.extract_text() for p in PdfReader(pack).pages)
    code, out, _ = run_cli(company, "verify-pack", str(pack))
    assert code == 1
    (line,) = failure_lines(out)
    assert line.startswith("  - Record 'Weekly yard inspection' of 2026-11-02: the printed pages")


def test_every_printed_text_check_recomputes_from_the_ledger(
    signed: tuple[SmallCompany, Record], tmp_path: Path
) -> None:
    """Each record, worker and action of the pack carries a printed text check, and the rule in
    docs/pack-verification.md recomputes each from the newest ledger document of the item."""
    company, record = signed
    pack = export(company, tmp_path / "pack.pdf")
    reader = PdfReader(pack)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    printed = dict(
        ((kind, ident), check)
        for check, kind, ident in re.findall(
            r"Text check ([0-9a-f]{16}) · (record|worker|corrective_action) ([0-9a-f]+)", text
        )
    )
    newest: dict[tuple[str, str], dict[str, object]] = {}
    for raw in reader.attachments["secor-ledger.jsonl"][0].decode().splitlines():
        line = json.loads(raw)
        if "document" in line:
            newest[(line["entity_type"], line["entity_id"])] = json.loads(line["document"])["data"]
    manifest = json.loads(reader.attachments["secor-pack.json"][0])
    assert {tuple(item.split(" ")) for item in manifest["text_checks"]} == set(printed)
    assert ("record", record.id) in printed and ("worker", company.lead.id) in printed
    assert any(kind == "corrective_action" for kind, _ in printed)
    for (kind, ident), check in printed.items():
        assert check == text_check(kind, ident, newest[(kind, ident)])


def test_the_documented_text_check_rule_recomputes_the_printed_checks(
    signed: tuple[SmallCompany, Record], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text-check lines of docs/pack-verification.md, run on a real pack, give every check
    printed on its pages."""
    company, _ = signed
    monkeypatch.chdir(tmp_path)
    export(company, tmp_path / "pack.pdf")
    (code,) = re.findall(r"```py\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
    scope: dict[str, object] = {}
    exec(compile(code, str(DOC), "exec"), scope)
    recompute = scope["text_check"]
    assert callable(recompute)
    text = "".join(page.extract_text() or "" for page in PdfReader("pack.pdf").pages)
    printed = re.findall(
        r"Text check ([0-9a-f]{16}) · (record|worker|corrective_action) ([0-9a-f]+)", text
    )
    assert len(printed) >= 4
    assert all(recompute(kind, ident) == check for check, kind, ident in printed)
