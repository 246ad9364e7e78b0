"""A date typed whole, as year-month-day, with a calendar button beside it.

Why not ``QDateEdit``: it edits one section at a time, so pressing Home and typing
``2015-04-01`` kept the year, and a date outside its range was greyed out or silently reverted.
Here the text box has an input mask (``____-__-__``) in overwrite mode: Home or select-all then
typing the whole date gives exactly that date, the dashes are stepped over, and a date that
cannot be used stays as typed while ``input_problem()`` says why in a sentence the form shows in
its reserved message space.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.gui.forms.dates import from_qdate, to_qdate
from secor_desktop.gui.signals import emit

MASK = "0000-00-00;_"
SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EXAMPLE = "2015-04-01"


def parse_day(text: str) -> dt.date | None:
    """``2015-04-01`` -> that date; anything else (incomplete, 2015-02-30) -> None."""
    match = SHAPE.match(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class DateField(QWidget):
    """One date: typed as year-month-day, or picked from a calendar (the button, Alt+Down or
    F4). It may start empty; ``value()`` is None until a usable date is typed."""

    dateChanged = Signal(QDate)  # a different usable date was typed or picked
    changed = Signal()  # any edit, usable or not

    def __init__(
        self,
        name: str,
        value: dt.date | None = None,
        *,
        required: bool = True,
        subject: str = "The date",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.required = required
        self.subject = subject
        self.latest: dt.date | None = None
        self.latest_is_today = False
        self.earliest: dt.date | None = None
        self._last: dt.date | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.line = QLineEdit(self)
        self.line.setInputMask(MASK)
        self.line.setAccessibleName(name)
        self.line.setAccessibleDescription(f"Type the date as year-month-day, e.g. {EXAMPLE}")
        self.line.setToolTip(
            f"Type the date as year-month-day, e.g. {EXAMPLE} (Alt+Down: calendar)"
        )
        width = self.line.fontMetrics().horizontalAdvance("0000-00-00__") + 16
        self.line.setFixedWidth(width)
        self.button = QToolButton(self)
        self.button.setText("Calendar")
        self.button.setAccessibleName(f"{name}: pick from a calendar")
        self.button.setToolTip("Pick the date from a calendar (Alt+Down in the date box)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down opens it from the keyboard
        self.button.clicked.connect(self.open_calendar)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.line)
        # Focusable itself too: an item view's Tab moves to a cell widget only if it takes focus.
        self.setFocusPolicy(self.line.focusPolicy())
        self.line.installEventFilter(self)
        self.line.textChanged.connect(self._text_changed)
        self.popup: QFrame | None = None
        self.calendar: QCalendarWidget | None = None
        if value is not None:
            self.set_value(value)

    # --- value ---------------------------------------------------------------------------

    def text(self) -> str:
        return self.line.text()

    def is_empty(self) -> bool:
        return not self.line.text().replace("-", "").strip()

    def typed(self) -> dt.date | None:
        """The date the text spells, in range or not."""
        return parse_day(self.line.text())

    def value(self) -> dt.date | None:
        """The usable date, or None while the text is empty or refused."""
        day = self.typed()
        return day if day is not None and not self._range_problem(day) else None

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText(value.isoformat() if value is not None else "")

    def date(self) -> QDate:
        """As ``QDateEdit.date()``: the usable date, or an invalid ``QDate``."""
        day = self.value()
        return to_qdate(day) if day is not None else QDate()

    def setDate(self, value: QDate) -> None:
        self.set_value(from_qdate(value) if value.isValid() else None)

    def set_latest(self, day: dt.date | None, *, is_today: bool = False) -> None:
        """The latest date allowed; ``is_today`` words the refusal as 'in the future'."""
        self.latest = day
        self.latest_is_today = is_today
        self._text_changed()

    def set_earliest(self, day: dt.date | None) -> None:
        self.earliest = day
        self._text_changed()

    def setReadOnly(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # --- why a date is refused -----------------------------------------------------------

    def _range_problem(self, day: dt.date) -> str:
        if self.latest is not None and day > self.latest:
            if self.latest_is_today:
                return (
                    f"{self.subject} cannot be in the future: today is {self.latest.isoformat()}."
                )
            return f"{self.subject} cannot be after {self.latest.isoformat()}."
        if self.earliest is not None and day < self.earliest:
            return f"{self.subject} cannot be before {self.earliest.isoformat()}."
        return ""

    def input_problem(self) -> str:
        """Why what is typed cannot be used (empty is not a problem here)."""
        if self.is_empty():
            return ""
        day = self.typed()
        if day is None:
            if SHAPE.match(self.line.text()):
                return f"{self.line.text()} is not a date on the calendar."
            return f"Type the whole date as year-month-day, e.g. {EXAMPLE}."
        return self._range_problem(day)

    def problem(self) -> str:
        """As ``input_problem``, and a required date left empty."""
        if self.required and self.is_empty():
            return f"{self.subject} is required: type it as year-month-day, e.g. {EXAMPLE}."
        return self.input_problem()

    def _text_changed(self, *_args: object) -> None:
        day = self.value()
        if day != self._last:
            self._last = day
            if day is not None:
                self.dateChanged.emit(to_qdate(day))
        emit(self.changed)

    # --- keys and the calendar -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self._opens_calendar(event)
        ):
            self.open_calendar()
            return True
        if watched is self.line and event.type() == QEvent.Type.MouseButtonRelease:
            # The press put the cursor where the mouse was, often past the blanks of an empty
            # field (typing then gave "____-__-20"); keep it no further than the first blank.
            self._cursor_to_first_blank()
        return super().eventFilter(watched, event)

    def _cursor_to_first_blank(self) -> None:
        blank = self.line.displayText().find("_")
        if blank >= 0 and self.line.cursorPosition() > blank and not self.line.hasSelectedText():
            self.line.setCursorPosition(blank)

    @staticmethod
    def _opens_calendar(event: QKeyEvent) -> bool:
        alt_down = event.key() == Qt.Key.Key_Down and bool(
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        return alt_down or event.key() == Qt.Key.Key_F4

    def open_calendar(self) -> None:
        if self.line.isReadOnly():
            return
        if self.popup is None:
            self.popup = QFrame(self, Qt.WindowType.Popup)
            self.popup.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(self.popup)
            box.setContentsMargins(2, 2, 2, 2)
            self.calendar = QCalendarWidget(self.popup)
            self.calendar.setAccessibleName(f"{self.name}: calendar")
            self.calendar.setGridVisible(True)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
            box.addWidget(self.calendar)
        assert self.calendar is not None
        self.calendar.setMaximumDate(to_qdate(self.latest) if self.latest else QDate(9999, 12, 31))
        self.calendar.setMinimumDate(
            to_qdate(self.earliest) if self.earliest else QDate(1900, 1, 1)
        )
        start = self.typed() or self.latest or dt.date.today()
        self.calendar.setSelectedDate(to_qdate(start))
        self.popup.adjustSize()
        self.popup.move(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        self.popup.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        if self.popup is not None:
            self.popup.hide()
        self.line.setFocus()
