"""The typed date field: real key presses, as a person types a date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from secor_desktop.gui.widgets.date_field import DateField, parse_day

TODAY = date(2026, 12, 4)


@pytest.fixture
def field(qtbot: QtBot) -> DateField:
    widget = DateField("Held on", TODAY)
    widget.set_latest(TODAY, is_today=True)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.line.setFocus()
    return widget


def test_home_then_a_whole_date_gives_that_date(field: DateField) -> None:
    """Home, then 2015-04-01 typed over today's date, is 2015-04-01 (the year too)."""
    QTest.keyClick(field.line, Qt.Key.Key_Home)
    QTest.keyClicks(field.line, "2015-04-01")
    assert field.value() == date(2015, 4, 1)


def test_select_all_then_a_whole_date_gives_that_date(field: DateField) -> None:
    """Ctrl+A, then 2015-04-01, is 2015-04-01."""
    QTest.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.line, "2015-04-01")
    assert field.value() == date(2015, 4, 1)


def test_digits_alone_step_over_the_dashes(field: DateField) -> None:
    """Home, then 20150401 without dashes, is 2015-04-01."""
    QTest.keyClick(field.line, Qt.Key.Key_Home)
    QTest.keyClicks(field.line, "20150401")
    assert field.text() == "2015-04-01"


def test_a_future_date_is_kept_as_typed_and_refused_with_the_reason(field: DateField) -> None:
    """2027-01-01 stays on screen, has no usable value, and the sentence says why."""
    QTest.keyClick(field.line, Qt.Key.Key_Home)
    QTest.keyClicks(field.line, "2027-01-01")
    assert field.text() == "2027-01-01"
    assert field.value() is None
    assert field.input_problem() == "The date cannot be in the future: today is 2026-12-04."


def test_a_date_not_on_the_calendar_is_named(field: DateField) -> None:
    """2015-02-30 is refused as not a date on the calendar."""
    QTest.keyClick(field.line, Qt.Key.Key_Home)
    QTest.keyClicks(field.line, "2015-02-30")
    assert field.input_problem() == "2015-02-30 is not a date on the calendar."


def test_a_half_typed_date_asks_for_the_whole_date(field: DateField) -> None:
    """After clearing, 2015-4 is refused with an example of the whole date."""
    QTest.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field.line, Qt.Key.Key_Delete)
    QTest.keyClicks(field.line, "2015-4")
    assert field.input_problem() == "Type the whole date as year-month-day, e.g. 2015-04-01."


def test_an_empty_required_date_is_only_a_problem_when_saving(field: DateField) -> None:
    """Cleared, it is no live problem, but ``problem()`` (checked on save) says it is needed."""
    QTest.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.is_empty() and field.input_problem() == ""
    assert field.problem().startswith("The date is required")


def test_alt_down_opens_the_calendar_and_enter_picks_a_day(field: DateField) -> None:
    """Alt+Down opens the calendar on the typed date; Enter there takes the day."""
    QTest.keyClick(field.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.popup is not None and field.popup.isVisible()
    assert field.calendar is not None
    QTest.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key.Key_Left)
    QTest.keyClick(field.calendar.focusWidget() or field.calendar, Qt.Key.Key_Return)
    assert field.value() == date(2026, 12, 3)
    assert not field.popup.isVisible()


def test_parse_day_reads_only_whole_dates() -> None:
    """Year-month-day parses; anything short of a calendar date does not."""
    assert parse_day("2015-04-01") == date(2015, 4, 1)
    assert parse_day("2015-04-") is None
    assert parse_day("2015-13-01") is None


def test_a_click_in_an_empty_date_starts_typing_at_the_year(qtbot: QtBot) -> None:
    """Clicking near the end of an empty date, then typing, fills it from the year on."""
    widget = DateField("Start date", None)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    end = widget.line.rect().center()
    end.setX(widget.line.width() - 6)
    QTest.mouseClick(widget.line, Qt.MouseButton.LeftButton, pos=end)
    qtbot.wait(20)
    QTest.keyClicks(widget.line, "2019-06-15")
    assert widget.value() == date(2019, 6, 15)
