"""The readiness dashboard, driven offscreen through the real services (demo and small company)."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.activity import week_start
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import Finding, Severity, Status
from secor_desktop.gui import editors
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages import dashboard_text as words
from secor_desktop.gui.pages.dashboard import (
    COL_ELEMENT,
    COL_FINDINGS,
    COL_SPAN,
    COL_STATUS,
    SPAN_ROLE,
    STATUS_ROLE,
    DashboardPage,
)
from secor_desktop.gui.widgets.activity_chart import BUCKETS, bucket_of
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)
AS_OF = NOW.date()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Services, Path]:
    data = tmp_path_factory.mktemp("demo") / "data"
    services = open_services(AppPaths(data), FixedClock(NOW))
    build_demo(services, seed=1)
    return services, data


def cli_report(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    args = ["--data-dir", str(data), "readiness", "--json", "--as-of", AS_OF.isoformat()]
    assert main(args) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def click_row(qtbot: QtBot, page: DashboardPage, row: int) -> None:
    table = page.elements
    rect = table.visualItemRect(table.item(row, COL_ELEMENT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_demo_dashboard_matches_the_cli(
    qtbot: QtBot, demo: tuple[Services, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """For every element: the same status, span and findings as `readiness --json`."""
    services, data = demo
    expected = cli_report(data, capsys)
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.report is not None and page.report.as_of == AS_OF
    assert page.elements.rowCount() == len(expected["elements"])
    for row, element in enumerate(expected["elements"]):
        title = page.elements.item(row, COL_ELEMENT).text()
        assert title == f"{element['code']}. {element['name']}"
        status = page.elements.item(row, COL_STATUS)
        assert status.data(STATUS_ROLE) == Status(element["status"]).label
        assert status.text().startswith(words.SHORT_STATUS[Status(element["status"])])
        span = page.elements.item(row, COL_SPAN)
        assert span.data(SPAN_ROLE) == element["span_months"]
        assert span.data(Qt.ItemDataRole.AccessibleTextRole) == (
            f"{element['span_months']} month(s)" if element["first_record"] else "no records"
        )
        click_row(qtbot, page, row)
        assert page.selected_code() == element["code"]
        assert page.finding_messages() == [f["message"] for f in element["findings"]]
        top = page.elements.item(row, COL_FINDINGS)
        if element["findings"]:
            assert element["findings"][0]["message"] in top.text()
        for finding in element["findings"]:  # every finding in full, in the tooltip
            assert finding["message"] in top.toolTip()
    status = Status(expected["status"])
    assert page.status_label.text().startswith(f"Today: {status.label}")
    if len(expected["weakest_elements"]) <= 2:
        for code in expected["weakest_elements"]:
            assert f"{code}. " in page.status_label.text()
    assert expected["ready_one_year_on"] in page.earliest_label.text()
    assert expected["ready_three_year_on"] in page.earliest_label.text()
    if expected["audit_date"]:
        audit = date.fromisoformat(expected["audit_date"])
        assert f"in {(audit - AS_OF).days} days" in page.audit_label.text()
        at = Status(expected["ready_at_audit_date"]).label
        assert f"at that date: {at}" in page.audit_label.text()


def test_demo_overall_lines_name_the_weakest_element_and_follow_up(
    qtbot: QtBot, demo: tuple[Services, Path]
) -> None:
    services, _ = demo
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    report = page.report
    assert report is not None
    assert report.status is Status.NOT_READY
    assert page.status_label.text() == (
        "Today: Not ready (weakest: 4. Training and orientation). "
        "Start here: write the training needs and plan (element 4)."
    )
    blockers = words.must_fix(report)
    assert blockers and f"once the {len(blockers)} item" in page.earliest_label.text()
    assert page.must_fix_label.text() == f"Must fix before the audit: {len(blockers)} needs work."
    findings = words.all_findings(report)
    overdue = {f.action_id for f in findings if f.code == "action_overdue"}
    still_open = {f.action_id for f in findings if f.code in ("action_open", "action_overdue")}
    assert len(still_open) > len(overdue) > 0
    assert page.follow_up_label.text().startswith(
        f"Corrective actions: {len(still_open)} open, {len(overdue)} of them overdue · "
    )
    # The weakest element is selected at once, its findings listed below.
    assert page.selected_code() == "4"
    assert page.finding_messages()[0].startswith("No signed Training needs and plan")


def test_demo_screenshot_at_1366x768(qtbot: QtBot, demo: tuple[Services, Path]) -> None:
    """The dashboard as the owner first sees it; SECOR_GUI_SHOTS=folder keeps the picture."""
    services, _ = demo
    window = MainWindow(services, InlineBackground())
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    viewport = page.elements.viewport()
    for row in range(page.elements.rowCount()):  # all nine in view, none scrolled away
        rect = page.elements.visualRect(page.elements.model().index(row, COL_ELEMENT))
        assert rect.height() > 0 and viewport.rect().contains(rect), row
    image = window.grab()
    assert image.width() == 1366
    folder = os.environ.get("SECOR_GUI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / "dashboard.png"))


def test_a_save_changes_the_counts_and_a_finding_opens_its_record(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = DashboardPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    row = list(RecordKind).index(RecordKind.INSPECTION)
    assert page.table.item(row, 1).text() == "0"
    report = page.report
    assert report is not None
    code = next(e.code for e in report.elements if RecordKind.INSPECTION in _kinds(page, e.code))
    page.select_element(code)
    before = page.finding_messages()
    assert any(m.startswith("No signed, complete inspections") for m in before)

    record = company.inspection()  # not signed yet: listed as not counting, naming the record
    page.refresh()
    assert page.table.item(row, 1).text() == "1"
    assert page.selected_code() == code
    after = page.finding_messages()
    assert after != before
    listed = page.findings.list
    item = next(
        listed.item(i)
        for i in range(listed.count())
        if "Weekly yard inspection" in listed.item(i).text()
    )
    opened: list[tuple[RecordKind, str | None]] = []

    def fake_editor(parent: object, services: Services, kind: RecordKind, rid: str) -> bool:
        opened.append((kind, rid))
        return True

    monkeypatch.setattr(editors, "open_record_editor", fake_editor)
    listed.scrollToItem(item)
    with qtbot.waitSignal(page.records_changed, timeout=1000):
        rect = listed.visualItemRect(item)
        qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(RecordKind.INSPECTION, record.id)]


def test_a_finding_whose_record_is_gone_is_told_not_raised(
    qtbot: QtBot, company: SmallCompany, messages: Any
) -> None:
    page = DashboardPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    gone = Finding("1", Severity.NOTE, "not_counted", "A record gone", record_id="no-such-record")
    assert page.fix_finding(gone) is False
    assert messages.messages


def test_no_company_yet_says_so(qtbot: QtBot, services: Services) -> None:
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    assert page.heading.text() == "No company yet"
    assert "Set up the company first" in page.status_label.text()
    assert page.elements.rowCount() == 0


def _kinds(page: DashboardPage, code: str) -> tuple[RecordKind, ...]:
    pack = page.services.framework()
    return next(e.evidence_kinds for e in pack.elements if e.code == code)


def test_activity_chart_shows_each_week_and_gap_of_the_demo(
    qtbot: QtBot, demo: tuple[Services, Path]
) -> None:
    """Every square of the chart is the service's count for its element and week."""
    services, _ = demo
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    chart = page.activity
    grid = services.readiness.activity(services.framework())
    assert chart.grid == grid
    assert len(grid.weeks) == 53 and grid.weeks[-1] == week_start(AS_OF)
    seen: dict[tuple[int, int], str] = {}
    for _lowest, label, _colour in BUCKETS:
        for square in chart.points(label):
            assert square not in seen
            seen[square] = label
    assert len(seen) == len(grid.weeks) * len(grid.elements)  # one square each, none missing
    for row, code in enumerate(grid.elements):
        for column, count in enumerate(grid.counts[code]):
            assert seen[(column, row)] == BUCKETS[bucket_of(count)][1]
    # The demo's long winter gap in inspections shows as grey squares and in words.
    inspections = next(e.code for e in services.framework().elements if e.name == "Inspections")
    gaps = grid.gaps(inspections)
    assert gaps
    start, end = max(gaps, key=lambda g: g[1] - g[0])
    weeks = ((end - start).days + 1) // 7
    assert weeks >= 2  # the gap of 2026-01-16 to 2026-02-11
    assert f"{inspections}: {weeks} weeks from {start.isoformat()}" in chart.summary.text()
    assert "Week of" in chart.describe(0, 0)


def test_activity_chart_follows_a_save(qtbot: QtBot, company: SmallCompany) -> None:
    page = DashboardPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    codes = company.services.evidence_elements()[RecordKind.INSPECTION]
    row = page.activity.grid.elements.index(codes[0])  # type: ignore[union-attr]
    last = len(page.activity.grid.weeks) - 1  # type: ignore[union-attr]
    assert (last, row) in page.activity.points("No records")
    company.inspection()
    page.refresh()
    assert (last, row) in page.activity.points("1 record")
    assert (last, row) not in page.activity.points("No records")
    assert page.activity.describe(last, row).endswith(": 1 record")
