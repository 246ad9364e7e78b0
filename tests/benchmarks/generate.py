"""A large synthetic company: ten workers over ten years, any number of records, fast.

Run: .venv/bin/python -m tests.benchmarks.generate DATA_DIR [N]   (default 100,000)

The data folder is a real one: created and migrated by ``open_services``, the company, its
sites and its ten workers saved through the services, then ``N`` records (mostly daily
field-level hazard assessments, weekly inspections and toolbox talks, and the quarterly,
yearly and as-needed kinds), signed by the workers they name, some with a photo, a few left as
drafts and a few voided. ``verify`` passes on the result.

What makes it fast is how the records are written, not what is written: every record goes
through the same code as a normal save (``validate_record``, the canonical form and content
hash, ``revision_flags``, the revision document and the chain link, ``mapping`` for the rows),
but up to 125,000 of them per transaction, a few thousand rows per ``executemany``, instead of one
unit of work (with its reads of the chain head and the company) and one commit per record.
Each record is saved once, already signed, so there is one revision per record.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import select

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain import canonical
from secor_desktop.domain.bodies import (
    AdminBody,
    AdminType,
    Body,
    ChecklistItem,
    ChecklistResult,
    Control,
    ControlLevel,
    DocumentBody,
    DocumentType,
    DrillBody,
    EmergencyPlanBody,
    FirstAidBody,
    FlhaBody,
    HazardAssessmentBody,
    HazardItem,
    IncidentBody,
    IncidentType,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
    TrainingBody,
)
from secor_desktop.domain.frameworks import load_bundled_pack
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.ledger import revision_flags
from secor_desktop.domain.model import Attachment, Company, Record, Signature, Site, Worker
from secor_desktop.domain.projection import COLUMNS as PROJECTION_COLUMNS
from secor_desktop.domain.projection import project, projection_row
from secor_desktop.domain.validation import Roster, validate_record
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import photo_jpeg, signature_png
from secor_desktop.services.facade import Services
from secor_desktop.storage import fulltext, mapping
from secor_desktop.storage import projection as stored_projection
from secor_desktop.storage.rows import RecordRow, RevisionRow
from secor_desktop.storage.uow import SqlUnitOfWork

GENERATOR_VERSION = 1
"""Bump when what ``generate`` makes changes, so kept data sets are made again."""
AS_OF = date(2026, 11, 2)
YEARS = 10
BATCH = 5_000
CHUNK_DAYS = 60
"""Working days planned together (a chunk is the unit of work of a worker process)."""
PARALLEL_FROM = 50_000
"""From this many records the planning runs in WORKERS processes beside the writer."""
WORKERS = 2
TRANSACTION = 125_000
"""Records per transaction: the 100,000 set in one; a million in eight (one 7 GB
write-ahead log would be no use to anyone)."""
PHOTO_POOL = 120  # distinct photos, reused (a photo per ~50 records)
SEARCH_WORD = "chimney"  # in about one record in a hundred, for the search benchmark

TASKS = [
    "Tear-off, north slope",
    "Shingle install",
    "Underlayment",
    "Ice and water shield",
    "Ridge vent",
    "Flashing at walls",
    "Soffit and fascia",
    "Eavestrough install",
    "Skylight framing",
    "Deck repair",
    "Loading shingles by conveyor",
    "Dumpster loading",
    "Metal roof panels",
    "Torch-on membrane",
    "Snow removal before work",
    "Gable end sheathing",
    "Valley install",
    "Drip edge",
    "Attic insulation check",
    "Site clean-up and magnet sweep",
]
RARE_TASK = "Chimney flashing and cricket"
HAZARDS = [
    ("Fall from the eave", 5, 2, ControlLevel.PPE, "Harness tied to a certified anchor"),
    ("Ladder slip", 4, 2, ControlLevel.ENGINEERING, "Ladder tied off, 3 ft above the eave"),
    ("Falling debris", 3, 3, ControlLevel.ADMINISTRATIVE, "Drop zone taped off below"),
    ("Heat stress", 3, 3, ControlLevel.ADMINISTRATIVE, "Water, shade, breaks every hour"),
    ("Nail gun misfire", 3, 2, ControlLevel.ENGINEERING, "Sequential trigger only"),
    ("Overhead power line", 5, 1, ControlLevel.ELIMINATION, "Utility shut-off requested"),
    ("Slippery deck (frost)", 4, 3, ControlLevel.ADMINISTRATIVE, "Start after the frost lifts"),
    ("Manual handling of bundles", 2, 4, ControlLevel.ENGINEERING, "Conveyor to the roof"),
    ("Torch fire", 5, 1, ControlLevel.ADMINISTRATIVE, "Fire watch for an hour after"),
    ("Cuts from metal edges", 2, 3, ControlLevel.PPE, "Cut-resistant gloves"),
]
SITES = [
    ("Main yard", "12 Industrial Rd, Red Deer AB"),
    ("Lakeview subdivision", "Lakeview Dr, Sylvan Lake AB"),
    ("Gasoline Alley retail", "37400 Hwy 2, Red Deer County AB"),
    ("Clearview school", "4500 Clearview Dr, Red Deer AB"),
    ("Blackfalds duplexes", "Womacks Rd, Blackfalds AB"),
]
CHECKLIST = [
    "Fire extinguisher charged and tagged",
    "First-aid kit stocked",
    "Ladders inspected and tagged",
    "Anchors certified",
    "Walkways clear",
    "Dumpster placed clear of power lines",
]
TOPICS = [
    "Ladder safety",
    "Fall arrest inspection",
    "Heat stress",
    "Cold weather work",
    "Housekeeping",
    "Hand tools",
    "Working near power lines",
    "Right to refuse",
    "Reporting near misses",
    "WHMIS labels",
]
NAMES = [
    ("Dana Kowalski", "Owner", EmploymentType.OWNER_OPERATOR),
    ("Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME),
    ("Sam Okafor", "Roofer", EmploymentType.FULL_TIME),
    ("Priya Nair", "Roofer", EmploymentType.FULL_TIME),
    ("Luc Bérubé", "Foreman", EmploymentType.FULL_TIME),
    ("Mateo García", "Roofer", EmploymentType.FULL_TIME),
    ("Hannah Schultz", "Labourer", EmploymentType.SEASONAL),
    ("Wei Chen", "Roofer", EmploymentType.FULL_TIME),
    ("Aiyana Cardinal", "Apprentice", EmploymentType.FULL_TIME),
    ("Tom O'Neill", "Labourer", EmploymentType.PART_TIME),
]


Made = tuple[Record, dict[str, Any]]
"""A record and its content, as ``canonical.record_content`` gives it."""


@dataclass(frozen=True)
class Generated:
    folder: Path
    services: Services
    records: int
    revisions: int
    photos: int
    seconds: float
    first_day: date
    last_day: date


def working_days(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass(frozen=True)
class Prepared:
    """A record's rows and revision text, made without the database (in any process)."""

    record: tuple[Any, ...]
    attachments: list[tuple[Any, ...]]
    signatures: list[tuple[Any, ...]]
    record_id: str
    event_date: date
    entered_at: datetime
    document: str
    content_sha256: str
    projection: tuple[Any, ...] = ()


CHECK_EVERY = 997
"""Every so many records, the shortcuts below are checked against the normal save's code."""


def content_of(record: Record) -> tuple[Record, dict[str, Any]]:
    """The record with its content hash, and its content (what ``with_content_hash`` and
    ``entity_data`` would each compute again)."""
    content = canonical.record_content(record)
    sha = canonical.sha256_hex(canonical.canonical_bytes(content))
    return replace(record, content_sha256=sha), content


def prepare(
    record: Record,
    content: dict[str, Any],
    entered_at: datetime,
    roster: Roster,
    *,
    check: bool = False,
) -> Prepared:
    """Validate a record and make its rows and its revision document, as a save would.

    The same functions as ``SqlUnitOfWork.save``: ``validate_record``, ``revision_document``,
    ``canonical_bytes`` and ``sha256_hex``; the content, encoded once by ``content_of``, is
    reused for the revision's data and the ``body_json`` (``check`` compares both with what
    ``canonical.entity_data`` and ``mapping`` give).
    """
    problems = validate_record(record, roster)
    if problems:
        raise ValueError(f"generated record {record.id} is invalid: {problems}")
    data = dict(content)
    data["signatures"] = [
        {
            "id": s.id,
            "signer_id": s.signer_id,
            "signer_name": s.signer_name,
            "meaning": s.meaning.value,
            "signed_at": s.signed_at.isoformat(),
            "image_sha256": s.image_sha256,
            "content_sha256": s.content_sha256,
        }
        for s in record.signatures
    ]
    data["void_reason"] = record.void_reason
    data["voided_at"] = record.voided_at.isoformat() if record.voided_at else None
    body_json = json.dumps(content["body"], sort_keys=True, ensure_ascii=False)
    if check:
        _check(record, data, body_json)
    doc = canonical.revision_document(
        canonical.ENTITY_RECORD, record.id, 1, record.event_date, entered_at, None, data
    )
    text = canonical.canonical_bytes(doc).decode("utf-8")
    return Prepared(
        record=(
            record.id,
            record.kind.value,
            record.title,
            record.event_date.isoformat(),
            record.site_id,
            body_json,
            record.status.value,
            record.void_reason,
            _utc(record.voided_at),
            record.content_sha256,
        ),
        attachments=[
            (record.id, pos, a.sha256, a.filename, a.media_type, a.size, a.caption)
            for pos, a in enumerate(record.attachments)
        ],
        signatures=[
            (
                sig.id,
                record.id,
                pos,
                sig.signer_id,
                sig.signer_name,
                sig.meaning.value,
                _utc(sig.signed_at),
                sig.image_sha256,
                sig.content_sha256,
            )
            for pos, sig in enumerate(record.signatures)
        ],
        record_id=record.id,
        event_date=record.event_date,
        entered_at=entered_at,
        document=text,
        content_sha256=canonical.sha256_hex(text.encode("utf-8")),
        projection=tuple(projection_row(project(record)).values()),
    )


def _check(record: Record, data: dict[str, Any], body_json: str) -> None:
    """The shortcuts give what the normal save's functions give."""
    assert canonical.with_content_hash(record).content_sha256 == record.content_sha256
    assert data == canonical.entity_data(record), record.id
    row = RecordRow()
    mapping.record_to_row(record, row)
    assert row.body_json == body_json, record.id
    assert projection_row(project(record)) == stored_projection.row_of(record), record.id
    for pos, sig in enumerate(record.signatures):
        mapped = mapping.signature_row(record.id, pos, sig)
        assert _utc(mapped.signed_at) == _utc(sig.signed_at)


class BulkWriter:
    """Appends prepared records to the tables and the chain, thousands per statement.

    What ``SqlUnitOfWork.save`` does after building the document: ``revision_flags`` against
    the previous revision, ``chain_next`` from the previous link, the rows. The chain head is
    carried in memory from record to record instead of read back from the table, which is all
    a single writer in one transaction needs.
    """

    def __init__(self, uow: SqlUnitOfWork, late_entry_days: int) -> None:
        self.uow = uow
        self.late_entry_days = late_entry_days
        last = uow.session.execute(
            select(RevisionRow.entered_at, RevisionRow.chain_sha256)
            .order_by(RevisionRow.seq.desc())
            .limit(1)
        ).first()
        self.prev_entered: datetime | None = last[0] if last else None
        self.prev_chain: str = last[1] if last else canonical.GENESIS
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in INSERTS}
        self.written = 0

    def append(self, p: Prepared) -> None:
        flags = revision_flags(
            first_revision=True,
            event_date=p.event_date,
            entered_at=p.entered_at,
            previous_entered_at=self.prev_entered,
            late_entry_days=self.late_entry_days,
        )
        chain = canonical.chain_next(self.prev_chain, p.content_sha256)
        self.rows["records"].append(p.record)
        self.rows["attachments"].extend(p.attachments)
        self.rows["signatures"].extend(p.signatures)
        self.rows["record_projection"].append(p.projection)
        self.rows["revisions"].append(
            (
                canonical.ENTITY_RECORD,
                p.record_id,
                1,
                p.event_date.isoformat(),
                _utc(p.entered_at),
                None,
                ",".join(flags),
                p.document,
                p.content_sha256,
                self.prev_chain,
                chain,
            )
        )
        self.prev_chain, self.prev_entered = chain, p.entered_at
        self.written += 1
        if len(self.rows["records"]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        connection = self.uow.session.connection()
        for table, rows in self.rows.items():  # parents first: records, then their children
            if rows:
                connection.exec_driver_sql(INSERTS[table], rows)
                rows.clear()


def _utc(moment: datetime | None) -> str | None:
    """As ``rows.UtcDateTime`` stores a date-time."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _insert(table: str, columns: str) -> str:
    names = [c.strip() for c in columns.split(",")]
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"


INSERTS = {
    "records": _insert(
        "records",
        "id, kind, title, event_date, site_id, body_json, status, void_reason, voided_at, "
        "content_sha256",
    ),
    "attachments": _insert(
        "attachments", "record_id, position, sha256, filename, media_type, size, caption"
    ),
    "signatures": _insert(
        "signatures",
        "id, record_id, position, signer_id, signer_name, meaning, signed_at, image_sha256, "
        "content_sha256",
    ),
    "revisions": _insert(
        "revisions",
        "entity_type, entity_id, revision, event_date, entered_at, reason, flags, document, "
        "content_sha256, prev_chain_sha256, chain_sha256",
    ),
    "record_projection": _insert("record_projection", ", ".join(PROJECTION_COLUMNS)),
}


class _Plan:
    """What the company records, day by day, to reach ``n`` records over ten years."""

    def __init__(self, services: Services, n: int, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.services: Services | None = services
        self.as_of = as_of
        self.days = working_days(as_of - timedelta(days=365 * YEARS + 2), as_of)
        self.first_day = self.days[0]
        self.workers: list[Worker] = []
        self.names: dict[str, str] = {}
        self.sites: list[Site] = []
        self.sign_images: dict[str, list[str]] = {}
        self.photos: list[Attachment] = []
        others = len(self.days) // 5 * 2 + len(self.days) // 60 * 6  # weekly and the rest
        self.flha_per_day = max(0.0, (n - others) / len(self.days))
        self.n = n

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def setup(self) -> None:
        s = self.services
        assert s is not None
        s.company.save(
            Company(
                name="Parkland Roofing Ltd.",
                province=Province.AB,
                wcb_account="7654321",
                certifying_partner="Alberta Construction Safety Association",
            )
        )
        for name, address in SITES:
            self.sites.append(s.roster.add_site(name, address))
        start = self.first_day - timedelta(days=30)
        for i, (name, role, employment) in enumerate(NAMES):
            worker = s.roster.add_worker(Worker("", name, role, employment, start, is_owner=i == 0))
            self.workers.append(worker)
            self.names[worker.id] = worker.name
            self.sign_images[worker.id] = [
                s.ctx.blobs.put(signature_png(self.rng)) for _ in range(8)
            ]
        for i in range(min(PHOTO_POOL, self.n // 50 + 1)):
            self.photos.append(
                s.records.attach_photo(photo_jpeg(self.rng), f"site-{i:03d}.jpg", "Site photo")
            )

    # --- one record ---------------------------------------------------------------------

    def record(
        self,
        kind: RecordKind,
        day: date,
        title: str,
        body: Body,
        signers: tuple[str, ...],
        *,
        site: Site | None = None,
        meaning: SignatureMeaning = SignatureMeaning.PERFORMED,
        photo: bool = False,
    ) -> Made:
        site = site or self.rng.choice(self.sites)
        attachments = (self.rng.choice(self.photos),) if photo else ()
        record, content = content_of(
            Record(self.new_id(), kind, title, day, site.id, body, attachments=attachments)
        )
        roll = self.rng.random()
        if roll < 0.01:  # left as a draft
            return record, content
        signed_at = datetime(day.year, day.month, day.day, 23, 0, tzinfo=UTC)
        names = self.names
        sigs = tuple(
            Signature(
                self.new_id(),
                w,
                names[w],
                meaning,
                signed_at,
                self.rng.choice(self.sign_images[w]),
                record.content_sha256,
            )
            for w in signers
        )
        record = replace(record, signatures=sigs)
        if roll > 0.998:
            record = replace(record, void_reason="Entered twice", voided_at=signed_at)
        return record, content

    def crew(self, size: int) -> tuple[str, ...]:
        return tuple(w.id for w in self.rng.sample(self.workers[1:], size))

    def flha(self, day: date) -> Made:
        rare = self.rng.random() < 0.01
        task = RARE_TASK if rare else self.rng.choice(TASKS)
        picked = self.rng.sample(HAZARDS, self.rng.randint(1, 3))
        hazards = tuple(
            HazardItem(task, h, sev, lik, (Control(level, control),))
            for h, sev, lik, level, control in picked
        )
        crew = self.crew(self.rng.randint(2, 3))
        site = self.rng.choice(self.sites[1:])
        title = f"{task} at {site.name}"
        return self.record(
            RecordKind.FLHA,
            day,
            title,
            FlhaBody(task, hazards, crew),
            crew,
            site=site,
            photo=self.rng.random() < 0.02,
        )

    def inspection(self, day: date) -> Made:
        inspector = self.workers[1].id
        items = tuple(
            ChecklistItem(
                text,
                ChecklistResult.DEFICIENT if self.rng.random() < 0.05 else ChecklistResult.OK,
                "Pallets in the aisle" if self.rng.random() < 0.02 else "",
            )
            for text in CHECKLIST
        )
        site = self.rng.choice(self.sites)
        body = InspectionBody(InspectionType.SITE, site.name, inspector, items)
        return self.record(
            RecordKind.INSPECTION,
            day,
            f"Weekly inspection, {site.name}",
            body,
            (inspector,),
            site=site,
            photo=self.rng.random() < 0.1,
        )

    def talk(self, day: date) -> Made:
        topic = self.rng.choice(TOPICS)
        attendees = self.crew(self.rng.randint(4, 8))
        body = ToolboxTalkBody(
            topic, self.workers[1].id, attendees, notes=f"Talked about {topic.lower()}."
        )
        return self.record(
            RecordKind.TOOLBOX_TALK,
            day,
            f"Toolbox talk: {topic}",
            body,
            attendees,
            meaning=SignatureMeaning.ATTENDED,
        )

    def occasional(self, day: date, i: int) -> Iterator[Made]:
        """Quarterly, yearly and as-needed records, one kind after another (every 60 days)."""
        lead, owner = self.workers[1].id, self.workers[0].id
        someone = self.rng.choice(self.workers[2:]).id
        site = self.rng.choice(self.sites)
        hazard = HazardItem(
            "Roofing",
            "Fall from the eave",
            5,
            2,
            (Control(ControlLevel.PPE, "Harness tied to an anchor"),),
        )
        yield self.record(
            RecordKind.HAZARD_ASSESSMENT,
            day,
            f"Hazard assessment, {site.name}",
            HazardAssessmentBody("Residential re-roof", (hazard,), lead),
            (lead,),
            site=site,
        )
        crew = self.crew(4)
        yield self.record(
            RecordKind.DRILL,
            day,
            "Fire drill",
            DrillBody("Fire in the shop", crew, 20, "Muster took 4 minutes"),
            crew,
        )
        yield self.record(
            RecordKind.ADMIN,
            day,
            "Safety meeting minutes",
            AdminBody(AdminType.MEETING_MINUTES, "Reviewed near misses and actions"),
            (lead,),
        )
        yield self.record(
            RecordKind.DOCUMENT,
            day,
            "Health and safety policy",
            DocumentBody(
                DocumentType.POLICY,
                f"v{i}",
                "We work safely or not at all.",
                owner,
                (
                    "policy",
                    "hazard_assessment_procedure",
                    "safe_work_practices",
                    "safe_work_procedures",
                    "orientation_checklist",
                    "training_plan",
                    "inspection_schedule",
                    "incident_reporting_procedure",
                    "records_procedure",
                    "responsibilities",
                ),
            ),
            (owner,),
            meaning=SignatureMeaning.ACKNOWLEDGED,
        )
        yield self.record(
            RecordKind.EMERGENCY_PLAN,
            day,
            f"Emergency plan, {site.name}",
            EmergencyPlanBody("Front gate", "911; office 403-555-0100", "Call, muster, count"),
            (lead,),
            site=site,
        )
        if i % 2 == 0:
            yield self.record(
                RecordKind.INCIDENT,
                day,
                "Near miss: bundle slid off the roof",
                IncidentBody(
                    IncidentType.NEAR_MISS,
                    "A bundle slid off the eave.",
                    (someone,),
                    "Bundle not secured",
                    "No bundle stops",
                    lead,
                    day,
                ),
                (lead,),
                site=site,
                photo=True,
            )
        else:
            yield self.record(
                RecordKind.FIRST_AID,
                day,
                "Cut on the hand",
                FirstAidBody(someone, "Small cut", "Cleaned and bandaged", lead),
                (lead,),
            )
        yield self.record(
            RecordKind.TRAINING,
            day,
            "Fall protection",
            TrainingBody(
                someone, "Fall protection", "Safety Association", day + timedelta(days=3 * 365)
            ),
            (someone,),
        )

    def chunks(self) -> list[range]:
        """The working days (by index) in chunks of CHUNK_DAYS, each planned on its own."""
        return [
            range(i, min(i + CHUNK_DAYS, len(self.days)))
            for i in range(0, len(self.days), CHUNK_DAYS)
        ]

    def records(self, days: range) -> Iterator[tuple[Record, dict[str, Any], datetime]]:
        """Every record of these days with the moment it was entered (its day, in order).

        Each chunk of days has its own random generator (seeded from the seed and the chunk),
        so the company comes out the same however many processes plan it.
        """
        self.rng = random.Random(f"{self.seed}:{days.start}")
        owed = (days.start * self.flha_per_day) % 1
        for i in days:
            day = self.days[i]
            base = datetime(day.year, day.month, day.day, 23, 30, tzinfo=UTC)
            todays: list[Made] = []
            if day.weekday() == 0:
                todays.append(self.talk(day))
            if day.weekday() == 2:
                todays.append(self.inspection(day))
            if i % 60 == 0:
                todays.extend(self.occasional(day, i // 60))
            owed += self.flha_per_day
            while owed >= 1:
                todays.append(self.flha(day))
                owed -= 1
            for j, (record, content) in enumerate(todays):
                yield record, content, base + timedelta(milliseconds=j)


def _prepare_days(job: tuple[_Plan, Roster, range]) -> list[Prepared]:
    """One chunk of days, planned and prepared (run in a worker process for big sets)."""
    plan, roster, days = job
    return [
        prepare(record, content, entered_at, roster, check=j % CHECK_EVERY == 0)
        for j, (record, content, entered_at) in enumerate(plan.records(days))
    ]


def _prepared(plan: _Plan, roster: Roster) -> Iterator[Prepared]:
    """Every record of the plan, prepared in day order: in two worker processes for big sets
    (planning, validating and hashing take most of the time; the database writes stay here)."""
    jobs = [(plan, roster, days) for days in plan.chunks()]
    if plan.n < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        for job in jobs:
            yield from _prepare_days(job)
        return
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        for chunk in pool.imap(_prepare_days, jobs):
            yield from chunk


def generate(folder: Path, n: int, *, seed: int = 1, as_of: date = AS_OF) -> Generated:
    """Make a data folder at ``folder`` holding about ``n`` records (see the module text)."""
    started = time.perf_counter()
    plan_clock = FixedClock(datetime(2016, 1, 1, 12, tzinfo=UTC))
    services = open_services(AppPaths(folder), plan_clock, startup_backup=False)
    plan = _Plan(services, n, seed, as_of)
    setup_day = plan.first_day - timedelta(days=1)
    plan_clock.set(datetime(setup_day.year, setup_day.month, setup_day.day, 6, tzinfo=UTC))
    plan.setup()
    plan_clock.set(datetime(as_of.year, as_of.month, as_of.day, 23, 59, tzinfo=UTC))
    with services.ctx.uow() as uow:
        company = uow.get_company()
        assert company is not None
        roster = Roster(
            today=as_of,
            workers={w.id: w for w in uow.list_workers()},
            sites={s.id: s for s in uow.list_sites()},
        )
    plan.services = None  # what the workers need is plain data from here on
    prepared = _prepared(plan, roster)
    written = 0
    while True:  # one transaction per TRANSACTION records
        with services.ctx.uow() as uow:
            writer = BulkWriter(uow, company.late_entry_days)
            with fulltext.deferred_indexing(uow.session.connection()):
                for item in islice(prepared, TRANSACTION):
                    writer.append(item)
                writer.flush()
            uow.commit()
            written += writer.written
            count, _head = uow.chain_head()
        if writer.written < TRANSACTION:
            break
    return Generated(
        folder=folder,
        services=services,
        records=written,
        revisions=count,
        photos=len(plan.photos),
        seconds=time.perf_counter() - started,
        first_day=plan.first_day,
        last_day=as_of,
    )


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    n = int(argv[1]) if len(argv) > 1 else 100_000
    made = generate(folder, n)
    pack = load_bundled_pack()
    print(
        f"{made.records:,} records, {made.revisions:,} revisions in {made.seconds:.1f} s "
        f"({made.first_day} to {made.last_day}), framework {pack.id}: {folder}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
