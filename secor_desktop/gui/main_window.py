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
        self.summary = QLabel(central)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(RecordKind), 3, central)
        self.table.setHorizontalHeaderLabels(["Record kind", "Records", "Counts as evidence for"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Records by kind")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Data folder: {services.locations.data_dir}")
        self.refresh()

    def refresh(self) -> None:
        info = self.services.info()
        self.heading.setText(info.company_name or "No company yet")
        company = self.services.company.get()
        total = sum(info.record_counts.values())
        lines = []
        if company is not None:
            lines.append(
                f"Province {company.province.value} · WCB account {company.wcb_account or '-'} · "
                f"certifying partner {company.certifying_partner or '-'} · "
                f"framework {self.services.framework().name}"
            )
        lines.append(
            f"{total} records · {info.workers} workers · {info.sites} sites · "
            f"{info.corrective_actions} corrective actions"
        )
        lines.append(
            f"Record chain: {info.revisions} revisions, head {info.chain_head} "
            "(run 'secor-desktop verify' to check every record)"
        )
        self.summary.setText("\n".join(lines))
        pack = self.services.framework()
        names = {e.code: e.name for e in pack.elements}
        evidence = self.services.evidence_elements()
        for row, kind in enumerate(RecordKind):
            self.table.setItem(row, 0, QTableWidgetItem(kind.label))
            count = QTableWidgetItem(str(info.record_counts.get(kind.value, 0)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            elements = "; ".join(f"{c}. {names[c]}" for c in evidence.get(kind, ()))
            self.table.setItem(row, 2, QTableWidgetItem(elements))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 90)
