"""Small pieces the workers, actions and training pages share: dates, field errors, messages.

The pages open their dialogs with ``open()`` (window-modal, never a nested event loop), so
tests can drive them directly; messages go through ``gui.notify``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui import editors, notify
from secor_desktop.services.errors import NotFoundError, RecordLockedError
from secor_desktop.services.facade import Services

DATE_FORMAT = "yyyy-MM-dd"
ERROR_COLOUR = "#b3261e"
# Messages that read as the end of a sentence about the field ("is required"): they get the
# field's label in front; others are full sentences already.
_CONTINUATIONS = ("is ", "are ", "comes ", "must ", "names ", "does ", "has ")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def format_date(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def sorted_table(
    model: QAbstractItemModel, accessible_name: str, sort_column: int, parent: QWidget
) -> QTableView:
    """A read-only, row-selecting, sortable table: how the pages show a list."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    return table


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows user text as typed, never as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A plain label for ``buddy`` (its mnemonic, if any, moves the focus there)."""
    label = plain_label(text)
    label.setBuddy(buddy)
    return label


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    """A field with its error label right under it, as one form cell."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    widget.setParent(box)
    error.setParent(box)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


def date_edit(accessible_name: str, day: date, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(day))
    edit.setAccessibleName(accessible_name)
    return edit


def problem_text(label: str, problem: FieldProblem) -> str:
    message = problem.message
    if message.startswith(_CONTINUATIONS):
        return f"{label} {message}."
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


class FieldErrors:
    """An error label under each field; a refused save shows each problem by its field."""

    def __init__(self, general: QLabel) -> None:
        self._fields: dict[str, tuple[str, QWidget, QLabel]] = {}
        self.general = general
        self._style(general)

    @staticmethod
    def _style(label: QLabel) -> None:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
        label.hide()

    def add(self, field: str, label: str, widget: QWidget) -> QLabel:
        """Register a field; returns its (hidden) error label to place under it."""
        error = QLabel(widget.parentWidget())
        self._style(error)
        error.setAccessibleName(f"{label} error")
        self._fields[field] = (label, widget, error)
        return error

    def error_for(self, field: str) -> str:
        label = self._fields[field][2]
        return label.text() if not label.isHidden() else ""

    def clear(self) -> None:
        for _, widget, error in self._fields.values():
            error.clear()
            error.hide()
            widget.setAccessibleDescription("")
        self.general.clear()
        self.general.hide()

    def show(self, problems: Iterable[FieldProblem]) -> None:
        self.clear()
        first: QWidget | None = None
        general: list[str] = []
        for problem in problems:
            if problem.field not in self._fields:
                general.append(str(problem))
                continue
            label, widget, error = self._fields[problem.field]
            text = problem_text(label, problem)
            error.setText(f"{error.text()}\n{text}" if error.text() else text)
            error.show()
            widget.setAccessibleDescription(error.text())
            first = first or widget
        if general:
            self.general.setText("Not saved: " + "; ".join(general))
            self.general.show()
        if first is not None:
            first.setFocus()

    def show_text(self, text: str) -> None:
        self.clear()
        self.general.setText(text)
        self.general.show()


def open_record(parent: QWidget, services: Services, kind: RecordKind, record_id: str) -> bool:
    """Open a record in its editor; True when something was saved. Editors not built yet, or a
    record gone meanwhile, are told to the user rather than raised."""
    try:
        return editors.open_record_editor(parent, services, kind, record_id)
    except NotImplementedError:
        notify.warning(
            f"The {kind.label.lower()} editor is not available in this version yet. "
            "The record is safe; it can be opened once the editors are added.",
            parent,
        )
    except (NotFoundError, RecordLockedError) as exc:
        notify.warning(f"This record cannot be opened: {exc}", parent)
    return False
