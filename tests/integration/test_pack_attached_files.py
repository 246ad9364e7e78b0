"""Attached files in the pack: listed with their hashes, and PDFs appended page for page."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.export.pack_ledger import LEDGER_NAME, MANIFEST_NAME
from secor_desktop.export.pdf_append import MAX_APPENDED_PAGES
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import SmallCompany, signature_png
from tests.integration.test_pack_verify import run_cli


def manual_pdf(*lines: str) -> bytes:
    """A small PDF with one line of text per page, as a company's own manual would be."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for line in lines:
        canvas.drawString(72, 720, line)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


MANUAL = manual_pdf("Fall protection plan, page one", "Rescue plan, page two")


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(manual_pdf("Secret page")))
    writer.encrypt("hunter2")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signed_with(company: SmallCompany, title: str, *files: tuple[str, bytes]) -> Record:
    """A signed inspection carrying ``files``, attached through the records service."""
    records = company.services.records
    attachments: tuple[Attachment, ...] = tuple(records.attach_file(d, n) for n, d in files)
    record = company.inspection(title)
    record = records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=attachments,
    )
    return records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_each_record_lists_its_files_and_the_appendix_has_full_hashes(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A record's files are listed under it (type in words, size, short hash); the appendix
    has the full SHA-256 of each, so a file handed over can be matched."""
    notes = b"Three points of contact.\n"
    signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL), ("Notes.txt", notes))
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    flat = "".join("".join(pages_text(out)).split())
    pdf_sha = hashlib.sha256(MANUAL).hexdigest()
    assert f"Fallplan.pdfPDFdocument{round(len(MANUAL) / 1024)}KB{pdf_sha[:16]}…" in flat
    assert "Notes.txtPlaintext25bytes" in flat
    assert "Attachedfiles(2)" in flat and "Filesattachedtorecords(2)" in flat
    assert pdf_sha in flat and hashlib.sha256(notes).hexdigest() in flat
    assert "Other files, not reproduced" not in flat


def test_cli_append_pdfs_puts_the_pages_after_a_separator(
    company: SmallCompany, tmp_path: Path
) -> None:
    """--append-pdfs: a separator naming record, file and hash, then the file's own pages."""
    record = signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL))
    out = tmp_path / "pack.pdf"
    code, printed, _ = run_cli(company, "export-pack", str(out), "--append-pdfs")
    assert code == 0, printed
    assert "Attached PDF documents: 2 page(s) appended" in printed
    text = pages_text(out)
    assert text[-2].strip() == "Fall protection plan, page one"
    assert text[-1].strip() == "Rescue plan, page two"
    separator = "".join(text[-3].split())
    sha = hashlib.sha256(MANUAL).hexdigest()
    for wanted in ("AttachedPDF:Fallplan.pdf", sha, "Yardinspection", record.id, "Inspection"):
        assert wanted in separator
    reader = PdfReader(out)
    assert set(reader.attachments) == {LEDGER_NAME, MANIFEST_NAME}
    manifest = json.loads(reader.attachments[MANIFEST_NAME][0])
    total = len(reader.pages)
    assert manifest["pages"] == total
    assert manifest["appended_pdfs"] == [
        {
            "sha256": sha,
            "filename": "Fall plan.pdf",
            "records": [record.id],
            "first_page": total - 1,
            "last_page": total,
        }
    ]
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[-1] == "Attached PDF documents"
    assert f"Page {total - 2} of {total}" in text[-3]  # the appended pages are counted


def test_without_the_option_nothing_is_appended(company: SmallCompany, tmp_path: Path) -> None:
    """Without --append-pdfs the file is listed by hash, and none of its pages are in the pack."""
    signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL))
    out = tmp_path / "pack.pdf"
    code, printed, _ = run_cli(company, "export-pack", str(out))
    assert code == 0 and "appended" not in printed
    text = "".join(pages_text(out))
    assert "Fall protection plan, page one" not in text and "Attached PDF:" not in text
    assert "appended_pdfs" not in json.loads(PdfReader(out).attachments[MANIFEST_NAME][0])


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (encrypted_pdf(), "it is encrypted (password-protected)"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "it is damaged and cannot be read as a PDF"),
    ],
)
def test_an_unreadable_pdf_is_named_and_the_export_succeeds(
    company: SmallCompany, tmp_path: Path, data: bytes, why: str
) -> None:
    """An encrypted or damaged PDF is not appended: a warning names record and file; the pack
    is written, its separator page says why, and the readable file is still appended."""
    signed_with(company, "Yard inspection", ("Locked.pdf", data), ("Fall plan.pdf", MANUAL))
    out = tmp_path / "pack.pdf"
    code, printed, err = run_cli(company, "export-pack", str(out), "--append-pdfs")
    assert code == 0 and "Traceback" not in err
    warning = (
        "Record 'Yard inspection' of 2026-11-02 (Inspection): the attached PDF Locked.pdf is "
        "not appended: "
        f"{why}."
    )
    assert f"  - {warning}" in printed
    text = pages_text(out)
    assert text[-1].strip() == "Rescue plan, page two"
    flat = "".join("".join(text).split())
    assert "".join(f"Notappended:{why}".split()) in flat


def test_verify_pack_passes_on_a_pack_with_appended_pdfs(
    company: SmallCompany, tmp_path: Path
) -> None:
    """verify-pack reads the text checks of the pack's own pages and ignores the appended ones,
    even when the appended file is itself an evidence pack with text checks of its own."""
    older = tmp_path / "older.pdf"
    signed_with(company, "Gate inspection", ("Fall plan.pdf", MANUAL))
    EvidencePackService(company.services.ctx).export(older, company.services.framework())
    roster = company.services.roster
    roster.save_worker(replace(company.worker, role="Lead hand"))  # the older pack's check is stale
    signed_with(company, "Yard inspection", ("Last year's pack.pdf", older.read_bytes()))
    out = tmp_path / "pack.pdf"
    assert run_cli(company, "export-pack", str(out), "--append-pdfs")[0] == 0
    manifest = json.loads(PdfReader(out).attachments[MANIFEST_NAME][0])
    (older_range,) = [e for e in manifest["appended_pdfs"] if e["filename"].startswith("Last")]
    appended = pages_text(out)[older_range["first_page"] - 1 : older_range["last_page"]]
    assert "Text check" in "".join(appended)  # the older pack's pages, with its own checks
    code, printed, _ = run_cli(company, "verify-pack", str(out))
    assert code == 0, printed
    assert "OK: the database holds exactly what this pack shows." in printed


def test_verify_pack_names_an_appended_file_the_record_does_not_hold(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A manifest claiming a file for a record that does not hold it fails verify-pack."""
    signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL))
    out = tmp_path / "pack.pdf"
    assert run_cli(company, "export-pack", str(out), "--append-pdfs")[0] == 0
    writer = PdfWriter(clone_from=out)
    manifest = json.loads(PdfReader(out).attachments[MANIFEST_NAME][0])
    manifest["appended_pdfs"][0]["sha256"] = "ab" * 32
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[names.index(MANIFEST_NAME) + 1].get_object()["/EF"]["/F"].get_object()
    stream.set_data(json.dumps(manifest).encode())
    writer.write(out)
    code, printed, _ = run_cli(company, "verify-pack", str(out))
    assert code == 1
    assert "the pack appends a PDF (Fall plan.pdf, SHA-256 abababababababab…)" in printed


def test_a_pdf_past_the_page_limit_is_not_appended(company: SmallCompany, tmp_path: Path) -> None:
    """A file that would take the appended pages past 500 is named in a warning, not appended."""
    long_manual = manual_pdf(*(f"Page {n}" for n in range(1, MAX_APPENDED_PAGES + 2)))
    signed_with(company, "Yard inspection", ("Huge manual.pdf", long_manual))
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(company.services.ctx).export(
        out, company.services.framework(), append_pdfs=True
    )
    assert summary.appended_pages == 0
    assert summary.warnings == (
        "Record 'Yard inspection' of 2026-11-02 (Inspection): the attached PDF Huge manual.pdf "
        "is not appended: its 501 pages would take the appended pages past the limit of 500; "
        "give the auditor the file itself.",
    )
    assert len(PdfReader(out).pages) == summary.pages < 100


def test_the_same_pack_with_appended_pdfs_is_byte_identical(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Appending keeps the deterministic mode: two exports of the same data, the same bytes."""
    signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL))
    service = EvidencePackService(company.services.ctx)
    framework = company.services.framework()
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    service.export(first, framework, append_pdfs=True)
    service.export(second, framework, append_pdfs=True)
    assert first.read_bytes() == second.read_bytes()


def test_a_manual_attached_to_two_records_is_appended_once_naming_both(
    company: SmallCompany, tmp_path: Path
) -> None:
    """The same file on two records: its pages once, its separator naming both records."""
    yard = signed_with(company, "Yard inspection", ("Fall plan.pdf", MANUAL))
    gate = signed_with(company, "Gate inspection", ("Fall plan copy.pdf", MANUAL))
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(company.services.ctx).export(
        out, company.services.framework(), append_pdfs=True
    )
    assert summary.appended_pages == 2
    text = pages_text(out)
    assert sum("Fall protection plan, page one" in t for t in text) == 1
    separator = "".join(text[-3].split())
    assert yard.id in separator and gate.id in separator
