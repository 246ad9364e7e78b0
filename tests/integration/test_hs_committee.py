"""Issue 19 part 3: the H&S representative or committee, on real SQLite through the services.

Designations and meeting minutes are refused naming the field (nothing saved), count once
everyone named has signed, are owed quarterly, link to inspections and investigations both
ways, and are printed in the evidence pack with the linked records' titles.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from secor_desktop.domain.bodies import IncidentBody, IncidentType, ToolboxTalkBody
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.due import Bucket
from secor_desktop.domain.hs_bodies import (
    HsArrangement,
    HsChosenHow,
    HsDesignationBody,
    HsMeetingBody,
    Recommendation,
)
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.conftest import TODAY, SmallCompany, signature_png

MEETING = RecordKind("hs_meeting")
DESIGNATION = RecordKind("hs_designation")
MEETING_DAY = date(2026, 10, 20)


def meeting_body(company: SmallCompany, **changes: object) -> HsMeetingBody:
    fields: dict[str, object] = {
        "attendee_ids": (company.lead.id, company.worker.id),
        "agenda": "Review of October inspections; winter driving",
        "concerns": "Ice on the yard ramp in the mornings",
        "recommendations": (Recommendation("Sand the ramp at 6 a.m.", "Done from 21 October"),),
        "next_meeting": date(2027, 1, 19),
    }
    fields.update(changes)
    return HsMeetingBody(**fields)  # type: ignore[arg-type]


def save_meeting(company: SmallCompany, body: HsMeetingBody, day: date = MEETING_DAY) -> Record:
    return company.services.records.create(
        MEETING, title="Fall H&S meeting", event_date=day, site_id=None, body=body
    )


def incident(company: SmallCompany) -> Record:
    return company.services.records.create(
        RecordKind.INCIDENT,
        title="Ladder slipped on ice",
        event_date=date(2026, 10, 6),
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.NEAR_MISS,
            "Ladder foot slid on the ramp; nobody hurt.",
            (company.worker.id,),
            root_causes="No sanding before work",
            investigated_by_id=company.lead.id,
        ),
    )


def sign(company: SmallCompany, record: Record, who: str, meaning: SignatureMeaning) -> Record:
    return company.services.records.sign(
        record.id, signer_id=who, meaning=meaning, image_png=signature_png()
    )


def refused(company: SmallCompany, body: HsMeetingBody, day: date = MEETING_DAY) -> list[str]:
    """The fields a refused meeting names; asserts nothing was saved."""
    with pytest.raises(ValidationError) as caught:
        save_meeting(company, body, day)
    assert company.services.records.find(MEETING) == []
    return [p.field for p in caught.value.problems]


# --- refusals ------------------------------------------------------------------------------


def test_a_meeting_without_attendees_is_refused(company: SmallCompany) -> None:
    """No attendee ticked: refused naming the attendees, nothing saved."""
    assert refused(company, meeting_body(company, attendee_ids=())) == ["body.attendee_ids"]


def test_a_next_meeting_before_the_meeting_is_refused(company: SmallCompany) -> None:
    """A next-meeting date on or before the meeting's own date is refused, naming it."""
    body = meeting_body(company, next_meeting=date(2026, 10, 1))
    assert refused(company, body) == ["body.next_meeting"]


def test_a_recommendation_without_words_is_refused(company: SmallCompany) -> None:
    """A response typed against an empty recommendation names that line's text."""
    body = meeting_body(company, recommendations=(Recommendation("", "Will do"),))
    assert refused(company, body) == ["body.recommendations[0].text"]


def test_linking_a_toolbox_talk_as_an_inspection_is_refused(company: SmallCompany) -> None:
    """A linked id that is a record of another kind is refused in words naming its kind."""
    talk = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladders",
        event_date=date(2026, 10, 5),
        site_id=None,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id,)),
    )
    with pytest.raises(ValidationError) as caught:
        save_meeting(company, meeting_body(company, inspection_ids=(talk.id,)))
    (problem,) = caught.value.problems
    assert problem.field == "body.inspection_ids[0]"
    assert "'Toolbox talk / safety meeting', not an inspection" in problem.message
    assert company.services.records.find(MEETING) == []


def test_linking_an_unknown_or_void_investigation_is_refused(company: SmallCompany) -> None:
    """An id no record has, and a voided incident, are each refused, naming their line."""
    gone = company.services.records.void(incident(company).id, "entered twice")
    body = meeting_body(company, investigation_ids=("nope", gone.id))
    assert refused(company, body) == ["body.investigation_ids[0]", "body.investigation_ids[1]"]


def test_a_committee_without_employer_members_is_refused(company: SmallCompany) -> None:
    """A committee needs both sides; its co-chair must be one of its members."""
    body = HsDesignationBody(
        HsArrangement.COMMITTEE,
        company.owner.id,
        (company.worker.id,),
        HsChosenHow.CHOSEN_BY_WORKERS,
        co_chair_ids=(company.lead.id,),
    )
    with pytest.raises(ValidationError) as caught:
        company.services.records.create(
            DESIGNATION, title="Committee", event_date=TODAY, site_id=None, body=body
        )
    assert [p.field for p in caught.value.problems] == [
        "body.employer_member_ids",
        "body.co_chair_ids[0]",
    ]
    assert company.services.records.find(DESIGNATION) == []


# --- completeness ------------------------------------------------------------------------------


def test_a_meeting_counts_only_once_every_attendee_has_signed(company: SmallCompany) -> None:
    """Signed by one of two attendees, the minutes say who is missing; by both, they count."""
    names = {w.id: w.name for w in company.services.roster.workers()}
    meeting = save_meeting(company, meeting_body(company))
    meeting = sign(company, meeting, company.lead.id, SignatureMeaning.ATTENDED)
    assert missing_for(meeting, names) == ("attendee Sam Okafor has not signed",)
    meeting = sign(company, meeting, company.worker.id, SignatureMeaning.ATTENDED)
    assert missing_for(meeting, names) == ()


def test_a_designation_counts_once_owner_and_representative_sign(company: SmallCompany) -> None:
    """The owner designates (performed), the representative accepts (acknowledged)."""
    names = {w.id: w.name for w in company.services.roster.workers()}
    designation = company.services.records.create(
        DESIGNATION,
        title="H&S representative",
        event_date=date(2026, 9, 1),
        site_id=None,
        body=HsDesignationBody(
            HsArrangement.REPRESENTATIVE,
            company.owner.id,
            (company.lead.id,),
            HsChosenHow.CHOSEN_BY_WORKERS,
            term_end=date(2028, 8, 31),
            training="Representative course, 2026-08-12",
            site_ids=(company.site.id,),
        ),
    )
    designation = sign(company, designation, company.owner.id, SignatureMeaning.PERFORMED)
    assert missing_for(designation, names) == (
        "representative (accepts) Zoë Tremblay has not signed",
    )
    designation = sign(company, designation, company.lead.id, SignatureMeaning.ACKNOWLEDGED)
    assert missing_for(designation, names) == ()


# --- due -------------------------------------------------------------------------------------


def designate(company: SmallCompany, day: date = date(2026, 5, 1)) -> Record:
    """A representative designated on ``day`` (not yet signed: a draft counts as designated)."""
    return company.services.records.create(
        DESIGNATION,
        title="H&S representative",
        event_date=day,
        site_id=None,
        body=HsDesignationBody(
            HsArrangement.REPRESENTATIVE,
            company.owner.id,
            (company.lead.id,),
            HsChosenHow.CHOSEN_BY_WORKERS,
        ),
    )


def meetings_measured(company: SmallCompany) -> list[object]:
    """How readiness measures H&S meetings against a frequency, in every element that takes
    them (None: no frequency applies, as for a kind kept as needed)."""
    report = company.services.readiness.report(company.services.framework(), TODAY)
    return [
        f.result for element in report.elements for f in element.frequencies if f.kind == MEETING
    ]


def test_a_quarter_without_a_meeting_is_shown_as_owed(company: SmallCompany) -> None:
    """Quarterly by default: last met in June, on 2 November the third quarter is overdue."""
    designate(company)
    save_meeting(company, meeting_body(company, next_meeting=None), date(2026, 6, 15))
    due = company.services.due.due(TODAY, days=7)
    (item,) = [i for i in due.items if i.start.kind == MEETING]
    assert (item.due, item.bucket) == (date(2026, 9, 30), Bucket.OVERDUE)
    assert "quarterly" in item.why and "2026-06-15" in item.why


def test_no_meeting_is_owed_before_anyone_is_designated(company: SmallCompany) -> None:
    """A company with no representative or committee owes no meetings: Today lists none and
    readiness says nothing about meetings; once one is designated, both do."""
    company.inspection("October yard inspection", date(2026, 10, 14))  # the element has records
    due = company.services.due.due(TODAY, days=60)
    assert [i for i in due.items if i.start.kind == MEETING] == []
    assert meetings_measured(company) == [None]
    designate(company)
    due = company.services.due.due(TODAY, days=60)
    assert [i.start.kind for i in due.items if i.start.kind == MEETING] == [MEETING]
    (measured,) = meetings_measured(company)
    assert measured is not None and measured.periods_met == 0


def test_a_meeting_this_quarter_leaves_nothing_owed_now(company: SmallCompany) -> None:
    """Met in October: nothing is owed for the fourth quarter within the next week."""
    save_meeting(company, meeting_body(company))
    due = company.services.due.due(TODAY, days=7)
    assert [i for i in due.items if i.start.kind == MEETING] == []


# --- links both ways ---------------------------------------------------------------------------


def test_links_round_trip_with_titles_both_ways(company: SmallCompany) -> None:
    """Saved links read back as the linked records' titles, and each linked record knows the
    meeting that reviewed it."""
    inspection = company.inspection("October yard inspection", date(2026, 10, 14))
    near_miss = incident(company)
    meeting = save_meeting(
        company,
        meeting_body(company, inspection_ids=(inspection.id,), investigation_ids=(near_miss.id,)),
    )
    reopened = company.services.records.get(meeting.id)
    titles = company.services.links.titles(reopened)
    assert [titles[i].text for i in (inspection.id, near_miss.id)] == [
        "2026-10-14 · October yard inspection",
        "2026-10-06 · Ladder slipped on ice",
    ]
    for linked in (inspection, near_miss):
        (seen,) = company.services.links.reviewed_at(linked.id)
        assert (seen.id, seen.event_date) == (meeting.id, MEETING_DAY)


def test_a_voided_meeting_no_longer_reviews_anything(company: SmallCompany) -> None:
    """Once the meeting is void, the inspection shows no meeting."""
    inspection = company.inspection("October yard inspection", date(2026, 10, 14))
    meeting = save_meeting(company, meeting_body(company, inspection_ids=(inspection.id,)))
    company.services.records.void(meeting.id, "wrong date")
    assert company.services.links.reviewed_at(inspection.id) == []


def test_link_choices_offer_the_years_inspections_newest_first(company: SmallCompany) -> None:
    """The picker offers the year's inspections, newest first; an old one only when linked."""
    old = company.inspection("Last year's inspection", date(2025, 6, 1))
    company.inspection("September inspection", date(2026, 9, 2))
    company.inspection("October inspection", date(2026, 10, 14))
    offered = company.services.links.choices(RecordKind.INSPECTION)
    assert [c.title for c in offered] == ["October inspection", "September inspection"]
    kept = company.services.links.choices(RecordKind.INSPECTION, (old.id,))
    assert [c.title for c in kept][-1] == "Last year's inspection"


# --- the evidence pack ---------------------------------------------------------------------------


def test_the_pack_prints_the_meeting_with_its_links(company: SmallCompany, tmp_path: Path) -> None:
    """Element 9 prints the signed meeting with its inspection's and investigation's titles,
    and the inspection says the meeting reviewed it."""
    inspection = sign(
        company,
        company.inspection("October yard inspection", date(2026, 10, 14)),
        company.lead.id,
        SignatureMeaning.PERFORMED,
    )
    near_miss = incident(company)
    meeting = save_meeting(
        company,
        meeting_body(company, inspection_ids=(inspection.id,), investigation_ids=(near_miss.id,)),
    )
    for who in (company.lead.id, company.worker.id):
        meeting = sign(company, meeting, who, SignatureMeaning.ATTENDED)
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    text = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    assert "Fall H&S meeting" in flat
    assert "H&S meeting minutes" in flat
    assert "2026-10-14 · October yard inspection (inspection)" in flat
    assert "2026-10-06 · Ladder slipped on ice (incident / near miss)" in flat
    assert "Reviewed at H&S meeting of 2026-10-20" in flat
    assert "Sand the ramp at 6 a.m." in flat


def test_a_problem_names_the_linked_field(company: SmallCompany) -> None:
    """The refusal reads as one sentence a safety lead can act on."""
    with pytest.raises(ValidationError) as caught:
        save_meeting(company, meeting_body(company, inspection_ids=("x", "x")))
    assert caught.value.problems[0] == FieldProblem(
        "body.inspection_ids[0]", "no record has the id 'x'; pick an inspection"
    )
    assert caught.value.problems[1].message == "names the same record twice; remove one"


def test_the_pack_claims_no_review_by_a_meeting_still_in_draft(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Minutes nobody has signed yet do not make the inspection "reviewed at" in the pack."""
    inspection = sign(
        company,
        company.inspection("October yard inspection", date(2026, 10, 14)),
        company.lead.id,
        SignatureMeaning.PERFORMED,
    )
    save_meeting(company, meeting_body(company, inspection_ids=(inspection.id,)))
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    text = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    assert "October yard inspection" in text
    assert "Reviewed at" not in text
