"""Legal text never blocks the pack: many lines, huge words, thousands of checklist items and
hazard lines all flow across pages, and read back from the PDF as they were typed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from secor_desktop.app.main import main
from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    Control,
    ControlLevel,
    FlhaBody,
    HazardItem,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.export import pdf_table
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import TODAY, SmallCompany


def squashed_text(path: Path) -> str:
    """All pages' text, header and footer removed, whitespace removed (lines wrap anywhere)."""
    parts = []
    for page in PdfReader(path).pages:
        text = re.sub(r"Page \d+ of \d+", "", page.extract_text() or "")
        text = text.replace("Prairie Roofing Ltd.", "", 1)
        parts.append(text.replace("SECOR evidence pack", "", 1))
    return "".join("".join(parts).split())


def talk(company: SmallCompany, notes: str, title: str = "Legal text") -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic="Working at heights",
            presenter_id=company.lead.id,
            attendee_ids=(company.worker.id,),
            notes=notes,
        ),
    )


def export(company: SmallCompany, tmp_path: Path) -> Path:
    out = tmp_path / "pack.pdf"
    # The records here are drafts: printed in full in the drafts appendix.
    EvidencePackService(company.services.ctx).export(
        out, company.services.framework(), include_drafts_and_voids=True
    )
    return out


def test_seventy_short_lines_export(company: SmallCompany, tmp_path: Path) -> None:
    """A notes field of 70 short lines (the issue's case) exports and prints every line."""
    lines = [f"C{n:02d}" for n in range(70)]
    talk(company, "\n".join(lines))
    text = squashed_text(export(company, tmp_path))
    for line in lines:
        assert line in text


def test_two_thousand_short_lines_export(company: SmallCompany, tmp_path: Path) -> None:
    """A notes field of 2,000 short lines flows across pages."""
    lines = [f"L{n:04d}" for n in range(2000)]
    talk(company, "\n".join(lines))
    out = export(company, tmp_path)
    text = squashed_text(out)
    assert all(line in text for line in lines)
    assert sum("L0999" in (p.extract_text() or "") for p in PdfReader(out).pages) == 1


def test_fifty_thousand_character_word_exports(company: SmallCompany, tmp_path: Path) -> None:
    """A 50,000-character word with no space is broken over lines and pages, all of it printed."""
    word = "".join(chr(ord("a") + (n * 7) % 26) for n in range(50_000))
    talk(company, word)
    assert word in squashed_text(export(company, tmp_path))


def test_two_thousand_checklist_items_export(company: SmallCompany, tmp_path: Path) -> None:
    """An inspection of 2,000 checklist items prints each item, its table split over pages."""
    items = tuple(
        ChecklistItem(f"Item{n:04d} " + "check " * (n % 9), ChecklistResult.OK, "line\n" * (n % 5))
        for n in range(2000)
    )
    company.services.records.create(
        RecordKind.INSPECTION,
        title="Very long checklist",
        event_date=TODAY,
        site_id=company.site.id,
        body=InspectionBody(InspectionType.SITE, "Yard", company.lead.id, items),
    )
    text = squashed_text(export(company, tmp_path))
    assert all(f"Item{n:04d}" in text for n in range(2000))


def test_thousands_of_hazard_lines_export(company: SmallCompany, tmp_path: Path) -> None:
    """An FLHA of 3,000 hazard lines, some of them 2,000 characters of short lines, exports."""
    hazards = tuple(
        HazardItem(
            f"Task{n:04d}",
            ("x\n" * 1000) if n % 500 == 0 else f"Hazard {n}",
            2,
            3,
            (Control(ControlLevel.PPE, "Harness" + " tied" * (n % 40)),),
        )
        for n in range(3000)
    )
    company.services.records.create(
        RecordKind.FLHA,
        title="Huge FLHA",
        event_date=TODAY,
        site_id=company.site.id,
        body=FlhaBody("Roof tear-off", hazards, (company.worker.id,)),
    )
    text = squashed_text(export(company, tmp_path))
    assert all(f"Task{n:04d}" in text for n in range(0, 3000, 37))


def test_long_titles_and_names_export(company: SmallCompany, tmp_path: Path) -> None:
    """A 200-character unbroken title and a long worker name print in full."""
    title = "T" * 199 + "Z"
    talk(company, "short", title=title)
    text = squashed_text(export(company, tmp_path))
    assert title in text


def test_a_layout_failure_names_the_record(
    company: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """With the cell-height guard switched off, a page-tall cell fails the CLI export with one
    sentence naming the record (title, date, kind, id): exit 2, no traceback, no page number,
    no file."""
    monkeypatch.setattr(pdf_table, "CELL_HEIGHT", 1e9)
    record = talk(company, "\n".join(f"C{n:02d}" for n in range(70)), title="Site rules")
    out = tmp_path / "pack.pdf"
    data_dir = str(company.services.locations.data_dir)
    code = main(["--data-dir", data_dir, "export-pack", str(out), "--include-drafts-and-voids"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert (
        f"record 'Site rules' of {TODAY.isoformat()} ({record.kind.label}), id {record.id}" in err
    )
    assert "Traceback" not in err and not re.search(r"page \d", err, re.IGNORECASE)


def test_long_text_breaks_between_lines_not_inside_them(
    company: SmallCompany, tmp_path: Path
) -> None:
    """120 numbered clauses (more than one paragraph's worth) print each clause on one line."""
    lines = [f"{n}. Rule number {n} applies on site." for n in range(1, 121)]
    talk(company, "\n".join(lines))
    printed = [
        line.strip()
        for page in PdfReader(export(company, tmp_path)).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    assert all(line in printed for line in lines)
