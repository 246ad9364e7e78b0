"""Rows whose date columns hold text that is not a date: found before the rows are loaded.

The date CHECK constraints keep the program's own writes clean, but anyone holding the file can
switch them off (``PRAGMA ignore_check_constraints``) and write 'added later' into a date. The
ORM would then raise while loading the row, so ``verify`` would stop with a traceback instead
of naming the row. Each date column is read here as plain text first; rows that do not parse
are named, and left out of the ordinary load.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from secor_desktop.storage.rows import IsoDate, UtcDateTime


def unreadable_rows(session: Session, row_class: Any) -> dict[str, str]:
    """Primary key -> why the row cannot be read, for rows with a date that does not parse."""
    table = row_class.__table__
    bad: dict[str, str] = {}
    if len(table.primary_key.columns) != 1:
        return bad
    (key,) = table.primary_key.columns
    for column in table.columns:
        parse: Callable[[str], object]
        if isinstance(column.type, IsoDate):
            parse = date.fromisoformat
        elif isinstance(column.type, UtcDateTime):
            parse = datetime.fromisoformat
        else:
            continue
        query = select(key, type_coerce(column, String)).where(column.isnot(None))
        for pk, text in session.execute(query):
            try:
                parse(str(text))
            except (TypeError, ValueError):
                bad.setdefault(str(pk), f"its {column.name} holds {text!r}, which is not a date")
    return bad
