"""What makes a record count as audit evidence: signed, not void, and complete.

An auditor looks for records that are dated, site-specific, complete and signed. Each kind
has its own idea of complete: every crew member signs an FLHA, every attendee a toolbox talk,
an orientation covers the three rights, an investigation names its root causes.
"""

from __future__ import annotations

from collections.abc import Callable
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
from secor_desktop.domain.signing import (
    current_signers,
    named,
    required_signers,
    rule_for,
    unsigned,
)


def missing_for(record: Record, names: dict[str, str]) -> tuple[str, ...]:
    """What stops a record from counting, in words; empty when it counts.

    ``names`` maps worker ids to names, so the reasons can say who has not signed. Who must
    sign comes from the kind's signing rule (domain/signing.py). This runs once per record on
    every readiness check (100,000 records and more), so it builds little for a record that
    counts.
    """
    if record.void_reason is not None:
        return (f"it was voided ({record.void_reason})",)
    signed_by = current_signers(record)
    if not signed_by:
        return ("it is not signed",)
    body = record.body
    reasons: tuple[str, ...] = ()
    for role in rule_for(body).roles:
        if role.required:
            reasons += unsigned(named(body, role), role.label, signed_by, names)
    if isinstance(body, OrientationBody):
        rights = {
            "the right to know": body.right_to_know,
            "the right to participate": body.right_to_participate,
            "the right to refuse unsafe work": body.right_to_refuse,
        }
        reasons += tuple(f"{right} is not ticked" for right, done in rights.items() if not done)
    if isinstance(body, IncidentBody) and not body.root_causes.strip():
        reasons += ("the investigation names no root cause",)
    return reasons


# Who must have signed, by body type, for the kinds whose only condition is their signers:
# lets ``counts`` (and readiness) decide most records with one lookup and one set test.
REQUIRED_SIGNERS: dict[type, Callable[[Any], tuple[str, ...]]] = {
    body_type: required_signers
    for body_type in (FlhaBody, ToolboxTalkBody, DrillBody, InspectionBody, HazardAssessmentBody)
}


def counts(record: Record) -> bool:
    """True when the record surely counts (the fast path of ``missing_for``); False means
    "ask ``missing_for``", which also gives the reasons."""
    required = REQUIRED_SIGNERS.get(type(record.body))
    if required is None or record.void_reason is not None:
        return False
    signed_by = current_signers(record)
    return bool(signed_by) and signed_by.issuperset(required(record.body))
