"""The dashboard: are we ready for the audit, what is missing, and when will we be."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.activity import ActivityGrid
from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import ElementReadiness, ReadinessReport, Severity
from secor_desktop.gui import background, notify
from secor_desktop.gui.pages import dashboard_text as words
from secor_desktop.gui.pages._forms import open_record
from secor_desktop.gui.widgets.activity_chart import ActivityChart
from secor_desktop.gui.widgets.span_bar import SpanBar
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.facade import Info, Services

COL_ELEMENT, COL_STATUS, COL_SPAN, COL_FINDINGS = range(4)
RECORD_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Snapshot:
    """Everything the page shows, gathered off the GUI thread."""

    info: Info
    pack: FrameworkPack
    evidence: dict[RecordKind, tuple[str, ...]]
    report: ReadinessReport | None
    activity: ActivityGrid


def _label(parent: QWidget, name: str, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class DashboardPage(QWidget):
    title = "Dashboard"
    records_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.report: ReadinessReport | None = None
        self.loads = background.Latest()
        layout = QVBoxLayout(self)
        self.heading = _label(self, "Company name", bold=True, scale=1.5)
        layout.addWidget(self.heading)
        self.status_label = _label(self, "Overall readiness", bold=True, scale=1.2)
        layout.addWidget(self.status_label)
        self.audit_label = _label(self, "Planned audit date")
        layout.addWidget(self.audit_label)
        self.earliest_label = _label(self, "Earliest audit dates")
        layout.addWidget(self.earliest_label)
        self.follow_up_label = _label(self, "Corrective actions and certificates to follow up")
        layout.addWidget(self.follow_up_label)

        self.elements = QTableWidget(0, 4, self)
        self.elements.setHorizontalHeaderLabels(
            ["Element", "Status", "Months of records (3 | 12)", "Top findings"]
        )
        self.elements.setAccessibleName("Audit elements")
        self.elements.verticalHeader().setVisible(False)
        self.elements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.elements.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.elements.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.elements.horizontalHeader()
        header.setSectionResizeMode(COL_ELEMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SPAN, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        self.elements.setColumnWidth(COL_SPAN, 260)
        self.elements.setWordWrap(False)
        self.elements.setTextElideMode(Qt.TextElideMode.ElideRight)
        palette = self.elements.palette()
        # See-through, so a selected row keeps its status colour.
        palette.setColor(QPalette.ColorRole.Highlight, QColor(13, 110, 253, 50))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.elements.setPalette(palette)
        self.elements.itemSelectionChanged.connect(self._element_chosen)

        self.findings_title = _label(self, "Selected element", bold=True)
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("Findings for the selected element")
        self.findings.setWordWrap(True)
        self.findings.itemDoubleClicked.connect(self.open_finding)
        findings_box = QWidget(self)
        box = QVBoxLayout(findings_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.findings_title)
        box.addWidget(self.findings)

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
        self.table.setWordWrap(False)
        self.summary = _label(self, "What the program holds")

        counts = QWidget(self)
        counts_box = QVBoxLayout(counts)
        counts_box.addWidget(self.summary)
        counts_box.addWidget(self.table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Details")
        self.tabs.addTab(findings_box, "Findings")
        self.tabs.addTab(counts, "Records by kind")
        self.activity = ActivityChart(self)
        self.tabs.addTab(self.activity, "Activity by week")

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.elements)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([400, 200])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute off the GUI thread; only the newest answer is shown."""
        services = self.services
        if self.report is None:
            self.status_label.setText("Checking readiness…")

        def load() -> Snapshot:
            pack = services.framework()
            try:
                report = services.readiness.report(pack)
            except NotFoundError:
                report = None
            return Snapshot(
                services.info(),
                pack,
                services.evidence_elements(),
                report,
                services.readiness.activity(pack),
            )

        def failed() -> None:
            self.status_label.setText("Readiness could not be worked out (see the report).")

        self.loads.run(load, self._show, failed)

    def _show(self, snapshot: Snapshot) -> None:
        info = snapshot.info
        self.heading.setText(info.company_name or "No company yet")
        self._show_counts(snapshot)
        self.activity.set_activity(snapshot.activity, snapshot.pack)
        report = self.report = snapshot.report
        if report is None:
            self.status_label.setText("Set up the company first: readiness needs its profile.")
            for label in (self.audit_label, self.earliest_label, self.follow_up_label):
                label.setText("")
            self.elements.setRowCount(0)
            self.findings.clear()
            return
        fill, text, _bar = words.COLOURS[report.status]
        self.status_label.setText(words.overall_text(report))
        self.status_label.setStyleSheet(
            f"background: {fill}; color: {text}; padding: 6px; border-radius: 4px;"
        )
        self.audit_label.setText(words.audit_text(report))
        self.earliest_label.setText(words.earliest_text(report))
        self.follow_up_label.setText(words.follow_up_text(report))
        selected = self.selected_code()
        self.elements.setRowCount(len(report.elements))
        for row, element in enumerate(report.elements):
            self._show_element(row, element, report)
        height = self.elements.fontMetrics().lineSpacing() * 2 + 12
        for row in range(self.elements.rowCount()):
            self.elements.setRowHeight(row, height)
        codes = [e.code for e in report.elements]
        if selected in codes:
            self.select_element(selected)
        elif report.weakest_elements:
            self.select_element(report.weakest_elements[0])

    def _show_element(self, row: int, element: ElementReadiness, report: ReadinessReport) -> None:
        fill, text, bar_colour = words.COLOURS[element.status]
        title = QTableWidgetItem(words.element_title(element))
        title.setData(RECORD_ROLE, element.code)
        self.elements.setItem(row, COL_ELEMENT, title)
        blockers = sum(1 for f in element.findings if f.severity is Severity.BLOCKER)
        n = len(element.findings)
        count = f"{n} finding{'s' if n != 1 else ''}" if n else "no findings"
        if blockers:
            count += f", {blockers} blocker{'s' if blockers != 1 else ''}"
        status = QTableWidgetItem(f"{element.status.label}\n{count}")
        status.setData(STATUS_ROLE, element.status.label)
        status.setBackground(QBrush(QColor(fill)))
        status.setForeground(QBrush(QColor(text)))
        self.elements.setItem(row, COL_STATUS, status)
        span = QTableWidgetItem()
        span.setData(SPAN_ROLE, element.span_months)
        span.setData(Qt.ItemDataRole.AccessibleTextRole, words.span_text(element))
        self.elements.setItem(row, COL_SPAN, span)
        bar = SpanBar(self.elements)
        bar.set_span(
            element.span_months,
            report.one_year_months,
            report.three_year_months,
            bar_colour,
            words.span_caption(element),
        )
        bar.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.elements.setCellWidget(row, COL_SPAN, bar)
        top = [words.finding_text(f) for f in element.findings[:2]]
        shown = QTableWidgetItem("\n".join(top) if top else "Nothing to fix")
        shown.setToolTip("\n".join(words.finding_text(f) for f in element.findings))
        if any(f.severity is Severity.BLOCKER for f in element.findings):
            shown.setForeground(QBrush(QColor(text)))
        self.elements.setItem(row, COL_FINDINGS, shown)

    def _show_counts(self, snapshot: Snapshot) -> None:
        info = snapshot.info
        names = {e.code: e.name for e in snapshot.pack.elements}
        self.summary.setText(
            f"{sum(info.record_counts.values()):,} records · {info.workers} workers · "
            f"{info.sites} sites · {info.corrective_actions} corrective actions · "
            f"framework {snapshot.pack.name}"
        )
        for row, kind in enumerate(RecordKind):
            self.table.setItem(row, 0, QTableWidgetItem(kind.label))
            count = QTableWidgetItem(f"{info.record_counts.get(kind.value, 0):,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, count)
            elements = "; ".join(f"{c}. {names[c]}" for c in snapshot.evidence.get(kind, ()))
            self.table.setItem(row, 2, QTableWidgetItem(elements))
        self.table.setColumnWidth(1, 90)

    # --- the selected element ----------------------------------------------------------------

    def selected_code(self) -> str | None:
        row = self.elements.currentRow()
        item = self.elements.item(row, COL_ELEMENT) if row >= 0 else None
        return str(item.data(RECORD_ROLE)) if item is not None else None

    def select_element(self, code: str) -> None:
        for row in range(self.elements.rowCount()):
            item = self.elements.item(row, COL_ELEMENT)
            if item is not None and item.data(RECORD_ROLE) == code:
                self.elements.setCurrentCell(row, COL_ELEMENT)
                self._element_chosen()
                return

    def _element_chosen(self) -> None:
        code = self.selected_code()
        report = self.report
        element = next((e for e in report.elements if e.code == code), None) if report else None
        self.findings.clear()
        if element is None:
            self.findings_title.setText("Choose an element above to see all its findings.")
            return
        n = len(element.findings)
        self.findings_title.setText(
            f"{words.element_title(element)}: {element.status.label} · "
            f"{n} finding{'s' if n != 1 else ''}"
            + (" (double-click one that names a record to open it)" if n else "")
        )
        self.tabs.setCurrentIndex(0)
        for finding in element.findings:
            item = QListWidgetItem(words.finding_text(finding), self.findings)
            item.setData(RECORD_ROLE, finding.record_id)
            item.setData(MESSAGE_ROLE, finding.message)
            if finding.severity is Severity.BLOCKER:
                item.setForeground(QBrush(QColor(words.COLOURS[element.status][1])))
            if finding.record_id:
                item.setToolTip("Double-click to open the record.")
        if not n:
            QListWidgetItem("Nothing to fix in this element.", self.findings)

    def finding_messages(self) -> list[str]:
        """The messages listed for the selected element (for tests and screen readers)."""
        items = (self.findings.item(i) for i in range(self.findings.count()))
        return [str(m) for it in items if (m := it.data(MESSAGE_ROLE))]

    def open_finding(self, item: QListWidgetItem) -> bool:
        """Open the record a finding names; True when something was saved."""
        record_id = item.data(RECORD_ROLE)
        if not record_id:
            return False
        try:
            kind = self.services.records.get(str(record_id)).kind
        except NotFoundError as exc:
            notify.warning(f"This record cannot be opened: {exc}", self)
            return False
        saved = open_record(self, self.services, kind, str(record_id))
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved
