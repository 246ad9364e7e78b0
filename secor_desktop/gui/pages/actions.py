"""The corrective action board: every action from every source, open, overdue or closed.

Auditors take points off for actions not tracked to completion, so overdue actions sort first
and closing one needs a note saying how it was done.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import TypeVar

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import ActionStatus
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.domain.validation import FieldProblem, ValidationError
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
from secor_desktop.gui.pages._forms import (
    FieldErrors,
    date_edit,
    from_qdate,
    open_record,
    plain_label,
    to_qdate,
)
from secor_desktop.services.facade import Services
from secor_desktop.services.people import PeopleService

DEFAULT_DUE_DAYS = 14
ACTION_MIN_EMS = 20  # the action column's narrowest width, in letter widths
NO_OWNER = "— no owner yet —"
NO_SOURCE = "— none (raised on its own) —"


def _labelled(text: str, buddy: QWidget) -> QLabel:
    label = plain_label(text)
    label.setBuddy(buddy)
    return label


def _with_error(widget: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    widget.setParent(box)
    error.setParent(box)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


def _buttons(dialog: QDialog, save_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


class RaiseActionDialog(QDialog):
    """A new corrective action: what to do, who owns it, by when, and what it came from."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: CorrectiveAction | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Raise a corrective action")
        self.setMinimumWidth(560)
        self.errors = FieldErrors(QLabel(self))

        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName("Action to take")
        self.description.setPlaceholderText("What must be done, e.g. Replace the frayed lanyard")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.owner = QComboBox(self)
        self.owner.setAccessibleName("Owner")
        self.owner.addItem(NO_OWNER, None)
        for worker in sorted(services.roster.workers(), key=lambda w: w.name.casefold()):
            if worker.active_on(today):
                self.owner.addItem(f"{worker.name} — {worker.role}", worker.id)
        self.due = date_edit("Due date", today + timedelta(days=DEFAULT_DUE_DAYS), self)
        self.due.setMinimumDate(to_qdate(today))
        self.source = QComboBox(self)
        self.source.setAccessibleName("Source record")
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source.addItem(NO_SOURCE, None)
        for heading in PeopleService(services.ctx).record_headings():
            label = f"{heading.event_date.isoformat()} · {heading.kind.label} · {heading.title}"
            self.source.addItem(label, heading.id)
        completer = QCompleter(self.source.model(), self.source)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.source.setCompleter(completer)

        form = QFormLayout()
        fields: list[tuple[str, str, QWidget]] = [
            ("description", "Action to take", self.description),
            ("owner_id", "Owner", self.owner),
            ("due_date", "Due date", self.due),
            ("source_record_id", "Source record (optional)", self.source),
        ]
        for field, label, widget in fields:
            error = self.errors.add(field, label, widget)
            form.addRow(_labelled(label, widget), _with_error(widget, error))
        buttons, self.save_button = _buttons(self, "Raise action")
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        order = [self.description, self.owner, self.due, self.source, self.save_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.description.setFocus()

    def set_source(self, record_id: str) -> None:
        index = self.source.findData(record_id)
        if index >= 0:
            self.source.setCurrentIndex(index)

    def _source_id(self) -> str | None:
        """The chosen record; text typed that names no record in the list is refused."""
        index = self.source.currentIndex()
        if index < 0 or self.source.itemText(index) != self.source.currentText():
            index = self.source.findText(self.source.currentText())
        if index < 0:
            if not self.source.currentText().strip():
                return None
            raise ValidationError(
                [FieldProblem("source_record_id", "pick a record from the list, or none")]
            )
        data = self.source.itemData(index)
        return data if isinstance(data, str) else None

    def save(self) -> None:
        try:
            owner = self.owner.currentData()
            self.saved = self.services.actions.raise_action(
                self.description.toPlainText(),
                due_date=from_qdate(self.due.date()),
                owner_id=owner if isinstance(owner, str) else None,
                source_record_id=self._source_id(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()


class CloseActionDialog(QDialog):
    """Close an action: the day it was done and how (a note is required)."""

    def __init__(
        self, services: Services, action: CorrectiveAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.action = action
        self.saved: CorrectiveAction | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Close a corrective action")
        self.setMinimumWidth(520)
        self.errors = FieldErrors(QLabel(self))
        summary = plain_label(f"Action: {action.description}", self)
        summary.setWordWrap(True)
        summary.setAccessibleName("Action being closed")
        self.closed = date_edit("Closed on", today, self)
        self.closed.setMaximumDate(to_qdate(today))
        self.closed.setMinimumDate(to_qdate(action.created_date))
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("How it was closed")
        self.note.setPlaceholderText("What was done, by whom; where the evidence is")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        form = QFormLayout()
        for field, label, widget in (
            ("closed_date", "Closed on", self.closed),
            ("closure_note", "How it was closed", self.note),
        ):
            error = self.errors.add(field, label, widget)
            form.addRow(_labelled(label, widget), _with_error(widget, error))
        buttons, self.save_button = _buttons(self, "Close action")
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        for first, second in itertools.pairwise([self.closed, self.note, self.save_button]):
            QWidget.setTabOrder(first, second)
        self.note.setFocus()

    def save(self) -> None:
        try:
            self.saved = self.services.actions.close(
                self.action.id,
                closed_date=from_qdate(self.closed.date()),
                note=self.note.toPlainText(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()


_D = TypeVar("_D", RaiseActionDialog, CloseActionDialog)


class ActionsPage(QWidget):
    title = "Corrective actions"
    # Emitted after this page saved something, so the main window refreshes the others.
    records_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.people = PeopleService(services.ctx)
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

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Corrective actions")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_STATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
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
        bar.addWidget(_labelled("Show", self.state_filter))
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
        self.refresh()
        self._size_columns()
        self._filter_changed(self.state_filter.currentIndex())

    # --- loading and filtering -----------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected_action()
        self.model.set_board(self.people.action_board())
        self._update_counts()
        self.select_action(keep.id if keep else None)

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
        dialog.accepted.connect(lambda: self._saved(dialog.saved))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self, action: CorrectiveAction | None) -> None:
        self.refresh()
        self.records_changed.emit()
        if action is None:
            return
        self.select_action(action.id)
        if self.selected_action() is None and action.status is ActionStatus.OPEN:
            # A new action hidden by the filter (showing closed ones, say): show open ones.
            self.search.clear()
            self.set_state_filter(StateFilter.ACTIVE)
            self.select_action(action.id)
