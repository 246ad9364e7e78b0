"""The Statistics page: hours worked, injury cases and frequency rates by year, with a chart.

The same table the evidence pack and ``secor-desktop statistics`` print
(``Services.statistics``), read off the GUI thread. A year with too few hours shows its counts
and, under the table, why it has no rates. "Enter hours for a month" opens the hours editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.domain.statistics import StatisticsTable
from secor_desktop.domain.statistics_text import grid, notes
from secor_desktop.gui import editors
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.gui.widgets.statistics_chart import StatisticsChart
from secor_desktop.services.facade import Services

TITLE = "Statistics"
_Index = QModelIndex | QPersistentModelIndex


class StatisticsModel(QAbstractTableModel):
    """Rows are the measures, columns the years then the total (as the PDF prints them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.lines: list[list[str]] = []

    def set_table(self, table: StatisticsTable) -> None:
        self.beginResetModel()
        self.header, self.lines = grid(table)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else max(len(self.header) - 1, 0)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation is Qt.Orientation.Horizontal:
            return self.header[section + 1] if section + 1 < len(self.header) else None
        return self.lines[section][0] if section < len(self.lines) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.lines[index.row()][index.column() + 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatisticsPage(QWidget):
    title = TITLE
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self.model = StatisticsModel(self)

        self.summary = plain_label("", self)
        self.summary.setAccessibleName("Statistics summary")
        self.years = QSpinBox(self)
        self.years.setRange(1, 10)
        self.years.setValue(3)
        self.years.setSuffix(" years")
        self.years.setAccessibleName("Years shown")
        self.years.valueChanged.connect(lambda _value: self.refresh())
        years_label = plain_label("&Show", self)
        years_label.setBuddy(self.years)
        self.hours_button = QPushButton("Enter hours for a &month…", self)
        self.hours_button.setAccessibleName("Enter the hours worked in a month")
        self.hours_button.clicked.connect(self.enter_hours)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Statistics by year")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = StatisticsChart(self)
        self.notes = QLabel(self)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Why some rates are not shown, and what the words mean")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(years_label)
        top.addWidget(self.years)
        top.addWidget(self.hours_button)
        # The table and its notes scroll together: on a laptop screen under the reminder
        # banner they are taller than the window.
        column = QWidget(self)
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table)
        left.addWidget(self.notes)
        left.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(column)
        middle = QHBoxLayout()
        middle.addWidget(self.scroller, 3)
        middle.addWidget(self.chart, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        QWidget.setTabOrder(self.years, self.hours_button)
        QWidget.setTabOrder(self.hours_button, self.table)
        self.refresh()

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Reload the table off the GUI thread (one read)."""
        statistics, years = self.services.statistics, self.years.value()
        self.loads.run(
            lambda: statistics.table(years=years),
            self._show,
            on_slow=lambda: self.summary.setText("Loading statistics…"),
        )

    def _show(self, table: StatisticsTable) -> None:
        self.model.set_table(table)
        self.chart.set_table(table)
        self.notes.setText("\n".join(notes(table)))
        # As tall as its rows: the notes follow the table, not the bottom of the window.
        self.table.resizeRowsToContents()
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + self.table.verticalHeader().length() + frame)
        total = table.total
        self.summary.setText(
            f"{total.label}: {total.hours:,} hours worked ({total.person_years} person-years), "
            f"{total.recordable} recordable case(s), {total.lost_time} lost-time, "
            f"{total.days_lost} day(s) lost."
        )

    def enter_hours(self) -> bool:
        """The hours editor for a new month; the table reloads once something was saved."""
        saved = editors.open_record_editor(self, self.services, HOURS)
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved
