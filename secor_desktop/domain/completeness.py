"""What makes a record count as audit evidence: signed, not void, and complete.

An auditor looks for records that are dated, site-specific, complete and signed. Each kind
has its own idea of complete: every crew member signs an FLHA, every attendee a toolbox talk,
an orientation covers the three rights, an investigation names its root causes.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from secor_desktop.domain.bodies import (
    DrillBody,
    FlhaBody,
    HazardAssessmentBody,
    IncidentBody,
    InspectionBody,
    OrientationBody,
    ToolboxTalkBody,
)
from secor_desktop.domain.model import Record


def missing_for(record: Record, names: dict[str, str]) -> tuple[str, ...]:
    """What stops a record from counting, in words; empty when it counts.

    ``names`` maps worker ids to names, so the reasons can say who has not signed. This runs
    once per record on every readiness check (100,000 records and more), so it makes one pass
    over the signatures and builds nothing for a record that counts.
    """
    if record.void_reason is not None:
        return (f"it was voided ({record.void_reason})",)
    content = record.content_sha256
    signed_by = {s.signer_id for s in record.signatures if s.content_sha256 == content}
    if not signed_by:
        return ("it is not signed",)
    body = record.body
    if isinstance(body, FlhaBody):
        return _unsigned(body.crew_ids, "crew member", signed_by, names)
    if isinstance(body, ToolboxTalkBody):
        return _unsigned(body.attendee_ids, "attendee", signed_by, names)
    if isinstance(body, DrillBody):
        return _unsigned(body.participant_ids, "participant", signed_by, names)
    if isinstance(body, InspectionBody):
        return _unsigned((body.inspector_id,), "inspector", signed_by, names)
    if isinstance(body, HazardAssessmentBody):
        return _unsigned((body.assessed_by_id,), "assessor", signed_by, names)
    if isinstance(body, OrientationBody):
        rights = {
            "the right to know": body.right_to_know,
            "the right to participate": body.right_to_participate,
            "the right to refuse unsafe work": body.right_to_refuse,
        }
        return (
            _unsigned((body.worker_id,), "new worker", signed_by, names)
            + _unsigned((body.orienter_id,), "orienter", signed_by, names)
            + tuple(f"{right} is not ticked" for right, done in rights.items() if not done)
        )
    if isinstance(body, IncidentBody) and not body.root_causes.strip():
        return ("the investigation names no root cause",)
    return ()


def _unsigned(
    ids: tuple[str, ...], role: str, signed_by: set[str], names: dict[str, str]
) -> tuple[str, ...]:
    if signed_by.issuperset(ids):
        return ()
    return tuple(
        f"{role} {names.get(worker_id, worker_id)} has not signed"
        for worker_id in ids
        if worker_id not in signed_by
    )


# Who must have signed, by body type, for the common kinds: lets ``counts`` decide most
# records with one dictionary lookup and one set test.
REQUIRED_SIGNERS: dict[type, Callable[[Any], tuple[str, ...]]] = {
    FlhaBody: attrgetter("crew_ids"),
    ToolboxTalkBody: attrgetter("attendee_ids"),
    DrillBody: attrgetter("participant_ids"),
    InspectionBody: lambda b: (b.inspector_id,),
    HazardAssessmentBody: lambda b: (b.assessed_by_id,),
}


def counts(record: Record) -> bool:
    """True when the record surely counts (the fast path of ``missing_for``); False means
    "ask ``missing_for``", which also gives the reasons."""
    required = REQUIRED_SIGNERS.get(type(record.body))
    if required is None or record.void_reason is not None:
        return False
    content = record.content_sha256
    signed_by = {s.signer_id for s in record.signatures if s.content_sha256 == content}
    return bool(signed_by) and signed_by.issuperset(required(record.body))
