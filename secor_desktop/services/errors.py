"""Errors a use case raises when asked to do something it must refuse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from secor_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from secor_desktop.domain.validation import FieldProblem, ValidationError

__all__ = [
    "FieldProblem",
    "NotFoundError",
    "RecordLockedError",
    "Refused",
    "UserError",
    "ValidationError",
]


class NotFoundError(UserError, LookupError):
    """The id names nothing in this company's data (a record deleted in another window, an id
    typed on the command line). Still a ``LookupError`` for callers that look things up."""


class RecordLockedError(UserError):
    """A signed or void record can only be changed with a reason (which makes a new revision)."""


class Refused(UserError):
    """A use case refused the request as asked (a folder that is not empty, a period that ends
    before it starts, a demo over existing data); the message says what to do instead."""


# Storage failures the user can act on (disk full, read-only, locked, damaged, too new),
# re-exported so front ends can catch them without importing storage.
from secor_desktop.storage.errors import KnownError  # noqa: E402

__all__ += ["KnownError"]


def __getattr__(name: str) -> Any:
    """``FieldProblem`` and ``ValidationError``, imported on first use: validation brings the
    whole record model, which the desktop's first window does not wait for (a front end that
    only catches ``KnownError`` at start imports this module before its window)."""
    if name in ("FieldProblem", "ValidationError"):
        from secor_desktop.domain import validation

        return getattr(validation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
