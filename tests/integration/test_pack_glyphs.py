"""Text the fonts cannot show is never printed as a blank box in silence: the export warns,
naming the record, and the pack lists it; everything the fonts can show prints as typed."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from secor_desktop.app.main import main
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.export.glyphs import REPLACEMENT
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import TODAY, SmallCompany, signature_png

TITLE = "Toolbox talk ☺ <b>Ladders</b> & </para> 安全第一 ሰላ 🦺 😀"
RTL = "שלום עולם and سلامة"
MARKUP = "<font name='Courier'>x</font> & <img src='/etc/passwd'/> </para> déjà vu"


def long_note() -> str:
    return ("BEGIN " + " ".join(f"n{i:05d}" for i in range(3400)) + " FINISH")[:20_000]


def squash(text: str) -> str:
    return "".join(text.split())


def body_text(path: Path) -> str:
    """All pages' text without header and footer (a long note runs across them), squashed."""
    parts = []
    for page in PdfReader(path).pages:
        text = re.sub(r"Page \d+ of \d+", "", page.extract_text())
        parts.append(
            text.replace("Prairie Roofing Ltd.", "", 1).replace("SECOR evidence pack", "", 1)
        )
    return squash("".join(parts))


@pytest.fixture
def talk(company: SmallCompany) -> SmallCompany:
    record = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=TITLE,
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic=RTL,
            presenter_id=company.lead.id,
            attendee_ids=(company.worker.id,),
            notes=MARKUP,
            concerns=long_note(),
        ),
    )
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    return company


def test_missing_glyphs_warn_naming_the_record(talk: SmallCompany, tmp_path: Path) -> None:
    """Ethiopic and emoji the fonts lack give a warning naming the record and the characters;
    they print as U+FFFD; the pack's appendix lists the same warning. Chinese prints."""
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(talk.services.ctx).export(out, talk.services.framework())
    label = "Record 'Toolbox talk ☺ <b>Ladders</b> & </para> 安全第一 ሰላ 🦺 😀' of 2026-11-02"
    glyphs = [w for w in summary.warnings if w.startswith(label) and "cannot show" in w]
    assert len(glyphs) == 1, summary.warnings
    for ch in "ሰላ🦺😀":
        assert f"{ch} (U+{ord(ch):04X})" in glyphs[0]
    assert "U+263A" not in glyphs[0]  # DejaVu Sans has this one
    assert "U+5B89" not in glyphs[0]  # the CJK fallback font has this one
    assert any(w.startswith(label) and "Arabic text" in w for w in summary.warnings)
    text = body_text(out)
    r = REPLACEMENT
    shown = f"Toolbox talk ☺ <b>Ladders</b> & </para> 安全第一 {r * 2} {r} {r}"
    assert squash(shown) in text
    assert squash("Notes on this pack") in text
    assert squash("ሰላ") not in text


def test_everything_the_fonts_have_prints_literally(talk: SmallCompany, tmp_path: Path) -> None:
    """Markup-like text, accents, Hebrew, Arabic and a 20,000-character note print as typed,
    across pages."""
    out = tmp_path / "pack.pdf"
    EvidencePackService(talk.services.ctx).export(out, talk.services.framework())
    text = body_text(out)
    for needle in (MARKUP, RTL, long_note()):
        assert squash(needle) in text, needle[:40]
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len([page for page in pages if "n0" in page]) >= 2  # the note flows over pages


def test_the_cli_prints_the_warnings(talk: SmallCompany, tmp_path: Path) -> None:
    """export-pack lists the warnings after its summary (and still succeeds)."""
    out = tmp_path / "pack.pdf"
    data_dir = str(talk.services.locations.data_dir)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["--data-dir", data_dir, "export-pack", str(out)])
    printed = buffer.getvalue()
    assert code == 0 and out.exists()
    assert "2 warning(s), also listed in the pack's appendix:" in printed
    assert "ሰላ" in printed and "U+1F9BA" in printed


def test_punjabi_chinese_and_korean_names_print_in_their_fonts(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Workers named in Gurmukhi, Chinese and Korean print as typed (fallback fonts embedded, no
    replacement characters), in the roster and as signers; no missing-character warning."""
    from dataclasses import replace

    names = ((company.worker, "ਹਰਪ੍ਰੀਤ ਕੌਰ"), (company.owner, "王小明"), (company.lead, "김민준"))
    for worker, name in names:
        company.services.roster.save_worker(replace(worker, name=name))
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.REVIEWED,
        image_png=signature_png(),
    )
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(company.services.ctx).export(out, company.services.framework())
    assert not [w for w in summary.warnings if "cannot show" in w], summary.warnings
    text = body_text(out)
    assert squash("ਹਰਪ੍ਰੀਤ ਕੌਰ") in text and "王小明" in text and "김민준" in text
    assert REPLACEMENT not in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("NotoSansGurmukhi-Regular" in f for f in fonts)
    assert any("NotoSansGurmukhi-Bold" in f for f in fonts)  # the roster's bold names
    assert any("DroidSansFallback" in f for f in fonts)
    assert any("SecorHangul" in f for f in fonts)  # Korean
