"""A company with every paper a prequalification service asks for, built through the services."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

from secor_desktop.domain.bodies import (
    AdminBody,
    AdminType,
    HoursBody,
    IncidentBody,
    IncidentClass,
    IncidentType,
    TrainingBody,
)
from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer, parse_answers
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany, signature_png
from tests.integration.test_pack_attached_files import manual_pdf

CERTIFICATE_PDF = manual_pdf("Certificate of Recognition, Prairie Roofing Ltd., SECOR 2025")
ALBERTA_LETTER = manual_pdf("WCB-Alberta clearance letter 88213, valid to 2027-01-31")
BC_LETTER = manual_pdf("WorkSafeBC clearance letter, valid to 2026-12-20")


EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"


def all_yes(services: Services) -> dict[str, StoredAnswer]:
    """Yes everywhere, 9 of 10 in interviews: a clear pass."""
    example = parse_answers(EXAMPLE.read_text("utf-8"), EXAMPLE.name, services.framework())
    return {
        qid: StoredAnswer(AnswerKind.INTERVIEW, positive=9, asked=10)
        if a.kind is AnswerKind.INTERVIEW
        else StoredAnswer(AnswerKind.YES)
        for qid, a in example.answers.items()
    }


def insurance_png() -> bytes:
    image = Image.new("RGB", (600, 400), (250, 250, 245))
    for x in range(40, 560):
        image.putpixel((x, 200), (20, 20, 20))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def paper(
    company: SmallCompany,
    paper_type: AdminType,
    title: str,
    issued: date,
    expiry: date | None,
    *files: tuple[str, bytes],
    sign: bool = True,
) -> Record:
    """A company paper kept as a program administration record, its scan attached."""
    records = company.services.records
    attachments = tuple(records.attach_file(data, name) for name, data in files)
    record = records.create(
        RecordKind.ADMIN,
        title=title,
        event_date=issued,
        site_id=None,
        body=AdminBody(paper_type, f"{title}, kept for prequalification", expiry=expiry),
        attachments=attachments,
    )
    if sign:
        record = records.sign(
            record.id,
            signer_id=company.owner.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(),
        )
    return record


def add_certificate(company: SmallCompany) -> Record:
    return paper(
        company,
        AdminType.SECOR_CERTIFICATE,
        "SECOR certificate 2025",
        date(2025, 3, 14),
        date(2028, 3, 14),
        ("COR certificate 2025.pdf", CERTIFICATE_PDF),
    )


def add_insurance(company: SmallCompany) -> Record:
    return paper(
        company,
        AdminType.INSURANCE_CERTIFICATE,
        "Commercial general liability, $5M",
        date(2026, 6, 1),
        date(2027, 6, 1),
        ("insurance certificate.png", insurance_png()),
    )


def add_letters(company: SmallCompany) -> None:
    """A current Alberta letter, a BC letter expiring within 60 days, an expired old one."""
    paper(
        company,
        AdminType.WCB_CLEARANCE,
        "WCB-Alberta clearance",
        date(2026, 10, 1),
        date(2027, 1, 31),
        ("clearance AB.pdf", ALBERTA_LETTER),
    )
    paper(
        company,
        AdminType.WCB_CLEARANCE,
        "WorkSafeBC clearance",
        date(2026, 9, 20),
        date(2026, 12, 20),
        ("clearance BC.pdf", BC_LETTER),
    )
    paper(
        company,
        AdminType.WCB_CLEARANCE,
        "WCB-Alberta clearance (spring)",
        date(2026, 3, 1),
        date(2026, 5, 31),
        ("clearance AB spring.pdf", manual_pdf("old letter")),
    )


def add_program(company: SmallCompany) -> None:
    """A signed policy (the manual), a training record, and a passed self-evaluation."""
    services = company.services
    policy = services.program.start("policy", {"policy_posted_at": "the shop door"})
    services.records.sign(
        policy.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    services.records.create(
        RecordKind.TRAINING,
        title="Fall protection",
        event_date=date(2026, 4, 10),
        site_id=None,
        body=TrainingBody(company.worker.id, "Fall protection", "SafeCo", date(2029, 4, 10)),
    )
    services.records.create(
        RecordKind.TRAINING,
        title="First aid",
        event_date=date(2023, 5, 1),
        site_id=None,
        body=TrainingBody(company.lead.id, "Standard First Aid", "Red Cross", date(2026, 5, 1)),
    )
    services.evaluations.save(
        services.framework(),
        all_yes(services),
        AuditType.MAINTENANCE,
        date(2026, 10, 20),
        auditor="Dana Kowalski",
    )


def add_statistics(company: SmallCompany) -> None:
    """No hours in 2024; 84,000 hours in 2025 (42 person-years) with one lost-time injury of
    four days; 1,700 hours a month from January to October 2026 (8.5 person-years)."""
    records = company.services.records
    hours = RecordKind("hours")
    for year, months, total in ((2025, range(1, 13), 7_000), (2026, range(1, 11), 1_700)):
        for month in months:
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            records.create(
                hours,
                title=f"Hours {year}-{month:02d}",
                event_date=last,
                site_id=None,
                body=HoursBody(f"{year}-{month:02d}", total),
            )
    records.create(
        RecordKind.INCIDENT,
        title="Fall from a ladder",
        event_date=date(2025, 6, 12),
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.INJURY,
            "Slipped from the third rung, sprained ankle",
            (company.worker.id,),
            classification=IncidentClass.LOST_TIME,
            days_lost=4,
        ),
    )


def full_company(company: SmallCompany) -> SmallCompany:
    add_statistics(company)
    add_certificate(company)
    add_letters(company)
    add_insurance(company)
    add_program(company)
    return company
