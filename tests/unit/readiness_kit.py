"""Small builders for readiness tests: a four-element pack and signed records by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from itertools import count

from secor_desktop.domain.bodies import (
    Body,
    ChecklistItem,
    ChecklistResult,
    DocumentBody,
    DocumentType,
    IncidentBody,
    IncidentType,
    InspectionBody,
    InspectionType,
    OrientationBody,
    TrainingBody,
)
from secor_desktop.domain.canonical import with_content_hash
from secor_desktop.domain.frameworks import FrameworkPack, load_pack_text
from secor_desktop.domain.kinds import (
    EmploymentType,
    Frequency,
    Province,
    RecordKind,
    SignatureMeaning,
)
from secor_desktop.domain.model import Company, Record, Signature, Worker

OWNER = Worker(
    "own", "Dana Owner", "Owner", EmploymentType.OWNER_OPERATOR, date(2020, 1, 1), is_owner=True
)
LEAD = Worker("lead", "Sam Lead", "Lead", EmploymentType.FULL_TIME, date(2020, 1, 1))
WORKERS = (OWNER, LEAD)
_ids = count(1)


def _question(qid: str) -> dict[str, object]:
    return {
        "id": qid,
        "text": "Is it done?",
        "points": 10,
        "technique": "D",
        "na_allowed": False,
        "owner_operator_excluded": False,
    }


def pack() -> FrameworkPack:
    """A: inspections (weekly) + schedule; B: incidents (as needed) + procedure;
    C: policy documents + the policy; D: training and orientation, no documents."""
    elements = [
        {
            "code": "A",
            "name": "Inspections",
            "covers": "x",
            "evidence_kinds": ["inspection"],
            "directive_documents": [{"id": "inspection_schedule", "name": "Inspection schedule"}],
            "questions": [_question("A.1")],
        },
        {
            "code": "B",
            "name": "Incidents",
            "covers": "x",
            "evidence_kinds": ["incident"],
            "directive_documents": [{"id": "incident_procedure", "name": "Incident procedure"}],
            "questions": [_question("B.1")],
        },
        {
            "code": "C",
            "name": "Policy",
            "covers": "x",
            "evidence_kinds": ["document"],
            "directive_documents": [{"id": "policy", "name": "Health and safety policy"}],
            "questions": [_question("C.1")],
        },
        {
            "code": "D",
            "name": "Training",
            "covers": "x",
            "evidence_kinds": ["training", "orientation"],
            "questions": [_question("D.1")],
        },
    ]
    doc = {
        "id": "test",
        "name": "Test pack",
        "version": "1",
        "certifying_partner": "x",
        "provinces": ["AB"],
        "source": "tests",
        "thresholds": {
            "certification": {"overall_pct": 80, "element_floor_pct": 50},
            "maintenance": {"overall_pct": 80, "element_floor_pct": 50},
        },
        "record_span": {"one_year_months": 3, "three_year_months": 12},
        "elements": elements,
    }
    return load_pack_text(json.dumps(doc), "test-pack.json")


def company(**frequencies: Frequency) -> Company:
    base = Company(name="Test Co", province=Province.AB)
    merged = dict(base.frequencies)
    merged.update({RecordKind(k): v for k, v in frequencies.items()})
    return Company(name="Test Co", province=Province.AB, frequencies=merged)


def record(
    kind: RecordKind,
    day: date,
    body: Body,
    signers: tuple[str, ...] = ("lead",),
    signed_on: date | None = None,
    void: bool = False,
) -> Record:
    r = with_content_hash(Record(f"r{next(_ids)}", kind, f"{kind.value} {day}", day, None, body))
    when = datetime.combine(signed_on or day, time(12), UTC)
    sigs = tuple(
        Signature(
            f"s{next(_ids)}", w, w, SignatureMeaning.PERFORMED, when, "0" * 64, r.content_sha256
        )
        for w in signers
    )
    return Record(
        r.id,
        kind,
        r.title,
        day,
        None,
        body,
        signatures=sigs,
        void_reason="mistake" if void else None,
        content_sha256=r.content_sha256,
    )


def inspection(day: date, **kw: object) -> Record:
    body = InspectionBody(
        InspectionType.SITE, "Yard", "lead", (ChecklistItem("Exits clear", ChecklistResult.OK),)
    )
    return record(RecordKind.INSPECTION, day, body, **kw)  # type: ignore[arg-type]


def document(
    day: date,
    covers: tuple[str, ...],
    doc_type: DocumentType = DocumentType.OTHER,
    signers: tuple[str, ...] = ("own",),
    signed_on: date | None = None,
) -> Record:
    body = DocumentBody(doc_type, "1", "text", "own", covers)
    return record(RecordKind.DOCUMENT, day, body, signers, signed_on)


def incident(day: date, root_causes: str = "wet floor") -> Record:
    body = IncidentBody(IncidentType.NEAR_MISS, "slipped", ("lead",), "rain", root_causes, "lead")
    return record(RecordKind.INCIDENT, day, body)


def training(day: date, course: str, expiry: date | None, worker: str = "lead") -> Record:
    return record(
        RecordKind.TRAINING,
        day,
        TrainingBody(worker, course, "Red Cross", expiry),
        signers=(worker,),
    )


def orientation(day: date, worker: str = "lead", refuse: bool = True) -> Record:
    body = OrientationBody(worker, "own", True, True, refuse, True, True, True)
    return record(RecordKind.ORIENTATION, day, body, signers=(worker, "own"))


def all_documents(day: date) -> list[Record]:
    """Every directive document of the test pack, signed by the owner on ``day``."""
    return [
        document(day, ("inspection_schedule", "incident_procedure")),
        document(day, (), DocumentType.POLICY),
    ]
