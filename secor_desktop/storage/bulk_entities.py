"""Bulk writes for the tables ``bulk`` did not cover: company, sites, workers, corrective
actions and self-evaluations, for a bundle replayed into an empty data folder.

``SqlUnitOfWork.write_current`` reads each row back before writing it and flushes once per
entity, which is right for one save. Into an empty folder nothing is there to read, so each
table gets one ``executemany``. The values are exactly those ``mapping`` puts on a row (the
row is filled by the same function and read back, never added to a session), so the two
paths cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Table, insert

from secor_desktop.domain.canonical import Entity
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.model import Company, CorrectiveAction, Site, Worker
from secor_desktop.storage import mapping
from secor_desktop.storage.rows import (
    ActionRow,
    Base,
    CompanyRow,
    EvaluationRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.uow import SqlUnitOfWork

_PLAN: tuple[tuple[type[Any], type[Base], Callable[[Any, Any], None]], ...] = (
    (Company, CompanyRow, mapping.company_to_row),
    (Site, SiteRow, mapping.site_to_row),
    (Worker, WorkerRow, mapping.worker_to_row),
    (CorrectiveAction, ActionRow, mapping.action_to_row),
    (SelfEvaluation, EvaluationRow, mapping.evaluation_to_row),
)


def entity_values(entity: Entity) -> tuple[Table, dict[str, Any]]:
    """The table and the row values ``write_current`` would write for ``entity``."""
    for entity_class, row_class, fill in _PLAN:
        if isinstance(entity, entity_class):
            row = row_class()
            fill(entity, row)
            table: Table = row_class.__table__  # type: ignore[assignment]
            return table, {c.key: getattr(row, c.key) for c in table.columns}
    raise TypeError(f"no bulk path for {type(entity).__name__}")


def insert_entities(uow: SqlUnitOfWork, entities: Iterable[Entity]) -> int:
    """Insert new rows, one ``executemany`` per table, in the order the tables first come
    (parents first, as given); how many were written."""
    by_table: dict[str, tuple[Table, list[dict[str, Any]]]] = {}
    for entity in entities:
        table, values = entity_values(entity)
        by_table.setdefault(table.name, (table, []))[1].append(values)
    written = 0
    for table, rows in by_table.values():
        uow.session.execute(insert(table), rows)
        written += len(rows)
    return written
