"""The dashboard: for now the company and what it holds; audit readiness comes in part 2."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.facade import Services


class DashboardPage(QWidget):
    title = "Dashboard"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Company name")
        layout.addWidget(self.heading)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.readiness_note = QLabel(
            "Audit readiness (what is missing, element by element) comes in a later release. "
            "Until then, this page counts what the program holds.",
            self,
        )
        self.readiness_note.setTextFormat(Qt.TextFormat.PlainText)
        self.readiness_note.setWordWrap(True)
        self.readiness_note.setStyleSheet(
            "background: #eef3f8; border: 1px solid #c9d6e3; border-radius: 4px; padding: 8px;"
        )
        layout.addWidget(self.readiness_note)
        self.table = QTableWidget(len(RecordKind), 3, self)
        self.table.setHorizontalHeaderLabels(["Record kind", "Records", "Counts as evidence for"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Records by kind")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        info = self.services.info()
        company = self.services.company.get()
        pack = self.services.framework()
        self.heading.setText(info.company_name or "No company yet")
        total = sum(info.record_counts.values())
        lines = []
        if company is not None:
            audit = company.planned_audit_date
            lines.append(
                f"Province {company.province.value} · WCB account {company.wcb_account or '-'} · "
                f"certifying partner {company.certifying_partner or '-'} · "
                f"framework {pack.name}"
                + (f" · audit planned {audit.isoformat()}" if audit else "")
            )
        lines.append(
            f"{total:,} records · {info.workers} workers · {info.sites} sites · "
            f"{info.corrective_actions} corrective actions"
        )
        lines.append(f"Record chain: {info.revisions:,} revisions, head {info.chain_head[:16]}…")
        self.summary.setText("\n".join(lines))
        names = {e.code: e.name for e in pack.elements}
        evidence = self.services.evidence_elements()
        for row, kind in enumerate(RecordKind):
            self.table.setItem(row, 0, QTableWidgetItem(kind.label))
            count = QTableWidgetItem(f"{info.record_counts.get(kind.value, 0):,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            elements = "; ".join(f"{c}. {names[c]}" for c in evidence.get(kind, ()))
            self.table.setItem(row, 2, QTableWidgetItem(elements))
        self.table.setColumnWidth(1, 90)
