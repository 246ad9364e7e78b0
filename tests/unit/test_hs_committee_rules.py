"""The H&S representative's and committee's rules (domain/record_kinds/committee.py) and the
links between records (domain/links.py), each at its boundary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.canonical import entity_data
from secor_desktop.domain.hs_bodies import (
    HsArrangement,
    HsChosenHow,
    HsDesignationBody,
    HsMeetingBody,
    Recommendation,
)
from secor_desktop.domain.kinds import EmploymentType, Frequency, Province, RecordKind
from secor_desktop.domain.links import LinkTarget, link_problems, linked_from, linked_ids
from secor_desktop.domain.model import FROZEN_DEFAULT_FREQUENCIES, Company, Record, Site, Worker
from secor_desktop.domain.validation import FieldProblem, Roster, validate_record

DAY = date(2026, 10, 20)
PEOPLE = {
    key: Worker(key, key.title(), "Crew", EmploymentType.FULL_TIME, date(2024, 1, 1))
    for key in ("owner", "ana", "bo", "cy")
}
ROSTER = Roster(date(2026, 11, 2), PEOPLE, {"yard": Site("yard", "Yard")})
MEETING = RecordKind("hs_meeting")
DESIGNATION = RecordKind("hs_designation")
INSPECTION = LinkTarget(RecordKind.INSPECTION, void=False)
INCIDENT = LinkTarget(RecordKind.INCIDENT, void=False)


def meeting(**changes: object) -> Record:
    body = HsMeetingBody(("ana", "bo"), "Quarterly review")
    return Record("m1", MEETING, "Meeting", DAY, None, replace(body, **changes))  # type: ignore[arg-type]


def designation(**changes: object) -> Record:
    body = HsDesignationBody(
        HsArrangement.REPRESENTATIVE, "owner", ("ana",), HsChosenHow.CHOSEN_BY_WORKERS
    )
    return Record("d1", DESIGNATION, "Rep", DAY, None, replace(body, **changes))  # type: ignore[arg-type]


def fields(record: Record) -> list[str]:
    return [p.field for p in validate_record(record, ROSTER)]


# --- meetings ----------------------------------------------------------------------------------


def test_a_full_meeting_passes() -> None:
    """Attendees, an agenda, a worded recommendation and a later next meeting: no problem."""
    record = meeting(
        recommendations=(Recommendation("Sand the ramp", "Done"),), next_meeting=date(2027, 1, 19)
    )
    assert validate_record(record, ROSTER) == []


def test_a_meeting_needs_attendees_and_an_agenda() -> None:
    """Neither ticked nor typed: both fields are named."""
    assert fields(meeting(attendee_ids=(), agenda=" ")) == ["body.attendee_ids", "body.agenda"]


def test_the_next_meeting_must_come_after_this_one() -> None:
    """The same day is refused as well as an earlier one."""
    assert fields(meeting(next_meeting=DAY)) == ["body.next_meeting"]


def test_a_recommendation_needs_its_words() -> None:
    """A blank recommendation line is named by its index."""
    items = (Recommendation("Fine"), Recommendation(" ", "Answer"))
    assert fields(meeting(recommendations=items)) == ["body.recommendations[1].text"]


# --- designations ------------------------------------------------------------------------------


def test_a_representative_passes() -> None:
    """One representative, a later term end, a site covered: no problem."""
    record = designation(term_end=date(2028, 10, 1), site_ids=("yard",))
    assert validate_record(record, ROSTER) == []


def test_a_representative_must_be_named() -> None:
    """No representative ticked: refused naming the field, in the representative's words."""
    problems = validate_record(designation(worker_member_ids=()), ROSTER)
    assert problems == [FieldProblem("body.worker_member_ids", "name the representative")]


def test_a_representative_has_no_employer_members_or_co_chairs() -> None:
    """Committee-only fields filled for a representative are each refused."""
    record = designation(employer_member_ids=("bo",), co_chair_ids=("ana",))
    assert fields(record) == ["body.employer_member_ids", "body.co_chair_ids"]


def test_a_committee_needs_both_sides() -> None:
    """A committee with no members at all names both sides."""
    record = designation(arrangement=HsArrangement.COMMITTEE, worker_member_ids=())
    problems = validate_record(record, ROSTER)
    assert problems == [
        FieldProblem("body.worker_member_ids", "name the committee's worker members"),
        FieldProblem("body.employer_member_ids", "name the committee's employer members"),
    ]


def test_a_committee_member_sits_on_one_side_and_co_chairs_are_members() -> None:
    """Someone on both sides, and a co-chair who is no member, are refused."""
    record = designation(
        arrangement=HsArrangement.COMMITTEE,
        worker_member_ids=("ana",),
        employer_member_ids=("ana", "bo"),
        co_chair_ids=("ana", "cy"),
    )
    assert fields(record) == ["body.employer_member_ids", "body.co_chair_ids[1]"]


def test_the_term_ends_after_the_designation() -> None:
    """A term ending on the designation day is refused."""
    assert fields(designation(term_end=DAY)) == ["body.term_end"]


def test_a_site_covered_must_be_the_companys() -> None:
    """An unknown site id among the sites covered is named by its index."""
    assert fields(designation(site_ids=("yard", "moon"))) == ["body.site_ids[1]"]


# --- links -------------------------------------------------------------------------------------


def test_linked_ids_are_every_link_field_once() -> None:
    """Inspections then investigations, each id once; a kind without links names none."""
    record = meeting(inspection_ids=("i1", "i2"), investigation_ids=("n1", "i1"))
    assert linked_ids(record) == ("i1", "i2", "n1")
    assert linked_ids(designation()) == ()


def test_links_to_records_of_the_right_kind_pass() -> None:
    """An inspection and an incident, both standing: no problem."""
    record = meeting(inspection_ids=("i1",), investigation_ids=("n1",))
    assert link_problems(record, {"i1": INSPECTION, "n1": INCIDENT}) == []


def test_each_bad_link_is_named_with_its_reason() -> None:
    """Missing, of another kind, void and repeated links are each refused on their line."""
    record = meeting(inspection_ids=("gone", "n1", "old", "i1", "i1"))
    targets = {
        "n1": INCIDENT,
        "old": LinkTarget(RecordKind.INSPECTION, void=True),
        "i1": INSPECTION,
    }
    problems = link_problems(record, targets)
    assert problems == [
        FieldProblem("body.inspection_ids[0]", "no record has the id 'gone'; pick an inspection"),
        FieldProblem(
            "body.inspection_ids[1]",
            "is a record of the kind 'Incident / near miss', not an inspection; pick an inspection",
        ),
        FieldProblem("body.inspection_ids[2]", "is void; pick an inspection that stands"),
        FieldProblem("body.inspection_ids[4]", "names the same record twice; remove one"),
    ]


def test_linked_from_reads_the_links_backwards_skipping_void_records() -> None:
    """Each linked id lists the standing records that name it, oldest first."""
    later = replace(meeting(inspection_ids=("i1",)), id="m2", event_date=date(2027, 1, 19))
    first = meeting(inspection_ids=("i1",), investigation_ids=("n1",))
    void = replace(meeting(inspection_ids=("i9",)), id="m3", void_reason="wrong")
    talk = Record("t1", RecordKind.TOOLBOX_TALK, "Talk", DAY, None, ToolboxTalkBody("x", "ana", ()))
    found = linked_from([later, void, talk, first])
    assert {k: [r.id for r in v] for k, v in found.items()} == {
        "i1": ["m1", "m2"],
        "n1": ["m1"],
    }


# --- frequencies of kinds added after the first twelve -----------------------------------------


def test_a_company_that_never_declared_meetings_owes_them_quarterly() -> None:
    """A company saved before the kind existed gets the kind's default; a declared one wins."""
    older = Company("Acme", Province.AB)
    assert MEETING not in older.frequencies
    assert older.frequency_of(MEETING) is Frequency.QUARTERLY
    declared = replace(older, frequencies={**older.frequencies, MEETING: Frequency.YEARLY})
    assert declared.frequency_of(MEETING) is Frequency.YEARLY


def test_the_default_frequencies_stay_out_of_the_hashed_document() -> None:
    """New kinds do not grow the default: a company at the first twelve defaults still hashes
    without its frequencies, as companies saved by earlier versions did."""
    assert "frequencies" not in entity_data(Company("Acme", Province.AB))
    assert len(FROZEN_DEFAULT_FREQUENCIES) == 12
