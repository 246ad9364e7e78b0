"""Record activity per element and week (QtCharts): a grid of squares, empty weeks stand out.

Each element is a row and each week a column. A square's colour says how many records counted
for that element in that week; an empty week is grey, so a gap is easy to spot. A square
can be hovered for its figures, and the text summary below the chart says the same thing in
words (for screen readers, and for anyone who does not read colour).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QScatterSeries
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from secor_desktop.domain.activity import ActivityGrid
from secor_desktop.domain.frameworks import FrameworkPack

# (lowest count, legend label, fill colour); the last bucket whose lowest count fits wins.
BUCKETS: tuple[tuple[int, str, str], ...] = (
    (0, "No records", "#ececec"),
    (1, "1 record", "#b7dfc0"),
    (2, "2–4 records", "#5cb176"),
    (5, "5 or more", "#1e7b3c"),
)
UNTRACKED = ("Not shown by records", "#fbfbfb")


def bucket_of(count: int) -> int:
    index = 0
    for i, (lowest, _label, _colour) in enumerate(BUCKETS):
        if count >= lowest:
            index = i
    return index


class ActivityChart(QWidget):
    """The chart and its summary in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid: ActivityGrid | None = None
        self.tracked: frozenset[str] = frozenset()
        self.names: dict[str, str] = {}
        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.chart.setBackgroundRoundness(0)
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.view.setAccessibleName("Record activity by week and element")
        self.view.setMinimumHeight(220)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("Gaps in record activity")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.series: list[QScatterSeries] = []
        self.chart.plotAreaChanged.connect(lambda _rect: self._fit_markers())

    # --- data ------------------------------------------------------------------------------

    def set_activity(self, grid: ActivityGrid, pack: FrameworkPack) -> None:
        self.grid = grid
        self.names = {e.code: e.name for e in pack.elements}
        self.tracked = frozenset(e.code for e in pack.elements if e.evidence_kinds)
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        rows = len(grid.elements)
        self.series = []
        labels = [*(label for _lowest, label, _c in BUCKETS), UNTRACKED[0]]
        colours = [*(colour for _lowest, _l, colour in BUCKETS), UNTRACKED[1]]
        for label, colour in zip(labels, colours, strict=True):
            series = QScatterSeries()
            series.setName(label)
            series.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
            series.setColor(QColor(colour))
            series.setBorderColor(QColor(colour))
            series.hovered.connect(self._hovered)
            self.series.append(series)
        for row, code in enumerate(grid.elements):
            y = rows - 1 - row  # the pack's first element at the top
            for column, count in enumerate(grid.counts[code]):
                index = bucket_of(count) if code in self.tracked else len(BUCKETS)
                self.series[index].append(float(column), float(y))
        for series in self.series:
            self.chart.addSeries(series)
        # Only explain the untracked colour when some element has it.
        untracked = self.chart.legend().markers(self.series[-1])
        for marker in untracked:
            marker.setVisible(len(self.tracked) < rows)
        self._add_axes(grid)
        self.summary.setText(self.summary_text())
        self._fit_markers()

    def _add_axes(self, grid: ActivityGrid) -> None:
        weeks = len(grid.weeks)
        x = QCategoryAxis()
        x.setRange(-0.5, weeks - 0.5)
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        x.setGridLineVisible(False)
        previous_month = None
        for column, monday in enumerate(grid.weeks):
            month = (monday.year, monday.month)
            if month != previous_month and monday.day <= 7:
                x.append(
                    monday.strftime("%b %Y") if monday.month == 1 else monday.strftime("%b"),
                    column - 0.5,
                )
            previous_month = month
        y = QCategoryAxis()
        rows = len(grid.elements)
        y.setRange(-0.5, rows - 0.5)
        y.setGridLineVisible(False)
        for row, code in reversed(list(enumerate(grid.elements))):  # ascending y, as Qt needs
            name = self.names.get(code, "")
            short = name if len(name) <= 30 else name[:29] + "…"
            y.append(f"{code}. {short}", rows - 1 - row + 0.5)
        small = y.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        y.setLabelsFont(small)
        y.setTruncateLabels(False)
        x.setLabelsFont(small)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in self.series:
            series.attachAxis(x)
            series.attachAxis(y)

    def _fit_markers(self) -> None:
        grid = self.grid
        if grid is None or not self.series:
            return
        area = self.chart.plotArea()
        size = min(area.width() / len(grid.weeks), area.height() / len(grid.elements))
        for series in self.series:
            series.setMarkerSize(max(3.0, size * 0.86))

    # --- words -----------------------------------------------------------------------------

    def summary_text(self) -> str:
        """The chart in words: its weeks, and each element's longest stretch without records."""
        grid = self.grid
        if grid is None:
            return ""
        first, last = grid.weeks[0], grid.weeks[-1] + timedelta(days=6)
        parts = []
        for code in grid.elements:
            gaps = grid.gaps(code) if code in self.tracked else []
            if not gaps:
                continue
            start, end = max(gaps, key=lambda g: g[1] - g[0])
            weeks = ((end - start).days + 1) // 7
            if weeks >= 2:
                parts.append(f"{code}: {weeks} weeks from {start.isoformat()}")
        head = (
            f"Weeks {first.isoformat()} to {last.isoformat()}; darker squares hold more records, "
            "grey ones none (hover a square for its figures)."
        )
        if not parts:
            return head + " No element went two weeks or more without a record."
        return head + " Longest stretch without records — " + "; ".join(parts) + "."

    def describe(self, column: int, row: int) -> str:
        """The hover text for a square (column = week, row = element from the top)."""
        grid = self.grid
        assert grid is not None
        code = grid.elements[row]
        monday = grid.weeks[column]
        name = f"{code}. {self.names.get(code, '')}"
        if code not in self.tracked:
            return f"{name}\nNo record kind counts for this element."
        n = grid.counts[code][column]
        return f"{name}\nWeek of {monday.isoformat()}: {n} record{'s' if n != 1 else ''}"

    def _hovered(self, point: QPointF, state: bool) -> None:
        grid = self.grid
        if not state or grid is None:
            QToolTip.hideText()
            return
        column = round(point.x())
        row = len(grid.elements) - 1 - round(point.y())
        QToolTip.showText(QCursor.pos(), self.describe(column, row), self.view)

    def points(self, label: str) -> list[tuple[int, int]]:
        """The (week column, element row from the top) squares shown in a legend bucket."""
        grid = self.grid
        assert grid is not None
        labels = [*(lb for _lowest, lb, _c in BUCKETS), UNTRACKED[0]]
        series = self.series[labels.index(label)]
        rows = len(grid.elements)
        return [(round(p.x()), rows - 1 - round(p.y())) for p in series.points()]
