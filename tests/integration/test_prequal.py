"""The prequalification pack: every part read back from the PDF, the folder of originals, what
is missing on the first page, refusals that write nothing, and only verified history."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from secor_desktop.export.prequal_model import MANUAL_FILE
from secor_desktop.services.errors import Refused
from secor_desktop.services.evidence_pack import ExportCancelled
from secor_desktop.services.prequal import UnverifiedDatabase
from tests.conftest import SmallCompany
from tests.integration.prequal_kit import (
    ALBERTA_LETTER,
    BC_LETTER,
    CERTIFICATE_PDF,
    add_letters,
    add_program,
    full_company,
)
from tests.integration.test_pack_verify import run_cli, sql


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


HEADINGS = [
    "1. SECOR certificate",
    "2. Latest self-evaluation summary",
    "3. Injury statistics, three years",
    "4. WCB clearance letter",
    "5. Liability insurance certificate",
    "6. Health and safety manual",
    "7. Training matrix",
]


def part_text(pages: list[str], heading: str) -> str:
    """The text of the pack's own page(s) of one part, from its heading to the next part's."""

    def page_of(title: str) -> int:
        return next(i for i, t in enumerate(pages) if title in t.splitlines())

    start = page_of(heading)
    later = HEADINGS[HEADINGS.index(heading) + 1 :]
    end = page_of(later[0]) if later else start + 1
    return "\n".join(pages[start:end])


@pytest.fixture
def full(company: SmallCompany) -> SmallCompany:
    return full_company(company)


@pytest.fixture
def written(full: SmallCompany, tmp_path: Path) -> tuple[Path, list[str]]:
    out = tmp_path / "pq.pdf"
    full.services.prequal.export(out)
    return out, pages_text(out)


def test_the_first_page_lists_every_part_and_what_is_not_included(
    written: tuple[Path, list[str]],
) -> None:
    """Page one names the company and the seven parts, every one included."""
    _, pages = written
    first = pages[0]
    assert "Prequalification pack" in first and "Prairie Roofing Ltd." in first
    for title in (
        "SECOR certificate",
        "Latest self-evaluation summary",
        "Injury statistics, three years",
        "WCB clearance letter",
        "Liability insurance certificate",
        "Health and safety manual",
        "Training matrix",
    ):
        assert title in first
    assert "NOT INCLUDED" not in first
    assert first.splitlines().count("Included") == 1 + 7  # the column's header, each part
    assert "pq-files" in first


def test_the_certificate_part_prints_the_paper_and_its_pages_follow(
    written: tuple[Path, list[str]],
) -> None:
    """Part 1 gives the certificate's dates and file; the scan's own page is appended."""
    _, pages = written
    text = part_text(pages, "1. SECOR certificate")
    assert "SECOR certificate 2025" in text
    assert "2025-03-14" in text and "2028-03-14" in text and "Current" in text
    assert "1-secor-certificate-2025-03-14-COR-certificate-2025.pdf" in text
    assert any("Certificate of Recognition, Prairie Roofing" in t for t in pages)


def test_the_evaluation_part_prints_the_latest_score(written: tuple[Path, list[str]]) -> None:
    """Part 2: the newest self-evaluation's date, audit, overall score and result by element."""
    _, pages = written
    text = part_text(pages, "2. Latest self-evaluation summary")
    assert "2026-10-20" in text and "Maintenance" in text
    assert "PASSED" in text and "Overall score" in text
    assert "Meets the element floor" in text


def test_the_letters_part_sends_current_letters_and_flags_the_near_expiry(
    written: tuple[Path, list[str]],
) -> None:
    """Part 4: both letters that hold (not the expired spring one), each with its expiry."""
    _, pages = written
    text = part_text(pages, "4. WCB clearance letter")
    assert "WCB-Alberta clearance" in text and "2027-01-31" in text
    assert "WorkSafeBC clearance" in text and "2026-12-20" in text
    assert "Expires within 60 days" in text
    assert "(spring)" not in text
    assert "WorkSafeBC clearance' expires on 2026-12-20, in 48 day(s)" in pages[0]


def test_the_insurance_part_prints_the_certificate(written: tuple[Path, list[str]]) -> None:
    """Part 5: the liability insurance certificate with its policy dates."""
    _, pages = written
    text = part_text(pages, "5. Liability insurance certificate")
    assert "Commercial general liability, $5M" in text and "2027-06-01" in text
    assert "5-insurance-2026-06-01-insurance-certificate.jpg" in text


def test_the_manual_part_lists_the_documents_and_its_pages_follow(
    written: tuple[Path, list[str]],
) -> None:
    """Part 6 lists the signed documents; the manual itself is appended to the pack."""
    _, pages = written
    text = part_text(pages, "6. Health and safety manual")
    assert "Health and safety policy" in text and "Dana Kowalski, 2026-11-02" in text
    assert any("Health and Safety Program" in t and "Contents" in t for t in pages)


def test_the_training_part_prints_the_matrix_with_expired_flagged(
    written: tuple[Path, list[str]],
) -> None:
    """Part 7: each worker's latest certificates; an expired one is marked EXPIRED."""
    _, pages = written
    text = part_text(pages, "7. Training matrix")
    assert "Sam Okafor" in text and "Fall protection" in text and "2029-04-10" in text
    assert "Zoë Tremblay" in text and "Standard First Aid" in text and "EXPIRED" in text


def test_the_folder_holds_the_originals_byte_for_byte(
    written: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """The folder beside the PDF holds each sent paper's file unchanged, and the manual."""
    folder = tmp_path / "pq-files"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "1-secor-certificate-2025-03-14-COR-certificate-2025.pdf",
        "4-wcb-clearance-2026-09-20-clearance-BC.pdf",
        "4-wcb-clearance-2026-10-01-clearance-AB.pdf",
        "5-insurance-2026-06-01-insurance-certificate.jpg",
        MANUAL_FILE,
    ]
    digest = {n: hashlib.sha256((folder / n).read_bytes()).digest() for n in names}
    assert digest[names[0]] == hashlib.sha256(CERTIFICATE_PDF).digest()
    assert digest[names[1]] == hashlib.sha256(BC_LETTER).digest()
    assert digest[names[2]] == hashlib.sha256(ALBERTA_LETTER).digest()
    assert "Health and Safety Program" in PdfReader(folder / MANUAL_FILE).pages[0].extract_text()


def test_missing_certificate_and_insurance_are_listed_with_what_to_do(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A company without certificate or insurance: page one says so, with the next step."""
    add_letters(company)
    add_program(company)
    out = tmp_path / "pq.pdf"
    summary = company.services.prequal.export(out)
    first = " ".join(pages_text(out)[0].split())
    assert [m.part.value for m in summary.missing] == ["certificate", "insurance"]
    assert first.count("NOT INCLUDED") == 2
    assert "No SECOR certificate is on file." in first
    assert "attach the scanned SECOR certificate" in first
    assert "No liability insurance certificate is on file." in first
    assert "Ask your insurance broker for a current certificate of insurance" in first


def test_a_paper_without_its_scan_is_named_not_skipped(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A certificate entered without its file: listed as not included, naming the record."""
    from datetime import date

    from secor_desktop.domain.bodies import AdminType
    from tests.integration.prequal_kit import paper

    paper(company, AdminType.SECOR_CERTIFICATE, "SECOR 2025", date(2025, 3, 14), None)
    out = tmp_path / "pq.pdf"
    company.services.prequal.export(out)
    first = pages_text(out)[0]
    assert "The SECOR certificate 'SECOR 2025' of 2025-03-14 has no file attached." in first
    assert "has no expiry date recorded" in first


def test_an_expired_letter_is_flagged_on_the_first_page(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Only an expired letter on file: it is sent, flagged EXPIRED in its part and on page 1."""
    from datetime import date

    from secor_desktop.domain.bodies import AdminType
    from tests.integration.prequal_kit import paper

    paper(
        company,
        AdminType.WCB_CLEARANCE,
        "Old letter",
        date(2026, 3, 1),
        date(2026, 5, 31),
        ("old.pdf", ALBERTA_LETTER),
    )
    out = tmp_path / "pq.pdf"
    company.services.prequal.export(out)
    pages = pages_text(out)
    assert "EXPIRED: the WCB clearance letter 'Old letter' expired on 2026-05-31" in pages[0]
    assert "EXPIRED" in part_text(pages, "4. WCB clearance letter")


@pytest.mark.parametrize("where", ["missing folder", "a folder", "not pdf"])
def test_bad_output_is_refused_with_exit_2_and_nothing_written(
    full: SmallCompany, tmp_path: Path, where: str
) -> None:
    """OUT in a missing folder, OUT that is a folder, OUT not a .pdf: exit 2, one sentence."""
    target = {
        "missing folder": tmp_path / "nowhere" / "pq.pdf",
        "a folder": tmp_path / "box",
        "not pdf": tmp_path / "pq.txt",
    }[where]
    (tmp_path / "box").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = run_cli(full, "prequal", str(target))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(target if where != "missing folder" else target.parent) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "box").joinpath("x").exists() and not any((tmp_path / "box").iterdir())


def test_cli_writes_the_pack_and_lists_what_is_missing(full: SmallCompany, tmp_path: Path) -> None:
    """`prequal OUT.pdf` exits 0, names the folder's files and the parts not included."""
    out_pdf = tmp_path / "pq.pdf"
    code, out, _ = run_cli(full, "prequal", str(out_pdf))
    assert code == 0
    assert f"Wrote {out_pdf}" in out and "pq-files (5 file(s))" in out
    assert "Not included" not in out
    assert out_pdf.is_file() and (tmp_path / "pq-files").is_dir()


def test_an_unverified_database_is_refused_and_nothing_written(
    full: SmallCompany, tmp_path: Path
) -> None:
    """A record edited behind the program's back: exit 1, the problem named, no file."""
    sql(full, "UPDATE records SET title = 'Forged certificate' WHERE kind = 'admin'")
    code, out, _ = run_cli(full, "prequal", str(tmp_path / "pq.pdf"))
    assert code == 1
    assert "FAILED: the database fails its integrity check" in out
    assert not (tmp_path / "pq.pdf").exists() and not (tmp_path / "pq-files").exists()
    with pytest.raises(UnverifiedDatabase):
        full.services.prequal.export(tmp_path / "pq.pdf")


def test_a_failed_write_leaves_the_earlier_pack_and_folder_and_no_orphan(
    full: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF cannot be written: the earlier PDF and folder stay, no temporary files remain."""
    out = tmp_path / "pq.pdf"
    full.services.prequal.export(out)
    old_pdf = out.read_bytes()
    old_files = sorted(p.name for p in (tmp_path / "pq-files").iterdir())

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("secor_desktop.storage.atomic_folder.atomic_write_bytes", disk_full)
    with pytest.raises(OSError):
        full.services.prequal.export(out)
    assert out.read_bytes() == old_pdf
    assert sorted(p.name for p in (tmp_path / "pq-files").iterdir()) == old_files
    assert sorted(os.listdir(tmp_path)) == ["data", "pq-files", "pq.pdf"]


def test_a_cancelled_pack_writes_nothing(full: SmallCompany, tmp_path: Path) -> None:
    """Cancelled while it checks the records: no PDF and no folder."""
    with pytest.raises(ExportCancelled):
        full.services.prequal.export(tmp_path / "pq.pdf", cancelled=lambda: True)
    assert sorted(os.listdir(tmp_path)) == ["data"]


def test_a_file_where_the_folder_goes_is_refused(full: SmallCompany, tmp_path: Path) -> None:
    """A plain file named like the originals folder: refused, naming it; nothing written."""
    (tmp_path / "pq-files").write_text("notes")
    with pytest.raises(Refused, match="pq-files exists and is not a folder"):
        full.services.prequal.export(tmp_path / "pq.pdf")
    assert not (tmp_path / "pq.pdf").exists()


def test_the_statistics_part_prints_the_three_year_table(
    written: tuple[Path, list[str]],
) -> None:
    """Part 3: hours, the lost-time case and its rates where the hours allow, by year."""
    _, pages = written
    text = part_text(pages, "3. Injury statistics, three years")
    assert "Injury statistics, 2024-2026" in text
    assert "Hours worked" in text and "84,000" in text and "17,000" in text
    assert "Lost-time frequency (per 200,000 h)" in text
    assert "2.38" in text  # 1 x 200,000 / 84,000 hours in 2025
    assert "2024: No hours are recorded" in text
    assert "2026: 8.50 person-years is under 40" in " ".join(text.split())


def test_no_hours_at_all_is_flagged_on_the_first_page(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Without any hours worked the table prints counts, and page one says rates are missing."""
    out = tmp_path / "pq.pdf"
    summary = company.services.prequal.export(out)
    assert all(m.part.value != "statistics" for m in summary.missing)
    first = " ".join(pages_text(out)[0].split())
    assert "No hours worked are recorded for 2024-2026" in first


def test_other_parties_clearance_letters_are_listed_under_the_companys_own(
    full: SmallCompany, tmp_path: Path
) -> None:
    """A subcontractor in the register: part 4 lists its letter number and expiries."""
    from datetime import date

    from secor_desktop.domain.bodies import PartyType, WorkplacePartyBody
    from secor_desktop.domain.kinds import RecordKind

    body = WorkplacePartyBody(
        "Acme Framing Ltd.",
        PartyType.SUBCONTRACTOR,
        clearance_number="CL-5521",
        clearance_issued=date(2026, 8, 1),
        clearance_expiry=date(2026, 10, 31),
        insurance_issued=date(2026, 1, 1),
        insurance_expiry=date(2027, 1, 1),
    )
    letter = full.services.records.attach_file(ALBERTA_LETTER, "Acme WCB letter.pdf")
    full.services.records.create(
        RecordKind("workplace_party"),
        title="Acme Framing Ltd.",
        event_date=date(2026, 8, 1),
        site_id=None,
        body=body,
        attachments=(letter,),
    )
    out = tmp_path / "pq.pdf"
    full.services.prequal.export(out)
    pages = pages_text(out)
    text = part_text(pages, "4. WCB clearance letter")
    assert "Subcontractors, self-employed workers and suppliers" in text
    assert "Acme Framing Ltd." in text and "CL-5521" in text
    assert "2026-10-31 (expired)" in text and "2027-01-01 (expires within 60 days)" in text
    first = " ".join(pages[0].split())
    assert "Acme Framing Ltd.'s WCB clearance letter expired on 2026-10-31" in first
    copied = tmp_path / "pq-files" / "4-party-Acme-Framing-Ltd-clearance-Acme-WCB-letter.pdf"
    assert copied.read_bytes() == ALBERTA_LETTER


def test_no_register_means_no_parties_table(written: tuple[Path, list[str]]) -> None:
    """Without other workplace parties, part 4 holds the company's letters only."""
    _, pages = written
    assert "Subcontractors, self-employed" not in part_text(pages, "4. WCB clearance letter")


def test_an_unreadable_attached_pdf_is_named_and_kept_in_the_folder(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A password-protected certificate PDF: not appended, a warning names it, file copied."""
    from datetime import date

    from secor_desktop.domain.bodies import AdminType
    from tests.integration.prequal_kit import paper
    from tests.integration.test_pack_attached_files import encrypted_pdf

    locked = encrypted_pdf()
    paper(
        company,
        AdminType.SECOR_CERTIFICATE,
        "SECOR <2025> & co",
        date(2025, 3, 14),
        date(2028, 3, 14),
        ("locked.pdf", locked),
    )
    out = tmp_path / "pq.pdf"
    summary = company.services.prequal.export(out)
    assert summary.warnings == (
        "The attached PDF locked.pdf cannot be read (damaged or password-protected), so its "
        "pages are not in the pack; the file is in the folder as "
        "1-secor-certificate-2025-03-14-locked.pdf.",
    )
    saved = tmp_path / "pq-files" / "1-secor-certificate-2025-03-14-locked.pdf"
    assert saved.read_bytes() == locked
    pages = pages_text(out)
    assert "SECOR <2025> & co" in part_text(pages, "1. SECOR certificate")
    assert not any("Secret page" in t for t in pages)
