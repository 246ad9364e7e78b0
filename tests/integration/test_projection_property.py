"""The stored readiness projection equals a recomputation from the chain after every change.

Random sequences of saves, signatures, amendments, late attendees and voids run through the
real services on a real SQLite file (migrated by the real migrations); after each step every
``record_projection`` row, read with the stdlib ``sqlite3``, must be exactly what
``project`` gives for the record's newest revision in the chain.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    DocumentBody,
    DocumentType,
    InspectionBody,
    InspectionType,
    OrientationBody,
    ToolboxTalkBody,
    TrainingBody,
)
from secor_desktop.domain.canonical import ENTITY_RECORD, entity_from_data
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Record, Worker
from secor_desktop.domain.projection import COLUMNS, project, projection_row
from secor_desktop.domain.signing import allowed_meanings
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests.conftest import signature_png

CLOCK = FixedClock(datetime(2026, 11, 2, 17, tzinfo=UTC))
DAY = date(2026, 11, 2)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated folder with a company and three workers, copied for each example."""
    folder = tmp_path_factory.mktemp("template") / "data"
    services = open_services(AppPaths(folder), CLOCK)
    services.company.save(Company(name="Prairie Roofing Ltd.", province=Province.AB))
    for name, owner in (("Dana Kowalski", True), ("Zoe Tremblay", False), ("Sam Okafor", False)):
        services.roster.add_worker(
            Worker("", name, "Crew", EmploymentType.FULL_TIME, date(2024, 1, 1), is_owner=owner)
        )
    return folder


def body_for(kind: int, a: str, b: str, flag: bool) -> tuple[RecordKind, Any]:
    if kind == 0:
        return RecordKind.TOOLBOX_TALK, ToolboxTalkBody("Ladders", a, (a, b) if a != b else (a,))
    if kind == 1:
        expiry = DAY + timedelta(days=30) if flag else None
        return RecordKind.TRAINING, TrainingBody(a, "Fall protection", "ACSA", expiry)
    if kind == 2:
        rights = (True, True, flag)
        return RecordKind.ORIENTATION, OrientationBody(a, b, *rights, True, True, True)
    if kind == 3:
        doc_type = DocumentType.POLICY if flag else DocumentType.SAFE_WORK_PRACTICE
        return RecordKind.DOCUMENT, DocumentBody(doc_type, "1", "Our words.", a, ("policy",))
    items = (ChecklistItem("Guardrails in place", ChecklistResult.OK),)
    return RecordKind.INSPECTION, InspectionBody(InspectionType.SITE, "Yard", a, items)


def step(services: Services, workers: list[Worker], ids: list[str], op: tuple[Any, ...]) -> None:
    """One change through the services; a refusal (a rule said no) changes nothing."""
    name, n, w1, w2, flag = op
    a, b = workers[w1].id, workers[w2].id
    records = services.records
    if name == "save" or not ids:
        kind, body = body_for(n % 5, a, b, flag)
        saved = records.create(
            kind,
            title=f"Record {len(ids)}",
            event_date=DAY - timedelta(days=n),
            site_id=None,
            body=body,
        )
        ids.append(saved.id)
        return
    record = records.get(ids[n % len(ids)])
    if name == "sign":
        meanings = allowed_meanings(record, a)
        if meanings:
            records.sign(record.id, signer_id=a, meaning=meanings[0], image_png=signature_png(w1))
    elif name == "amend":
        body = (
            replace(record.body, course="Fall arrest")
            if flag and record.kind is RecordKind.TRAINING
            else record.body
        )
        records.update(
            record.id,
            title=record.title + " (corrected)",
            event_date=record.event_date - timedelta(days=1 if flag else 0),
            site_id=record.site_id,
            body=body,
            attachments=record.attachments,
            reason="Typing error corrected" if record.is_locked else None,
        )
    elif name == "attendee":
        records.add_to_sheet(record.id, b)
    else:
        records.void(record.id, "Entered twice")


def stored(db: Path) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM record_projection").fetchall()
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def from_chain(db: Path) -> dict[str, dict[str, Any]]:
    """Each record's projection worked out again from its newest revision document."""
    newest: dict[str, str] = {}
    with sqlite3.connect(db) as conn:
        query = "SELECT entity_id, document FROM revisions WHERE entity_type = ? ORDER BY seq"
        for entity_id, document in conn.execute(query, (ENTITY_RECORD,)):
            newest[entity_id] = document
    out = {}
    for entity_id, document in newest.items():
        record = entity_from_data(ENTITY_RECORD, json.loads(document)["data"])
        assert isinstance(record, Record)
        out[entity_id] = projection_row(project(record))
    return out


operation = st.tuples(
    st.sampled_from(["save", "sign", "sign", "amend", "attendee", "void"]),
    st.integers(0, 40),
    st.integers(0, 2),
    st.integers(0, 2),
    st.booleans(),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(operation, min_size=1, max_size=14))
def test_projection_equals_the_chain_after_every_change(
    template: Path, ops: list[tuple[Any, ...]]
) -> None:
    """After each save, signature, amendment, late attendee or void: stored == recomputed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(template, folder)
        services = open_services(AppPaths(folder), CLOCK)
        workers = sorted(services.roster.workers(), key=lambda w: w.name)
        ids: list[str] = []
        db = AppPaths(folder).database
        for op in ops:
            try:
                step(services, workers, ids, op)
                event(f"{op[0]}: done")
            except UserError:
                event(f"{op[0]}: refused")  # nothing saved; the check below still holds
            assert stored(db) == from_chain(db)
        assert len(stored(db)) == len(ids)
