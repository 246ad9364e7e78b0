"""The roster as a Qt table model over frozen ``Worker`` objects (Vorta style).

``SORT_ROLE`` gives native values (QDate, bool, casefolded text) so a proxy sorts dates as
dates; ``RECORD_ROLE`` gives the ``Worker`` itself, through any proxy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt

from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.domain.model import Worker
from secor_desktop.gui.models.table_model import (
    RECORD_ROLE,
    SORT_ROLE,
    DomainTableModel,
    Index,
    qdate,
)

COL_NAME = 0
COL_ROLE = 1
COL_EMPLOYMENT = 2
COL_START = 3
COL_END = 4
COL_OWNER = 5
COL_CONTACT = 6  # last: the least needed in the table, and the column that stretches

HEADERS = ("Name", "Role", "Employment", "Start date", "End date", "Owner", "Contact")

EMPLOYMENT_LABELS: dict[EmploymentType, str] = {
    EmploymentType.FULL_TIME: "Full-time",
    EmploymentType.PART_TIME: "Part-time",
    EmploymentType.SEASONAL: "Seasonal",
    EmploymentType.TEMPORARY: "Temporary",
    EmploymentType.OWNER_OPERATOR: "Owner-operator",
    EmploymentType.FAMILY: "Family",
    EmploymentType.VOLUNTEER: "Volunteer",
}


class WorkersModel(DomainTableModel):
    headers = HEADERS

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today

    def set_workers(self, workers: list[Worker], today: date) -> None:
        self._today = today
        self.replace_items(workers)

    def worker_at(self, row: int) -> Worker:
        worker: Worker = self.item_at(row)
        return worker

    def cell(self, worker: Worker, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(worker, column)
        if role == SORT_ROLE:
            return self._sort_value(worker, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_END and worker.end_date:
                return "No longer employed: kept on the roster for the records they are in."
            if column in (COL_NAME, COL_ROLE, COL_CONTACT):
                return self._display(worker, column) or None
        return None

    def _display(self, worker: Worker, column: int) -> str | None:
        match column:
            case 0:
                return worker.name
            case 1:
                return worker.role
            case 2:
                return EMPLOYMENT_LABELS[worker.employment_type]
            case 3:
                return worker.start_date.isoformat()
            case 4:
                if worker.end_date is None:
                    return ""
                left = "left " if worker.end_date < self._today else "ends "
                return left + worker.end_date.isoformat()
            case 5:
                return "Owner" if worker.is_owner else ""
            case 6:
                return worker.contact
        return None

    def _sort_value(self, worker: Worker, column: int) -> Any:
        match column:
            case 0:
                return worker.name.casefold()
            case 1:
                return worker.role.casefold()
            case 2:
                return EMPLOYMENT_LABELS[worker.employment_type]
            case 3:
                return qdate(worker.start_date)
            case 4:
                # Still employed sorts after anyone who has left.
                return qdate(worker.end_date or date.max)
            case 5:
                return worker.is_owner
            case 6:
                return worker.contact.casefold()
        return None


def refilter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Change what a proxy filters on, and tell Qt (6.9 added begin/endFilterChange and
    later versions deprecate ``invalidateRowsFilter``)."""
    if hasattr(proxy, "beginFilterChange"):
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:  # pragma: no cover - Qt before 6.9
        change()
        proxy.invalidateRowsFilter()


class WorkersProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; can hide workers whose employment has ended."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._hide_former_on: date | None = None

    def set_hide_former(self, hide: bool, today: date) -> None:
        refilter(self, lambda: setattr(self, "_hide_former_on", today if hide else None))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self._hide_former_on is None or not isinstance(model, WorkersModel):
            return True
        return model.worker_at(source_row).active_on(self._hide_former_on)


__all__ = ["RECORD_ROLE", "SORT_ROLE", "WorkersModel", "WorkersProxy", "qdate", "refilter"]
