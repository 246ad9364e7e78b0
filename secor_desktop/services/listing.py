"""Record lists for screens: one page at a time, filtered and sorted by the database.

A list screen asks for ``count(query)`` once and then ``page(query, offset, limit)`` as the user
scrolls, so opening 100,000 records costs one page, not 100,000 objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import ListColumn, spec_for
from secor_desktop.domain.validation import FieldProblem, raise_if
from secor_desktop.services.context import ServiceContext, clean
from secor_desktop.storage.query_terms import SortKey, StatusFilter

if TYPE_CHECKING:  # the SQL is built with SQLAlchemy: imported at the first query
    from secor_desktop.storage import queries

__all__ = [
    "DetailField",
    "ListingService",
    "RecordQuery",
    "SortKey",
    "StatusFilter",
    "detail_field",
]

MAX_PAGE = 5_000


# The column a list shows for a kind is part of the kind's declaration (domain/registry).
DetailField = ListColumn


def detail_field(kind: RecordKind) -> DetailField:
    """The body field a list shows for a kind, beside the common columns."""
    return spec_for(kind).column


@dataclass(frozen=True)
class RecordQuery:
    """What a list shows: which records (all filters combine) and in what order.

    ``sort=SortKey.BODY_FIELD`` sorts by the kind's detail field (``detail_field``); the
    service picks the worker-name order when that field names a worker.
    """

    kind: RecordKind | None = None
    date_from: date | None = None
    date_to: date | None = None
    site_id: str | None = None
    worker_id: str | None = None
    status: StatusFilter | None = None
    text: str = ""
    sort: SortKey = SortKey.DATE
    descending: bool = True


class ListingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def count(self, query: RecordQuery) -> int:
        from secor_desktop.storage import queries

        f = self._filter(query)
        with self.ctx.uow() as uow:
            return queries.count_records(uow, f)

    def page(
        self, query: RecordQuery, offset: int, limit: int, *, total: int | None = None
    ) -> list[Record]:
        """``limit`` records from ``offset`` in the query's order. Pass ``total`` (from
        ``count``) when known: pages near the end are then read from the end."""
        problems: list[FieldProblem] = []
        if offset < 0:
            problems.append(FieldProblem("offset", "must not be negative"))
        if not 0 <= limit <= MAX_PAGE:
            problems.append(FieldProblem("limit", f"must be between 0 and {MAX_PAGE:,}"))
        raise_if(problems)
        from secor_desktop.storage import queries

        f = self._filter(query)
        with self.ctx.uow() as uow:
            return queries.page_records(uow, f, offset, limit, total)

    def open_action_counts(self, record_ids: Sequence[str]) -> dict[str, int]:
        """Open corrective actions raised from each of these records (absent means none)."""
        from secor_desktop.storage import queries

        with self.ctx.uow() as uow:
            return queries.open_action_counts(uow, record_ids)

    @staticmethod
    def _filter(query: RecordQuery) -> queries.RecordFilter:
        from secor_desktop.storage import queries

        problems: list[FieldProblem] = []
        if query.date_from and query.date_to and query.date_from > query.date_to:
            problems.append(FieldProblem("date_to", "comes before the start of the date range"))
        sort, body_field = query.sort, ""
        if sort in (SortKey.BODY_FIELD, SortKey.BODY_WORKER):
            detail = detail_field(query.kind) if query.kind else None
            if detail is None:
                problems.append(FieldProblem("sort", "sorting by details needs a record kind"))
                sort = SortKey.DATE
            else:
                body_field = detail.field
                sort = SortKey.BODY_WORKER if detail.names_worker else SortKey.BODY_FIELD
        raise_if(problems)
        return queries.RecordFilter(
            kind=query.kind,
            date_from=query.date_from,
            date_to=query.date_to,
            site_id=query.site_id,
            worker_id=query.worker_id,
            status=StatusFilter(query.status) if query.status is not None else None,
            text=clean(query.text),
            sort=sort,
            descending=query.descending,
            body_field=body_field,
        )
