"""The GUI form kit (gui/forms): the pieces the first-run wizard, settings, the page dialogs
and the record editors share, driven with key events on real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import DEFAULT_FREQUENCIES, Frequency, Province, RecordKind
from secor_desktop.domain.model import Company
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.forms.company import CompanyFields
from secor_desktop.gui.forms.dates import date_edit, from_qdate, to_qdate
from secor_desktop.gui.forms.errors import FieldErrors, MessageLine
from secor_desktop.gui.forms.frequencies import FrequencyGrid
from secor_desktop.services.facade import Services
from tests.gui.keys import type_text


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    return widget


def test_dates_go_to_qt_and_back_unchanged() -> None:
    """A date turned into a QDate and back is the same date (leap day included)."""
    for day in (date(2024, 2, 29), date(1999, 12, 31), date(2027, 1, 4)):
        assert from_qdate(to_qdate(day)) == day


def test_date_box_shows_year_month_day_under_its_name(qtbot: QtBot) -> None:
    """The kit's date box shows the date as year-month-day and is named for screen readers."""
    edit = date_edit("Planned audit date", date(2027, 3, 15))
    qtbot.addWidget(edit)
    assert edit.text() == "2027-03-15"
    assert edit.accessibleName() == "Planned audit date"
    assert edit.calendarPopup()


def test_reserved_message_line_keeps_its_height_when_a_message_appears(qtbot: QtBot) -> None:
    """A reserved line is as tall empty as with a message, so nothing under it moves."""
    line = MessageLine(None, 1, sign="⚠")
    shown(qtbot, line)
    empty = line.height()
    line.setText("Company name is required")
    assert line.height() == empty
    assert line.text() == "⚠ Company name is required"


def test_collapsing_message_line_shows_only_with_a_message(qtbot: QtBot) -> None:
    """A collapsing line is hidden while empty, shown with a message, hidden again when cleared."""
    box = shown(qtbot, QWidget())
    line = MessageLine(box, collapse=True)
    assert line.isHidden()
    line.setText("Name is required.")
    assert not line.isHidden()
    line.clear()
    assert line.isHidden()


def test_page_errors_place_each_problem_and_take_the_keyboard_there(qtbot: QtBot) -> None:
    """On a page form a problem shows under its field as a sentence, the keyboard moves to
    that field, and a problem about no field goes to the general line."""
    form = QWidget()
    layout = QVBoxLayout(form)
    general = QLabel(form)
    errors = FieldErrors.for_page(general)
    name, role = QLineEdit(form), QLineEdit(form)
    for field, label, edit in (("name", "Name", name), ("role", "Role", role)):
        layout.addWidget(edit)
        layout.addWidget(errors.add(field, label, edit))
    layout.addWidget(general)
    shown(qtbot, form)
    name.setFocus()
    unplaced = errors.show(
        [FieldProblem("role", "is required"), FieldProblem("start_date", "is in the future")]
    )
    assert errors.message_for("role") == "Role is required."
    assert errors.message_for("name") == ""
    assert QApplication.focusWidget() is role
    assert [p.field for p in unplaced] == ["start_date"]
    assert general.text() == "Not saved: start_date: is in the future"
    assert role.accessibleDescription() == "Role is required."


def test_editor_errors_name_the_line_of_a_list(qtbot: QtBot) -> None:
    """In the editors' wording a problem deep in a list names the field and the line."""
    holder = QWidget()
    errors = FieldErrors()
    hazards = QLineEdit(holder)
    errors.add("body.hazards", "Hazards", hazards, MessageLine(holder))
    shown(qtbot, holder)
    assert errors.show([FieldProblem("body.hazards[2].task", "is required")]) == []
    assert errors.message_for("body.hazards") == "Hazards, line 3: task step is required"


def test_frequency_grid_reads_what_the_keyboard_chose(qtbot: QtBot) -> None:
    """Pressing Down on a kind's choice changes that kind only, and says the grid changed."""
    grid = FrequencyGrid(columns=2)
    shown(qtbot, grid)
    assert grid.frequencies() == DEFAULT_FREQUENCIES
    combo = grid.combos[RecordKind.INSPECTION]
    combo.setFocus()
    with qtbot.waitSignal(grid.changed, timeout=1000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    chosen = grid.frequencies()
    assert chosen[RecordKind.INSPECTION] is Frequency.MONTHLY  # the one after weekly
    assert {k: v for k, v in chosen.items() if k is not RecordKind.INSPECTION} == {
        k: v for k, v in DEFAULT_FREQUENCIES.items() if k is not RecordKind.INSPECTION
    }


def test_frequency_grid_shows_the_default_for_a_kind_not_declared(qtbot: QtBot) -> None:
    """Filling the grid from a profile that names one kind shows the defaults for the rest."""
    grid = FrequencyGrid()
    qtbot.addWidget(grid)
    grid.set_frequencies({RecordKind.FLHA: Frequency.WEEKLY})
    assert grid.frequencies() == {**DEFAULT_FREQUENCIES, RecordKind.FLHA: Frequency.WEEKLY}


def test_company_fields_read_what_was_typed(qtbot: QtBot) -> None:
    """The profile read from the fields is what was typed and chosen, trimmed, over the base."""
    parent = QWidget()
    form = QFormLayout(parent)
    fields = CompanyFields(parent)
    for widget in fields.widgets().values():
        form.addRow(widget)
    fields.framework.addItem("COR 14-element", "cor-14-element")
    shown(qtbot, parent)
    base = Company(name="Old name", province=Province.AB, late_entry_days=21)
    fields.load(base)
    fields.name.selectAll()
    type_text(fields.name, "  Toitures Côté ltée ")
    fields.province.setFocus()
    qtbot.keyClicks(fields.province, "S")  # Saskatchewan, by its first letter
    company = fields.company(base)
    assert (company.name, company.province) == ("Toitures Côté ltée", Province.SK)
    assert company.framework_id == "cor-14-element"
    assert company.late_entry_days == 21  # what the fields do not edit is kept


def test_first_run_company_fields_tab_in_reading_order(qtbot: QtBot, services: Services) -> None:
    """Tab from the company name goes down the form: province, WCB account, partner, framework."""
    wizard = FirstRunWizard(services, tasks=InlineBackground())
    shown(qtbot, wizard)
    page = wizard.company_page
    page.name.setFocus()
    visited = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [page.province, page.wcb_account, page.partner, page.framework]
