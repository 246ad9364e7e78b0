"""The main window and the shell around it (notify, background work, crash reports)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import crash
from secor_desktop.gui.about import AboutDialog
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.services.errors import KnownError
from tests.conftest import SmallCompany


def make_window(qtbot: QtBot, company: SmallCompany, settings_file: Path) -> MainWindow:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = MainWindow(company.services, InlineBackground(), settings)
    qtbot.addWidget(window)
    return window


def show_active(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()


@pytest.fixture
def window(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> MainWindow:
    return make_window(qtbot, company, tmp_path / "window.ini")


def test_sidebar_lists_dashboard_kinds_and_other_pages(window: MainWindow) -> None:
    """The sidebar has the dashboard, Today, the path to the audit, the written program, one
    entry per record kind, then the other pages."""
    expected = [
        "Dashboard",
        "Today",
        "Your path to the audit",
        "Written program",
        *(k.label for k in RecordKind),
    ]
    expected += ["Workers", "Corrective actions", "Training matrix", "Statistics"]
    expected += ["Self-evaluations"]
    expected += ["Audit cycle", "Eligibility & rebate", "Settings"]
    assert window.page_titles() == expected
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == expected


def test_dashboard_shows_company_and_counts(window: MainWindow, company: SmallCompany) -> None:
    """The dashboard names the company and counts records by kind after a refresh."""
    company.inspection()
    window.refresh()
    dashboard = window.current_page()
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.heading.text() == "Prairie Roofing Ltd."
    row = list(RecordKind).index(RecordKind.INSPECTION)
    assert dashboard.table.item(row, 1).text() == "1"
    assert dashboard.status_label.text().startswith("Today: Not ready")


def test_choosing_a_kind_shows_its_list(window: MainWindow, company: SmallCompany) -> None:
    """Selecting 'Inspection' in the sidebar shows the inspection list page."""
    company.inspection()
    window.sidebar.setCurrentRow(window.page_titles().index("Inspection"))
    page = window.stack.currentWidget()
    assert isinstance(page, RecordListPage)
    assert page.kind is RecordKind.INSPECTION
    assert page.model.rowCount() == 1


def test_ctrl_page_down_and_up_move_between_pages(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+PgDown goes to the next page and Ctrl+PgUp back."""
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.currentRow() == 0


def test_filter_focuses_the_list_search_box(qtbot: QtBot, window: MainWindow) -> None:
    """Edit > Filter this list (Ctrl+L) puts the cursor in the current list's search box."""
    show_active(qtbot, window)
    page = window.select_page(RecordKind.FLHA.label)
    assert isinstance(page, RecordListPage)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_box
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_new_record_shortcut_is_ctrl_n(window: MainWindow) -> None:
    """File > New record is bound to Ctrl+N."""
    assert window.new_action.shortcut().toString() == "Ctrl+N"


def test_geometry_and_page_are_remembered(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """A window reopened with the same settings has the size and page it was closed with."""
    settings_file = tmp_path / "remember.ini"
    first = make_window(qtbot, company, settings_file)
    first.resize(760, 520)  # within the offscreen screen (800x600): geometry is kept on-screen
    first.sidebar.setCurrentRow(3)
    first.close()
    second = make_window(qtbot, company, settings_file)
    assert (second.width(), second.height()) == (760, 520)
    assert second.sidebar.currentRow() == 3


def test_default_settings_stay_in_the_test_folder(
    qtbot: QtBot, company: SmallCompany, temporary_settings: Path
) -> None:
    """A window on default QSettings writes under the test's temporary folder."""
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    window.close()
    assert str(temporary_settings) in window.settings.fileName()


def test_about_dialog_names_version_and_paths(qtbot: QtBot, company: SmallCompany) -> None:
    """About shows the version, data folder, database and log file."""
    locations = company.services.locations
    dialog = AboutDialog(locations)
    qtbot.addWidget(dialog)
    assert dialog.fields["Data folder"].text() == str(locations.data_dir)
    assert dialog.fields["Database"].text() == str(locations.database)
    assert dialog.fields["Log file"].text() == str(locations.log_file)
    assert dialog.fields["Version"].text()


def test_export_bundle_writes_a_new_folder(
    window: MainWindow, tmp_path: Path, messages: RecordingNotifier
) -> None:
    """Exporting into a non-empty folder makes a dated bundle folder inside it."""
    target = tmp_path / "exports"
    target.mkdir()
    (target / "something else.txt").write_text("x")
    window.export_to(target)
    bundle = target / "secor-bundle-2026-11-02"
    assert (bundle / "bundle.json").exists() or any(bundle.iterdir())
    assert any("Exported" in t for t in messages.texts("info"))


def test_window_renders_at_laptop_size(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """At 1366x768 the dashboard and a list page paint to PNGs of that size."""
    window.resize(1366, 768)
    with qtbot.waitExposed(window):
        window.show()
    for title in ("Dashboard", RecordKind.INSPECTION.label):
        window.select_page(title)
        image = window.grab()
        assert (image.width(), image.height()) == (1366, 768)
        assert image.save(str(tmp_path / f"{title.split()[0].lower()}.png"))


# --- the shell: known errors and crashes (background work: test_background.py) ------


def test_known_error_is_a_plain_message(
    messages: RecordingNotifier, crashes: list[BaseException]
) -> None:
    """A KnownError is told in its own words, with no crash dialog."""
    crash.report(KnownError("The disk holding /data is full. Free some space, then try again."))
    assert messages.texts("error") == [
        "The disk holding /data is full. Free some space, then try again."
    ]
    assert crashes == []


def test_unexpected_error_goes_to_the_crash_report(
    messages: RecordingNotifier, crashes: list[BaseException]
) -> None:
    """Any other exception is a bug: it reaches the crash presenter."""
    bug = ZeroDivisionError("division by zero")
    crash.report(bug)
    assert crashes == [bug]
    assert messages.messages == []


def test_excepthook_reports_uncaught_errors(crashes: list[BaseException]) -> None:
    """The installed excepthook sends an uncaught exception to the crash report."""
    crash.install_excepthook(Path("/tmp/log.txt"))
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert [str(e) for e in crashes] == ["boom"]


def test_crash_dialog_has_details_and_copies_them(qtbot: QtBot, tmp_path: Path) -> None:
    """The dialog shows version, OS, traceback and log path; Copy puts them on the clipboard."""
    try:
        raise ValueError("unexpected «value»")
    except ValueError as exc:
        dialog = crash.CrashDialog(exc, tmp_path / "secor-desktop.log")
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    for part in ("SECOR Desktop", "OS:", "Traceback", "unexpected «value»", "secor-desktop.log"):
        assert part in text
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == text


def test_status_bar_names_the_data_folder(window: MainWindow, company: SmallCompany) -> None:
    """The status bar shows where the data lives."""
    assert str(company.services.locations.data_dir) in window.location_label.text()


def test_search_box_is_a_line_edit_with_a_name(window: MainWindow) -> None:
    """Every list page's search box is labelled for screen readers."""
    page = window.select_page(RecordKind.INCIDENT.label)
    boxes = page.findChildren(QLineEdit)
    assert any(b.accessibleName() == "Search incident / near miss records" for b in boxes)
