"""What makes a record count: every person it names has signed the content as it stands."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    Control,
    ControlLevel,
    DrillBody,
    FlhaBody,
    HazardAssessmentBody,
    HazardItem,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.completeness import counts, missing_for
from secor_desktop.domain.kinds import RecordKind
from tests.unit.readiness_kit import record

DAY = date(2026, 10, 1)
NAMES = {"lead": "Sam Lead", "own": "Dana Owner", "ana": "Ana Reyes"}
HAZARDS = (HazardItem("Roofing", "Fall", 4, 3, (Control(ControlLevel.PPE, "Harness"),)),)


def test_flha_counts_only_when_every_crew_member_has_signed() -> None:
    """An FLHA is not evidence until each crew member has signed it; the missing are named."""
    body = FlhaBody("Re-roof the shop", HAZARDS, ("lead", "ana"))
    partly = record(RecordKind.FLHA, DAY, body, signers=("lead",))
    fully = record(RecordKind.FLHA, DAY, body, signers=("lead", "ana"))
    assert missing_for(partly, NAMES) == ("crew member Ana Reyes has not signed",)
    assert not counts(partly)
    assert missing_for(fully, NAMES) == () and counts(fully)


def test_toolbox_talk_counts_only_when_every_attendee_has_signed() -> None:
    """A toolbox talk lists each attendee who has not signed the attendance."""
    body = ToolboxTalkBody("Ladders", "lead", ("lead", "own", "ana"))
    talk = record(RecordKind.TOOLBOX_TALK, DAY, body, signers=("lead",))
    assert missing_for(talk, NAMES) == (
        "attendee Dana Owner has not signed",
        "attendee Ana Reyes has not signed",
    )
    assert not counts(talk)


def test_drill_counts_only_when_every_participant_has_signed() -> None:
    """A drill counts only when every participant has signed."""
    body = DrillBody("Fire in the shop", ("lead", "own"), 12)
    drill = record(RecordKind.DRILL, DAY, body, signers=("own",))
    assert missing_for(drill, NAMES) == ("participant Sam Lead has not signed",)
    assert not counts(drill)


def test_inspection_needs_the_inspector_signature() -> None:
    """An inspection signed by someone other than its inspector does not count."""
    body = InspectionBody(
        InspectionType.SITE, "Yard", "lead", (ChecklistItem("Exits clear", ChecklistResult.OK),)
    )
    inspection = record(RecordKind.INSPECTION, DAY, body, signers=("own",))
    assert missing_for(inspection, NAMES) == ("inspector Sam Lead has not signed",)
    assert not counts(inspection)


def test_hazard_assessment_needs_the_assessor_signature() -> None:
    """A hazard assessment signed by someone other than its assessor does not count."""
    body = HazardAssessmentBody("Re-roof the shop", HAZARDS, "own")
    assessment = record(RecordKind.HAZARD_ASSESSMENT, DAY, body, signers=("lead",))
    assert missing_for(assessment, NAMES) == ("assessor Dana Owner has not signed",)
    assert not counts(assessment)


def test_unknown_signer_is_named_by_id() -> None:
    """A person missing from the name list is named by their id rather than dropped."""
    body = DrillBody("Fire in the shop", ("lead", "w-99"), 12)
    drill = record(RecordKind.DRILL, DAY, body, signers=("lead",))
    assert missing_for(drill, NAMES) == ("participant w-99 has not signed",)


def test_signature_on_earlier_content_does_not_count() -> None:
    """A signature made before the content changed is not a signature on the record."""
    body = DrillBody("Fire in the shop", ("lead",), 12)
    drill = record(RecordKind.DRILL, DAY, body, signers=("lead",))
    edited = replace(drill, content_sha256="f" * 64)
    assert missing_for(edited, NAMES) == ("it is not signed",)
    assert not counts(edited)


def test_a_signed_incident_naming_its_root_cause_counts() -> None:
    """An investigation that names a root cause leaves nothing missing."""
    from tests.unit.readiness_kit import incident

    assert missing_for(incident(DAY), NAMES) == ()
    assert missing_for(incident(DAY, root_causes=" "), NAMES) == (
        "the investigation names no root cause",
    )
