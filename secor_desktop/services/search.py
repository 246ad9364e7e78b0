"""Search every record by its words: title, site name and contents.

Answered by the full-text index (SQLite FTS5, migration 0003) for three characters or more;
shorter text falls back to reading the records. Matching is by substring with case folded, as
the list screens' search box has always matched: "chim" finds "Chimney flashing".
"""

from __future__ import annotations

from dataclasses import dataclass

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import FieldProblem, raise_if
from secor_desktop.services.context import ServiceContext, clean

MAX_RESULTS = 500
TEXT_LIMIT = 200


@dataclass(frozen=True)
class SearchResults:
    text: str
    total: int
    """How many records match in all (``records`` holds the first ``limit`` of them)."""
    records: list[Record]
    """The most recently entered first."""
    indexed: bool
    """True when the full-text index answered (False for text under three characters)."""


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def search(
        self, text: str, *, kind: RecordKind | None = None, limit: int = 50
    ) -> SearchResults:
        needle = clean(text)
        problems: list[FieldProblem] = []
        if len(needle) > TEXT_LIMIT:
            problems.append(
                FieldProblem("text", f"is {len(needle):,} characters; the limit is {TEXT_LIMIT}")
            )
        if not 0 <= limit <= MAX_RESULTS:
            problems.append(FieldProblem("limit", f"must be between 0 and {MAX_RESULTS}"))
        raise_if(problems)
        with self.ctx.uow() as uow:
            from secor_desktop.storage import queries  # SQLAlchemy: at the first search

            page = queries.search_records(uow, needle, kind, limit)
        return SearchResults(needle, page.total, page.records, page.indexed)
