"""Every corrective action as a Qt table model (Vorta style), with its owner and source named.

``SORT_ROLE`` gives native values (QDate, int, casefolded text); ``RECORD_ROLE`` gives the
frozen ``CorrectiveAction``. Whether an action is overdue depends on the day, so the model is
given the day along with the actions.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from secor_desktop.domain.kinds import ActionStatus
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.gui.models.table_model import (
    RECORD_ROLE,
    SORT_ROLE,
    DomainTableModel,
    Index,
    qdate,
)
from secor_desktop.gui.models.workers_model import refilter
from secor_desktop.services.people import ActionBoard, RecordHeading

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 3  # the source RecordHeading, or None
__all__ = ["RECORD_ROLE", "SORT_ROLE", "SOURCE_ROLE", "ActionsModel"]

COL_STATE = 0
COL_DESCRIPTION = 1
COL_OWNER = 2
COL_RAISED = 3
COL_DUE = 4
COL_SOURCE = 5
COL_SOURCE_KIND = 6
COL_CLOSED = 7
COL_NOTE = 8

HEADERS = (
    "State",
    "Action",
    "Owner",
    "Raised",
    "Due",
    "Source record",
    "Source kind",
    "Closed",
    "Closure note",
)

OVERDUE_BACKGROUND = QColor("#f9d6d2")
OVERDUE_TEXT = QColor("#8c1d18")
CLOSED_TEXT = QColor("#4d5156")


class ActionState(Enum):
    """An action's state on a day; the value orders the board worst first."""

    OVERDUE = 0
    OPEN = 1
    CLOSED = 2


def state_of(action: CorrectiveAction, today: date) -> ActionState:
    if action.status is ActionStatus.CLOSED:
        return ActionState.CLOSED
    return ActionState.OVERDUE if action.overdue_on(today) else ActionState.OPEN


def state_text(action: CorrectiveAction, today: date) -> str:
    """Words (and a mark) for the state, so it never rests on colour alone."""
    state = state_of(action, today)
    if state is ActionState.CLOSED:
        return "✓ Closed"
    days = (action.due_date - today).days
    if state is ActionState.OVERDUE:
        return f"⚠ Overdue {-days} day" + ("" if days == -1 else "s")
    if days == 0:
        return "Open · due today"
    return f"Open · {days} day" + ("" if days == 1 else "s") + " left"


class ActionsModel(DomainTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._owners: dict[str, str] = {}
        self._sources: dict[str, RecordHeading] = {}
        self.today = date.min

    def set_board(self, board: ActionBoard) -> None:
        self._owners = {w.id: w.name for w in board.workers.values()}
        self._sources = dict(board.sources)
        self.today = board.today
        self.replace_items(list(board.actions))

    def action_at(self, row: int) -> CorrectiveAction:
        action: CorrectiveAction = self.item_at(row)
        return action

    def owner_names(self) -> list[str]:
        return list(self._owners.values())

    def owner_name(self, action: CorrectiveAction) -> str:
        if action.owner_id is None:
            return ""
        return self._owners.get(action.owner_id, "(not on the roster)")

    def source_of(self, action: CorrectiveAction) -> RecordHeading | None:
        if action.source_record_id is None:
            return None
        return self._sources.get(action.source_record_id)

    def counts(self) -> dict[ActionState, int]:
        result = dict.fromkeys(ActionState, 0)
        for action in self._items:
            result[state_of(action, self.today)] += 1
        return result

    def cell(self, action: CorrectiveAction, column: int, role: int) -> Any:
        if role == SOURCE_ROLE:
            return self.source_of(action)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(action, column)
        if role == SORT_ROLE:
            return self._sort_value(action, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_DESCRIPTION, COL_NOTE):
            return self._display(action, column) or None
        state = state_of(action, self.today)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATE:
            return OVERDUE_BACKGROUND if state is ActionState.OVERDUE else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state is ActionState.OVERDUE and column in (COL_STATE, COL_DUE):
                return OVERDUE_TEXT
            if state is ActionState.CLOSED:
                return CLOSED_TEXT
        return None

    def _display(self, action: CorrectiveAction, column: int) -> str | None:
        source = self.source_of(action)
        match column:
            case 0:
                return state_text(action, self.today)
            case 1:
                return " ".join(action.description.split())
            case 2:
                return self.owner_name(action)
            case 3:
                return action.created_date.isoformat()
            case 4:
                return action.due_date.isoformat()
            case 5:
                if action.source_record_id is None:
                    return ""
                return source.title if source else "(record not found)"
            case 6:
                return source.kind.label if source else ""
            case 7:
                return action.closed_date.isoformat() if action.closed_date else ""
            case 8:
                return " ".join(action.closure_note.split())
        return None

    def _sort_value(self, action: CorrectiveAction, column: int) -> Any:
        if column == COL_STATE:
            return state_of(action, self.today).value
        if column == COL_RAISED:
            return qdate(action.created_date)
        if column == COL_DUE:
            return qdate(action.due_date)
        if column == COL_CLOSED:
            return qdate(action.closed_date or date.max)
        text = self._display(action, column)
        return text.casefold() if text else ""


class StateFilter(Enum):
    ACTIVE = "Open and overdue"
    OVERDUE = "Overdue only"
    CLOSED = "Closed"
    ALL = "All actions"


_SHOWN: dict[StateFilter, frozenset[ActionState]] = {
    StateFilter.ACTIVE: frozenset({ActionState.OPEN, ActionState.OVERDUE}),
    StateFilter.OVERDUE: frozenset({ActionState.OVERDUE}),
    StateFilter.CLOSED: frozenset({ActionState.CLOSED}),
    StateFilter.ALL: frozenset(ActionState),
}


class ActionsProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; filters by state and by words in any column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.state_filter = StateFilter.ACTIVE
        self.search = ""

    def set_state_filter(self, state_filter: StateFilter) -> None:
        refilter(self, lambda: setattr(self, "state_filter", state_filter))

    def set_search(self, text: str) -> None:
        refilter(self, lambda: setattr(self, "search", text.strip().casefold()))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ActionsModel):
            return True
        action = model.action_at(source_row)
        if state_of(action, model.today) not in _SHOWN[self.state_filter]:
            return False
        if not self.search:
            return True
        texts = (model.index(source_row, c).data() for c in range(model.columnCount()))
        return any(self.search in (t or "").casefold() for t in texts)
