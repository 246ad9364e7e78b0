"""The main window. For now: the company and what it holds, by record kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop import __version__
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.facade import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(f"SECOR Desktop {__version__}")
        self.resize(1200, 720)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.heading = QLabel(central)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.table = QTableWidget(len(RecordKind), 2, central)
        self.table.setHorizontalHeaderLabels(["Record kind", "Records"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Records by kind")
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Data folder: {services.locations.data_dir}")
        self.refresh()

    def refresh(self) -> None:
        info = self.services.info()
        self.heading.setText(info.company_name or "No company yet")
        for row, kind in enumerate(RecordKind):
            self.table.setItem(row, 0, QTableWidgetItem(kind.label))
            count = QTableWidgetItem(str(info.record_counts.get(kind.value, 0)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
        self.table.resizeColumnsToContents()
