"""The training matrix: workers by courses, each cell the latest certificate's expiry.

Colour says how close an expiry is, and the text says it too (EXPIRED, or the days left when
90 or fewer, on a second line), so the matrix reads in greyscale, printed, or by a
colour-blind safety lead.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.training import TrainingCell, TrainingMatrix, TrainingStatus
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import open_record, plain_label
from secor_desktop.gui.pages.crew_training_dialog import CrewTrainingDialog
from secor_desktop.services.facade import Services

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the TrainingCell, or None if never taken

# Light backgrounds under dark text: readable in a light or a dark theme.
STATUS_COLOURS: dict[TrainingStatus, QColor] = {
    TrainingStatus.EXPIRED: QColor("#f2b8b5"),
    TrainingStatus.WITHIN_30: QColor("#f9c89b"),
    TrainingStatus.WITHIN_60: QColor("#fbe29a"),
    TrainingStatus.WITHIN_90: QColor("#fdf3c6"),
    TrainingStatus.CURRENT: QColor("#d4ebd6"),
    TrainingStatus.NO_EXPIRY: QColor("#dde3ec"),
}
CELL_TEXT = QColor("#1c1b1f")
HEADER_WRAP = 16  # characters per line of a course heading


def cell_text(cell: TrainingCell | None) -> str:
    if cell is None:
        return ""
    if cell.expiry is None or cell.days_left is None:
        return "No expiry"
    day = cell.expiry.isoformat()
    if cell.status is TrainingStatus.EXPIRED:
        return f"EXPIRED\n{day}"
    if cell.status is TrainingStatus.CURRENT:
        return day
    if cell.days_left == 0:
        return f"{day}\nexpires today"
    unit = "day" if cell.days_left == 1 else "days"
    return f"{day}\n{cell.days_left} {unit} left"


def cell_tooltip(cell: TrainingCell | None, worker: str, course: str) -> str:
    if cell is None:
        return f"{worker} has no {course} record."
    lines = [f"{worker} — {course}", f"Completed {cell.completed.isoformat()}"]
    if cell.expiry is not None and cell.days_left is not None:
        if cell.days_left < 0:
            lines.append(f"Expired {cell.expiry.isoformat()} ({-cell.days_left} days ago)")
        else:
            lines.append(f"Expires {cell.expiry.isoformat()} (in {cell.days_left} days)")
    lines.append(cell.status.label)
    lines.append("Double-click to open the training record.")
    return "\n".join(lines)


_Index = QModelIndex | QPersistentModelIndex


class TrainingMatrixModel(QAbstractTableModel):
    """Rows are workers, columns are courses; the vertical header names the worker."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: TrainingMatrix | None = None

    def set_matrix(self, matrix: TrainingMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def cell_at(self, row: int, column: int) -> TrainingCell | None:
        assert self.matrix is not None
        worker = self.matrix.workers[row]
        return self.matrix.cell(worker.id, self.matrix.courses[column])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.workers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.courses)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.matrix is None:
            return None
        horizontal = orientation is Qt.Orientation.Horizontal
        names = self.matrix.courses if horizontal else tuple(w.name for w in self.matrix.workers)
        if not 0 <= section < len(names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if horizontal:
                return "\n".join(textwrap.wrap(names[section], HEADER_WRAP)) or names[section]
            return names[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if horizontal:
                return names[section]
            worker = self.matrix.workers[section]
            return f"{worker.name} — {worker.role}"
        if role == Qt.ItemDataRole.TextAlignmentRole and not horizontal:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or not index.isValid():
            return None
        if not (0 <= index.row() < self.rowCount() and 0 <= index.column() < self.columnCount()):
            return None
        cell = self.cell_at(index.row(), index.column())
        if role == RECORD_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == SORT_ROLE:
            # Days left; never taken sorts first (worst), no expiry last.
            if cell is None:
                return -(10**9)
            return cell.days_left if cell.days_left is not None else 10**9
        if role == Qt.ItemDataRole.ToolTipRole:
            worker = self.matrix.workers[index.row()].name
            return cell_tooltip(cell, worker, self.matrix.courses[index.column()])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = cell_text(cell)
            return f"{text}, {cell.status.label}" if cell else "not taken"
        if role == Qt.ItemDataRole.BackgroundRole and cell is not None:
            return STATUS_COLOURS[cell.status]
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None:
            return CELL_TEXT
        urgent = (TrainingStatus.EXPIRED, TrainingStatus.WITHIN_30)
        if role == Qt.ItemDataRole.FontRole and cell is not None and cell.status in urgent:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


LEGEND: tuple[tuple[TrainingStatus, str], ...] = (
    (TrainingStatus.EXPIRED, "EXPIRED: past its expiry date"),
    (TrainingStatus.WITHIN_30, "Within 30 days"),
    (TrainingStatus.WITHIN_60, "Within 60 days"),
    (TrainingStatus.WITHIN_90, "Within 90 days"),
    (TrainingStatus.CURRENT, "Current"),
    (TrainingStatus.NO_EXPIRY, "No expiry"),
)


def _swatch(status: TrainingStatus, text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent)
    colour = STATUS_COLOURS[status].name()
    label.setStyleSheet(
        f"background: {colour}; color: {CELL_TEXT.name()}; border: 1px solid #9aa0a6;"
        "border-radius: 3px; padding: 2px 6px;"
    )
    label.setAccessibleName(f"Legend: {text}")
    return label


class TrainingMatrixPage(QWidget):
    title = "Training matrix"
    # Emitted after this page saved something, so the main window refreshes the others.
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self.model = TrainingMatrixModel(self)

        self.include_former = QCheckBox("Include former workers", self)
        self.include_former.setAccessibleName("Include former workers")
        self.include_former.toggled.connect(lambda _checked: self.refresh())
        self.summary = plain_label("", self)
        self.summary.setAccessibleName("Training summary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.empty = plain_label(
            "No training recorded yet. Log a training record for a worker and it appears here, "
            "with its expiry.",
            self,
        )
        self.empty.setWordWrap(True)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Training matrix: workers by course")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        metrics = self.table.fontMetrics()
        header.setMinimumSectionSize(metrics.horizontalAdvance("0000-00-00") + 28)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.lineSpacing() * 2 + 10)
        rows.setMinimumWidth(metrics.horizontalAdvance("M" * 10))
        self.table.doubleClicked.connect(self.open_cell)

        self.crew_button = QPushButton("Record training for a &crew…", self)
        self.crew_button.setAccessibleName("Record one course for several workers")
        self.crew_button.clicked.connect(self.record_crew_training)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.include_former)
        top.addWidget(self.crew_button)
        legend = QHBoxLayout()
        legend.addWidget(plain_label("Legend:", self))
        for status, text in LEGEND:
            legend.addWidget(_swatch(status, text, self))
        legend.addWidget(plain_label("Blank: never taken", self))
        legend.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(legend)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.include_former, self.crew_button)
        QWidget.setTabOrder(self.crew_button, self.table)
        self.refresh()

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Reload the matrix off the GUI thread (one read)."""
        pages, everyone = self.services.pages, self.include_former.isChecked()
        self.loads.run(
            lambda: pages.training(include_former=everyone),
            self._show,
            on_slow=lambda: self.summary.setText("Loading training…"),
        )

    def _show(self, matrix: TrainingMatrix) -> None:
        self.model.set_matrix(matrix)
        self.empty.setVisible(not matrix.courses)
        counts = matrix.counts()
        warn = counts[TrainingStatus.WITHIN_30] + counts[TrainingStatus.WITHIN_60]
        warn += counts[TrainingStatus.WITHIN_90]
        self.summary.setText(
            f"As of {matrix.as_of.isoformat()}: {len(matrix.workers)} workers, "
            f"{len(matrix.courses)} courses · {counts[TrainingStatus.EXPIRED]} expired · "
            f"{counts[TrainingStatus.WITHIN_30]} expire within 30 days · "
            f"{warn} within 90 days"
        )

    def record_crew_training(self) -> None:
        """One course for several workers, one record each (all or nothing)."""
        dialog = CrewTrainingDialog(self.services, self)
        dialog.exec()
        if dialog.created:
            self.refresh()
            self.records_changed.emit()
        dialog.deleteLater()

    def open_cell(self, index: QModelIndex) -> bool:
        cell = index.data(RECORD_ROLE) if index.isValid() else None
        if not isinstance(cell, TrainingCell):
            return False
        saved = open_record(self, self.services, RecordKind.TRAINING, cell.record_id)
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved
