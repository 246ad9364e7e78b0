"""What each record kind holds beyond the common fields (date, site, title, signatures).

One frozen dataclass per kind. Which kind a body belongs to, and which of its fields name
workers, is said by the kind's declaration (``domain/record_kinds``, read through
``domain/registry``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from secor_desktop.domain.hs_bodies import HsDesignationBody, HsMeetingBody


class ControlLevel(StrEnum):
    """The hierarchy of controls, most effective first."""

    ELIMINATION = "elimination"
    SUBSTITUTION = "substitution"
    ENGINEERING = "engineering"
    ADMINISTRATIVE = "administrative"
    PPE = "ppe"


@dataclass(frozen=True, slots=True)
class Control:
    level: ControlLevel
    description: str


@dataclass(frozen=True, slots=True)
class HazardItem:
    """One task-hazard line: severity and likelihood are rated 1 (low) to 5 (high)."""

    task: str
    hazard: str
    severity: int
    likelihood: int
    controls: tuple[Control, ...] = ()

    @property
    def risk(self) -> int:
        return self.severity * self.likelihood


@dataclass(frozen=True, slots=True)
class HazardAssessmentBody:
    job: str
    hazards: tuple[HazardItem, ...]
    assessed_by_id: str
    review_reason: str = ""


@dataclass(frozen=True, slots=True)
class FlhaBody:
    task: str
    hazards: tuple[HazardItem, ...]
    crew_ids: tuple[str, ...]


class InspectionType(StrEnum):
    SITE = "site"
    EQUIPMENT = "equipment"
    VEHICLE = "vehicle"


class ChecklistResult(StrEnum):
    OK = "ok"
    DEFICIENT = "deficient"
    NA = "na"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    result: ChecklistResult
    note: str = ""


@dataclass(frozen=True, slots=True)
class InspectionBody:
    inspection_type: InspectionType
    target: str
    inspector_id: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True, slots=True)
class ToolboxTalkBody:
    topic: str
    presenter_id: str
    attendee_ids: tuple[str, ...]
    notes: str = ""
    concerns: str = ""


@dataclass(frozen=True, slots=True)
class TrainingBody:
    """The record's event date is the date the course was completed (the certificate's issue)."""

    worker_id: str
    course: str
    provider: str
    expiry: date | None = None
    certificate_number: str = ""


@dataclass(frozen=True, slots=True)
class OrientationBody:
    worker_id: str
    orienter_id: str
    right_to_know: bool
    right_to_participate: bool
    right_to_refuse: bool
    policy_reviewed: bool
    hazards_reviewed: bool
    emergency_procedures_reviewed: bool
    notes: str = ""
    # The other workplace party (subcontractor, self-employed worker, supplier) the oriented
    # worker came with, by its register name; empty for the company's own workers.
    party: str = ""


class IncidentType(StrEnum):
    INJURY = "injury"
    NEAR_MISS = "near_miss"
    PROPERTY_DAMAGE = "property_damage"
    ENVIRONMENTAL = "environmental"
    OTHER = "other"


class IncidentClass(StrEnum):
    """How an incident counts in the injury statistics (``domain/statistics``), least serious
    first within injuries; near misses and property damage hurt nobody."""

    FIRST_AID = "first_aid"
    MEDICAL_AID = "medical_aid"
    MODIFIED_WORK = "modified_work"
    LOST_TIME = "lost_time"
    FATALITY = "fatality"
    NEAR_MISS = "near_miss"
    PROPERTY_DAMAGE = "property_damage"


@dataclass(frozen=True, slots=True)
class IncidentBody:
    incident_type: IncidentType
    description: str
    people_ids: tuple[str, ...]
    immediate_causes: str = ""
    root_causes: str = ""
    investigated_by_id: str | None = None
    investigation_date: date | None = None
    # Added for the statistics (issue 19): optional, so bodies saved before them decode with
    # these defaults and, being left out of the canonical form at their default, keep their hash.
    classification: IncidentClass | None = None
    days_lost: int = 0
    days_modified: int = 0
    wcb_claim_number: str = ""


@dataclass(frozen=True, slots=True)
class EmergencyPlanBody:
    muster_point: str
    emergency_contacts: str
    procedures: str
    nearest_medical: str = ""


@dataclass(frozen=True, slots=True)
class DrillBody:
    scenario: str
    participant_ids: tuple[str, ...]
    duration_minutes: int
    lessons: str = ""


class DocumentType(StrEnum):
    POLICY = "policy"
    SAFE_WORK_PRACTICE = "safe_work_practice"
    SAFE_JOB_PROCEDURE = "safe_job_procedure"
    COMPANY_RULES = "company_rules"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class DocumentBody:
    """A directive document; workers acknowledge it by signing with meaning 'acknowledged'."""

    doc_type: DocumentType
    version: str
    text: str
    owner_id: str
    # Ids of the framework's directive documents this document fulfils (e.g. "policy",
    # "safe_work_procedures"); the framework pack lists them per element.
    covers: tuple[str, ...] = ()
    # The starter document it began as (empty for a document written from scratch), so the
    # editor can show which paragraphs are still the template's wording.
    template_id: str = ""
    template_version: str = ""
    review_due: date | None = None  # when the owner next reviews it (at least yearly)


@dataclass(frozen=True, slots=True)
class FirstAidBody:
    worker_id: str
    injury: str
    treatment: str
    first_aider_id: str | None = None
    wcb_claim: bool = False
    claim_number: str = ""
    lost_time: bool = False


class AdminType(StrEnum):
    PROGRAM_REVIEW = "program_review"
    MEETING_MINUTES = "meeting_minutes"
    INTERNAL_AUDIT = "internal_audit"
    RESPONSIBILITIES = "responsibilities"
    STATISTICS = "statistics"
    # The company's own papers a hiring client asks for (the prequalification pack prints
    # them and copies their attached files); ``AdminBody.expiry`` says until when each holds.
    SECOR_CERTIFICATE = "secor_certificate"
    WCB_CLEARANCE = "wcb_clearance"
    INSURANCE_CERTIFICATE = "insurance_certificate"


@dataclass(frozen=True, slots=True)
class AdminBody:
    admin_type: AdminType
    summary: str
    attendee_ids: tuple[str, ...] = ()
    # Until when a paper holds (a certificate, a WCB clearance letter, an insurance
    # certificate); the record's date is the day it was issued. Omitted when None, so older
    # records hash as they always did.
    expiry: date | None = None


class PartyType(StrEnum):
    """What kind of other workplace party an entry of the register is."""

    SUBCONTRACTOR = "subcontractor"
    SELF_EMPLOYED = "self_employed"
    SUPPLIER = "supplier"


@dataclass(frozen=True, slots=True)
class PartyTicket:
    """One of a party's workers and one ticket or course they hold (a line per ticket)."""

    worker: str
    ticket: str
    issued: date | None = None
    expiry: date | None = None


@dataclass(frozen=True, slots=True)
class WorkplacePartyBody:
    """A register entry for another workplace party. Renewing a clearance letter or a policy
    is an amendment of the entry, so its newest revision is the party as it stands.

    ``counts_toward_headcount`` None follows the province rule (``provinces.json``); True or
    False is the company's own answer, settled with its certifying partner. ``last_day`` is
    the last day the party works on the company's sites (None: still working there).
    """

    name: str
    party_type: PartyType
    contact: str = ""
    clearance_number: str = ""
    clearance_issued: date | None = None
    clearance_expiry: date | None = None
    insurer: str = ""
    policy_number: str = ""
    insurance_issued: date | None = None
    insurance_expiry: date | None = None
    counts_toward_headcount: bool | None = None
    last_day: date | None = None
    tickets: tuple[PartyTicket, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class HoursBody:
    """Hours worked in one month (the record's event date is the month's last day).

    Whole hours. ``worker_ids`` and ``worker_hours`` optionally split the total by worker, one
    figure per id in the same order; when given they must add up to ``total_hours`` (the
    editor fills the total in from them), so the statistics never read two different totals.
    """

    month: str  # "YYYY-MM"
    total_hours: int
    worker_ids: tuple[str, ...] = ()
    worker_hours: tuple[int, ...] = ()


Body = (
    HazardAssessmentBody
    | FlhaBody
    | InspectionBody
    | ToolboxTalkBody
    | TrainingBody
    | OrientationBody
    | IncidentBody
    | EmergencyPlanBody
    | DrillBody
    | DocumentBody
    | FirstAidBody
    | AdminBody
    | HsDesignationBody
    | HsMeetingBody
    | WorkplacePartyBody
    | HoursBody
)
