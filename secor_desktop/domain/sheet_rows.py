"""Rows of a spreadsheet turned into workers, sites or training records, with each row's problem
in words ("Row 7: start date '2025-02-30' is not a real date").

Pure: the service reads the file into text cells (``Table``); this module maps the columns by
their headers, parses each cell, builds the entity and checks it with the same rules as a
form (``validation.py``), so a row the preview accepts is a row the roster would accept.
Entities are built with an empty id; the service gives each one when it saves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import EmploymentType, RecordKind
from secor_desktop.domain.model import Record, Site, Worker
from secor_desktop.domain.validation import (
    SHORT_TEXT,
    FieldProblem,
    Roster,
    validate_record,
    validate_site,
    validate_worker,
)


class Target(StrEnum):
    WORKERS = "workers"
    SITES = "sites"
    TRAINING = "training"


@dataclass(frozen=True)
class Column:
    """A field a sheet can fill: its key, its label in sentences, whether the row needs it,
    and the headers people write for it (compared without case, spaces or punctuation)."""

    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


COLUMNS: dict[Target, tuple[Column, ...]] = {
    Target.WORKERS: (
        Column("name", "name", True, ("name", "full name", "worker", "employee", "worker name")),
        Column("role", "role", True, ("role", "position", "job", "job title", "title", "trade")),
        Column(
            "start_date",
            "start date",
            True,
            ("start date", "start", "hired", "hire date", "date hired", "started"),
        ),
        Column(
            "end_date",
            "end date",
            False,
            ("end date", "end", "left", "termination date", "last day", "date left"),
        ),
        Column(
            "employment_type",
            "employment type",
            False,
            ("employment type", "type", "employment", "status", "employment status"),
        ),
        Column("contact", "contact", False, ("contact", "phone", "email", "phone number")),
        Column("is_owner", "owner", False, ("owner", "is owner", "owner?")),
    ),
    Target.SITES: (
        Column("name", "name", True, ("name", "site", "site name", "location", "job site")),
        Column("address", "address", False, ("address", "street address", "where")),
    ),
    Target.TRAINING: (
        Column("worker", "worker", True, ("worker", "name", "full name", "employee", "trainee")),
        Column("course", "course", True, ("course", "training", "certificate", "course name")),
        Column(
            "date",
            "date",
            True,
            ("date", "completed", "date completed", "completion date", "issued", "issue date"),
        ),
        Column("provider", "provider", False, ("provider", "trainer", "instructor", "given by")),
        Column("expiry", "expiry", False, ("expiry", "expires", "expiry date", "valid until")),
        Column(
            "certificate_number",
            "certificate number",
            False,
            ("certificate number", "certificate no", "cert number", "cert no", "number"),
        ),
    ),
}

EMPLOYMENT_WORDS: dict[str, EmploymentType] = {
    "fulltime": EmploymentType.FULL_TIME,
    "ft": EmploymentType.FULL_TIME,
    "parttime": EmploymentType.PART_TIME,
    "pt": EmploymentType.PART_TIME,
    "seasonal": EmploymentType.SEASONAL,
    "temporary": EmploymentType.TEMPORARY,
    "temp": EmploymentType.TEMPORARY,
    "owneroperator": EmploymentType.OWNER_OPERATOR,
    "family": EmploymentType.FAMILY,
    "volunteer": EmploymentType.VOLUNTEER,
}
YES = {"yes", "y", "true", "1", "x", "owner"}
NO = {"", "no", "n", "false", "0"}
ISO_LIKE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
FORMULA_MARK = "\x00formula:"  # the service marks a formula cell's text with this prefix

Mapping_ = dict[str, int | None]  # field key -> column index (None: not in the sheet)


@dataclass(frozen=True)
class Table:
    """A sheet as text: its header row and its data rows, each numbered as the user sees it
    in their spreadsheet (blank rows are left out but keep the count)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: tuple[int, ...] = ()  # each row's number in the file; default: from row 2 on

    def number(self, offset: int) -> int:
        return self.numbers[offset] if self.numbers else offset + 2


@dataclass(frozen=True)
class PreviewRow:
    number: int  # the row number in the spreadsheet
    cells: tuple[str, ...]  # the sheet's cells, for display
    entity: Worker | Site | Record | None  # None when the row has a problem or is skipped
    problems: tuple[str, ...]  # sentences; any problem blocks the whole import
    note: str = ""  # e.g. "already on the roster: left as it is" (the row is skipped)


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9?]", "", unicodedata.normalize("NFKC", text).casefold())


def name_key(text: str) -> str:
    """Names compared as people mean them: NFC, case-folded, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def guess_mapping(target: Target, headers: Sequence[str]) -> Mapping_:
    """Each field to the first column whose header is one of its synonyms (each column used
    once, fields in declaration order)."""
    keys = [header_key(h) for h in headers]
    used: set[int] = set()
    mapping: Mapping_ = {}
    for column in COLUMNS[target]:
        wanted = {header_key(s) for s in column.synonyms}
        found = next((i for i, k in enumerate(keys) if k in wanted and i not in used), None)
        if found is not None:
            used.add(found)
        mapping[column.key] = found
    return mapping


def mapping_problems(target: Target, mapping: Mapping_) -> list[str]:
    """Required fields with no column, and columns chosen twice, in words."""
    problems = [
        f"No column is chosen for {c.label}; pick the column that holds it."
        for c in COLUMNS[target]
        if c.required and mapping.get(c.key) is None
    ]
    chosen = [i for i in mapping.values() if i is not None]
    if len(chosen) != len(set(chosen)):
        problems.append("The same column is chosen for two fields; choose each column once.")
    return problems


def parse_day(text: str) -> date | str:
    """A date written YYYY-MM-DD (or with / or .), else a sentence saying what is wrong."""
    match = ISO_LIKE.match(text.strip())
    if match is None:
        return f"'{text}' is not a date; write it as YYYY-MM-DD"
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return f"'{text}' is not a real date"


def parse_employment(text: str) -> EmploymentType | str:
    key = re.sub(r"[^a-z]", "", text.casefold())
    if not key:
        return EmploymentType.FULL_TIME
    found = EMPLOYMENT_WORDS.get(key)
    if found is None:
        choices = "full-time, part-time, seasonal, temporary, owner-operator, family, volunteer"
        return f"'{text}' is not an employment type; write one of {choices}"
    return found


class _Row:
    """One row's cells by field, collecting problems in words as they are parsed."""

    def __init__(self, target: Target, number: int, cells: tuple[str, ...], mapping: Mapping_):
        self.number = number
        self.labels = {c.key: c.label for c in COLUMNS[target]}
        # As a form stores text: NFC-normalised and trimmed (``services.context.clean``).
        self.values = {
            key: (
                unicodedata.normalize("NFC", cells[i]).strip()
                if i is not None and i < len(cells)
                else ""
            )
            for key, i in mapping.items()
        }
        self.problems: list[str] = []
        for key, value in self.values.items():
            if value.startswith(FORMULA_MARK):
                formula = value[len(FORMULA_MARK) :]
                self.say(f"{self.labels[key]} holds a formula ({formula}); type the value itself")
                self.values[key] = ""

    def say(self, words: str) -> None:
        self.problems.append(f"Row {self.number}: {words}.")

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def day(self, key: str, *, required: bool) -> date | None:
        value = self.text(key)
        if not value:
            if required:
                self.say(f"{self.labels[key]} is empty")
            return None
        parsed = parse_day(value)
        if isinstance(parsed, str):
            self.say(f"{self.labels[key]} {parsed}")
            return None
        return parsed

    def field_problems(self, problems: list[FieldProblem]) -> None:
        """The shared validation's problems, with the field named as the sheet names it."""
        for p in problems:
            field = p.field.removeprefix("body.")
            label = {"event_date": "date", "title": "course", "worker_id": "worker"}.get(field)
            self.say(f"{label or self.labels.get(field, field.replace('_', ' '))} {p.message}")


def check_workers(table: Table, mapping: Mapping_, existing: Sequence[Worker]) -> list[PreviewRow]:
    seen: dict[str, int] = {}
    on_roster = {name_key(w.name) for w in existing}
    out: list[PreviewRow] = []
    for offset, cells in enumerate(table.rows):
        row = _Row(Target.WORKERS, table.number(offset), cells, mapping)
        start = row.day("start_date", required=True)
        end = row.day("end_date", required=False)
        kind = parse_employment(row.text("employment_type"))
        if not isinstance(kind, EmploymentType):
            row.say(f"employment type {kind}")
        owner = row.text("is_owner").casefold()
        if owner not in YES | NO:
            row.say(f"owner '{row.text('is_owner')}' should be yes or no")
        worker = Worker(
            id="",
            name=row.text("name"),
            role=row.text("role"),
            employment_type=kind if isinstance(kind, EmploymentType) else EmploymentType.FULL_TIME,
            start_date=start or date.min,
            end_date=end,
            contact=row.text("contact"),
            is_owner=owner in YES,
        )
        problems = validate_worker(worker)
        row.field_problems([p for p in problems if start is not None or p.field != "end_date"])
        out.append(_finish(row, cells, worker, name_key(worker.name), seen, on_roster))
    return out


def check_sites(table: Table, mapping: Mapping_, existing: Sequence[Site]) -> list[PreviewRow]:
    seen: dict[str, int] = {}
    known = {name_key(s.name) for s in existing}
    out: list[PreviewRow] = []
    for offset, cells in enumerate(table.rows):
        row = _Row(Target.SITES, table.number(offset), cells, mapping)
        site = Site(id="", name=row.text("name"), address=row.text("address"))
        row.field_problems(validate_site(site))
        out.append(_finish(row, cells, site, name_key(site.name), seen, known))
    return out


def check_training(
    table: Table, mapping: Mapping_, roster: Roster, existing: Sequence[Record]
) -> list[PreviewRow]:
    """Training rows name a worker on the roster; a row already on record is skipped."""
    by_name = {name_key(w.name): w for w in roster.workers.values()}
    seen: dict[str, int] = {}
    known = {_training_key(r) for r in existing if isinstance(r.body, TrainingBody)}
    out: list[PreviewRow] = []
    for offset, cells in enumerate(table.rows):
        row = _Row(Target.TRAINING, table.number(offset), cells, mapping)
        completed = row.day("date", required=True)
        expiry = row.day("expiry", required=False)
        worker = by_name.get(name_key(row.text("worker")))
        if not row.text("worker"):
            row.say("worker is empty")
        elif worker is None:
            row.say(
                f"no worker called '{row.text('worker')}' is on the roster; "
                "import or add the workers first, or correct the name"
            )
        course = row.text("course")
        title = " — ".join(t for t in (course, worker.name if worker else "") if t)
        record = Record(
            id="",
            kind=RecordKind.TRAINING,
            title=title[:SHORT_TEXT],
            event_date=completed or roster.today,
            site_id=None,
            body=TrainingBody(
                worker_id=worker.id if worker else "",
                course=course,
                provider=row.text("provider"),
                expiry=expiry,
                certificate_number=row.text("certificate_number"),
            ),
        )
        # The worker was named above, the title is made from the course, and a missing date
        # was named too: the shared rules' words for those would only repeat it.
        skip = {"title", "body.worker_id"}
        if completed is None:
            skip |= {"event_date", "body.expiry"}
        row.field_problems([p for p in validate_record(record, roster) if p.field not in skip])
        key = _training_key(record)
        out.append(_finish(row, cells, record, key, seen, known))
    return out


def _training_key(record: Record) -> str:
    body = record.body
    assert isinstance(body, TrainingBody)
    return f"{body.worker_id}|{name_key(body.course)}|{record.event_date.isoformat()}"


def _finish(
    row: _Row,
    cells: tuple[str, ...],
    entity: Worker | Site | Record,
    key: str,
    seen: dict[str, int],
    known: set[str],
) -> PreviewRow:
    """Duplicates: a second row of the same item is a problem (which one is right?); an item
    already stored is skipped and said so."""
    if row.problems:
        return PreviewRow(row.number, cells, None, tuple(row.problems))
    if key in seen:
        row.say(f"repeats row {seen[key]}; remove one of them")
        return PreviewRow(row.number, cells, None, tuple(row.problems))
    seen[key] = row.number
    if key in known:
        return PreviewRow(row.number, cells, None, (), "already on record: left as it is")
    return PreviewRow(row.number, cells, entity, ())


def with_id(entity: Worker | Site | Record, new_id: str) -> Worker | Site | Record:
    return replace(entity, id=new_id)
