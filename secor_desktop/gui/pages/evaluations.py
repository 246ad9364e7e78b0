"""Self-evaluations and audits: every one saved, its result, and the score trend over the cycle.

"New self-evaluation…" opens the wizard; once it saves, the list, the chart and (through
``records_changed``) the other pages follow.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.frameworks import AuditType, FrameworkPack
from secor_desktop.gui import signals
from secor_desktop.gui.background import Background
from secor_desktop.gui.evaluation.pages import heading
from secor_desktop.gui.evaluation.score_text import (
    AUDIT_TYPE_WORDS,
    TONE_COLOURS,
    Tone,
    element_title,
    pass_rule,
    pct_text,
)
from secor_desktop.gui.evaluation_wizard import EvaluationWizard
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.gui.widgets.score_trend_chart import ScoreTrendChart
from secor_desktop.services.evaluations import ScoredEvaluation
from secor_desktop.services.facade import Services
from secor_desktop.services.page_reads import EvaluationsSnapshot

COLUMNS = ["Date", "Audit", "Held by", "Auditor", "Overall", "Result", "Elements under the floor"]
COL_DATE, COL_TYPE, COL_HELD, COL_AUDITOR, COL_OVERALL, COL_RESULT, COL_FAILING = range(7)
EVALUATION_ROLE = Qt.ItemDataRole.UserRole


def pass_marks(pack: FrameworkPack) -> dict[AuditType, Decimal]:
    return {kind: pack.thresholds.for_audit(kind).overall_pct for kind in AuditType}


class EvaluationsPage(QWidget):
    title = "Self-evaluations"
    # Emitted after a self-evaluation (and its corrective actions) was saved.
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.wizard: EvaluationWizard | None = None
        self.snapshot: EvaluationsSnapshot | None = None
        self.loads = tasks.latest(self)

        self.new_button = QPushButton("&New self-evaluation…", self)
        self.new_button.setAccessibleName("New self-evaluation")
        self.new_button.setToolTip(
            "Answer the audit questions element by element and save the result as the audit "
            "of its date."
        )
        self.new_button.clicked.connect(self.new_evaluation)
        self.rule = plain_label("", self)
        self.rule.setWordWrap(True)
        self.rule.setAccessibleName("Pass marks")
        self.latest = plain_label("", self)
        self.latest.setWordWrap(True)
        self.latest.setAccessibleName("Latest result")

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Saved self-evaluations and audits")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.chart = ScoreTrendChart(self)

        top = QHBoxLayout()
        title = heading("Self-evaluations and audits", self)
        title.setWordWrap(False)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 430])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule)
        layout.addWidget(self.latest)
        layout.addWidget(splitter, 1)
        for first, second in itertools.pairwise([self.new_button, self.table, self.chart]):
            QWidget.setTabOrder(first, second)
        self.refresh()

    # --- loading -------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Reload off the GUI thread; only the newest answer is shown."""
        self.loads.run(self.services.pages.evaluations, self._show, on_slow=self._loading)

    def _loading(self) -> None:
        if self.snapshot is None:  # a refresh keeps what it shows until the answer comes
            self.latest.setText("Loading the evaluations…")

    def _show(self, snapshot: EvaluationsSnapshot) -> None:
        self.snapshot = snapshot
        pack = snapshot.pack
        cert, maint = pack.thresholds.certification, pack.thresholds.maintenance
        rule = (
            f"To pass: {pass_rule(cert)}."
            if cert == maint
            else f"To pass a certification audit: {pass_rule(cert)}; a maintenance audit: "
            f"{pass_rule(maint)}."
        )
        self.rule.setText(
            f"{rule} Each saved evaluation counts as the audit of its date and type "
            f"({pack.name}, version {pack.version})."
        )
        rows = list(reversed(snapshot.history))  # newest first
        self.table.setRowCount(len(rows))
        for row, scored in enumerate(rows):
            self._fill_row(row, scored)
        self._show_latest(rows[0] if rows else None)
        self.chart.set_trend(snapshot.trend, pass_marks(pack), snapshot.cycle)

    def _fill_row(self, row: int, scored: ScoredEvaluation) -> None:
        ev, report = scored.evaluation, scored.report
        if report is None:
            overall, result, failing = (
                "–",
                "not scored",
                (f"made with another framework ({ev.framework_id} {ev.framework_version})"),
            )
            tone = Tone.NEUTRAL
        else:
            overall = pct_text(report.overall_pct)
            result = "✓ Pass" if report.passed else "✗ Fail"
            failing = ", ".join(
                f"{element_title(e)} ({pct_text(e.pct)})" for e in report.failing_elements
            ) or ("none" if report.passed else "none (overall under the pass mark)")
            tone = Tone.GOOD if report.passed else Tone.BAD
        cells = [
            ev.eval_date.isoformat(),
            AUDIT_TYPE_WORDS[ev.audit_type],
            "External" if ev.external else "Internal",
            ev.auditor,
            overall,
            result,
            failing,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(EVALUATION_ROLE, ev.id)
            if column in (COL_RESULT, COL_FAILING) and tone is not Tone.NEUTRAL:
                fill, ink = TONE_COLOURS[tone]
                item.setBackground(QBrush(QColor(fill)))
                item.setForeground(QBrush(QColor(ink)))
            if column == COL_FAILING:
                item.setToolTip(text)
            self.table.setItem(row, column, item)

    def _show_latest(self, latest: ScoredEvaluation | None) -> None:
        if latest is None:
            self.latest.setText(
                "No self-evaluation saved yet. Start one to see, element by element, where an "
                "audit would stand today."
            )
            return
        ev, report = latest.evaluation, latest.report
        kind = AUDIT_TYPE_WORDS[ev.audit_type].lower()
        if report is None:
            self.latest.setText(f"Latest: {kind} audit of {ev.eval_date.isoformat()}.")
            return
        outcome = "passed" if report.passed else "failed"
        why = ""
        if report.failing_elements:
            names = ", ".join(element_title(e) for e in report.failing_elements)
            why = f" ({names} under the floor)"
        self.latest.setText(
            f"Latest: {kind} audit of {ev.eval_date.isoformat()}, "
            f"{pct_text(report.overall_pct)} overall: {outcome}{why}."
        )

    def rows(self) -> list[list[str]]:
        """The table as text, top to bottom (for tests and screen readers)."""
        rows = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, c) for c in range(self.table.columnCount())]
            rows.append([item.text() if item is not None else "" for item in items])
        return rows

    # --- commands ------------------------------------------------------------------------

    def new_evaluation(self) -> EvaluationWizard:
        """Open the wizard window-modally (no nested event loop); refresh once it saves."""
        wizard = EvaluationWizard(self.services, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.accepted.connect(self._saved)
        # A bound method, not a lambda holding the wizard: a connection that keeps the last
        # Python reference to a dialog deleted on close crashes PySide when it is deleted.
        wizard.finished.connect(self._closed)
        self.wizard = wizard
        wizard.resize(wizard.sizeHint())
        wizard.open()
        return wizard

    def _closed(self, _result: int) -> None:
        self.wizard = None  # one wizard at a time: it is window-modal

    def _saved(self) -> None:
        self.refresh()
        signals.emit(self.records_changed)
