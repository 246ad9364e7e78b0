"""The register of other workplace parties through the real services and a real SQLite file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from secor_desktop.domain.bodies import PartyTicket, PartyType, WorkplacePartyBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.training import TrainingStatus
from secor_desktop.services.errors import ValidationError
from tests.conftest import TODAY, SmallCompany, signature_png

PARTY = RecordKind("workplace_party")


def _counts(company: SmallCompany) -> tuple[int, int]:
    with sqlite3.connect(company.services.locations.database) as conn:
        return (
            conn.execute("SELECT count(*) FROM records").fetchone()[0],
            conn.execute("SELECT count(*) FROM revisions").fetchone()[0],
        )


def _save(company: SmallCompany, body: WorkplacePartyBody, **kw: Any) -> Record:
    return company.services.records.create(
        PARTY, title=body.name or "Party", event_date=TODAY, site_id=None, body=body, **kw
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (WorkplacePartyBody("", PartyType.SUBCONTRACTOR), "body.name"),
        (
            WorkplacePartyBody(
                "Acme Framing",
                PartyType.SUBCONTRACTOR,
                clearance_issued=date(2026, 10, 1),
                clearance_expiry=date(2026, 9, 1),
            ),
            "body.clearance_expiry",
        ),
        (
            WorkplacePartyBody(
                "Acme Framing",
                PartyType.SUPPLIER,
                insurance_issued=date(2026, 10, 1),
                insurance_expiry=date(2026, 9, 30),
            ),
            "body.insurance_expiry",
        ),
        (
            WorkplacePartyBody(
                "Solo Electric",
                PartyType.SELF_EMPLOYED,
                tickets=(PartyTicket("Li Chen", "WHMIS", date(2026, 5, 1), date(2026, 4, 1)),),
            ),
            "body.tickets[0].expiry",
        ),
    ],
)
def test_bad_entries_are_refused_naming_the_field_and_nothing_is_saved(
    company: SmallCompany, body: WorkplacePartyBody, field: str
) -> None:
    """A missing name or an expiry before its issue: refused, no row and no revision written."""
    before = _counts(company)
    with pytest.raises(ValidationError) as info:
        _save(company, body)
    assert [p.field for p in info.value.problems] == [field]
    assert _counts(company) == before


def test_the_register_read_gives_expiries_files_and_the_renewal_by_amendment(
    company: SmallCompany,
) -> None:
    """Saved with its letter attached, warned 20 days out; amended with a new letter, current."""
    services = company.services
    letter = services.records.attach_file(b"%PDF-1.4 clearance", "clearance.pdf")
    body = WorkplacePartyBody(
        "Acme Framing",
        PartyType.SUBCONTRACTOR,
        clearance_number="C-2231",
        clearance_issued=TODAY - timedelta(days=70),
        clearance_expiry=TODAY + timedelta(days=20),
        insurer="Prairie Mutual",
        policy_number="PM-77",
        insurance_expiry=TODAY + timedelta(days=200),
    )
    saved = _save(company, body, attachments=(letter,))
    services.records.sign(
        saved.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.REVIEWED,
        image_png=signature_png(),
    )
    register = services.parties.register()
    [entry] = register.entries
    assert (entry.body.clearance_number, entry.clearance, entry.insurance) == (
        "C-2231",
        TrainingStatus.WITHIN_30,
        TrainingStatus.CURRENT,
    )
    assert [a.filename for a in entry.record.attachments] == ["clearance.pdf"]
    assert services.records.blob(entry.record.attachments[0].sha256) == b"%PDF-1.4 clearance"
    assert [e.what for e in register.expiries] == ["WCB clearance letter"]
    services.records.update(
        saved.id,
        title=saved.title,
        event_date=saved.event_date,
        site_id=None,
        body=replace(body, clearance_issued=TODAY, clearance_expiry=TODAY + timedelta(days=365)),
        attachments=(letter,),
        reason="new clearance letter received",
    )
    renewed = services.parties.register()
    assert renewed.expiries == () and renewed.entries[0].clearance is TrainingStatus.CURRENT
    assert services.verify().ok


def test_the_headcount_read_counts_the_register_in_alberta(company: SmallCompany) -> None:
    """Three on the roster and two framers counted by Alberta's rule: a peak of five."""
    tickets = (PartyTicket("Jo Roy", "WHMIS"), PartyTicket("Al Ng", "WHMIS"))
    _save(company, WorkplacePartyBody("Acme Framing", PartyType.SUBCONTRACTOR, tickets=tickets))
    report = company.services.readiness.eligibility()
    page = company.services.pages.eligibility().report
    assert report.peak_headcount == 5 and page is not None and page.peak_headcount == 5
    assert report.parties_counted == ("Acme Framing",)
