"""What makes a record count as audit evidence: signed, not void, and complete.

An auditor looks for records that are dated, site-specific, complete and signed. Each kind
has its own idea of complete: every crew member signs an FLHA, every attendee a toolbox talk,
an orientation covers the three rights, an investigation names its root causes.
"""

from __future__ import annotations

from secor_desktop.domain.bodies import (
    DrillBody,
    FlhaBody,
    HazardAssessmentBody,
    IncidentBody,
    InspectionBody,
    OrientationBody,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import RecordStatus
from secor_desktop.domain.model import Record


def missing_for(record: Record, names: dict[str, str]) -> tuple[str, ...]:
    """What stops a record from counting, in words; empty when it counts.

    ``names`` maps worker ids to names, so the reasons can say who has not signed.
    """
    if record.status is RecordStatus.VOID:
        return ("it is void",)
    signed_by = {s.signer_id for s in record.current_signatures}
    if not signed_by:
        return ("it is not signed",)
    missing: list[str] = []

    def must_sign(ids: tuple[str, ...], role: str) -> None:
        for worker_id in ids:
            if worker_id not in signed_by:
                missing.append(f"{role} {names.get(worker_id, worker_id)} has not signed")

    body = record.body
    if isinstance(body, FlhaBody):
        must_sign(body.crew_ids, "crew member")
    elif isinstance(body, ToolboxTalkBody):
        must_sign(body.attendee_ids, "attendee")
    elif isinstance(body, DrillBody):
        must_sign(body.participant_ids, "participant")
    elif isinstance(body, InspectionBody):
        must_sign((body.inspector_id,), "inspector")
    elif isinstance(body, HazardAssessmentBody):
        must_sign((body.assessed_by_id,), "assessor")
    elif isinstance(body, OrientationBody):
        must_sign((body.worker_id,), "new worker")
        must_sign((body.orienter_id,), "orienter")
        rights = {
            "the right to know": body.right_to_know,
            "the right to participate": body.right_to_participate,
            "the right to refuse unsafe work": body.right_to_refuse,
        }
        missing.extend(f"{right} is not ticked" for right, done in rights.items() if not done)
    elif isinstance(body, IncidentBody) and not body.root_causes.strip():
        missing.append("the investigation names no root cause")
    return tuple(missing)
