"""The PDF evidence pack, built from real SQLite data and read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.evidence_pack import EvidencePackService, PackSummary
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany, signature_png

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)

HOSTILE_TITLE = "Talk <b>unclosed & «élan» </para> Ελληνικά"
HOSTILE_NOTES = (
    "Notes with <img src='file:///etc/passwd'/> & <font name=x> and </para>, "
    "déjà vu à l'été, Привет, мир, Καλημέρα κόσμε."
)


def _long_note() -> str:
    words = [f"w{n:05d}" for n in range(3400)]
    return ("START " + " ".join(words) + " END")[:20_000]


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def text_lines(page: PageObject) -> list[str]:
    """The page's text grouped by baseline, top to bottom, left to right (as it looks)."""
    parts: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            parts.append((round(cm[3] * tm[5] + cm[5]), cm[0] * tm[4] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    rows: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in parts:
        rows.setdefault(y, []).append((x, text))
    return [" ".join(t for _, t in sorted(rows[y])) for y in sorted(rows, reverse=True)]


def body_text(path: Path, company: str) -> str:
    """All pages' text without header and footer, whitespace removed (lines wrap anywhere)."""
    parts = []
    for text in page_texts(path):
        text = re.sub(r"Page \d+ of \d+", "", text)
        text = text.replace(company, "", 1).replace("SECOR evidence pack", "", 1)
        parts.append(text)
    return squash("".join(parts))


def squash(text: str) -> str:
    return "".join(text.split())


# --- the demo company: one build per module ------------------------------------------------


@dataclass(frozen=True)
class Demo:
    services: Services
    path: Path
    summary: PackSummary
    model: EvidencePack
    texts: list[str]  # each page's extracted text, read once

    @property
    def whole(self) -> str:
        return squash("".join(self.texts))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    services = open_services(AppPaths(folder / "data"), FixedClock(NOW))
    build_demo(services, seed=1)
    out = folder / "pack.pdf"
    service = EvidencePackService(services.ctx)
    summary = service.export(out, services.framework())
    return Demo(services, out, summary, service.build(services.framework()), page_texts(out))


def test_demo_pack_holds_every_heading_title_and_worker(demo: Demo) -> None:
    """Every element heading, record title in the period and worker name is in the text."""
    model, texts, whole = demo.model, demo.texts, demo.whole
    assert demo.summary.pages == len(texts) and demo.summary.records == len(model.records)
    for element in demo.services.framework().elements:
        assert squash(f"Element {element.code}: {element.name}") in whole
    for record in model.records:
        assert squash(record.title) in whole, record.title
    assert model.workers
    for worker in model.workers:
        assert squash(worker.name) in whole, worker.name
    n = len(texts)
    assert f"Page {n} of {n}" in texts[-1]
    assert model.chain_head.sha256 in whole
    assert not demo.summary.warnings


def test_demo_pack_has_no_blank_pages(demo: Demo) -> None:
    """Every page holds something besides its header and footer (no page left empty by a
    heading kept with a long table, or by a spacer pushed onto a page of its own)."""
    company = demo.model.company.name
    for number, text in enumerate(demo.texts, 1):
        body = re.sub(r"Page \d+ of \d+", "", text).replace(company, "", 1)
        assert squash(body.replace("SECOR evidence pack", "", 1)), f"page {number} is blank"


def test_demo_pack_period_and_bookmarks(demo: Demo) -> None:
    """Records outside the period are left out, and each section has a bookmark, in order."""
    model = demo.model
    assert all(model.period_from <= r.event_date <= model.period_to for r in model.records)
    outline = [item.title for item in PdfReader(demo.path).outline if not isinstance(item, list)]
    assert outline[:4] == [
        "SECOR evidence pack",
        "Contents",
        "Readiness summary",
        "Eligibility: workers against the SECOR limit",
    ]
    assert [t for t in outline if t.startswith("Element ")] == [
        f"Element {e.code}: {e.name}" for e in demo.services.framework().elements
    ]
    assert outline[-4:] == [
        "Corrective action register",
        "Training matrix",
        "Worker roster",
        "Integrity appendix",
    ]


def test_demo_pack_contents_page_numbers_point_at_the_headings(demo: Demo) -> None:
    """Each line of the contents page ends with the page on which that section begins."""
    texts = demo.texts
    assert "Contents" in texts[1]
    lines = text_lines(PdfReader(demo.path).pages[1])
    sections = ["Readiness summary", "Corrective action register", "Integrity appendix"] + [
        f"Element {e.code}: {e.name}" for e in demo.services.framework().elements
    ]
    for title in sections:
        line = next(text for text in lines if text.startswith(title))
        page = int(line.split()[-1])
        assert 3 <= page <= len(texts)
        assert squash(title) in squash(texts[page - 1]), (title, page)
        assert squash(title) not in squash("".join(texts[2 : page - 1])), (title, page)


def test_demo_pack_embeds_its_fonts_and_passes_qpdf(demo: Demo) -> None:
    """Every font is an embedded TrueType subset (FontFile2), on every page; qpdf finds no
    error and pdffonts lists no unembedded font."""
    path = demo.path
    reader = PdfReader(path)
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]).split("+")[-1])
            assert font["/Subtype"] in ("/TrueType", "/Type0")
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if font["/Subtype"] == "/Type0"
                else font["/FontDescriptor"]
            ).get_object()
            assert "/FontFile2" in descriptor
    assert seen == {"DejaVuSans", "DejaVuSans-Bold"}
    qpdf, pdffonts = shutil.which("qpdf"), shutil.which("pdffonts")
    # scripts/setup.sh --for-tests (run by the test command) installs both.
    assert qpdf and pdffonts, "qpdf and pdffonts are needed: run scripts/setup.sh --for-tests"
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    listing = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listing.stdout


def test_demo_pack_eligibility_training_and_appendix(demo: Demo) -> None:
    """The eligibility statement, the training matrix and the late entries are there."""
    model, whole = demo.model, demo.whole
    report = demo.services.readiness.eligibility(model.period_to)
    assert squash(f"Peak headcount{report.peak_headcount}") in whole
    assert squash(f"SECOR limit{report.limit}") in whole
    assert model.training is not None and model.training.courses
    for course in model.training.courses:
        assert squash(course) in whole, course
    assert model.late_entries
    assert squash(f"Late entries ({len(model.late_entries)})") in whole
    for rev in model.late_entries:
        assert squash(model.record_titles[rev.entity_id]) in whole


# --- a small company: hostile text, determinism, the CLI -----------------------------------


def _hostile_record(company: SmallCompany) -> None:
    record = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=HOSTILE_TITLE,
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic="Ladders & <i>scaffolds</i>",
            presenter_id=company.lead.id,
            attendee_ids=(company.worker.id, company.owner.id),
            notes=HOSTILE_NOTES,
            concerns=_long_note(),
        ),
    )
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )


def test_hostile_text_prints_literally(company: SmallCompany, tmp_path: Path) -> None:
    """Markup-like text, accents, Greek, Cyrillic and a 20,000-character note print as typed."""
    _hostile_record(company)
    company.inspection()
    services = company.services
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(services.ctx).export(
        out, services.framework(), include_drafts_and_voids=True
    )
    text = body_text(out, "Prairie Roofing Ltd.")
    for needle in (HOSTILE_TITLE, HOSTILE_NOTES, "Ladders & <i>scaffolds</i>", _long_note()):
        assert squash(needle) in text, needle[:60]
    assert summary.records == 2
    assert "Zoë Tremblay" in "".join(page_texts(out))


def test_same_data_gives_the_same_bytes(company: SmallCompany, tmp_path: Path) -> None:
    """Deterministic mode: two exports of the same data (signature images, attached ledger
    and all) are byte-identical; one more record makes them differ."""
    _hostile_record(company)
    service = EvidencePackService(company.services.ctx)
    framework = company.services.framework()
    first, second, third = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    service.export(first, framework)
    service.export(second, framework)
    assert first.read_bytes() == second.read_bytes()
    assert PdfReader(first).attachments["secor-ledger.jsonl"]
    company.inspection()
    service.export(third, framework)
    assert third.read_bytes() != first.read_bytes()


def test_element_filter_and_summary_only(company: SmallCompany, tmp_path: Path) -> None:
    """Only the chosen elements are printed; summary-only leaves out records in full."""
    company.services.records.sign(
        company.inspection("Yard inspection, east fence").id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(2),
    )
    service = EvidencePackService(company.services.ctx)
    framework = company.services.framework()
    pack = service.build(framework, element_codes=["5"], summary_only=True)
    assert [s.code for s in pack.elements] == ["5"]
    out = tmp_path / "pack.pdf"
    service.export(out, framework, element_codes=["5"], summary_only=True)
    whole = "".join(page_texts(out))
    assert "Yard inspection, east fence" in whole
    assert "Records in full" not in whole and "Element 2:" not in whole
    with pytest.raises(UserError, match="No element 42"):
        service.build(framework, element_codes=["42"])


def test_cli_export_pack(
    company: SmallCompany, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export-pack writes the PDF for a period; a bad element code exits 2 and writes nothing."""
    company.inspection("Spring yard inspection", day=date(2026, 4, 1))
    company.inspection("Autumn yard inspection")
    data_dir = str(company.services.locations.data_dir)
    out = tmp_path / "out" / "pack.pdf"
    code = main(
        [
            "--data-dir",
            data_dir,
            "export-pack",
            str(out),
            "--from",
            "2026-10-01",
            "--to",
            str(TODAY),
            "--include-drafts-and-voids",
        ]
    )
    stdout, _ = capsys.readouterr()
    assert code == 0 and "1 records" in stdout and "Chain head:" in stdout
    whole = "".join(page_texts(out))
    # The spring record is outside the period: not in a register (readiness findings, which
    # look at all of the program's history, may still name it).
    assert "Autumn yard inspection" in whole
    assert "2026-11-02Inspection" in squash(whole)
    assert "2026-04-01Inspection" not in squash(whole)
    assert "2026-10-01 to 2026-11-02" in whole
    bad = tmp_path / "bad.pdf"
    code = main(["--data-dir", data_dir, "export-pack", str(bad), "--elements", "42"])
    _, err = capsys.readouterr()
    assert code == 2 and "No element 42" in err and not bad.exists()
    assert not list(out.parent.glob("*.tmp"))
