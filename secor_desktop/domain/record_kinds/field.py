"""Field records: hazard assessments, FLHAs, inspections and toolbox talks.

The week-by-week evidence that the program is in use; each counts once everyone it names as
doing the work has signed it.
"""

from __future__ import annotations

from typing import cast

from secor_desktop.domain.bodies import (
    FlhaBody,
    HazardAssessmentBody,
    HazardItem,
    InspectionBody,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import Frequency, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, register, role
from secor_desktop.domain.validation import MEDIUM_TEXT, FieldProblem, check_text

PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED
ATTENDED = SignatureMeaning.ATTENDED


def check_hazards(problems: list[FieldProblem], hazards: tuple[HazardItem, ...]) -> None:
    """At least one task-hazard line, each rated 1 to 5 and with a control."""
    if not hazards:
        problems.append(FieldProblem("body.hazards", "list at least one task and hazard"))
    for i, item in enumerate(hazards):
        path = f"body.hazards[{i}]"
        check_text(problems, f"{path}.task", item.task, required=True, limit=MEDIUM_TEXT)
        check_text(problems, f"{path}.hazard", item.hazard, required=True, limit=MEDIUM_TEXT)
        for name in ("severity", "likelihood"):
            if not 1 <= getattr(item, name) <= 5:
                problems.append(FieldProblem(f"{path}.{name}", "must be from 1 to 5"))
        if not item.controls:
            problems.append(FieldProblem(f"{path}.controls", "name at least one control"))
        for j, control in enumerate(item.controls):
            check_text(
                problems,
                f"{path}.controls[{j}].description",
                control.description,
                required=True,
                limit=MEDIUM_TEXT,
            )


def _hazard_assessment_rules(problems: list[FieldProblem], record: Record) -> None:
    check_hazards(problems, cast(HazardAssessmentBody, record.body).hazards)


def _flha_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(FlhaBody, record.body)
    check_hazards(problems, body.hazards)
    if not body.crew_ids:
        problems.append(FieldProblem("body.crew_ids", "list the crew who did the task"))


def _inspection_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(InspectionBody, record.body)
    if not body.items:
        problems.append(FieldProblem("body.items", "add at least one checklist item"))
    for i, item in enumerate(body.items):
        check_text(problems, f"body.items[{i}].text", item.text, required=True, limit=MEDIUM_TEXT)


register(
    KindSpec(
        key="hazard_assessment",
        label="Formal hazard assessment",
        plural="Formal hazard assessments",
        body=HazardAssessmentBody,
        frequency=Frequency.QUARTERLY,
        signing=SigningRule(
            (role("assessed_by_id", "assessor", PERFORMED, required=True),),
            (REVIEWED, ACKNOWLEDGED),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("job", "Job"),
        worker_fields=("assessed_by_id",),
        rules=_hazard_assessment_rules,
    )
)

register(
    KindSpec(
        key="flha",
        label="Field-level hazard assessment",
        plural="Field-level hazard assessments",
        body=FlhaBody,
        frequency=Frequency.DAILY,
        signing=SigningRule(
            (role("crew_ids", "crew member", PERFORMED, ATTENDED, required=True, sheet=True),),
            (REVIEWED,),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("task", "Task"),
        worker_fields=("crew_ids",),
        rules=_flha_rules,
    )
)

register(
    KindSpec(
        key="inspection",
        label="Inspection",
        plural="Inspections",
        body=InspectionBody,
        frequency=Frequency.WEEKLY,
        signing=SigningRule(
            (role("inspector_id", "inspector", PERFORMED, required=True),), (REVIEWED,)
        ),
        default_meaning=PERFORMED,
        column=ListColumn("target", "Inspected"),
        worker_fields=("inspector_id",),
        rules=_inspection_rules,
    )
)

register(
    KindSpec(
        key="toolbox_talk",
        label="Toolbox talk / safety meeting",
        plural="Toolbox talks / safety meetings",
        body=ToolboxTalkBody,
        frequency=Frequency.WEEKLY,
        signing=SigningRule(
            (
                role("presenter_id", "presenter", PERFORMED, required=True),
                role("attendee_ids", "attendee", ATTENDED, required=True, sheet=True),
            ),
            (REVIEWED,),
        ),
        default_meaning=ATTENDED,
        column=ListColumn("topic", "Topic"),
        worker_fields=("presenter_id", "attendee_ids"),
    )
)
