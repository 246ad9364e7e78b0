"""Records about people: training, orientations and incidents.

An orientation counts only once it covers the three rights; an incident once its
investigation names a root cause.
"""

from __future__ import annotations

from typing import cast

from secor_desktop.domain.bodies import IncidentBody, OrientationBody, TrainingBody
from secor_desktop.domain.kinds import Frequency, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, register, role
from secor_desktop.domain.validation import LONG_TEXT, SHORT_TEXT, FieldProblem, check_text

PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED
ATTENDED = SignatureMeaning.ATTENDED


def _training_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(TrainingBody, record.body)
    check_text(problems, "body.course", body.course, required=True, limit=SHORT_TEXT)
    if body.expiry is not None and body.expiry <= record.event_date:
        problems.append(FieldProblem("body.expiry", "must come after the completion date"))


def _orientation_incomplete(body: OrientationBody) -> tuple[str, ...]:
    rights = {
        "the right to know": body.right_to_know,
        "the right to participate": body.right_to_participate,
        "the right to refuse unsafe work": body.right_to_refuse,
    }
    return tuple(f"{right} is not ticked" for right, done in rights.items() if not done)


def _incident_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(IncidentBody, record.body)
    check_text(problems, "body.description", body.description, required=True, limit=LONG_TEXT)
    if body.investigation_date is not None and body.investigation_date < record.event_date:
        problems.append(FieldProblem("body.investigation_date", "comes before the incident itself"))
    for name in ("days_lost", "days_modified"):
        if getattr(body, name) < 0:
            problems.append(FieldProblem(f"body.{name}", "cannot be negative; enter 0 or more"))
    check_text(
        problems, "body.wcb_claim_number", body.wcb_claim_number, required=False, limit=SHORT_TEXT
    )


def _incident_incomplete(body: IncidentBody) -> tuple[str, ...]:
    if body.root_causes.strip():
        return ()
    return ("the investigation names no root cause",)


register(
    KindSpec(
        key="training",
        label="Training record",
        plural="Training records",
        body=TrainingBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule(
            (role("worker_id", "trainee", ATTENDED, ACKNOWLEDGED),), (PERFORMED, REVIEWED)
        ),
        default_meaning=PERFORMED,
        column=ListColumn("worker_id", "Worker", names_worker=True),
        worker_fields=("worker_id",),
        rules=_training_rules,
    )
)

register(
    KindSpec(
        key="orientation",
        label="Orientation",
        plural="Orientations",
        body=OrientationBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule(
            (
                role("worker_id", "new worker", ACKNOWLEDGED, ATTENDED, required=True),
                role("orienter_id", "orienter", PERFORMED, required=True),
            ),
            (REVIEWED,),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("worker_id", "Worker", names_worker=True),
        worker_fields=("worker_id", "orienter_id"),
        incomplete=_orientation_incomplete,
    )
)

register(
    KindSpec(
        key="incident",
        label="Incident / near miss",
        plural="Incidents / near misses",
        body=IncidentBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule(
            (
                role("investigated_by_id", "investigator", PERFORMED),
                role("people_ids", "person involved", PERFORMED, ACKNOWLEDGED),
            ),
            (REVIEWED,),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("incident_type", "Type"),
        worker_fields=("people_ids", "investigated_by_id"),
        rules=_incident_rules,
        incomplete=_incident_incomplete,
    )
)
