"""The score trend: one point per audit over the certificate cycle, against the pass mark.

Certification, maintenance and recertification audits have their own marker shape (not only
their own colour), failed audits wear a red ring and say "fail" in their label, and the pass
mark is a dashed line across the whole span. The y axis always runs 0-100 %, so a drop looks
like the drop it is. The chart's accessible description says the same in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from secor_desktop.domain.frameworks import AuditType
from secor_desktop.gui.forms.dates import from_qdate, to_qdate
from secor_desktop.services.evaluations import TrendPoint

PAD_DAYS = 45
FAIL_COLOUR = "#b3261e"
PASS_LINE_COLOUR = "#198754"
STYLE = {
    AuditType.CERTIFICATION: (
        "Certification",
        QScatterSeries.MarkerShape.MarkerShapeCircle,
        "#0d6efd",
    ),
    AuditType.MAINTENANCE: (
        "Maintenance",
        QScatterSeries.MarkerShape.MarkerShapeRectangle,
        "#6f42c1",
    ),
    AuditType.RECERTIFICATION: (
        "Recertification",
        QScatterSeries.MarkerShape.MarkerShapeTriangle,
        "#fd7e14",
    ),
}


def msecs(day: date) -> float:
    """A date as the chart's x value (local midnight, as QDateTimeAxis shows it)."""
    moment = QDateTime(to_qdate(day), QTime(0, 0))
    return float(moment.toMSecsSinceEpoch())


def day_of(value: float) -> date:
    return from_qdate(QDateTime.fromMSecsSinceEpoch(round(value)).date())


def _mark(value: Decimal) -> str:
    return f"{value.normalize():f}"


class ScoreTrendChart(QChartView):
    """Overall score of each saved audit, oldest to newest, with the pass mark(s)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName("Score trend")
        self.setMinimumHeight(240)
        chart = self.chart_
        chart.setMargins(QMargins(4, 20, 12, 4))  # room for labels over 100 %
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        title = QFont(chart.titleFont())
        title.setBold(True)
        chart.setTitleFont(title)

        self.axis_x = QDateTimeAxis()
        self.axis_x.setFormat("MMM yyyy")
        self.axis_x.setTitleText("Audit date")
        self.axis_y = QValueAxis()
        self.axis_y.setRange(0, 100)
        self.axis_y.setTickCount(6)
        self.axis_y.setLabelFormat("%d %%")
        self.axis_y.setTitleText("Overall score")
        chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)

        self.scores = QLineSeries()
        self.scores.setName("Overall score")
        self.scores.setPen(QPen(QColor("#6c757d"), 2))
        self.failed = QScatterSeries()
        self.failed.setName("Failed")
        self.failed.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
        self.failed.setMarkerSize(22)
        self.failed.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.failed.setPen(QPen(QColor(FAIL_COLOUR), 3))
        self.by_type: dict[AuditType, QScatterSeries] = {}
        for kind, (name, shape, colour) in STYLE.items():
            series = QScatterSeries()
            series.setName(name)
            series.setMarkerShape(shape)
            series.setMarkerSize(14)
            series.setColor(QColor(colour))
            series.setBorderColor(QColor("#ffffff"))
            series.setPointLabelsVisible(True)
            series.setPointLabelsClipping(False)
            series.setPointLabelsColor(QColor("#212529"))
            self.by_type[kind] = series
        self._mark_lines: list[QLineSeries] = []
        for _ in AuditType:  # at most one pass mark per audit type
            line = QLineSeries()
            line.setPen(QPen(QColor(PASS_LINE_COLOUR), 2, Qt.PenStyle.DashLine))
            self._mark_lines.append(line)
        self.pass_lines: list[QLineSeries] = []
        every: list[QXYSeries] = [self.scores, self.failed, *self.by_type.values()]
        for each in [*every, *self._mark_lines]:
            self._add(each)
        self.set_trend([], {})

    def _add(self, series: QXYSeries) -> None:
        self.chart_.addSeries(series)
        series.attachAxis(self.axis_x)
        series.attachAxis(self.axis_y)

    def set_trend(
        self,
        points: Sequence[TrendPoint],
        pass_marks: dict[AuditType, Decimal],
        span: tuple[date, date] | None = None,
    ) -> None:
        """Show ``points`` (oldest first); ``pass_marks`` per audit type; ``span`` is the
        certificate cycle (start, expiry) when known, so the chart shows the whole cycle."""
        scored = [p for p in points if p.overall_pct is not None]
        self.scores.clear()
        self.failed.clear()
        for series in self.by_type.values():
            series.clear()
        for point in scored:
            assert point.overall_pct is not None
            x = msecs(point.eval_date)
            self.scores.append(x, point.overall_pct)
            if not point.passed:
                self.failed.append(x, point.overall_pct)
            series = self.by_type[point.audit_type]
            series.append(x, point.overall_pct)
            label = f"{point.overall_pct:.1f}%" + ("" if point.passed else " fail")
            series.setPointConfiguration(
                series.count() - 1, {QXYSeries.PointConfiguration.LabelFormat: label}
            )
        days = [p.eval_date for p in scored]
        if span is not None:
            days += list(span)
        if not days:
            days = [date.today()]
        start = min(days) - timedelta(days=PAD_DAYS)
        end = max(days) + timedelta(days=PAD_DAYS)
        self.axis_x.setRange(
            QDateTime.fromMSecsSinceEpoch(round(msecs(start))),
            QDateTime.fromMSecsSinceEpoch(round(msecs(end))),
        )
        self.axis_x.setTickCount(min(8, max(3, (end - start).days // 150 + 2)))
        self._set_pass_lines(pass_marks, start, end)
        legend = self.chart_.legend()
        for series in [self.failed, *self.by_type.values()]:
            for marker in legend.markers(series):
                marker.setVisible(series.count() > 0)
        # No title over points: a label over a score near 100 % would run into it.
        self.chart_.setTitle(
            "" if scored else "No saved self-evaluations yet: start one with “New self-evaluation…”"
        )
        cycle = (
            ""
            if span is None
            else (f" · certificate cycle {span[0].isoformat()} to {span[1].isoformat()}")
        )
        self.axis_x.setTitleText(f"Audit date{cycle}")
        self.setAccessibleDescription(self.describe(scored, pass_marks))

    def _set_pass_lines(self, pass_marks: dict[AuditType, Decimal], start: date, end: date) -> None:
        """One dashed line per distinct pass mark. The lines are made once and reused: a
        series removed from a QChart and dropped by Python crashes Qt Charts."""
        by_mark: dict[Decimal, list[AuditType]] = {}
        for kind, value in pass_marks.items():
            by_mark.setdefault(value, []).append(kind)
        marks = sorted(by_mark.items(), reverse=True)
        self.pass_lines = []
        for index, line in enumerate(self._mark_lines):
            line.clear()
            for marker in self.chart_.legend().markers(line):
                marker.setVisible(index < len(marks))
            if index >= len(marks):
                continue
            value, kinds = marks[index]
            which = "" if len(marks) == 1 else " (" + ", ".join(k.value for k in kinds) + ")"
            line.setName(f"Pass mark {_mark(value)}%{which}")
            line.append(msecs(start), float(value))
            line.append(msecs(end), float(value))
            self.pass_lines.append(line)

    @staticmethod
    def describe(points: Sequence[TrendPoint], pass_marks: dict[AuditType, Decimal]) -> str:
        """The chart in words, for screen readers and the tooltip."""
        marks = ", ".join(f"{k.value} {_mark(v)}%" for k, v in pass_marks.items())
        if not points:
            return f"No saved audits yet. Pass marks: {marks}."
        parts = [
            f"{p.eval_date.isoformat()} {p.audit_type.value}: {p.overall_pct:.1f}%, "
            f"{'pass' if p.passed else 'fail'}"
            for p in points
        ]
        return "; ".join(parts) + f". Pass marks: {marks}."
