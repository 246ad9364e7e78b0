"""Other workplace parties: expiries warned at 90/60/30 days, refusals, and the register."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from secor_desktop.domain.bodies import (
    OrientationBody,
    PartyTicket,
    PartyType,
    WorkplacePartyBody,
)
from secor_desktop.domain.due import Bucket, Category, DueInputs, due_items
from secor_desktop.domain.frameworks import load_bundled_pack
from secor_desktop.domain.kinds import Frequency, RecordKind
from secor_desktop.domain.model import Attachment
from secor_desktop.domain.parties import (
    CLEARANCE,
    INSURANCE,
    current_parties,
    party_expiries,
    party_register,
    party_spans,
)
from secor_desktop.domain.readiness import compute_readiness
from secor_desktop.domain.readiness_model import Severity
from secor_desktop.domain.training import TrainingStatus
from secor_desktop.domain.validation import Roster, validate_record
from tests.unit.readiness_kit import WORKERS, company, pack, record

TODAY = date(2026, 12, 5)
PARTY = RecordKind("workplace_party")


def party(
    name: str = "Acme Framing",
    day: date = date(2026, 1, 10),
    *,
    signers: tuple[str, ...] = ("lead",),
    void: bool = False,
    **fields: object,
) -> object:
    body = WorkplacePartyBody(name, PartyType.SUBCONTRACTOR)
    body = replace(body, **fields)  # type: ignore[arg-type]
    return record(PARTY, day, body, signers=signers, void=void)


def clearance_in(days: int, **kw: object) -> object:
    """An entry whose clearance letter expires ``days`` days after TODAY."""
    return party(clearance_expiry=TODAY + timedelta(days=days), **kw)


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (90, TrainingStatus.WITHIN_90),
        (61, TrainingStatus.WITHIN_90),
        (60, TrainingStatus.WITHIN_60),
        (31, TrainingStatus.WITHIN_60),
        (30, TrainingStatus.WITHIN_30),
        (0, TrainingStatus.WITHIN_30),
        (-1, TrainingStatus.EXPIRED),
    ],
)
def test_clearance_letter_is_warned_in_its_window(days: int, status: TrainingStatus) -> None:
    """90 days ahead is the first warning, 30 the last, the day after expiry expired."""
    [item] = party_expiries([clearance_in(days)], TODAY)  # type: ignore[list-item]
    assert (item.paper, item.status, item.days_left) == ("clearance", status, days)


def test_nothing_is_warned_91_days_ahead() -> None:
    """A letter expiring in 91 days is not yet warned about."""
    assert party_expiries([clearance_in(91)], TODAY) == []  # type: ignore[list-item]


def readiness_findings(entries: list[object], framework: object | None = None) -> list[object]:
    report = compute_readiness(
        company(),
        framework or load_bundled_pack(),  # type: ignore[arg-type]
        WORKERS,
        entries,  # type: ignore[arg-type]
        [],
        TODAY,
    )
    found = [f for e in report.elements for f in e.findings] + list(report.findings)
    return [f for f in found if f.code.startswith("party_")]  # type: ignore[attr-defined]


def test_readiness_warns_of_insurance_at_91_90_30_and_expired() -> None:
    """Insurance: none at 91 days, a note at 90, a warning at 30 and once expired."""

    def findings(days: int) -> list[tuple[str, str, str | None]]:
        entry = party(insurance_expiry=TODAY + timedelta(days=days))
        return [(f.code, f.severity, f.element) for f in readiness_findings([entry])]  # type: ignore[attr-defined]

    assert findings(91) == []
    assert findings(90) == [("party_expiring_90", Severity.NOTE, "9")]
    assert findings(60) == [("party_expiring_60", Severity.NOTE, "9")]
    assert findings(30) == [("party_expiring_30", Severity.WARNING, "9")]
    assert findings(-1) == [("party_expired", Severity.WARNING, "9")]


def test_readiness_finding_names_the_party_the_paper_and_the_entry() -> None:
    """The sentence says whose letter, which date, and points at the entry to amend."""
    entry = clearance_in(-3)
    [finding] = readiness_findings([entry])
    assert finding.message == (  # type: ignore[attr-defined]
        "Acme Framing's WCB clearance letter expired on 2026-12-02: ask them for the renewed "
        "one and amend their entry in the register."
    )
    assert finding.record_id == entry.id  # type: ignore[attr-defined]


def test_a_pack_without_the_register_files_the_warning_under_the_report() -> None:
    """A pack whose elements do not take the register still shows its warnings."""
    findings = readiness_findings([clearance_in(10)], pack())
    assert [(f.element, f.code) for f in findings] == [(None, "party_expiring_30")]  # type: ignore[attr-defined]


def test_an_unsigned_entry_is_warned_about_a_void_one_is_not() -> None:
    """A lapsing letter is a fact whether the entry is signed; a voided entry is gone."""
    draft = clearance_in(5, signers=())
    void = clearance_in(5, name="Gone Ltd", void=True)
    assert [f.record_id for f in readiness_findings([draft, void])] == [draft.id]  # type: ignore[attr-defined]


def test_the_newest_entry_of_a_party_is_the_one_judged() -> None:
    """A party entered again with a renewed letter is no longer warned about the old one."""
    old = party(day=date(2025, 1, 1), clearance_expiry=date(2026, 1, 1))
    new = party(" acme  FRAMING", date(2026, 11, 1), clearance_expiry=date(2027, 11, 1))
    assert current_parties([new, old]) == [new]  # type: ignore[list-item]
    assert party_expiries([old, new], TODAY) == []  # type: ignore[list-item]


def test_an_entry_dated_after_the_day_judged_is_left_out() -> None:
    """Readiness on a past day does not know of an entry made later."""
    later = party(day=TODAY, clearance_expiry=TODAY)
    assert party_expiries([later], TODAY - timedelta(days=1)) == []  # type: ignore[list-item]


def test_workers_tickets_are_warned_with_the_worker_named() -> None:
    """A ticket expiring in one day is the last warning, naming who holds it."""
    tickets = (
        PartyTicket("Jo Roy", "Fall protection", date(2024, 1, 1), TODAY + timedelta(days=1)),
        PartyTicket("Jo Roy", "WHMIS", date(2024, 1, 1), None),
    )
    [item] = party_expiries([party(tickets=tickets)], TODAY)  # type: ignore[list-item]
    assert item.what == "Jo Roy's Fall protection ticket"
    assert item.status is TrainingStatus.WITHIN_30
    [finding] = readiness_findings([party(tickets=tickets)])
    assert "(1 day left, expires within 30 days)" in finding.message  # type: ignore[attr-defined]


def test_today_lists_each_paper_to_renew_opening_the_entry() -> None:
    """The due list has the letter 20 days out this week-or-later, opening the entry."""
    entry = party(clearance_expiry=TODAY + timedelta(days=20), insurance_expiry=TODAY)
    inputs = DueInputs(
        company=company(**{k.value: Frequency.AS_NEEDED for k in RecordKind}),
        sites=[],
        workers=list(WORKERS),
        records=[entry],  # type: ignore[list-item]
        actions=[],
    )
    due = due_items(inputs, TODAY, 7)
    items = [i for i in due.items if i.category is Category.PARTY]
    assert [(i.what, i.bucket, i.start.record_id) for i in items] == [
        ("Renew Acme Framing's liability insurance", Bucket.TODAY, entry.id),  # type: ignore[attr-defined]
        ("Renew Acme Framing's WCB clearance letter", Bucket.LATER, entry.id),  # type: ignore[attr-defined]
    ]
    assert items[1].since == TODAY + timedelta(days=20 - 90)
    assert items[1].worker == "Acme Framing"


ROSTER = Roster(TODAY, {w.id: w for w in WORKERS}, {})


def problems(**fields: object) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in validate_record(party(**fields), ROSTER)]  # type: ignore[arg-type]


def test_a_missing_name_is_refused_naming_the_field() -> None:
    """The register needs the party's name."""
    assert problems(name="  ") == [("body.name", "is required")]


def test_a_clearance_expiry_before_its_issue_is_refused() -> None:
    """An expiry before the issue date is a typing mistake: both dates are named."""
    assert problems(clearance_issued=date(2026, 6, 1), clearance_expiry=date(2026, 5, 1)) == [
        (
            "body.clearance_expiry",
            "2026-05-01 comes before the clearance letter was issued (2026-06-01); check both "
            "dates",
        )
    ]


def test_an_insurance_expiry_before_its_issue_is_refused() -> None:
    """Same rule for the insurance policy; equal dates are allowed."""
    assert [
        p[0]
        for p in problems(insurance_issued=date(2026, 6, 1), insurance_expiry=date(2026, 5, 31))
    ] == ["body.insurance_expiry"]
    assert problems(insurance_issued=date(2026, 6, 1), insurance_expiry=date(2026, 6, 1)) == []


def test_a_ticket_line_needs_its_worker_ticket_and_ordered_dates() -> None:
    """Each ticket line is checked on its own, named by its row."""
    lines = (
        PartyTicket("Jo Roy", "WHMIS"),
        PartyTicket("", "", date(2026, 3, 1), date(2026, 2, 1)),
    )
    assert [p[0] for p in problems(tickets=lines)] == [
        "body.tickets[1].worker",
        "body.tickets[1].ticket",
        "body.tickets[1].expiry",
    ]


def test_a_last_day_before_the_entry_is_refused() -> None:
    """The party cannot have left the sites before it was entered."""
    assert [p[0] for p in problems(last_day=date(2025, 12, 31))] == ["body.last_day"]


def test_the_register_lists_parties_with_papers_files_and_orientations() -> None:
    """Each party once, its two papers' standing, and the orientations naming it."""
    entry = party(clearance_expiry=TODAY + timedelta(days=45), insurance_expiry=None)
    other = party("Bolt Supply", insurance_expiry=date(2028, 1, 1))
    oriented = record(
        RecordKind.ORIENTATION,
        date(2026, 2, 1),
        OrientationBody("lead", "own", True, True, True, True, True, True, party="ACME framing"),
    )
    voided = record(
        RecordKind.ORIENTATION,
        date(2026, 2, 2),
        OrientationBody("lead", "own", True, True, True, True, True, True, party="Acme Framing"),
        void=True,
    )
    own = record(
        RecordKind.ORIENTATION,
        date(2026, 2, 3),
        OrientationBody("lead", "own", True, True, True, True, True, True),
    )
    register = party_register([other, entry], [oriented, voided, own], TODAY)  # type: ignore[list-item]
    assert [e.body.name for e in register.entries] == ["Acme Framing", "Bolt Supply"]
    acme, bolt = register.entries
    assert (acme.clearance, acme.insurance) == (TrainingStatus.WITHIN_60, TrainingStatus.NO_EXPIRY)
    assert bolt.insurance is TrainingStatus.CURRENT
    assert acme.orientations == (oriented,) and bolt.orientations == ()
    assert [e.paper for e in register.expiries] == ["clearance"]


def test_headcount_spans_list_each_partys_people_once() -> None:
    """The people are the ticket holders, each once; the span runs from the entry's date."""
    tickets = (
        PartyTicket("Jo Roy", "WHMIS"),
        PartyTicket("Jo  Roy", "Fall protection"),
        PartyTicket("Al Ng", "WHMIS"),
    )
    entry = party(tickets=tickets, last_day=date(2026, 6, 30), counts_toward_headcount=False)
    [span] = party_spans([entry])  # type: ignore[list-item]
    assert (span.name, span.people, span.start, span.end, span.counts) == (
        "Acme Framing",
        ("Jo Roy", "Al Ng"),
        date(2026, 1, 10),
        date(2026, 6, 30),
        False,
    )


def test_attached_files_are_told_apart_by_caption_or_name() -> None:
    """The letter and the certificate are found by their words; other files by neither."""
    files = (
        Attachment("a" * 64, "scan-0001.pdf", "application/pdf", 10, "WCB clearance letter"),
        Attachment("b" * 64, "Liability-Insurance-2026.pdf", "application/pdf", 10),
        Attachment("c" * 64, "crew.jpg", "image/jpeg", 10, "Crew on site"),
    )
    entry = party(clearance_expiry=TODAY)
    entry = replace(entry, attachments=files)  # type: ignore[type-var]
    [listed] = party_register([entry], [], TODAY).entries  # type: ignore[list-item]
    assert [a.sha256[0] for a in listed.files_about(CLEARANCE)] == ["a"]
    assert [a.sha256[0] for a in listed.files_about(INSURANCE)] == ["b"]
