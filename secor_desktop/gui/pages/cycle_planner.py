"""The cycle planner: which audit is due when over the three-year certificate, and today's state.

Everything shown comes from ``services.evaluations.cycle()``, the same report the ``cycle``
command prints, judged on the services' clock.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.cycle import CycleReport, SlotStatus, TrainingStatus
from secor_desktop.domain.model import Company
from secor_desktop.gui import notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.gui.widgets.cycle_timeline import (
    CERTIFIED_COLOURS,
    SLOT_COLOURS,
    STATE_COLOURS,
    CycleTimeline,
    slot_status_text,
    state_text,
)
from secor_desktop.services.evaluations import INTERNAL_AUDITOR_COURSE
from secor_desktop.services.facade import Services
from secor_desktop.services.page_reads import CycleSnapshot

COLUMNS = ("Audit", "Window opens", "Target date", "Last day accepted", "Held on", "Status")
COL_AUDIT, COL_OPENS, COL_TARGET, COL_DUE, COL_HELD, COL_STATUS = range(len(COLUMNS))

TRAINING_WORDS: dict[TrainingStatus, str] = {
    TrainingStatus.CURRENT: "Current",
    TrainingStatus.EXPIRES_BEFORE_NEXT_AUDIT: "Expires before the next maintenance audit",
    TrainingStatus.EXPIRED: "Expired",
    TrainingStatus.MISSING: "None on record",
}
TRAINING_COLOURS: dict[TrainingStatus, tuple[str, str]] = {
    TrainingStatus.CURRENT: SLOT_COLOURS[SlotStatus.DONE],
    TrainingStatus.EXPIRES_BEFORE_NEXT_AUDIT: SLOT_COLOURS[SlotStatus.DUE_SOON],
    TrainingStatus.EXPIRED: SLOT_COLOURS[SlotStatus.MISSED],
    TrainingStatus.MISSING: SLOT_COLOURS[SlotStatus.MISSED],
}
TRAINING_HELP = (
    "Maintenance audits in years 2 and 3 are done by the company's own trained internal "
    f"auditor. A training record counts when its course name contains “{INTERNAL_AUDITOR_COURSE}” "
    "(e.g. “SECOR internal auditor training”) and it is complete."
)


def _pill(label: QLabel, colours: tuple[str, str]) -> None:
    fill, ink = colours
    label.setStyleSheet(
        f"background: {fill}; color: {ink}; border: 1px solid {ink}; padding: 4px 10px; "
        "border-radius: 4px; font-weight: bold;"
    )


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def next_step_text(report: CycleReport) -> str:
    """The next audit to hold, with a countdown to its last day."""
    slot = report.next_slot
    if slot is None:
        return "Every audit of this cycle is done: the next cycle starts from the new certificate."
    left = (slot.due - report.today).days
    if slot.status is SlotStatus.MISSED:
        return f"Next: {slot.label}, missed ({_days(-left)} past its last day, {slot.due})."
    if slot.status is SlotStatus.UPCOMING:
        opens = (slot.opens - report.today).days
        return (
            f"Next: {slot.label}, window opens {slot.opens} (in {_days(opens)}); "
            f"last day accepted {slot.due}."
        )
    return f"Next: {slot.label}, submit by {slot.due} ({_days(left)} left)."


class CyclePlannerPage(QWidget):
    title = "Audit cycle"

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.report: CycleReport | None = None
        self.loads = tasks.latest(self)

        self.heading = plain_label("Audit cycle", self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.state_label = plain_label("", self)
        self.state_label.setAccessibleName("Cycle state today")
        self.period_label = plain_label("", self)
        self.period_label.setAccessibleName("Certificate period")
        self.period_label.setWordWrap(True)
        self.next_label = plain_label("", self)
        self.next_label.setAccessibleName("Next audit")
        self.next_label.setWordWrap(True)
        bold = QFont(self.next_label.font())
        bold.setBold(True)
        self.next_label.setFont(bold)

        self.settings_button = QPushButton("Enter the certificate date in &Settings…", self)
        self.settings_button.setAccessibleName("Open Settings to enter the certificate date")
        self.settings_button.clicked.connect(self.open_settings)
        self.settings_button.hide()

        self.timeline = CycleTimeline(self)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Audits of the cycle")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.training_box = QGroupBox("Internal auditor training", self)
        self.training_state = plain_label("", self.training_box)
        self.training_state.setAccessibleName("Internal auditor training status")
        self.training_note = plain_label("", self.training_box)
        self.training_note.setWordWrap(True)
        self.training_note.setAccessibleName("Internal auditor training note")
        help_label = plain_label(TRAINING_HELP, self.training_box)
        help_label.setWordWrap(True)
        help_label.setStyleSheet("color: #495057;")
        training_row = QHBoxLayout()
        training_row.addWidget(self.training_state)
        training_row.addWidget(self.training_note, 1)
        training_layout = QVBoxLayout(self.training_box)
        training_layout.addLayout(training_row)
        training_layout.addWidget(help_label)

        self.messages_box = QGroupBox("What needs doing", self)
        self.messages = plain_label("", self.messages_box)
        self.messages.setWordWrap(True)
        self.messages.setAccessibleName("What needs doing")
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self.messages_box).addWidget(self.messages)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        settings_row = QHBoxLayout()
        settings_row.addStretch(1)
        settings_row.addWidget(self.settings_button)
        settings_row.addStretch(1)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.period_label)
        layout.addWidget(self.next_label)
        layout.addWidget(self.timeline)
        layout.addLayout(settings_row)
        layout.addWidget(self.table)
        lower = QHBoxLayout()
        lower.addWidget(self.training_box, 1)
        lower.addWidget(self.messages_box, 1)
        layout.addLayout(lower)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(loads=self.loads)

    def refresh(self) -> None:
        """Recompute off the GUI thread; only the newest answer is shown."""

        def failed() -> None:
            self.next_label.setText("The cycle could not be worked out (see the report).")

        def slow() -> None:
            if self.report is None:  # a refresh keeps what it shows until the answer comes
                self.next_label.setText("Working out the cycle…")

        self.loads.run(self.services.pages.cycle, self._show, failed, slow)

    def _show(self, snapshot: CycleSnapshot) -> None:
        self.report = report = snapshot.report
        if report is None:
            self._show_no_cycle(snapshot.company)
            return
        self.settings_button.hide()
        self.period_label.show()
        self.state_label.setText(f"Today: {state_text(report)}")
        self.state_label.show()
        _pill(self.state_label, STATE_COLOURS[report.state])
        self.period_label.setText(
            f"Certificate {report.certificate_date} to {report.expiry} · "
            f"today {report.today} (the certificate date is set in Settings)"
        )
        self.next_label.setText(next_step_text(report))
        self.timeline.set_report(report)
        self._fill_table(report)
        training = report.auditor_training
        self.training_state.setText(TRAINING_WORDS[training])
        _pill(self.training_state, TRAINING_COLOURS[training])
        notes = [m for m in report.messages if "auditor training" in m]
        self.training_note.setText(
            " ".join(notes) or "Trained and current for the next maintenance audit."
        )
        todo = [m for m in report.messages if m not in notes]
        self.messages.setText(
            "\n".join(f"• {m}" for m in todo) if todo else "Nothing due yet: you are on track."
        )
        self.training_box.show()
        self.messages_box.show()
        self.table.show()

    def _show_no_cycle(self, company: Company | None) -> None:
        self.state_label.hide()
        self.period_label.setText("")
        self.period_label.hide()
        self.table.setRowCount(0)
        self.table.hide()
        self.training_box.hide()
        self.messages_box.hide()
        if company is None:
            prompt = "Set up the company first: the cycle needs its profile and certificate date."
            self.settings_button.hide()
        else:
            prompt = (
                "No certificate date yet. The three-year cycle starts on the date your SECOR "
                "certificate was issued: enter it in Settings (Certificate date) to plan the "
                "maintenance audits and the recertification."
            )
            if company.planned_audit_date is not None:
                prompt += (
                    f"\n\nYour certification audit is planned for "
                    f"{company.planned_audit_date}; once you are certified, enter the date on "
                    "the certificate."
                )
            self.settings_button.show()
        self.next_label.setText("No certificate date yet." if company else "No company yet.")
        self.timeline.set_report(None, prompt)

    def _fill_table(self, report: CycleReport) -> None:
        rows: list[tuple[tuple[str, ...], tuple[str, str]]] = [
            (
                (
                    "Certification audit",
                    "",
                    "",
                    "",
                    report.certificate_date.isoformat(),
                    f"Certified {report.certificate_date}; expires {report.expiry}",
                ),
                CERTIFIED_COLOURS,
            )
        ]
        for slot in report.slots:
            rows.append(
                (
                    (
                        slot.label,
                        slot.opens.isoformat(),
                        slot.target.isoformat(),
                        slot.due.isoformat(),
                        slot.held_on.isoformat() if slot.held_on else "",
                        slot_status_text(slot),
                    ),
                    SLOT_COLOURS[slot.status],
                )
            )
        self.table.setRowCount(len(rows))
        for row, (cells, (fill, ink)) in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == COL_STATUS:
                    item.setBackground(QBrush(QColor(fill)))
                    item.setForeground(QBrush(QColor(ink)))
                self.table.setItem(row, col, item)
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    # --- going to Settings ------------------------------------------------------------------

    def open_settings(self) -> None:
        """Show the Settings page when the window has one; otherwise say where it is."""
        select = getattr(self.window(), "select_page", None)
        if callable(select):
            try:
                select("Settings")
                return
            except ValueError:
                pass
        notify.info("Open Settings in the sidebar and enter the certificate date.", self)
