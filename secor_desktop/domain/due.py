"""What is due: overdue, today, in the next days, and warnings whose window is open.

One pure function, ``due_items``, turns the company's promises (its declared frequencies, per
active site), the roster, the records, the corrective actions, the audit cycle and the province
deadlines into a to-do list. The Today page, ``secor-desktop due`` and the calendar file all
print this list, so they always agree.

Rules (each item says why it is there):

* **Declared frequencies, per site.** Kinds done at a site (``SITE_KINDS``) are owed once per
  period at each site active in that period; other kinds once per period for the company. A
  period is a working day (daily), an ISO week (weekly, due by its Friday), a calendar month
  or quarter (due by its last working day); a yearly kind is due 12 months after the last one.
  Each kind and site gives at most one item: the first period after the latest record (or,
  with no record yet, the current period) that the site is active in. Any record that is not
  void fulfils a period (a saved draft shows the work has started; the dashboard reports it
  while it stays unsigned). A site switched off or closed (``active_to`` before the day) owes
  nothing, nor do days outside its active dates.
* **Certificates** (the latest per worker and course, for workers on the roster that day)
  show from 90 days before expiry, with the 90/60/30-day warning they are in.
* **Corrective actions** still open, by their due date.
* **Document reviews**: the latest version of each policy or procedure (by title) is due for
  review a year after its date, or on its own review date when the body carries one.
* **Orientations** owed to each worker on the roster (not the owner) who has none, due on
  their first day.
* **The maintenance or recertification audit** whose window (``cycle.py``) opens by the
  horizon and that is not done yet.
* **Province deadlines** (``resources/provinces.json``), each from its reminder date.
* **Other workplace parties' papers** (``parties.py``): clearance letters, insurance and
  their workers' tickets, from 90 days before expiry, like certificates.

Buckets: overdue (due before the day), today, upcoming (due within ``days`` days) and
``later``: warnings whose window is open but whose date lies beyond the horizon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from secor_desktop.domain.bodies import DocumentBody, TrainingBody
from secor_desktop.domain.cycle import SlotStatus, assess_cycle
from secor_desktop.domain.due_periods import next_period, period_bounds
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.kinds import ActionStatus, Frequency, RecordKind, RecordStatus
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.months import add_months
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.parties import expiry_sentence, party_expiries, warn_from
from secor_desktop.domain.provinces import Deadline
from secor_desktop.domain.registry import owed, worker_refs
from secor_desktop.domain.training import WARN_90, training_matrix, training_status

DEFAULT_DAYS = 7
MAX_DAYS = 366

# Kinds done at a site: owed per active site. Other kinds are owed by the company as a whole.
SITE_KINDS = frozenset(
    {
        RecordKind.FLHA,
        RecordKind.INSPECTION,
        RecordKind.TOOLBOX_TALK,
        RecordKind.EMERGENCY_PLAN,
        RecordKind.DRILL,
    }
)
# Kinds whose due dates come from their own rule, not from the declared frequency.
OWN_RULE_KINDS = frozenset({RecordKind.DOCUMENT, RecordKind.TRAINING, RecordKind.ORIENTATION})
# The kinds whose every record the rule may read (certificates, document reviews,
# orientations, other parties' papers). Of any other kind it reads only the newest record at
# each site and for the company (the last one, the people to prefill): with those and these,
# ``due_items`` gives the same list as with every record.
REGISTER_KINDS = OWN_RULE_KINDS | {RecordKind(PARTY_KIND)}


class Bucket(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"
    LATER = "later"

    @property
    def label(self) -> str:
        return BUCKET_LABELS[self]


BUCKET_LABELS = {
    Bucket.OVERDUE: "Overdue",
    Bucket.TODAY: "Today",
    Bucket.UPCOMING: "This week",
    Bucket.LATER: "Coming up",
}


class Category(StrEnum):
    FREQUENCY = "frequency"
    CERTIFICATE = "certificate"
    ACTION = "action"
    DOCUMENT_REVIEW = "document_review"
    ORIENTATION = "orientation"
    AUDIT = "audit"
    DEADLINE = "deadline"
    PARTY = "party"  # another workplace party's clearance letter, insurance or ticket


@dataclass(frozen=True)
class Start:
    """What starts the item: a new record of ``kind`` prefilled, an open corrective action,
    or a self-evaluation of ``audit_type``; nothing to start when all are None."""

    kind: RecordKind | None = None
    title: str = ""
    site_id: str | None = None
    event_date: date | None = None
    people: tuple[str, ...] = ()
    fields: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    action_id: str | None = None
    audit_type: AuditType | None = None
    record_id: str | None = None  # an existing record to open (a register entry to amend)


@dataclass(frozen=True)
class DueItem:
    key: str  # stable identity: kind, site or worker, and due date (or the action's id)
    category: Category
    what: str
    due: date
    since: date | None
    why: str
    start: Start
    site_id: str | None = None
    site: str = ""
    worker_id: str | None = None
    worker: str = ""
    bucket: Bucket = Bucket.UPCOMING


@dataclass(frozen=True)
class DueList:
    as_of: date
    days: int
    items: tuple[DueItem, ...]

    @property
    def horizon(self) -> date:
        return self.as_of + timedelta(days=self.days)

    def in_bucket(self, bucket: Bucket) -> tuple[DueItem, ...]:
        return tuple(i for i in self.items if i.bucket is bucket)


@dataclass(frozen=True)
class DueInputs:
    company: Company
    sites: Sequence[Site]
    workers: Sequence[Worker]
    records: Sequence[Record]
    actions: Sequence[CorrectiveAction]
    audits: Sequence[tuple[date, AuditType]] = ()
    deadlines: Sequence[Deadline] = ()
    days_off: frozenset[date] = frozenset()  # holidays: no daily record is owed on them
    program_start: date | None = None  # the day the company was set up in the program


# --- periods ---------------------------------------------------------------------------


def _site_window(site: Site | None, start: date, due: date) -> tuple[date, date] | None:
    """The part of a period the site works in, or None when it is closed throughout."""
    if site is None:
        return start, due
    first = max(start, site.active_from or start)
    last = min(due, site.active_to or due)
    return (first, last) if first <= last else None


def _periodic(
    frequency: Frequency,
    latest: date | None,
    site: Site | None,
    ctx: _Context,
) -> tuple[date, date] | None:
    """(owed since, due by) of the first unmet period a kind owes at a site, if by the horizon."""
    as_of, horizon, off = ctx.as_of, ctx.horizon, ctx.inputs.days_off
    if frequency is Frequency.YEARLY:
        if latest is None:
            return as_of, as_of
        due = add_months(latest, 12)
        return (latest, due) if due <= horizon else None
    start, current_due = period_bounds(as_of, frequency, off)
    program_start = ctx.inputs.program_start
    if latest is not None:
        start = next_period(period_bounds(latest, frequency, off)[0], frequency)
    elif program_start is not None and current_due < program_start:
        # A period that ended before the company set up its program was never owed: a company
        # set up on a Saturday owes its first weekly record by the next Friday, not yesterday.
        start = next_period(start, frequency)
    while True:
        start, due = period_bounds(start, frequency, off)
        if due > horizon:
            return None
        window = _site_window(site, start, due) if due >= start else None
        if window is not None:
            return window
        start = next_period(start, frequency)


# --- the item sources ------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    inputs: DueInputs
    as_of: date
    horizon: date
    names: Mapping[str, str]
    on_roster: frozenset[str]
    records: tuple[Record, ...]  # not void, dated on or before the day, oldest first


def _people(record: Record | None, on_roster: frozenset[str]) -> dict[str, str | tuple[str, ...]]:
    """The people of the latest record of the kind at the site, still on the roster."""
    if record is None:
        return {}
    fields: dict[str, str | tuple[str, ...]] = {}
    for name, ids in worker_refs(record.kind, record.body).items():
        kept = tuple(i for i in ids if i in on_roster)
        if isinstance(getattr(record.body, name), tuple):
            fields[name] = kept
        elif kept:
            fields[name] = kept[0]
    return fields


def _frequency_items(ctx: _Context) -> Iterable[DueItem]:
    company = ctx.inputs.company
    sites = [s for s in ctx.inputs.sites if s.active]
    any_sites = bool(ctx.inputs.sites)
    # The latest record of each kind, anywhere and per site (records are oldest first).
    latest_of: dict[tuple[RecordKind, str | None], Record] = {}
    for record in ctx.records:
        latest_of[(record.kind, None)] = record
        latest_of[(record.kind, record.site_id or "")] = record
    for kind in RecordKind:
        frequency = company.frequency_of(kind)
        if frequency is Frequency.AS_NEEDED or kind in OWN_RULE_KINDS:
            continue
        if not owed(kind, lambda other: (other, None) in latest_of):
            continue
        places: list[Site | None] = list(sites) if kind in SITE_KINDS and any_sites else [None]
        for site in places:
            if site is not None and site.active_to is not None and site.active_to < ctx.as_of:
                continue
            latest = latest_of.get((kind, site.id if site else None))
            found = _periodic(frequency, latest.event_date if latest else None, site, ctx)
            if found is None:
                continue
            since, due = found
            last = f"last one {latest.event_date.isoformat()}" if latest else "none on record"
            fields = _people(latest, ctx.on_roster)
            site_id = site.id if site else None
            yield DueItem(
                key=f"{kind.value}|{site_id or '-'}|{due.isoformat()}",
                category=Category.FREQUENCY,
                what=kind.label,
                due=due,
                since=since,
                why=f"Declared {frequency.value} ({last}).",
                start=Start(
                    kind=kind,
                    site_id=site_id,
                    event_date=ctx.as_of,
                    people=tuple(dict.fromkeys(_flatten(fields))),
                    fields=fields,
                ),
                site_id=site_id,
                site=site.name if site else "",
            )


def _flatten(fields: Mapping[str, str | tuple[str, ...]]) -> Iterable[str]:
    for value in fields.values():
        yield from (value,) if isinstance(value, str) else value


def _certificate_items(ctx: _Context) -> Iterable[DueItem]:
    workers = [w for w in ctx.inputs.workers if w.id in ctx.on_roster]
    matrix = training_matrix(workers, ctx.records, ctx.as_of)
    by_id = {r.id: r for r in ctx.records}
    for cell in matrix.cells.values():
        if cell.expiry is None or cell.expiry - timedelta(days=WARN_90) > ctx.as_of:
            continue
        status = training_status(cell.expiry, ctx.as_of)
        left = (cell.expiry - ctx.as_of).days
        why = (
            f"Expired on {cell.expiry.isoformat()}."
            if left < 0
            else f"{status.label} ({left} day{'s' if left != 1 else ''} left)."
        )
        body = by_id[cell.record_id].body
        assert isinstance(body, TrainingBody)
        yield DueItem(
            key=f"certificate|{cell.worker_id}|{cell.course.casefold()}|{cell.expiry.isoformat()}",
            category=Category.CERTIFICATE,
            what=f"Renew {cell.course}",
            due=cell.expiry,
            since=cell.expiry - timedelta(days=WARN_90),
            why=why,
            start=Start(
                kind=RecordKind.TRAINING,
                title=cell.course,
                event_date=ctx.as_of,
                people=(cell.worker_id,),
                fields={
                    "worker_id": cell.worker_id,
                    "course": cell.course,
                    "provider": body.provider,
                },
            ),
            worker_id=cell.worker_id,
            worker=ctx.names.get(cell.worker_id, ""),
        )


def _action_items(ctx: _Context) -> Iterable[DueItem]:
    for action in ctx.inputs.actions:
        if action.created_date > ctx.as_of or action.due_date > ctx.horizon:
            continue  # not raised yet on the day, or not due within the horizon
        closed_by_then = action.closed_date is None or action.closed_date <= ctx.as_of
        if action.status is not ActionStatus.OPEN and closed_by_then:
            continue
        owner = action.owner_id or None
        yield DueItem(
            key=f"action|{action.id}",
            category=Category.ACTION,
            what=f"Corrective action: {action.description}",
            due=action.due_date,
            since=action.created_date,
            why=f"Open since {action.created_date.isoformat()}.",
            start=Start(action_id=action.id, people=(owner,) if owner else ()),
            worker_id=owner,
            worker=ctx.names.get(owner, "") if owner else "",
        )


def _document_items(ctx: _Context) -> Iterable[DueItem]:
    latest: dict[str, Record] = {}
    for record in ctx.records:
        if isinstance(record.body, DocumentBody):
            latest[" ".join(record.title.split()).casefold()] = record
    for name, record in latest.items():
        body = record.body
        assert isinstance(body, DocumentBody)
        review = getattr(body, "review_date", None)
        due = review if isinstance(review, date) else add_months(record.event_date, 12)
        if due > ctx.horizon:
            continue
        why = "Its review date." if isinstance(review, date) else "Reviewed at least yearly."
        yield DueItem(
            key=f"document|{name}|{due.isoformat()}",
            category=Category.DOCUMENT_REVIEW,
            what=f"Review {record.title}",
            due=due,
            since=record.event_date,
            why=f"{why} Current version dated {record.event_date.isoformat()}.",
            start=Start(
                kind=RecordKind.DOCUMENT,
                title=record.title,
                event_date=ctx.as_of,
                people=(body.owner_id,) if body.owner_id else (),
                fields={
                    "doc_type": body.doc_type.value,
                    "covers": body.covers,
                    "owner_id": body.owner_id,
                },
            ),
        )


def _orientation_items(ctx: _Context) -> Iterable[DueItem]:
    oriented = {
        getattr(r.body, "worker_id", "") for r in ctx.records if r.kind is RecordKind.ORIENTATION
    }
    for worker in ctx.inputs.workers:
        if worker.is_owner or worker.id in oriented or worker.start_date > ctx.horizon:
            continue
        if worker.end_date is not None and worker.end_date < ctx.as_of:
            continue
        yield DueItem(
            key=f"orientation|{worker.id}",
            category=Category.ORIENTATION,
            what="Orientation",
            due=worker.start_date,
            since=worker.start_date,
            why=f"Before starting work (first day {worker.start_date.isoformat()}).",
            start=Start(
                kind=RecordKind.ORIENTATION,
                event_date=ctx.as_of,
                people=(worker.id,),
                fields={"worker_id": worker.id},
            ),
            worker_id=worker.id,
            worker=worker.name,
        )


def _audit_items(ctx: _Context) -> Iterable[DueItem]:
    certificate = ctx.inputs.company.certificate_date
    if certificate is None:
        return
    held = [(day, kind) for day, kind in ctx.inputs.audits if day <= ctx.as_of]
    report = assess_cycle(certificate, held, ctx.as_of, None)
    for slot in report.slots:
        if slot.status is SlotStatus.DONE or slot.opens > ctx.horizon:
            continue
        yield DueItem(
            key=f"audit|{slot.audit_type.value}|{slot.target.isoformat()}",
            category=Category.AUDIT,
            what=slot.label,
            due=slot.due,
            since=slot.opens,
            why=(
                f"Window {slot.opens.isoformat()} to {slot.due.isoformat()} around the "
                f"certificate anniversary {slot.target.isoformat()}."
            ),
            start=Start(audit_type=slot.audit_type),
        )


def _deadline_items(ctx: _Context) -> Iterable[DueItem]:
    for deadline in ctx.inputs.deadlines:
        year = ctx.as_of.year
        due = date(year, deadline.month, deadline.day)
        if due < ctx.as_of:
            due = date(year + 1, deadline.month, deadline.day)
        since = due - timedelta(days=deadline.remind_days_before)
        if since > ctx.horizon:
            continue
        yield DueItem(
            key=f"deadline|{deadline.id}|{due.isoformat()}",
            category=Category.DEADLINE,
            what=deadline.label,
            due=due,
            since=since,
            why=f"Source: {deadline.source}",
            start=Start(),
        )


def _party_items(ctx: _Context) -> Iterable[DueItem]:
    for item in party_expiries(ctx.records, ctx.as_of):
        yield DueItem(
            key=f"party|{item.record_id}|{item.paper}|{item.what}|{item.expiry.isoformat()}",
            category=Category.PARTY,
            what=f"Renew {item.subject}",
            due=item.expiry,
            since=warn_from(item.expiry),
            why=expiry_sentence(item),
            start=Start(record_id=item.record_id),
            worker=item.party,
        )


# --- the list --------------------------------------------------------------------------


def _bucket(item: DueItem, as_of: date, horizon: date) -> Bucket:
    if item.due < as_of:
        return Bucket.OVERDUE
    if item.due == as_of:
        return Bucket.TODAY
    return Bucket.UPCOMING if item.due <= horizon else Bucket.LATER


SOURCES = (
    _frequency_items,
    _certificate_items,
    _action_items,
    _document_items,
    _orientation_items,
    _audit_items,
    _deadline_items,
    _party_items,
)


def due_items(inputs: DueInputs, as_of: date, days: int = DEFAULT_DAYS) -> DueList:
    """Everything due for the company on ``as_of`` and in the ``days`` days after it.

    Sorted by bucket, then due date, then what and where, so two runs print the same list.
    """
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 0 and {MAX_DAYS}")
    horizon = as_of + timedelta(days=days)
    records = tuple(
        sorted(
            (
                r
                for r in inputs.records
                if r.status is not RecordStatus.VOID and r.event_date <= as_of
            ),
            key=lambda r: r.event_date,
        )
    )
    ctx = _Context(
        inputs=inputs,
        as_of=as_of,
        horizon=horizon,
        names={w.id: w.name for w in inputs.workers},
        on_roster=frozenset(w.id for w in inputs.workers if w.active_on(as_of)),
        records=records,
    )
    items = [
        replace(item, bucket=_bucket(item, as_of, horizon)) for src in SOURCES for item in src(ctx)
    ]
    order = list(Bucket)
    items.sort(key=lambda i: (order.index(i.bucket), i.due, i.what, i.site, i.worker, i.key))
    return DueList(as_of=as_of, days=days, items=tuple(items))
