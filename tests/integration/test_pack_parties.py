"""The evidence pack prints the register of other workplace parties under element 9."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from secor_desktop.domain.bodies import (
    OrientationBody,
    PartyTicket,
    PartyType,
    WorkplacePartyBody,
)
from secor_desktop.domain.frameworks import load_bundled_pack
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.pack_verify import verify_pack
from tests.conftest import TODAY, SmallCompany, signature_png

PARTY = RecordKind("workplace_party")


def signed_party(
    company: SmallCompany, body: WorkplacePartyBody, day: date, files: tuple[bytes, ...] = ()
) -> Record:
    services = company.services
    attached = tuple(
        services.records.attach_file(data, f"{body.name[:4]}-{i}.pdf")
        for i, data in enumerate(files)
    )
    saved = services.records.create(
        PARTY, title=body.name, event_date=day, site_id=None, body=body, attachments=attached
    )
    return services.records.sign(
        saved.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.REVIEWED,
        image_png=signature_png(),
    )


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_register_table_is_printed_under_program_administration(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Each signed party once, with its letter, insurance, headcount choice and tickets."""
    signed_party(
        company,
        WorkplacePartyBody(
            "Acme Framing",
            PartyType.SUBCONTRACTOR,
            clearance_number="C-2231",
            clearance_expiry=TODAY + timedelta(days=20),
            insurer="Prairie Mutual",
            policy_number="PM-77",
            insurance_expiry=date(2027, 9, 30),
            tickets=(
                PartyTicket("Jo Roy", "Fall protection", None, TODAY - timedelta(days=2)),
                PartyTicket("Al Ng", "WHMIS"),
            ),
        ),
        date(2024, 5, 1),  # entered long before the period: still on the register
        files=(b"%PDF-1.4 letter", b"%PDF-1.4 insurance"),
    )
    signed_party(
        company,
        WorkplacePartyBody("Bolt Supply", PartyType.SUPPLIER, counts_toward_headcount=False),
        TODAY - timedelta(days=10),
    )
    oriented = company.services.records.create(
        RecordKind.ORIENTATION,
        title="Site orientation: Acme framers",
        event_date=TODAY - timedelta(days=5),
        site_id=company.site.id,
        body=OrientationBody(
            company.worker.id,
            company.lead.id,
            True,
            True,
            True,
            True,
            True,
            True,
            party="Acme Framing",
        ),
    )
    for signer in (company.worker, company.lead):
        company.services.records.sign(
            oriented.id,
            signer_id=signer.id,
            meaning=SignatureMeaning.ATTENDED
            if signer is company.worker
            else SignatureMeaning.PERFORMED,
            image_png=signature_png(),
        )
    draft = company.services.records.create(
        PARTY,
        title="Never signed",
        event_date=TODAY,
        site_id=None,
        body=WorkplacePartyBody("Draft Party Inc", PartyType.SUPPLIER),
    )
    out = tmp_path / "pack.pdf"
    company.services.evidence_pack.export(out)
    pages = page_texts(out)
    [here] = [p for p in pages if "Other workplace parties, element 9" in p]
    assert "Element 9: Program administration" in " ".join(pages)
    assert (
        "Acme Framing subcontractor C-2231 expires 2026-11-22 Expires within 30 days "
        "Prairie Mutual PM-77 expires 2027-09-30 Current as the province rule says "
        "2 ticket(s), 2 worker(s); 1 to renew; 1 site orientation(s) 2" in here
    )
    assert "Bolt Supply supplier no expiry on record No expiry" in here
    assert "does not count" in here
    assert "Draft Party Inc" not in here and draft.id
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            str(pages.index(here) + 1),
            "-l",
            str(pages.index(here) + 1),
            str(out),
            "/tmp/parties-shots/pack-page",
        ],
        check=True,
    )


def test_the_entries_in_the_table_are_in_the_integrity_appendix(
    company: SmallCompany, tmp_path: Path
) -> None:
    """An entry dated before the period is printed in the table, so its hashes are listed."""
    entry = signed_party(
        company,
        WorkplacePartyBody("Acme Framing", PartyType.SUBCONTRACTOR),
        date(2024, 5, 1),
    )
    pack = company.services.evidence_pack.build()
    assert ("record", entry.id) in {(r.entity_type, r.entity_id) for r in pack.revisions}
    [section] = [s for s in pack.elements if s.parties is not None]
    assert section.code == "9"
    assert [e.record.id for e in section.parties.entries] == [entry.id]


def test_the_cor_pack_prints_the_register_under_legislation(company: SmallCompany) -> None:
    """In the 14-element COR pack the register belongs to element 13 (the legal duties)."""
    signed_party(
        company, WorkplacePartyBody("Acme Framing", PartyType.SUBCONTRACTOR), date(2026, 6, 1)
    )
    pack = company.services.evidence_pack.build(load_bundled_pack("cor-14-element"))
    assert [s.code for s in pack.elements if s.parties is not None] == ["13"]


def test_a_pack_with_the_register_passes_verify_pack(company: SmallCompany, tmp_path: Path) -> None:
    """The rows' text checks match the entries in the pack's own ledger."""
    entry = signed_party(
        company,
        WorkplacePartyBody("Acme Framing", PartyType.SUBCONTRACTOR, clearance_number="C-1"),
        date(2024, 5, 1),
    )
    out = tmp_path / "pack.pdf"
    company.services.evidence_pack.export(out)
    assert f"record {entry.id}" in " ".join(page_texts(out))
    report = verify_pack(company.services.ctx, out)
    assert report.ok, [str(p) for p in report.problems]
