"""The Today page: the same list as `secor-desktop due`, each item a keystroke from its record."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.cli import build_parser, run
from secor_desktop.domain.bodies import Control, ControlLevel, FlhaBody, HazardItem
from secor_desktop.domain.due import Bucket, DueItem
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.today import TodayPage
from tests.conftest import SmallCompany

TODAY = date(2026, 11, 2)  # the test clock's Monday
FRIDAY_BEFORE = date(2026, 10, 30)


@pytest.fixture
def busy(company: SmallCompany) -> SmallCompany:
    """A company with a Friday FLHA at the yard, an overdue action, and the audit window open."""
    services = company.services
    services.records.create(
        RecordKind.FLHA,
        title="Re-roofing, north slope",
        event_date=FRIDAY_BEFORE,
        site_id=company.site.id,
        body=FlhaBody(
            "Re-roofing",
            (
                HazardItem(
                    "Tear-off",
                    "Fall from the roof edge",
                    5,
                    3,
                    (Control(ControlLevel.ENGINEERING, "Guardrail on the eave"),),
                ),
            ),
            (company.lead.id, company.worker.id),
        ),
    )
    services.actions.raise_action(
        "Replace the cracked ladder foot",
        due_date=date(2026, 10, 28),
        owner_id=company.lead.id,
        created_date=date(2026, 10, 20),
    )
    profile = services.company.get()
    assert profile is not None
    services.company.save(replace(profile, certificate_date=date(2025, 12, 30)))
    return company


@pytest.fixture
def page(qtbot: QtBot, busy: SmallCompany) -> TodayPage:
    page = TodayPage(busy.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1100, 650)
    return page


def cli_keys(company: SmallCompany) -> list[str]:
    out = io.StringIO()
    assert run(build_parser().parse_args(["due", "--json"]), company.services, out) == 0
    return [item["key"] for item in json.loads(out.getvalue())["items"]]


def item_where(page: TodayPage, test: object) -> DueItem:
    return next(i for i in page.shown_items() if test(i))  # type: ignore[operator]


def test_page_shows_the_same_items_as_the_cli(page: TodayPage, busy: SmallCompany) -> None:
    """The page lists exactly the items of `due --json`, in the same order."""
    keys = [i.key for i in page.shown_items()]
    assert keys == cli_keys(busy) and len(keys) >= 5


def test_items_are_grouped_overdue_today_this_week(page: TodayPage) -> None:
    """Groups in order, each headed with its count; today's FLHA is under Today."""
    headings = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert headings == ["Overdue (3)", "Today (2)", "This week (2)", "Coming up (2)"]
    today = [(i.what, i.site) for i in page.shown_items() if i.bucket is Bucket.TODAY]
    assert today == [
        ("Emergency response plan", "Main yard"),
        ("Field-level hazard assessment", "Main yard"),
    ]


def test_enter_on_an_item_opens_its_editor_prefilled(
    qtbot: QtBot, page: TodayPage, busy: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on today's FLHA opens a new FLHA at the yard, dated today, with Friday's crew."""
    seen: list[tuple[RecordKind, str, date, tuple[str, ...], bool]] = []

    def look(editor: RecordEditor) -> int:
        body = editor.form.body()
        assert isinstance(body, FlhaBody)
        seen.append(
            (
                editor.kind,
                str(editor.site.currentData()),
                editor.event_date.date().toPython(),
                body.crew_ids,
                editor.is_dirty(),
            )
        )
        return 0

    monkeypatch.setattr(RecordEditor, "exec", look)
    page.select(item_where(page, lambda i: i.start.kind is RecordKind.FLHA).key)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    crew = tuple(sorted((busy.lead.id, busy.worker.id)))
    assert [(k, s, d, tuple(sorted(c)), dirty) for k, s, d, c, dirty in seen] == [
        (RecordKind.FLHA, busy.site.id, TODAY, crew, False)
    ]


def test_double_click_on_an_orientation_names_the_worker(
    qtbot: QtBot, page: TodayPage, busy: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double-click on an owed orientation opens one for that worker."""
    seen: list[str] = []
    monkeypatch.setattr(RecordEditor, "exec", lambda e: seen.append(e.form.body().worker_id) or 0)
    target = item_where(page, lambda i: i.worker == "Sam Okafor")
    page.show()
    qtbot.waitExposed(page)
    page.select(target.key)
    row = page.tree.currentItem()
    rect = page.tree.visualItemRect(row)
    # A person's double-click is a press and release, then the double-click itself.
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen == [busy.worker.id]


def test_an_action_item_opens_the_action(qtbot: QtBot, page: TodayPage) -> None:
    """Enter on an overdue corrective action asks the window to show that action."""
    target = item_where(page, lambda i: i.start.action_id is not None)
    page.select(target.key)
    with qtbot.waitSignal(page.action_requested) as signal:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert signal.args == [target.start.action_id]


def test_the_audit_item_starts_a_self_evaluation(qtbot: QtBot, page: TodayPage) -> None:
    """The maintenance audit item (its window is open) asks for a new self-evaluation."""
    target = item_where(page, lambda i: i.start.audit_type is not None)
    page.select(target.key)
    with qtbot.waitSignal(page.evaluation_requested):
        page.start_button.click()


def test_save_to_calendar_writes_one_event_per_item(page: TodayPage, tmp_path: Path) -> None:
    """The calendar button's file parses back with one event per item shown."""
    path = tmp_path / "due"
    page.write_calendar(path)
    calendar = Calendar.from_ical((tmp_path / "due.ics").read_bytes())
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert starts == sorted(i.due for i in page.shown_items())


def test_no_company_yet_says_to_set_it_up(qtbot: QtBot, services: object) -> None:
    """Before the company exists, the page says what to do instead of listing nothing."""
    page = TodayPage(services, InlineBackground())  # type: ignore[arg-type]
    qtbot.addWidget(page)
    assert page.summary.text().startswith("Set up the company first")
    assert page.shown_items() == []


def test_today_is_in_the_sidebar_after_the_dashboard(
    qtbot: QtBot, busy: SmallCompany, tmp_path: Path
) -> None:
    """open_today (a later start) shows the Today page."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(busy.services, InlineBackground(), settings)
    qtbot.addWidget(window)
    assert window.page_titles()[:2] == ["Dashboard", "Today"]
    window.open_today()
    assert isinstance(window.current_page(), TodayPage)


def test_a_later_start_opens_on_today(
    qtbot: QtBot, busy: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui with a company already set up shows the Today page first."""
    from secor_desktop.gui import application

    shown: list[str] = []

    def run_loop() -> int:
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        shown.append(type(window.current_page()).__name__)
        for widget in QApplication.topLevelWidgets():
            widget.close()
        return 0

    app = application.make_app()
    monkeypatch.setattr(app, "exec", run_loop)
    assert application.run_gui(busy.services) == 0
    assert shown == ["TodayPage"]
