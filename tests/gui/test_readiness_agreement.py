"""The demo company left alone for three weeks: CLI, dashboard and pack agree on the lapse.

The demo's records end on the day it is built (2026-11-02). Judged on 2026-11-25, its weekly
and daily records have lapsed: the "program in use now" blocker must read the same, element by
element, in `readiness --json`, on the dashboard and in the evidence pack.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.readiness_model import Status
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.dashboard import (
    COL_ELEMENT,
    COL_SPAN,
    COL_STATUS,
    SPAN_ROLE,
    DashboardPage,
)
from secor_desktop.gui.pages.dashboard_text import SHORT_STATUS
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.facade import Services

BUILT = datetime(2026, 11, 2, 17, tzinfo=UTC)
JUDGED = date(2026, 11, 25)


@dataclass(frozen=True)
class Later:
    services: Services  # the demo's folder, with the clock three weeks on
    expected: dict[str, Any]  # readiness --json on the judged day
    pdf_text: str  # the evidence pack's text, whitespace removed


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Later:
    folder = tmp_path_factory.mktemp("later")
    data = folder / "data"
    build_demo(open_services(AppPaths(data), FixedClock(BUILT)), seed=1)
    services = open_services(AppPaths(data), FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC)))
    capture = folder / "readiness.json"
    args = ["--data-dir", str(data), "readiness", "--json", "--as-of", str(JUDGED)]
    with capture.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
        code = main(args)
    assert code == 0
    pdf = folder / "pack.pdf"
    EvidencePackService(services.ctx).export(pdf, services.framework(), summary_only=True)
    text = squash("".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
    text = re.sub(r"Page\d+of\d+", "", text)
    return Later(services, json.loads(capture.read_text(encoding="utf-8")), text)


def lapses(element: dict[str, Any]) -> list[str]:
    return [f["message"] for f in element["findings"] if f["code"] == "frequency_lapsed"]


def test_the_demo_left_alone_has_lapsed_elements(later: Later) -> None:
    """Inspections and field-level hazard assessments stopped on 2026-10-30: blockers (and
    the monthly hours, last entered for September, lapse element 8)."""
    lapsed = {e["code"]: lapses(e) for e in later.expected["elements"] if lapses(e)}
    assert set(lapsed) == {"2", "5", "8", "9"}
    assert lapsed["5"] == [
        "Inspections: none since 2026-10-30 (26 days); you declared weekly. "
        "Resume them to be ready."
    ]
    assert later.expected["ready_at_audit_date"] == "not_ready"


def test_dashboard_shows_what_the_cli_shows_after_the_lapse(qtbot: QtBot, later: Later) -> None:
    """Element by element: the same status, span and findings, lapse blockers included."""
    page = DashboardPage(later.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert page.report is not None and page.report.as_of == JUDGED
    table = page.elements
    for row, element in enumerate(later.expected["elements"]):
        status = SHORT_STATUS[Status(element["status"])]
        assert table.item(row, COL_STATUS).text().startswith(status)
        assert table.item(row, COL_SPAN).data(SPAN_ROLE) == element["span_months"]
        rect = table.visualItemRect(table.item(row, COL_ELEMENT))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert page.selected_code() == element["code"]
        assert page.finding_messages() == [f["message"] for f in element["findings"]]


def test_pack_shows_what_the_cli_shows_after_the_lapse(later: Later) -> None:
    """The pack's readiness is the same report, and its PDF prints every blocker."""
    service = EvidencePackService(later.services.ctx)
    model = service.build(later.services.framework(), summary_only=True)
    report = model.readiness
    assert report.as_of == JUDGED
    for element, expected in zip(report.elements, later.expected["elements"], strict=True):
        assert (element.code, element.status.value, element.span_months) == (
            expected["code"],
            expected["status"],
            expected["span_months"],
        )
        assert [f.message for f in element.findings] == [f["message"] for f in expected["findings"]]
        for finding in expected["findings"]:
            if finding["severity"] == "blocker":
                assert squash(finding["message"]) in later.pdf_text
