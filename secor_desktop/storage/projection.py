"""The stored readiness projection: written with each record, read by readiness with SQL.

Each row is ``domain.projection.projection_row`` of ``project(record)``: nothing here decides
what a record projects to, only where it goes. Every path that writes a record writes its
row in the same transaction (a save, a signature, an amendment or a void through
``entity_writes``; a bundle replayed through ``bulk``), so a crash cannot leave them apart.
Migration 0005 fills it once for the records already there (``backfill``).

Readiness reads it in four queries (``record_facts``): the counting records' dates, grouped
by kind and day; the counting records of the kinds it looks into; the records that do not
count; the kinds of the records corrective actions came from. Nothing is decoded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from secor_desktop.domain.canonical import with_content_hash
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.projection import LIVE, Projection, from_row, project, projection_row
from secor_desktop.domain.readiness_input import RecordFacts
from secor_desktop.domain.registry import spec_for
from secor_desktop.storage import mapping
from secor_desktop.storage.rows import AttachmentRow, ProjectionRow, RecordRow, SignatureRow

PROJECTION: Table = ProjectionRow.__table__  # type: ignore[assignment]
_RECORDS: Table = RecordRow.__table__  # type: ignore[assignment]
_ATTACHMENTS: Table = AttachmentRow.__table__  # type: ignore[assignment]
_SIGNATURES: Table = SignatureRow.__table__  # type: ignore[assignment]
BATCH = 2_000
_IN_LIST = 500  # ids per IN list


def row_of(record: Record) -> dict[str, str | int | None]:
    """The stored row of a record as written (its sign-in sheet hash worked out if the
    caller left it empty: which signatures are current depends on it)."""
    if not record.sheet_sha256 and spec_for(record.kind).signing.sheet_fields:
        record = with_content_hash(record)
    return projection_row(project(record))


def write(session: Session, record: Record) -> None:
    """Replace a record's row (a save, a signature, an amendment, a void): an update, or an
    insert for a new record. Never a delete: on an office server the users' role may not
    delete rows (docs/postgresql.md), and this table is no exception."""
    row = row_of(record)
    changed = session.execute(
        update(PROJECTION).where(PROJECTION.c.record_id == record.id).values(row)
    )
    if not getattr(changed, "rowcount", 0):
        session.execute(insert(PROJECTION), [row])


def insert_new(session: Session, records: Iterable[Record]) -> None:
    """Rows for records that have none yet (a bulk import), one ``executemany``."""
    rows = [row_of(r) for r in records]
    if rows:
        session.execute(insert(PROJECTION), rows)


def backfill(connection: Connection) -> int:
    """Project every record already stored (migration 0005); how many were projected."""
    written = 0
    for records in _stored_records(connection):
        connection.execute(insert(PROJECTION), [row_of(r) for r in records])
        written += len(records)
    return written


def _stored_records(connection: Connection) -> Iterator[list[Record]]:
    """Every stored record that can be decoded, ``BATCH`` at a time in id order."""
    last = ""
    while True:
        ids: list[str] = list(
            connection.scalars(
                select(_RECORDS.c.id)
                .where(_RECORDS.c.id > last)
                .order_by(_RECORDS.c.id)
                .limit(BATCH)
            )
        )
        if not ids:
            return
        yield _decoded(connection, ids)
        last = ids[-1]


_UNREADABLE = (ValueError, TypeError, KeyError, LookupError)


def _decoded(connection: Connection, ids: list[str]) -> list[Record]:
    """The records ``ids`` decoded. One that cannot be (a body or a date broken outside the
    program) gets no row: the upgrade goes on, and ``verify`` names that record."""
    try:
        rows = connection.execute(select(_RECORDS).where(_in(_RECORDS, ids, "id"))).all()
        atts = _grouped(connection.execute(select(_ATTACHMENTS).where(_in(_ATTACHMENTS, ids))))
        sigs = _grouped(connection.execute(select(_SIGNATURES).where(_in(_SIGNATURES, ids))))
    except _UNREADABLE:
        if len(ids) == 1:
            return []
        return [r for one in ids for r in _decoded(connection, [one])]
    out = []
    for r in rows:
        try:
            out.append(
                mapping.record_from_rows(r, atts.get(r.id, []), sigs.get(r.id, []))  # type: ignore[arg-type]
            )
        except _UNREADABLE:
            continue
    return out


def _in(table: Table, ids: list[str], column: str = "record_id") -> Any:
    return table.c[column].in_(ids)


def _grouped(rows: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        out[row.record_id].append(row)
    return out


# --- reads -------------------------------------------------------------------------------


def record_facts(
    session: Session,
    as_of: date,
    details: Collection[RecordKind],
    sources: Collection[str] = (),
) -> RecordFacts:
    """What readiness reads of the records on ``as_of``, from the projection alone."""
    p = PROJECTION.c
    up_to = p.event_date <= as_of.isoformat()
    dates: dict[RecordKind, list[date]] = defaultdict(list)
    grouped = session.execute(
        select(p.kind, p.event_date, func.count())
        .where(p.counts == 1, up_to)
        .group_by(p.kind, p.event_date)
        .order_by(p.kind, p.event_date)
    )
    for kind, day, n in grouped:
        dates[RecordKind(str(kind))].extend([date.fromisoformat(str(day))] * cast(int, n))
    in_order = (p.event_date, p.record_id)
    counted: dict[RecordKind, list[Projection]] = defaultdict(list)
    if details:
        rows = session.execute(
            select(PROJECTION)
            .where(p.counts == 1, up_to, p.kind.in_([str(k) for k in details]))
            .order_by(*in_order)
        )
        for row in rows:
            projection = from_row(row._mapping)
            counted[projection.kind].append(projection)
    not_counted = [
        from_row(row._mapping)
        for row in session.execute(
            select(PROJECTION).where(p.counts == 0, up_to).order_by(*in_order)
        )
    ]
    return RecordFacts(dates, counted, not_counted, source_kinds(session, sources))


def latest_live(session: Session, as_of: date) -> list[str]:
    """The newest record that is not void and dated on or before ``as_of`` of each kind at
    each site (and with no site): what the due list's declared frequencies look at.

    Newest means the greatest (event date, id), the order the due rule reads records in. One
    aggregate over the projection finds each group's newest day; the few records of a kind
    on those days are then read through the records' (kind, event date) index, and the
    greatest id kept, in Python (so text ordering never depends on a server's collation).
    """
    p = PROJECTION.c
    newest = session.execute(
        select(p.kind, p.site_id, func.max(p.event_date))
        .where(p.status == LIVE, p.event_date <= as_of.isoformat())
        .group_by(p.kind, p.site_id)
    ).all()
    wanted = {(str(k), s, str(d)) for k, s, d in newest}
    pairs = sorted({(k, d) for k, _s, d in wanted})
    best: dict[tuple[str, str | None], str] = {}
    r = _RECORDS.c
    for start in range(0, len(pairs), _IN_LIST):
        chunk = pairs[start : start + _IN_LIST]
        rows = session.execute(
            select(r.id, r.kind, r.site_id, r.event_date).where(
                or_(*(and_(r.kind == k, r.event_date == date.fromisoformat(d)) for k, d in chunk)),
                r.status != "void",
            )
        )
        for rid, kind, site, day in rows:
            group = (str(kind), None if site is None else str(site))
            if (*group, str(day)) in wanted and str(rid) > best.get(group, ""):
                best[group] = str(rid)
    return sorted(best.values())


def fact_parts(
    session: Session, as_of: date, details: Collection[RecordKind]
) -> tuple[dict[tuple[RecordKind, date], int], dict[str, Projection]]:
    """``record_facts`` in parts a cache can patch: how many counting records fall on each
    (kind, day) up to ``as_of``, and the rows it reads whole (the counting records of the
    ``details`` kinds and every record that does not count), by record id."""
    p = PROJECTION.c
    up_to = p.event_date <= as_of.isoformat()
    grouped = {
        (RecordKind(str(kind)), date.fromisoformat(str(day))): cast(int, n)
        for kind, day, n in session.execute(
            select(p.kind, p.event_date, func.count())
            .where(p.counts == 1, up_to)
            .group_by(p.kind, p.event_date)
        )
    }
    whole = p.counts == 0
    if details:
        whole = or_(whole, p.kind.in_([str(k) for k in details]))
    held = {
        str(row.record_id): from_row(row._mapping)
        for row in session.execute(select(PROJECTION).where(up_to, whole))
    }
    return grouped, held


def projections(session: Session, ids: Collection[str]) -> dict[str, Projection]:
    """The stored rows of the records ``ids``, read back, by record id."""
    wanted = sorted(ids)
    out: dict[str, Projection] = {}
    for start in range(0, len(wanted), _IN_LIST):
        chunk = wanted[start : start + _IN_LIST]
        for row in session.execute(select(PROJECTION).where(PROJECTION.c.record_id.in_(chunk))):
            out[str(row.record_id)] = from_row(row._mapping)
    return out


def source_kinds(session: Session, sources: Collection[str]) -> dict[str, RecordKind]:
    """The kind of each record corrective actions came from."""
    p = PROJECTION.c
    out: dict[str, RecordKind] = {}
    wanted = list(sources)
    for start in range(0, len(wanted), _IN_LIST):
        chunk = wanted[start : start + _IN_LIST]
        for row in session.execute(select(p.record_id, p.kind).where(p.record_id.in_(chunk))):
            out[str(row.record_id)] = RecordKind(str(row.kind))
    return out


def stored_rows(connection: Connection) -> Iterator[dict[str, Any]]:
    """Every stored row as plain values (``verify`` compares them with the chain)."""
    for row in connection.execute(select(PROJECTION)):
        yield dict(row._mapping)
