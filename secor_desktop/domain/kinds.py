"""The record kinds a SECOR program produces, and the vocabularies they share.

Which audit element a kind counts for is *not* decided here: that mapping lives in the
framework pack data files, so a certifying partner's framework can be swapped without code.
"""

from __future__ import annotations

from enum import StrEnum


class RecordKind(StrEnum):
    """Every kind of field or program record the safety lead logs."""

    HAZARD_ASSESSMENT = "hazard_assessment"
    FLHA = "flha"
    INSPECTION = "inspection"
    TOOLBOX_TALK = "toolbox_talk"
    TRAINING = "training"
    ORIENTATION = "orientation"
    INCIDENT = "incident"
    EMERGENCY_PLAN = "emergency_plan"
    DRILL = "drill"
    DOCUMENT = "document"
    FIRST_AID = "first_aid"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def plural(self) -> str:
        """The label for several records, as a sentence starts: "Inspections: none since ..."."""
        return KIND_PLURALS[self]


KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.HAZARD_ASSESSMENT: "Formal hazard assessment",
    RecordKind.FLHA: "Field-level hazard assessment",
    RecordKind.INSPECTION: "Inspection",
    RecordKind.TOOLBOX_TALK: "Toolbox talk / safety meeting",
    RecordKind.TRAINING: "Training record",
    RecordKind.ORIENTATION: "Orientation",
    RecordKind.INCIDENT: "Incident / near miss",
    RecordKind.EMERGENCY_PLAN: "Emergency response plan",
    RecordKind.DRILL: "Emergency drill",
    RecordKind.DOCUMENT: "Policy / procedure document",
    RecordKind.FIRST_AID: "First-aid / injury log entry",
    RecordKind.ADMIN: "Program administration",
}

KIND_PLURALS: dict[RecordKind, str] = {
    RecordKind.HAZARD_ASSESSMENT: "Formal hazard assessments",
    RecordKind.FLHA: "Field-level hazard assessments",
    RecordKind.INSPECTION: "Inspections",
    RecordKind.TOOLBOX_TALK: "Toolbox talks / safety meetings",
    RecordKind.TRAINING: "Training records",
    RecordKind.ORIENTATION: "Orientations",
    RecordKind.INCIDENT: "Incidents / near misses",
    RecordKind.EMERGENCY_PLAN: "Emergency response plans",
    RecordKind.DRILL: "Emergency drills",
    RecordKind.DOCUMENT: "Policy / procedure documents",
    RecordKind.FIRST_AID: "First-aid / injury log entries",
    RecordKind.ADMIN: "Program administration records",
}


class Frequency(StrEnum):
    """How often the company declares it produces a record kind (its own program's promise)."""

    DAILY = "daily"  # every working day (Monday to Friday)
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"  # per event: per hire, per incident, per new job


DEFAULT_FREQUENCIES: dict[RecordKind, Frequency] = {
    RecordKind.HAZARD_ASSESSMENT: Frequency.QUARTERLY,
    RecordKind.FLHA: Frequency.DAILY,
    RecordKind.INSPECTION: Frequency.WEEKLY,
    RecordKind.TOOLBOX_TALK: Frequency.WEEKLY,
    RecordKind.TRAINING: Frequency.AS_NEEDED,
    RecordKind.ORIENTATION: Frequency.AS_NEEDED,
    RecordKind.INCIDENT: Frequency.AS_NEEDED,
    RecordKind.EMERGENCY_PLAN: Frequency.YEARLY,
    RecordKind.DRILL: Frequency.QUARTERLY,
    RecordKind.DOCUMENT: Frequency.YEARLY,
    RecordKind.FIRST_AID: Frequency.AS_NEEDED,
    RecordKind.ADMIN: Frequency.QUARTERLY,
}


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    SEASONAL = "seasonal"
    TEMPORARY = "temporary"
    OWNER_OPERATOR = "owner_operator"
    FAMILY = "family"
    VOLUNTEER = "volunteer"


class SignatureMeaning(StrEnum):
    """What a signer attests to (21 CFR 11 asks that a signature carry its meaning)."""

    PERFORMED = "performed"
    REVIEWED = "reviewed"
    ACKNOWLEDGED = "acknowledged"
    ATTENDED = "attended"


class RecordStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    VOID = "void"


class ActionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Province(StrEnum):
    AB = "AB"
    BC = "BC"
    SK = "SK"
    MB = "MB"
    ON = "ON"
