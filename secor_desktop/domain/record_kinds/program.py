"""Program records: emergency plans, drills, directive documents, first aid, administration.

A directive document is company-wide (a new one starts with no particular site), workers
acknowledge it, and it cannot be signed with a starter template's blank left in it.
"""

from __future__ import annotations

from typing import cast

from secor_desktop.domain.bodies import (
    AdminBody,
    DocumentBody,
    DrillBody,
    EmergencyPlanBody,
    FirstAidBody,
)
from secor_desktop.domain.kinds import Frequency, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, register, role
from secor_desktop.domain.starter import blanks
from secor_desktop.domain.validation import FieldProblem

PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED
ATTENDED = SignatureMeaning.ATTENDED


def _drill_rules(problems: list[FieldProblem], record: Record) -> None:
    if not 0 < cast(DrillBody, record.body).duration_minutes <= 24 * 60:
        problems.append(
            FieldProblem("body.duration_minutes", "must be between 1 and 1,440 minutes")
        )


def _admin_rules(problems: list[FieldProblem], record: Record) -> None:
    """A paper cannot stop holding before the day it was issued (the record's date)."""
    expiry = cast(AdminBody, record.body).expiry
    if expiry is not None and expiry < record.event_date:
        problems.append(
            FieldProblem(
                "body.expiry",
                f"is {expiry.isoformat()}, before the date issued "
                f"({record.event_date.isoformat()}): give the expiry printed on the paper",
            )
        )


def _document_blanks_left(body: DocumentBody) -> list[tuple[str, str]]:
    """A starter document signed with a blank left would approve a sentence with a hole."""
    left = blanks(body.text)
    if not left:
        return []
    names = ", ".join("{{" + name + "}}" for name in left)
    many = len(left) > 1
    return [
        (
            "body.text",
            f"fill in the blank{'s' if many else ''} {names} before signing: replace "
            f"{'each' if many else 'it'} with your company's own words",
        )
    ]


register(
    KindSpec(
        key="emergency_plan",
        label="Emergency response plan",
        plural="Emergency response plans",
        body=EmergencyPlanBody,
        frequency=Frequency.YEARLY,
        signing=SigningRule((), (PERFORMED, REVIEWED, ACKNOWLEDGED)),
        default_meaning=PERFORMED,
        column=ListColumn("muster_point", "Muster point"),
    )
)

register(
    KindSpec(
        key="drill",
        label="Emergency drill",
        plural="Emergency drills",
        body=DrillBody,
        frequency=Frequency.QUARTERLY,
        signing=SigningRule(
            (
                role(
                    "participant_ids",
                    "participant",
                    ATTENDED,
                    PERFORMED,
                    required=True,
                    sheet=True,
                ),
            ),
            (REVIEWED,),
        ),
        default_meaning=ATTENDED,
        column=ListColumn("scenario", "Scenario"),
        worker_fields=("participant_ids",),
        rules=_drill_rules,
    )
)

register(
    KindSpec(
        key="document",
        label="Policy / procedure document",
        plural="Policy / procedure documents",
        body=DocumentBody,
        frequency=Frequency.YEARLY,
        signing=SigningRule(
            (role("owner_id", "owner (approves)", PERFORMED),), (ACKNOWLEDGED, REVIEWED)
        ),
        default_meaning=ACKNOWLEDGED,
        column=ListColumn("doc_type", "Document type"),
        worker_fields=("owner_id",),
        before_signing=_document_blanks_left,
        company_wide=True,
    )
)

register(
    KindSpec(
        key="first_aid",
        label="First-aid / injury log entry",
        plural="First-aid / injury log entries",
        body=FirstAidBody,
        frequency=Frequency.AS_NEEDED,
        signing=SigningRule(
            (
                role("worker_id", "injured worker", ACKNOWLEDGED),
                role("first_aider_id", "first aider", PERFORMED),
            ),
            (REVIEWED,),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("worker_id", "Worker", names_worker=True),
        worker_fields=("worker_id", "first_aider_id"),
    )
)

register(
    KindSpec(
        key="admin",
        label="Program administration",
        plural="Program administration records",
        body=AdminBody,
        frequency=Frequency.QUARTERLY,
        signing=SigningRule(
            (role("attendee_ids", "attendee", ATTENDED, sheet=True),),
            (PERFORMED, REVIEWED, ACKNOWLEDGED),
        ),
        default_meaning=PERFORMED,
        column=ListColumn("admin_type", "Type"),
        worker_fields=("attendee_ids",),
        rules=_admin_rules,
    )
)
