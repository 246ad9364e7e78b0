"""How a record list may be sorted and filtered: the terms services and pages name.

Apart from ``queries`` (which builds the SQL with SQLAlchemy) so that naming a sort order does
not import SQLAlchemy: the first window is painted before the first query.
"""

from __future__ import annotations

from enum import StrEnum


class StatusFilter(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    VOID = "void"
    OPEN_ACTIONS = "open_actions"


class SortKey(StrEnum):
    DATE = "date"
    TITLE = "title"
    SITE = "site"
    STATUS = "status"
    SIGNERS = "signers"
    OPEN_ACTIONS = "open_actions"
    BODY_FIELD = "body_field"
    """A field of the record's body (``RecordFilter.body_field``), by its stored value."""
    BODY_WORKER = "body_worker"
    """A body field naming a worker (``RecordFilter.body_field``), by the worker's name."""
