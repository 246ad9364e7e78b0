"""The health and safety representative or joint committee: designations and meetings.

A designation counts once the person designating (the owner) and the representative (or each
worker member) have signed it: the owner designates, they accept; a committee's employer
members are asked to sign in the same round. A meeting counts once every attendee
has signed its minutes; meetings are owed quarterly by default, once a representative or
committee is designated (``owed_after``). A meeting names the
inspections and investigations the representative or committee took part in (``links``).
"""

from __future__ import annotations

from typing import cast

from secor_desktop.domain.hs_bodies import HsArrangement, HsDesignationBody, HsMeetingBody
from secor_desktop.domain.kinds import Frequency, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import (
    KindSpec,
    ListColumn,
    RecordLink,
    SigningRule,
    register,
    role,
)
from secor_desktop.domain.validation import MEDIUM_TEXT, FieldProblem, check_text

PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED
ATTENDED = SignatureMeaning.ATTENDED
ACCEPTS = ACKNOWLEDGED  # a member accepts the designation by acknowledging it
MEMBERS = ("worker_member_ids", "employer_member_ids", "co_chair_ids")


def _designation_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(HsDesignationBody, record.body)
    committee = body.arrangement is HsArrangement.COMMITTEE
    if not body.worker_member_ids:
        who = "the committee's worker members" if committee else "the representative"
        problems.append(FieldProblem("body.worker_member_ids", f"name {who}"))
    if committee and not body.employer_member_ids:
        problems.append(
            FieldProblem("body.employer_member_ids", "name the committee's employer members")
        )
    if not committee:
        for name in MEMBERS[1:]:
            if getattr(body, name):
                problems.append(
                    FieldProblem(f"body.{name}", "is for a committee; a representative has none")
                )
    members = {*body.worker_member_ids, *body.employer_member_ids}
    both = set(body.worker_member_ids) & set(body.employer_member_ids)
    if both:
        problems.append(
            FieldProblem("body.employer_member_ids", "names a worker member too; pick one side")
        )
    for i, worker_id in enumerate(body.co_chair_ids):
        if worker_id not in members:
            problems.append(FieldProblem(f"body.co_chair_ids[{i}]", "is not a committee member"))
    if body.term_end is not None and body.term_end <= record.event_date:
        problems.append(FieldProblem("body.term_end", "must come after the designation date"))
    check_text(problems, "body.training", body.training, required=False, limit=MEDIUM_TEXT)


def _meeting_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(HsMeetingBody, record.body)
    if not body.attendee_ids:
        problems.append(FieldProblem("body.attendee_ids", "tick at least one attendee"))
    check_text(problems, "body.agenda", body.agenda, required=True, limit=MEDIUM_TEXT)
    for i, item in enumerate(body.recommendations):
        path = f"body.recommendations[{i}]"
        check_text(problems, f"{path}.text", item.text, required=True, limit=MEDIUM_TEXT)
    if body.next_meeting is not None and body.next_meeting <= record.event_date:
        problems.append(FieldProblem("body.next_meeting", "must come after this meeting"))


HS_DESIGNATION = register(
    KindSpec(
        key="hs_designation",
        label="H&S representative/committee",
        plural="H&S representative/committee designations",
        body=HsDesignationBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule(
            (
                role("designated_by_id", "owner (designates)", PERFORMED, required=True),
                role("worker_member_ids", "representative (accepts)", ACCEPTS, required=True),
                # Asked to sign in the round, but not required: a representative has none.
                role("employer_member_ids", "employer member (accepts)", ACCEPTS),
            ),
            (REVIEWED,),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("arrangement", "Arrangement"),
        worker_fields=("designated_by_id", *MEMBERS),
        rules=_designation_rules,
        company_wide=True,
    )
)

HS_MEETING = register(
    KindSpec(
        key="hs_meeting",
        label="H&S meeting minutes",
        plural="H&S meeting minutes",
        body=HsMeetingBody,
        frequency=Frequency.QUARTERLY,
        owed_after="hs_designation",
        signing=SigningRule(
            (role("attendee_ids", "attendee", ATTENDED, required=True, sheet=True),),
            (PERFORMED, REVIEWED),
        ),
        default_meaning=ATTENDED,
        column=ListColumn("agenda", "Agenda"),
        worker_fields=("attendee_ids",),
        rules=_meeting_rules,
        company_wide=True,
        links=(
            RecordLink("inspection_ids", ("inspection",), "an inspection"),
            RecordLink("investigation_ids", ("incident",), "an incident investigation"),
        ),
    )
)
