"""Dates on forms: the converters between ``datetime.date`` and ``QDate``, and Qt's date box
as every form sets it up.

``date_edit`` is the spin-style date box with a calendar (settings, the page dialogs, the export
and sites dialogs, the first-run audit date); the record editors and the first-run roster use
``widgets.date_field.DateField``, typed whole as year-month-day (its module says why). Both take
the accessible name first, then the date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def to_qdate(day: date) -> QDate:
    """Dates go to Qt as QDate (a Python date would be an opaque object Qt cannot sort)."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(accessible_name: str, day: date, parent: QWidget | None = None) -> QDateEdit:
    """A year-month-day date box with a calendar popup, showing ``day``."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(day))
    edit.setAccessibleName(accessible_name)
    return edit
