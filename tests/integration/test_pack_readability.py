"""The pack as an auditor reads it: legible signatures, local times with their zone, a real
creation date, and integrity tables whose columns hold their text."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from secor_desktop.app.main import main
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import Province, RecordKind, SignatureMeaning
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_images import Pictures
from secor_desktop.export.pdf_integrity import _late_entries, _revisions
from secor_desktop.export.pdf_styles import FONT_BOLD, Styles
from secor_desktop.export.pdf_table import PADDING, WIDTH, PackTable
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import SmallCompany, signature_png

SIGNED = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)  # 11:00 in Alberta (MDT since 8 March)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(SIGNED)


def signed_talk(company: SmallCompany) -> None:
    record = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladder safety",
        event_date=date(2026, 3, 10),
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.owner.id,)),
    )
    for worker in (company.lead, company.owner):
        company.services.records.sign(
            record.id,
            signer_id=worker.id,
            meaning=SignatureMeaning.ATTENDED
            if worker is company.owner
            else SignatureMeaning.PERFORMED,
            image_png=signature_png(),
        )


def export(company: SmallCompany, tmp_path: Path) -> Path:
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    return out


def image_widths(path: Path) -> list[float]:
    """The width, in points, at which every image of the PDF is drawn (from the content
    streams: the transformation matrix in force at each ``Do`` of an image)."""
    widths: list[float] = []
    images: set[str] = set()

    def visit(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        if op == b"Do" and args and args[0] in images:
            widths.append(abs(cm[0]))

    for page in PdfReader(path).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        images.clear()
        images.update(n for n, ref in xobjects.items() if ref.get_object()["/Subtype"] == "/Image")
        page.extract_text(visitor_operand_before=visit)
    return widths


def test_signatures_print_at_least_35_mm_wide(company: SmallCompany, tmp_path: Path) -> None:
    """Each drawn signature is placed at 35 mm wide or more on the rendered page."""
    signed_talk(company)
    widths = image_widths(export(company, tmp_path))
    assert len(widths) >= 2
    assert min(widths) >= 35 * mm, [round(w / mm, 1) for w in widths]


def test_signing_time_prints_in_local_time_with_zone(company: SmallCompany, tmp_path: Path) -> None:
    """A signature made at 17:00 UTC on 10 March 2026 by an Alberta company reads 11:00 MDT."""
    signed_talk(company)
    text = "".join(page.extract_text() for page in PdfReader(export(company, tmp_path)).pages)
    assert "2026-03-10 11:00 MDT" in text
    assert "17:00" not in text
    assert "America/Edmonton" in text  # the cover says which zone the times are in


def test_saskatchewan_prints_central_standard_time(company: SmallCompany, tmp_path: Path) -> None:
    """Saskatchewan keeps CST all year: the same moment reads 11:00 CST."""
    profile = company.services.company.get()
    company.services.company.save(replace(profile, province=Province.SK))
    signed_talk(company)
    text = "".join(page.extract_text() for page in PdfReader(export(company, tmp_path)).pages)
    assert "2026-03-10 11:00 CST" in text


def _appendix_tables(company: SmallCompany) -> list[PackTable]:
    record = company.inspection(day=date(2026, 3, 10))  # holds a deficiency
    company.services.actions.raise_action(
        "Clear the pallets out of the aisle",
        due_date=date(2026, 3, 20),
        owner_id=company.lead.id,
        source_record_id=record.id,
    )
    pack = EvidencePackService(company.services.ctx).build(company.services.framework())
    ctx = Ctx(pack, Styles(), Pictures(None, lambda _: None))
    flowables = _revisions(ctx, pack.revisions, True) + _late_entries(ctx)
    return [f for f in flowables if isinstance(f, PackTable)]


def test_integrity_columns_fit_their_headers_and_wrap(company: SmallCompany) -> None:
    """Every column of the appendix's tables spans at least its header's longest word, the
    columns fill the frame, and every cell is a paragraph or text narrower than its column
    (so nothing runs into the next column, as 'Corrective action' did)."""
    tables = _appendix_tables(company)
    revisions = tables[0]
    entity = [row[1] for row in revisions._cellvalues[1:]]
    assert "Corrective action" in entity  # short enough to stay plain text in its column
    for table in tables:
        widths = table._colWidths
        assert sum(widths) == pytest.approx(WIDTH)
        for cell, width in zip(table._cellvalues[0], widths, strict=True):
            header = cell.text if isinstance(cell, Paragraph) else str(cell)
            longest = max(stringWidth(w, FONT_BOLD, 8) for w in header.split())
            assert longest + PADDING <= width, header
        for row in table._cellvalues[1:]:
            for cell, width in zip(row, widths, strict=True):
                if isinstance(cell, str):
                    assert stringWidth(cell, "DejaVuSans", 8) + PADDING <= width, cell


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler-utils' pdfinfo")
def test_the_cli_export_carries_the_real_creation_date(
    company: SmallCompany, tmp_path: Path
) -> None:
    """export-pack writes the real time of the export as the PDF's creation date (pdfinfo),
    not the fixed date of the deterministic test mode."""
    out = tmp_path / "pack.pdf"
    code = main(["--data-dir", str(company.services.locations.data_dir), "export-pack", str(out)])
    assert code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    created = next(line for line in info.stdout.splitlines() if line.startswith("CreationDate:"))
    assert str(datetime.now().year) in created and "2000" not in created
