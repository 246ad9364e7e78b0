"""Errors a use case raises when asked to do something it must refuse."""

from __future__ import annotations

from secor_desktop.domain.validation import FieldProblem, ValidationError

__all__ = ["FieldProblem", "NotFoundError", "RecordLockedError", "ValidationError"]


class NotFoundError(LookupError):
    """The id names nothing in this company's data."""


class RecordLockedError(ValueError):
    """A signed or void record can only be changed with a reason (which makes a new revision)."""


# Storage failures the user can act on (disk full, read-only, locked, damaged, too new),
# re-exported so front ends can catch them without importing storage.
from secor_desktop.storage.errors import KnownError  # noqa: E402

__all__ += ["KnownError"]
