"""Small pieces the workers, actions and training pages share: tables, a field with its error
under it, opening a record.

Dates, labels and field errors are the form kit's (``gui.forms``); they are imported here for
the pages' convenience. The pages open their dialogs with ``open()`` (window-modal, never a
nested event loop), so tests can drive them directly; messages go through ``gui.notify``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTableView,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import editors, notify
from secor_desktop.gui.forms.dates import date_edit as date_edit
from secor_desktop.gui.forms.dates import from_qdate as from_qdate
from secor_desktop.gui.forms.dates import to_qdate as to_qdate
from secor_desktop.gui.forms.errors import ERROR_COLOUR as ERROR_COLOUR
from secor_desktop.gui.forms.errors import FieldErrors as FieldErrors
from secor_desktop.gui.forms.errors import with_error as with_error
from secor_desktop.gui.forms.labels import labelled as labelled
from secor_desktop.gui.forms.labels import plain_label as plain_label
from secor_desktop.services.errors import NotFoundError, RecordLockedError
from secor_desktop.services.facade import Services


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
