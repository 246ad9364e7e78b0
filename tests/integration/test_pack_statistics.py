"""The evidence pack prints the injury statistics under the records-and-statistics element."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from secor_desktop.domain.bodies import HoursBody, IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.record_kinds.hours import HOURS, month_end
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import SmallCompany


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def fill(company: SmallCompany) -> None:
    """2026: ten months of 10,000 hours (50 person-years), one lost-time injury, 6 days lost."""
    for month in range(1, 11):
        company.services.records.create(
            HOURS,
            title=f"Hours 2026-{month:02d}",
            event_date=month_end(f"2026-{month:02d}"),
            site_id=None,
            body=HoursBody(f"2026-{month:02d}", 10_000),
        )
    company.services.records.create(
        RecordKind.INCIDENT,
        title="Fall from a ladder",
        event_date=date(2026, 5, 4),
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.INJURY,
            "Slipped",
            (company.lead.id,),
            classification=IncidentClass.LOST_TIME,
            days_lost=6,
        ),
    )


def test_pack_prints_the_table_in_the_statistics_element(
    company: SmallCompany, tmp_path: Path
) -> None:
    """The table sits on the page of element 8 (Records and statistics), read back with pypdf."""
    fill(company)
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    pages = page_texts(out)
    (page,) = [p for p in pages if "Injury statistics, 2024-2026" in p]
    assert "Element 8: Records and statistics" in page
    lines = page.splitlines()
    hours = lines.index("Hours worked")
    assert lines[hours + 1 : hours + 5] == ["0", "0", "100,000", "100,000"]
    lost = lines.index("Lost-time frequency (per 200,000 h)")
    # 1 x 200,000 / 100,000 = 2.00 in 2026 and over the three years; no hours before: a dash
    assert lines[lost + 1 : lost + 5] == ["—", "—", "2.00", "2.00"]
    assert "2024: No hours are recorded" in page
    assert "No rates under 40 person-years" in page


def test_pack_without_the_element_has_no_table(company: SmallCompany, tmp_path: Path) -> None:
    """A pack of other elements only (element 5) prints no statistics table."""
    fill(company)
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(
        out, company.services.framework(), element_codes=["5"]
    )
    assert not any("Injury statistics" in p for p in page_texts(out))
