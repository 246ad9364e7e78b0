"""The self-evaluations page and its score trend chart, on real services and SQLite."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.evaluations import EvaluationsPage
from secor_desktop.gui.widgets.score_trend_chart import ScoreTrendChart, day_of
from secor_desktop.services.evaluations import TrendPoint
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.gui.test_evaluation_wizard import example_answers, fill


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    def question(*_a: Any) -> QMessageBox.StandardButton:
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def all_yes(services: Services) -> dict[str, StoredAnswer]:
    """Yes everywhere, 9 of 10 in interviews: a clear pass."""
    return {
        qid: StoredAnswer(AnswerKind.INTERVIEW, positive=9, asked=10)
        if a.kind is AnswerKind.INTERVIEW
        else StoredAnswer(AnswerKind.YES)
        for qid, a in example_answers(services).items()
    }


def save_history(services: Services) -> None:
    """A failed then a passed certification audit, and a passed maintenance audit."""
    pack = services.framework()
    company = services.company.get()
    assert company is not None
    services.company.save(replace(company, certificate_date=date(2024, 11, 20)))
    evaluations = services.evaluations
    evaluations.save(
        pack, example_answers(services), AuditType.CERTIFICATION, date(2024, 10, 15),
        external=True, auditor="Pat Lindqvist",
    )  # fmt: skip
    mixed = all_yes(services) | {"1.3": StoredAnswer(AnswerKind.NO)}
    evaluations.save(
        pack, mixed, AuditType.CERTIFICATION, date(2024, 11, 20), external=True,
        auditor="Pat Lindqvist",
    )  # fmt: skip
    evaluations.save(
        pack, all_yes(services), AuditType.MAINTENANCE, date(2025, 11, 10), auditor="Zoë Tremblay"
    )


def make_page(qtbot: QtBot, services: Services) -> EvaluationsPage:
    page = EvaluationsPage(services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(QSize(1366, 768))
    page.show()
    qtbot.waitExposed(page)
    return page


def xy(series: Any) -> list[tuple[date, float]]:
    return [(day_of(p.x()), round(p.y(), 1)) for p in series.points()]


def test_saved_audits_are_listed_newest_first_with_their_result(
    qtbot: QtBot, company: SmallCompany
) -> None:
    save_history(company.services)
    page = make_page(qtbot, company.services)
    assert page.rows() == [
        ["2025-11-10", "Maintenance", "Internal", "Zoë Tremblay", "97.9%", "✓ Pass", "none"],
        ["2024-11-20", "Certification", "External", "Pat Lindqvist", "96.6%", "✓ Pass", "none"],
        [
            "2024-10-15", "Certification", "External", "Pat Lindqvist", "85.0%", "✗ Fail",
            "7. Emergency response (45.0%)",
        ],
    ]  # fmt: skip
    assert page.latest.text() == ("Latest: maintenance audit of 2025-11-10, 97.9% overall: passed.")
    assert page.rule.text().startswith("To pass: 80% overall and at least 50% in every element.")


def test_trend_chart_points_types_and_pass_line(qtbot: QtBot, company: SmallCompany) -> None:
    """One point per audit on its date and score, by type; the 80% line spans the cycle."""
    services = company.services
    save_history(services)
    page = make_page(qtbot, services)
    chart = page.chart
    trend = services.evaluations.trend(services.framework())
    assert xy(chart.scores) == [(p.eval_date, p.overall_pct) for p in trend]
    assert xy(chart.scores) == [
        (date(2024, 10, 15), 85.0),
        (date(2024, 11, 20), 96.6),
        (date(2025, 11, 10), 97.9),
    ]
    assert xy(chart.by_type[AuditType.CERTIFICATION]) == xy(chart.scores)[:2]
    assert xy(chart.by_type[AuditType.MAINTENANCE]) == xy(chart.scores)[2:]
    assert chart.by_type[AuditType.RECERTIFICATION].count() == 0
    shapes = {chart.by_type[k].markerShape() for k in AuditType}
    assert len(shapes) == 3  # told apart by shape, not colour alone
    assert xy(chart.failed) == [(date(2024, 10, 15), 85.0)]
    (line,) = chart.pass_lines
    assert line.name() == "Pass mark 80%"
    assert [p.y() for p in line.points()] == [80.0, 80.0]
    start, end = (day_of(p.x()) for p in line.points())
    assert start < date(2024, 10, 15) and end > date(2027, 11, 20)  # the whole cycle
    assert (chart.axis_y.min(), chart.axis_y.max()) == (0.0, 100.0)
    assert "2024-10-15 certification: 85.0%, fail" in chart.accessibleDescription()


def test_chart_draws_a_line_per_pass_mark_when_they_differ(qtbot: QtBot) -> None:
    chart = ScoreTrendChart()
    qtbot.addWidget(chart)
    point = TrendPoint(date(2026, 3, 1), AuditType.MAINTENANCE, False, 71.0, True)
    marks = {
        AuditType.CERTIFICATION: Decimal(80),
        AuditType.MAINTENANCE: Decimal(60),
        AuditType.RECERTIFICATION: Decimal(80),
    }
    chart.set_trend([point], marks)
    assert [(line.name(), line.points()[0].y()) for line in chart.pass_lines] == [
        ("Pass mark 80% (certification, recertification)", 80.0),
        ("Pass mark 60% (maintenance)", 60.0),
    ]
    chart.set_trend([], marks)
    assert chart.scores.count() == 0 and len(chart.pass_lines) == 2
    assert chart.chart_.title().startswith("No saved self-evaluations yet")


def test_new_self_evaluation_is_saved_listed_and_charted(
    qtbot: QtBot, company: SmallCompany
) -> None:
    services = company.services
    page = make_page(qtbot, services)
    assert page.rows() == [] and page.chart.scores.count() == 0
    assert page.latest.text().startswith("No self-evaluation saved yet")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.details.date.setDate(QDate(2026, 10, 15))
    fill(qtbot, wizard, example_answers(services))
    qtbot.mouseClick(wizard.question("7.4").make_action, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.records_changed):
        qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)

    assert page.rows() == [
        [
            "2026-10-15", "Certification", "Internal", "", "85.0%", "✗ Fail",
            "7. Emergency response (45.0%)",
        ]
    ]  # fmt: skip
    assert xy(page.chart.by_type[AuditType.CERTIFICATION]) == [(date(2026, 10, 15), 85.0)]
    assert xy(page.chart.failed) == [(date(2026, 10, 15), 85.0)]
    (action,) = services.people.action_board().actions
    assert "7. Emergency response, question 7.4" in action.description
    qtbot.waitUntil(lambda: page.wizard is None)


def test_the_page_at_1366x768(qtbot: QtBot, company: SmallCompany) -> None:
    """Three saved audits; SECOR_GUI_SHOTS=folder keeps the picture."""
    save_history(company.services)
    page = make_page(qtbot, company.services)
    image = page.grab()
    assert (image.width(), image.height()) == (1366, 768)
    folder = os.environ.get("SECOR_GUI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / "self-evaluations.png"))
