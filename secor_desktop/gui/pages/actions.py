"""The corrective action board: every action from every source, open, overdue or closed.

Auditors take points off for actions not tracked to completion, so overdue actions sort first
and closing one needs a note saying how it was done.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import ActionStatus
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.gui.background import Background
from secor_desktop.gui.models.actions_model import (
    COL_CLOSED,
    COL_DESCRIPTION,
    COL_DUE,
    COL_NOTE,
    COL_OWNER,
    COL_RAISED,
    COL_SOURCE,
    COL_SOURCE_KIND,
    COL_STATE,
    RECORD_ROLE,
    ActionsModel,
    ActionsProxy,
    ActionState,
    StateFilter,
    state_text,
)
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import labelled, open_record, plain_label, sorted_table
from secor_desktop.gui.pages.action_dialogs import CloseActionDialog, RaiseActionDialog
from secor_desktop.services.facade import Services
from secor_desktop.services.people import ActionBoard

ACTION_MIN_EMS = 20  # the action column's narrowest width, in letter widths


_D = TypeVar("_D", RaiseActionDialog, CloseActionDialog)


class ActionsPage(QWidget):
    title = "Corrective actions"
    # Emitted after this page saved something, so the main window refreshes the others.
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self._after_load: list[Callable[[], None]] = []
        self._loaded_once = False
        self.dialog: QDialog | None = None
        self.model = ActionsModel(self)
        self.proxy = ActionsProxy(self)
        self.proxy.setSourceModel(self.model)

        self.state_filter = QComboBox(self)
        self.state_filter.setAccessibleName("Show actions")
        for choice in StateFilter:
            self.state_filter.addItem(choice.value, choice)
        self.state_filter.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Search actions")
        self.search.setPlaceholderText("Search action, owner, source, note")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.count = plain_label("", self)
        self.count.setAccessibleName("Actions shown")

        self.raise_button = QPushButton("Raise action…", self)
        self.raise_button.setAccessibleName("Raise a corrective action")
        self.raise_button.clicked.connect(self.raise_action)
        self.close_button = QPushButton("Close action…", self)
        self.close_button.setAccessibleName("Close the selected action")
        self.close_button.clicked.connect(self.close_action)
        self.source_button = QPushButton("Open source record", self)
        self.source_button.setAccessibleName("Open the selected action's source record")
        self.source_button.clicked.connect(self.open_source)

        self.table = sorted_table(self.proxy, "Corrective actions", COL_STATE, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = plain_label("", self)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Selected action")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        bar = QHBoxLayout()
        bar.addWidget(self.raise_button)
        bar.addWidget(self.close_button)
        bar.addWidget(self.source_button)
        bar.addSpacing(16)
        bar.addWidget(labelled("Show", self.state_filter))
        bar.addWidget(self.state_filter)
        bar.addWidget(self.search, 1)
        self.summary = plain_label("", self)
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.summary.setAccessibleName("Action totals")
        totals = QHBoxLayout()
        totals.addWidget(self.summary)
        totals.addStretch(1)
        totals.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        order = [
            self.raise_button,
            self.close_button,
            self.source_button,
            self.state_filter,
            self.search,
            self.table,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._filter_changed(self.state_filter.currentIndex())
        self.refresh()

    # --- loading and filtering -----------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Reload the board off the GUI thread (one read), keeping the selection."""
        keep = self.selected_action()
        kept = keep.id if keep else None

        def show(board: ActionBoard) -> None:
            self.model.set_board(board)
            if not self._loaded_once:  # widths from the owners' names, once they are known
                self._loaded_once = True
                self._size_columns()
                self._filter_changed(self.state_filter.currentIndex())
            self._update_counts()
            self.select_action(kept)
            after, self._after_load = self._after_load, []
            for step in after:
                step()

        self.loads.run(self.services.pages.actions, show, on_slow=self._show_loading)

    def _show_loading(self) -> None:
        self.count.setText("Loading actions…")

    def _when_loaded(self, step: Callable[[], None]) -> None:
        """Run ``step`` now, or once the load under way has been shown."""
        if self.loads.loading():
            self._after_load.append(step)
        else:
            step()

    def show_action(self, action_id: str) -> None:
        """Select this action (once loaded), clearing the filter and search if they hide it;
        the keyboard goes to the table."""

        def reveal() -> None:
            self.select_action(action_id)
            if self.selected_action() is None:  # hidden by the filter or the search box
                self.search.clear()
                self.set_state_filter(StateFilter.ALL)
                self.select_action(action_id)
            self.table.setFocus()

        self._when_loaded(reveal)

    def _size_columns(self) -> None:
        """Widths from the font, not from the rows shown now (a filter must not cut dates);
        the action itself takes the rest of the width."""
        metrics = self.table.fontMetrics()
        pad = 16
        day = metrics.horizontalAdvance("0000-00-00") + pad
        widths = {
            COL_STATE: metrics.horizontalAdvance("⚠ Overdue 999 days") + pad,
            COL_OWNER: min(
                max((metrics.horizontalAdvance(n) for n in self.model.owner_names()), default=0),
                metrics.horizontalAdvance("M" * 11),
            )
            + pad,
            COL_RAISED: day,
            COL_DUE: day,
            COL_SOURCE: metrics.horizontalAdvance("M" * 13) + pad,
            COL_SOURCE_KIND: metrics.horizontalAdvance("Program administration") + pad,
            COL_CLOSED: day,
            COL_NOTE: metrics.horizontalAdvance("M" * 12) + pad,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(False)
        self._fit_action_column()

    def _fit_action_column(self) -> None:
        """The action takes the width the other columns leave, but never less than a
        readable minimum: past that the table scrolls sideways instead."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(self.model.columnCount())
            if c != COL_DESCRIPTION and not header.isSectionHidden(c)
        )
        minimum = self.table.fontMetrics().horizontalAdvance("M" * ACTION_MIN_EMS)
        available = self.table.viewport().width() - others
        self.table.setColumnWidth(COL_DESCRIPTION, max(minimum, available))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_action_column()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_action_column()

    def set_state_filter(self, state_filter: StateFilter) -> None:
        self.state_filter.setCurrentIndex(self.state_filter.findData(state_filter))

    def _filter_changed(self, _index: int) -> None:
        choice = self.state_filter.currentData()
        if isinstance(choice, StateFilter):
            self.proxy.set_state_filter(choice)
            only_open = choice in (StateFilter.ACTIVE, StateFilter.OVERDUE)
            for column in (COL_CLOSED, COL_NOTE):
                self.table.setColumnHidden(column, only_open)
            self._fit_action_column()
        self._update_counts()
        self._selection_changed(QItemSelection(), QItemSelection())

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        if not self._loaded_once:  # no board yet: no counts (not "0 open")
            return
        counts = self.model.counts()
        self.summary.setText(
            f"{counts[ActionState.OPEN] + counts[ActionState.OVERDUE]} open, of which "
            f"{counts[ActionState.OVERDUE]} overdue · {counts[ActionState.CLOSED]} closed"
        )
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} shown")

    # --- selection -----------------------------------------------------------------------

    def selected_action(self) -> CorrectiveAction | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        action = rows[0].data(RECORD_ROLE)
        return action if isinstance(action, CorrectiveAction) else None

    def select_action(self, action_id: str | None) -> None:
        row = self.model.row_of(action_id) if action_id else None
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else None
        if index is None or not index.isValid():
            self.table.clearSelection()
        else:
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        self._selection_changed(QItemSelection(), QItemSelection())

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        action = self.selected_action()
        self.close_button.setEnabled(action is not None and action.status is ActionStatus.OPEN)
        self.source_button.setEnabled(action is not None and action.source_record_id is not None)
        if action is None:
            self.detail.setText("Select an action to see it in full.")
            return
        source = self.model.source_of(action)
        lines = [action.description, ""]
        facts = [state_text(action, self.model.today).lstrip("⚠✓ ").replace(" · ", ", ")]
        facts.append(f"owner {self.model.owner_name(action) or 'not set'}")
        facts.append(f"raised {action.created_date.isoformat()}")
        facts.append(f"due {action.due_date.isoformat()}")
        if source is not None:
            facts.append(
                f"from {source.kind.label.lower()} “{source.title}” "
                f"({source.event_date.isoformat()})"
            )
        lines[1] = " · ".join(facts)
        if action.closed_date is not None:
            lines.append(f"Closed {action.closed_date.isoformat()}: {action.closure_note}")
        self.detail.setText("\n".join(lines))

    # --- commands ------------------------------------------------------------------------

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.open_source()

    def open_source(self) -> bool:
        action = self.selected_action()
        source = self.model.source_of(action) if action else None
        if source is None:
            return False
        saved = open_record(self, self.services, source.kind, source.id)
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved

    def raise_action(self) -> RaiseActionDialog:
        dialog = RaiseActionDialog(self.services, self)
        return self._open(dialog)

    def close_action(self) -> CloseActionDialog | None:
        action = self.selected_action()
        if action is None or action.status is not ActionStatus.OPEN:
            return None
        return self._open(CloseActionDialog(self.services, action, self))

    def _open(self, dialog: _D) -> _D:
        """Window-modal without a nested event loop; the board refreshes once it saves."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound methods, not lambdas holding the dialog: a closure keeping a deleted-on-close
        # dialog's wrapper alive can outlive the C++ object it wraps.
        dialog.finished.connect(self._dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        accepted = result == QDialog.DialogCode.Accepted.value
        if accepted and isinstance(dialog, RaiseActionDialog | CloseActionDialog):
            self._saved(dialog.saved)

    def _saved(self, action: CorrectiveAction | None) -> None:
        self.refresh()
        self.records_changed.emit()
        if action is not None:
            self._when_loaded(lambda: self._select_saved(action))

    def _select_saved(self, action: CorrectiveAction) -> None:
        self.select_action(action.id)
        if self.selected_action() is None and action.status is ActionStatus.OPEN:
            # A new action hidden by the filter (showing closed ones, say): show open ones.
            self.search.clear()
            self.set_state_filter(StateFilter.ACTIVE)
            self.select_action(action.id)
