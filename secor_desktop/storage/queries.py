"""Paged, filtered and sorted record queries for list screens.

Filtering and sorting happen in SQL so that a list showing the first 500 of 100,000 records is
sorted and filtered over all of them, not over what happens to be loaded. The default order
(event date, then rowid) walks the ``(kind, event_date)`` index, so the first page of one kind
is read without sorting the whole table.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)

from secor_desktop.domain.kinds import ActionStatus, RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.storage import fulltext, mapping
from secor_desktop.storage.query_terms import SortKey, StatusFilter
from secor_desktop.storage.rows import (
    ActionRow,
    AttachmentRow,
    RecordRow,
    SignatureRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.uow import SqlUnitOfWork

FOLD_FUNCTION = "secor_fold"
_FIELD_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class RecordFilter:
    kind: RecordKind | None = None
    date_from: date | None = None
    date_to: date | None = None
    site_id: str | None = None
    worker_id: str | None = None
    status: StatusFilter | None = None
    text: str = ""
    sort: SortKey = SortKey.DATE
    descending: bool = True
    body_field: str = ""

    def __post_init__(self) -> None:
        if self.sort in (SortKey.BODY_FIELD, SortKey.BODY_WORKER) and not _FIELD_NAME.match(
            self.body_field
        ):
            raise ValueError(f"not a body field name: {self.body_field!r}")


def fold(text: str | None) -> str | None:
    """Case- and accent-preserving caseless form: 'Zoë' and 'ZOË' both become 'zoë'."""
    return None if text is None else unicodedata.normalize("NFC", text).casefold()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _install_fold(uow: SqlUnitOfWork) -> None:
    """SQLite's LIKE and lower() fold ASCII only; searching 'élise' needs Python's casefold."""
    raw: Any = uow.session.connection().connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def _current_signers() -> Any:
    """A sort key: signatures on the current content, or on the current sign-in sheet.

    The sheet hash is not stored, but on a signed record the newest signature is always on
    the record as it stands, so signatures sharing its hash are current too.
    """
    newest = (
        select(SignatureRow.content_sha256)
        .where(SignatureRow.record_id == RecordRow.id)
        .order_by(SignatureRow.position.desc())
        .limit(1)
        .correlate(RecordRow)
        .scalar_subquery()
    )
    return (
        select(func.count())
        .where(
            SignatureRow.record_id == RecordRow.id,
            (SignatureRow.content_sha256 == RecordRow.content_sha256)
            | ((RecordRow.status == "signed") & (SignatureRow.content_sha256 == newest)),
        )
        .correlate(RecordRow)
        .scalar_subquery()
    )


def _open_actions() -> Any:
    return (
        select(func.count())
        .where(
            ActionRow.source_record_id == RecordRow.id,
            ActionRow.status == ActionStatus.OPEN.value,
        )
        .correlate(RecordRow)
        .scalar_subquery()
    )


def _conditions(
    uow: SqlUnitOfWork, f: RecordFilter, *, counting: bool = False
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    postgres = fulltext.is_postgres(uow.session)
    if f.kind is not None:
        if counting and fulltext.usable(f.text) and not postgres:
            # Counting search matches: look each match up by rowid, rather than walk every
            # record of the kind in the (kind, date) index ("+" keeps SQLite off that index).
            where.append(literal_column("+records.kind") == f.kind.value)
        else:
            where.append(RecordRow.kind == f.kind.value)
    if f.date_from is not None:
        where.append(RecordRow.event_date >= f.date_from)
    if f.date_to is not None:
        where.append(RecordRow.event_date <= f.date_to)
    if f.site_id is not None:
        where.append(RecordRow.site_id == f.site_id)
    if f.worker_id is not None:
        signed = exists().where(
            SignatureRow.record_id == RecordRow.id, SignatureRow.signer_id == f.worker_id
        )
        named = RecordRow.body_json.like(f'%"{_escape_like(f.worker_id)}"%', escape="\\")
        where.append(or_(named, signed))
    if f.status is StatusFilter.OPEN_ACTIONS:
        where.append(
            exists().where(
                ActionRow.source_record_id == RecordRow.id,
                ActionRow.status == ActionStatus.OPEN.value,
            )
        )
    elif f.status is not None:
        where.append(RecordRow.status == RecordStatus(f.status.value).value)
    needle = unicodedata.normalize("NFC", f.text).strip()
    if needle and fulltext.usable(needle, postgres):
        # The trigram index answers what the scan below would, without reading every record.
        where.append(fulltext.matching_rowids(needle, ("title", "body"), postgres))
    elif needle:
        # SQLite's own LIKE is case-insensitive for ASCII and fast; beyond ASCII, fold in Python.
        folding = not needle.isascii()
        if folding:
            _install_fold(uow)
            needle = needle.casefold()
        pattern = f"%{_escape_like(needle)}%"
        title = func.secor_fold(RecordRow.title) if folding else RecordRow.title
        body = func.secor_fold(RecordRow.body_json) if folding else RecordRow.body_json
        value = f"{FOLD_FUNCTION}(j.value)" if folding else "j.value"
        # Only the body's text values count, not its JSON keys nor the roster ids it holds
        # (SQLite writes a key with an underscore in quotes: '$."worker_id"', hence rtrim);
        # the plain LIKE on the whole body first keeps json_tree to the likely rows.
        in_body = text(
            "EXISTS (SELECT 1 FROM json_tree(records.body_json) AS j WHERE j.type = 'text' "
            "AND rtrim(j.fullkey, '\"') NOT LIKE '%\\_id' ESCAPE '\\' "
            "AND rtrim(j.path, '\"') NOT LIKE '%\\_ids' ESCAPE '\\' "
            f"AND {value} LIKE :needle ESCAPE '\\')"
        ).bindparams(needle=pattern)
        where.append(
            or_(title.like(pattern, escape="\\"), and_(body.like(pattern, escape="\\"), in_body))
        )
    return where


def _order(f: RecordFilter) -> list[Any]:
    key: Any
    if f.sort is SortKey.DATE:
        key = RecordRow.event_date
    elif f.sort is SortKey.TITLE:
        key = func.lower(RecordRow.title)
    elif f.sort is SortKey.SITE:
        key = (
            select(func.lower(SiteRow.name))
            .where(SiteRow.id == RecordRow.site_id)
            .correlate(RecordRow)
            .scalar_subquery()
        )
    elif f.sort is SortKey.STATUS:
        key = RecordRow.status
    elif f.sort is SortKey.SIGNERS:
        key = _current_signers()
    elif f.sort is SortKey.OPEN_ACTIONS:
        key = _open_actions()
    else:
        value = func.json_extract(RecordRow.body_json, f"$.{f.body_field}")
        if f.sort is SortKey.BODY_WORKER:
            key = (
                select(func.lower(WorkerRow.name))
                .where(WorkerRow.id == value)
                .correlate(RecordRow)
                .scalar_subquery()
            )
        else:
            key = value
    # rowid last: deterministic pages, and with the date sort the index gives the order.
    rowid: ColumnElement[Any] = literal_column("records.rowid")
    if f.descending:
        return [key.desc(), rowid.desc()]
    return [key.asc(), rowid.asc()]


def _filtered(
    uow: SqlUnitOfWork, f: RecordFilter, columns: Sequence[Any], *, counting: bool = False
) -> Select[Any]:
    where = _conditions(uow, f, counting=counting)
    query = select(*columns)
    return query.where(and_(*where)) if where else query


def count_records(uow: SqlUnitOfWork, f: RecordFilter) -> int:
    """How many records match the filter (ignores its sort)."""
    query = _filtered(uow, f, [func.count()], counting=True).select_from(RecordRow)
    return int(uow.session.scalar(query) or 0)


def page_records(
    uow: SqlUnitOfWork, f: RecordFilter, offset: int, limit: int, total: int | None = None
) -> list[Record]:
    """One page of matching records, in the filter's order, with signatures and attachments.

    Given ``total`` (the count), a page in the second half is read from the far end, in the
    mirrored order: SQLite walks an OFFSET row by row, so the last page of 100,000 would
    otherwise cost a walk over all of them.
    """
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must not be negative")
    if limit == 0:
        return []
    table = RecordRow.__table__
    if total is not None and total // 2 < offset < total:
        end = min(offset + limit, total)
        mirrored = replace(f, descending=not f.descending)
        query = _filtered(uow, f, [table]).order_by(*_order(mirrored))
        rows = uow.session.execute(query.offset(total - end).limit(end - offset)).all()
        return _with_children(uow, list(reversed(rows)))
    query = _filtered(uow, f, [table]).order_by(*_order(f)).offset(offset).limit(limit)
    return _with_children(uow, uow.session.execute(query).all())


def _with_children(uow: SqlUnitOfWork, rows: Sequence[Any]) -> list[Record]:
    """Records from their rows, with signatures and attachments (two more queries).

    Plain rows, not ORM objects: a list page is read, never saved back, and tracked instances
    cost more to build than the records themselves.
    """
    if not rows:
        return []
    ids = [r.id for r in rows]
    attachments, signatures = AttachmentRow.__table__, SignatureRow.__table__
    atts: dict[str, list[Any]] = {}
    for a in uow.session.execute(select(attachments).where(attachments.c.record_id.in_(ids))):
        atts.setdefault(a.record_id, []).append(a)
    sigs: dict[str, list[Any]] = {}
    for s in uow.session.execute(select(signatures).where(signatures.c.record_id.in_(ids))):
        sigs.setdefault(s.record_id, []).append(s)
    return [
        mapping.record_from_rows(
            cast(RecordRow, r),
            cast(list[AttachmentRow], atts.get(r.id, [])),
            cast(list[SignatureRow], sigs.get(r.id, [])),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class SearchPage:
    total: int
    records: list[Record]
    indexed: bool  # answered by the full-text index (False: a scan, for short text)


def search_records(
    uow: SqlUnitOfWork, needle: str, kind: RecordKind | None, limit: int
) -> SearchPage:
    """Records whose title, site name or contents contain ``needle`` (case folded), the most
    recently entered first, and how many there are in all."""
    needle = fulltext.normalise(needle)
    if not needle:
        return SearchPage(0, [], True)
    rowid: ColumnElement[Any] = literal_column("records.rowid")
    postgres = fulltext.is_postgres(uow.session)
    indexed = fulltext.usable(needle, postgres)
    if indexed and kind is None:  # the index alone gives the count and the newest rowids
        connection = uow.session.connection()
        newest = fulltext.newest_matches(connection, needle, max(limit, 0))
        rows = uow.session.execute(
            select(RecordRow.__table__).where(rowid.in_(newest)).order_by(rowid.desc())
        ).all()
        total = fulltext.count_matches(connection, needle)
        return SearchPage(total, _with_children(uow, rows), indexed)
    if indexed:
        where: list[ColumnElement[bool]] = [fulltext.matching_rowids(needle, postgres=postgres)]
    else:
        in_text = and_(*_conditions(uow, RecordFilter(text=needle)))
        site_name = select(SiteRow.name).where(SiteRow.id == RecordRow.site_id).scalar_subquery()
        folding = not needle.isascii()
        pattern = f"%{_escape_like(needle.casefold() if folding else needle)}%"
        site = func.secor_fold(site_name) if folding else site_name
        where = [or_(in_text, site.like(pattern, escape="\\"))]
    if kind is not None:
        where.append(RecordRow.kind == kind.value)
    total = int(uow.session.scalar(select(func.count()).select_from(RecordRow).where(*where)) or 0)
    rows = uow.session.execute(
        select(RecordRow.__table__).where(*where).order_by(rowid.desc()).limit(max(limit, 0))
    ).all()
    return SearchPage(total, _with_children(uow, rows), indexed)


def open_action_counts(uow: SqlUnitOfWork, record_ids: Sequence[str]) -> dict[str, int]:
    """Open corrective actions per source record, for the given records (absent means 0)."""
    if not record_ids:
        return {}
    rows = uow.session.execute(
        select(ActionRow.source_record_id, func.count())
        .where(
            ActionRow.source_record_id.in_(list(record_ids)),
            ActionRow.status == ActionStatus.OPEN.value,
        )
        .group_by(ActionRow.source_record_id)
    ).all()
    return {str(rid): int(n) for rid, n in rows}


def newest_record_id(uow: SqlUnitOfWork, kind: RecordKind) -> str | None:
    """The id of the kind's newest record that is not void: latest event date, then the one
    entered last (rowid: an edit keeps its row)."""
    table = RecordRow.__table__
    rowid: ColumnElement[Any] = literal_column("records.rowid")
    query = (
        select(table.c.id)
        .where(table.c.kind == kind.value, table.c.status != RecordStatus.VOID.value)
        .order_by(table.c.event_date.desc(), rowid.desc())
        .limit(1)
    )
    found = uow.session.scalar(query)
    return str(found) if found is not None else None
