"""What ``verify`` reads, as plain rows: no ORM object is built for a record.

``verify`` reads every revision and every record of the data folder. Building a tracked ORM
instance per row, then a domain object, then encoding it again, cost far more than the check
itself (issue 20), so the ledger and the records are read here as plain tuples from the
driver, streamed, and the check works on them. Only what needs a closer look (a record that
differs from its newest revision, an unreadable row, the handful of company, site, worker,
action and evaluation rows) is read the ordinary, typed way, so every problem is worded
exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, select, text

from secor_desktop.domain import canonical
from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_COMPANY,
    ENTITY_EVALUATION,
    ENTITY_RECORD,
    ENTITY_SITE,
    ENTITY_WORKER,
    Entity,
)
from secor_desktop.domain.ledger import StoredColumns, StoredRevision
from secor_desktop.domain.projection import COLUMNS as PROJECTION_COLUMNS
from secor_desktop.storage import mapping
from secor_desktop.storage.rows import (
    ActionRow,
    AttachmentRow,
    CompanyRow,
    EvaluationRow,
    RecordRow,
    SignatureRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.unreadable import unreadable_rows
from secor_desktop.storage.uow import SqlUnitOfWork

_TABLE = cast(Callable[[Any], Table], lambda row_class: row_class.__table__)


@dataclass(frozen=True)
class EntityState:
    """An entity as its tables hold it now, or why it could not be read."""

    entity_type: str
    entity_id: str
    label: str
    entity: Entity | None
    problems: tuple[str, ...]


class RecordRowText(NamedTuple):
    """A ``records`` row as stored text (dates unparsed)."""

    id: str
    kind: str
    title: str
    event_date: str
    site_id: str | None
    body_json: str
    status: str
    void_reason: str | None
    voided_at: str | None
    content_sha256: str
    body_text: str | None = None
    """``body_json`` without its whitespace, as SQLite's ``json()`` writes it: the canonical
    text of the body when it was stored as the program stores it (keys sorted), so the body
    is not encoded again in Python. None when it is not JSON, or on PostgreSQL."""


class AttachmentText(NamedTuple):
    position: int
    sha256: str
    filename: str
    media_type: str
    size: int
    caption: str


class SignatureText(NamedTuple):
    position: int
    id: str
    signer_id: str
    signer_name: str
    meaning: str
    signed_at: str
    image_sha256: str
    content_sha256: str


def _driver(uow: SqlUnitOfWork) -> Any:
    return uow.session.connection()


def _cursor(uow: SqlUnitOfWork, sql: str) -> Any:
    """A plain driver cursor over ``sql`` in the unit of work's transaction (its snapshot):
    tuples as SQLite stores them, without a result wrapper per row."""
    cursor = _driver(uow).connection.driver_connection.cursor()
    cursor.arraysize = 1000
    return cursor.execute(sql)


def sizes(uow: SqlUnitOfWork) -> tuple[int, int]:
    """How many revisions and how many records there are (for progress)."""
    conn = _driver(uow)
    revisions = conn.exec_driver_sql("SELECT count(*) FROM revisions").scalar_one()
    records = conn.exec_driver_sql("SELECT count(*) FROM records").scalar_one()
    return int(revisions), int(records)


def revisions(uow: SqlUnitOfWork) -> Iterator[StoredRevision]:
    """Every revision in chain order, streamed, with the columns beside it as stored text."""
    result = _cursor(
        uow,
        "SELECT seq, entity_type, entity_id, revision, document, content_sha256,"
        " prev_chain_sha256, chain_sha256, event_date, entered_at, reason, flags"
        " FROM revisions ORDER BY seq",
    )
    for seq, etype, eid, number, doc, content, prev, link, *columns in result:
        yield StoredRevision(
            seq, etype, eid, number, doc, content, prev, link, StoredColumns(*columns)
        )


def revisions_with_a_wrong_entered_by(uow: SqlUnitOfWork) -> list[tuple[int, str, str]]:
    """Revisions (seq, type, id) whose ``entered_by`` the program's own writes cannot have
    left: on PostgreSQL one without a role (the server fills it on every insert, so it was
    written around the trigger), in a SQLite file one with any (the program writes none)."""
    conn = _driver(uow)
    if conn.dialect.name == "postgresql":
        wrong = "entered_by IS NULL OR entered_by = ''"
    else:
        wrong = "entered_by IS NOT NULL"
    rows = conn.execute(
        text(f"SELECT seq, entity_type, entity_id FROM revisions WHERE {wrong} ORDER BY seq")
    )
    return [(int(seq), str(etype), str(eid)) for seq, etype, eid in rows]


def document_at(uow: SqlUnitOfWork, seq: int) -> str | None:
    found = (
        _driver(uow)
        .execute(text("SELECT document FROM revisions WHERE seq = :seq"), {"seq": seq})
        .scalar_one_or_none()
    )
    return cast(str | None, found)


def documents_at_each(uow: SqlUnitOfWork, seqs: list[int]) -> Iterator[str]:
    """The documents of these revisions (a few hundred at a time)."""
    conn = _driver(uow)
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        marks = ", ".join(f":s{i}" for i in range(len(chunk)))
        rows = conn.execute(
            text(f"SELECT document FROM revisions WHERE seq IN ({marks})"),
            {f"s{i}": seq for i, seq in enumerate(chunk)},
        )
        for (document,) in rows:
            yield str(document)


def unreadable_records(uow: SqlUnitOfWork) -> dict[str, str]:
    """Records whose own row or one of whose signatures holds a broken date: id -> why."""
    s = uow.session
    bad = dict(unreadable_rows(s, RecordRow))
    for sig_id, why in unreadable_rows(s, SignatureRow).items():
        owner = s.scalar(select(SignatureRow.record_id).where(SignatureRow.id == sig_id))
        bad.setdefault(str(owner), f"one of its signatures: {why}")
    return bad


StoredProjection = tuple[Any, ...]
"""A stored ``record_projection`` row, its values in ``projection.COLUMNS`` order."""


def record_rows(
    uow: SqlUnitOfWork, leave_out: dict[str, str]
) -> Iterator[
    tuple[RecordRowText, list[AttachmentText], list[SignatureText], StoredProjection | None]
]:
    """Every record but ``leave_out``, in table order, with its attachments, its signatures
    and its stored readiness projection (None when it has none), read in the same pass."""
    atts: dict[str, list[AttachmentText]] = {}
    for record_id, *att in _cursor(
        uow,
        "SELECT record_id, position, sha256, filename, media_type, size, caption FROM attachments",
    ):
        atts.setdefault(record_id, []).append(AttachmentText(*att))
    sigs: dict[str, list[SignatureText]] = {}
    for record_id, *sig in _cursor(
        uow,
        "SELECT record_id, position, id, signer_id, signer_name, meaning, signed_at,"
        " image_sha256, content_sha256 FROM signatures",
    ):
        if record_id not in leave_out:
            sigs.setdefault(record_id, []).append(SignatureText(*sig))
    if _driver(uow).dialect.name == "sqlite":
        # json() keeps every string and number as written and drops only the whitespace
        # between tokens: json.dumps(sort_keys=True)'s text becomes the canonical text.
        body_text = "CASE WHEN json_valid(r.body_json) THEN json(r.body_json) END"
    else:
        body_text = "NULL"
    n = len(RecordRowText._fields)
    result = _cursor(
        uow,
        "SELECT r.id, r.kind, r.title, r.event_date, r.site_id, r.body_json, r.status,"
        f" r.void_reason, r.voided_at, r.content_sha256, {body_text},"
        f" {', '.join('p.' + c for c in PROJECTION_COLUMNS)}"
        " FROM records r LEFT JOIN record_projection p ON p.record_id = r.id",
    )
    for row in result:
        if row[0] not in leave_out:
            stored = row[n:] if row[n] is not None else None
            yield RecordRowText(*row[:n]), atts.get(row[0], []), sigs.get(row[0], []), stored


def read_record(uow: SqlUnitOfWork, record_id: str) -> EntityState:
    """One record read the ordinary, typed way, with every problem its rows show."""
    s = uow.session
    row = s.execute(select(_TABLE(RecordRow)).where(RecordRow.id == record_id)).one()
    atts = s.execute(
        select(_TABLE(AttachmentRow)).where(AttachmentRow.record_id == record_id)
    ).all()
    sigs = s.execute(select(_TABLE(SignatureRow)).where(SignatureRow.record_id == record_id)).all()
    label = f"{row.kind} record {row.title!r} of {row.event_date}"

    def load() -> tuple[Entity, tuple[str, ...]]:
        stored = mapping.record_from_rows(
            cast(RecordRow, row), cast(list[AttachmentRow], atts), cast(list[SignatureRow], sigs)
        )
        recomputed = canonical.with_content_hash(stored)
        problems: list[str] = []
        if recomputed.content_sha256 != row.content_sha256:
            problems.append("its content no longer matches its stored content hash")
        for name, rows in (("attachments", atts), ("signatures", sigs)):
            if sorted(r.position for r in rows) != list(range(len(rows))):
                problems.append(f"its {name} were reordered or removed")
        if recomputed.status.value != row.status:
            problems.append(f"its status reads {row.status!r} but its signatures say otherwise")
        return recomputed, tuple(problems)

    return _read(ENTITY_RECORD, record_id, label, load)


def other_entities(uow: SqlUnitOfWork) -> Iterator[EntityState]:
    """The company, sites, workers, corrective actions and evaluations (a few hundred rows at
    most), then the records that cannot be read, as ``verify`` has always listed them."""
    s = uow.session
    bad = {
        cls: unreadable_rows(s, cls)
        for cls in (CompanyRow, SiteRow, WorkerRow, ActionRow, EvaluationRow)
    }
    if bad[CompanyRow]:
        why = next(iter(bad[CompanyRow].values()))
        yield EntityState(
            ENTITY_COMPANY, "company", "company profile", None, (f"cannot be read: {why}",)
        )
    for cls, entity_type in (
        (SiteRow, ENTITY_SITE),
        (WorkerRow, ENTITY_WORKER),
        (ActionRow, ENTITY_ACTION),
        (EvaluationRow, ENTITY_EVALUATION),
    ):
        for pk, why in bad[cls].items():
            label = f"{entity_type.replace('_', ' ')} {pk}"
            yield EntityState(entity_type, pk, label, None, (f"cannot be read: {why}",))

    def rows(cls: Any) -> Any:
        table = _TABLE(cls)
        return s.execute(select(table).where(table.c.id.not_in(bad[cls])))

    for crow in rows(CompanyRow):
        yield _read(ENTITY_COMPANY, "company", "company profile", partial(_company, crow))
    for srow in rows(SiteRow):
        load = partial(_plain, mapping.site_from_row, srow)
        yield _read(ENTITY_SITE, srow.id, f"site {srow.name!r}", load)
    for wrow in rows(WorkerRow):
        load = partial(_plain, mapping.worker_from_row, wrow)
        yield _read(ENTITY_WORKER, wrow.id, f"worker {wrow.name!r}", load)
    for arow in rows(ActionRow):
        label = f"corrective action {arow.description[:60]!r}"
        yield _read(ENTITY_ACTION, arow.id, label, partial(_plain, mapping.action_from_row, arow))
    for erow in rows(EvaluationRow):
        label = f"{erow.audit_type} evaluation of {erow.eval_date}"
        load = partial(_plain, mapping.evaluation_from_row, erow)
        yield _read(ENTITY_EVALUATION, erow.id, label, load)


def _company(row: Any) -> tuple[Entity, tuple[str, ...]]:
    # Only row 1 is ever read by the program: another number hides the profile it shows.
    moved = () if row.id == 1 else (f"its row is number {row.id}, not 1",)
    return mapping.company_from_row(row), moved


def _plain(build: Callable[[Any], Entity], row: Any) -> tuple[Entity, tuple[str, ...]]:
    return build(row), ()


def _read(
    entity_type: str,
    entity_id: str,
    label: str,
    load: Callable[[], tuple[Entity, tuple[str, ...]]],
) -> EntityState:
    try:
        entity, problems = load()
    except (ValueError, TypeError, KeyError) as exc:
        return EntityState(entity_type, entity_id, label, None, (f"cannot be read: {exc}",))
    return EntityState(entity_type, entity_id, label, entity, problems)


def projection_rows(uow: SqlUnitOfWork) -> Iterator[StoredProjection]:
    """Every stored readiness projection row, as the database stores it."""
    yield from _cursor(uow, f"SELECT {', '.join(PROJECTION_COLUMNS)} FROM record_projection")
