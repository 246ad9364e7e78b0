"""The dashboard: are we ready for the audit, what must be done first, and when will we be.

All nine elements of a pack fit a 1366x768 laptop screen without scrolling (one line each);
the chosen element's findings wrap in full below, and each finding leads to what fixes it
(``gui.fixes``): double-click it, press Enter, or use the button beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import (
    ElementReadiness,
    Finding,
    ReadinessReport,
)
from secor_desktop.gui import fixes as fixing
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages import dashboard_text as words
from secor_desktop.gui.widgets.activity_chart import ActivityChart
from secor_desktop.gui.widgets.findings_pane import FindingsPane
from secor_desktop.gui.widgets.span_bar import SpanBar
from secor_desktop.services.dashboard import DashboardSnapshot as Snapshot
from secor_desktop.services.facade import Services

COL_ELEMENT, COL_STATUS, COL_SPAN, COL_FINDINGS = range(4)
RECORD_ROLE = Qt.ItemDataRole.UserRole
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3


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


class _KeepStatusColour(QStyledItemDelegate):
    """The selected row keeps its status colour under the (see-through) selection."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(brush, QBrush) and option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, brush)
        super().paint(painter, option, index)


class _Details(QTabWidget):
    """The tabs under the elements. Their wrapped labels would otherwise ask the page for a
    height that depends on the width, which the page's layout then puts before the nine
    element rows; the tabs are to take only what is left."""

    def hasHeightForWidth(self) -> bool:
        return False


class DashboardPage(QWidget):
    title = "Dashboard"
    records_changed = Signal()
    action_requested = Signal(str)  # show this corrective action (on the actions page)

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.report: ReadinessReport | None = None
        self.pack: FrameworkPack | None = None
        self.first_fix: fixing.Fix | None = None
        self.snapshot: Snapshot | None = None
        self.loads = tasks.latest(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        self.heading = _label(self, "Company name", bold=True, scale=1.4)
        layout.addWidget(self.heading)

        self.banner = QFrame(self)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 8, 4)
        self.status_label = _label(self.banner, "Overall readiness", bold=True, scale=1.1)
        self.start_button = QPushButton("Start…", self.banner)
        self.start_button.setAccessibleName("Do the first thing to fix")
        self.start_button.clicked.connect(self.start_first_fix)
        self.start_button.hide()
        banner_row.addWidget(self.status_label, 1)
        banner_row.addWidget(self.start_button)
        layout.addWidget(self.banner)
        self.must_fix_label = _label(self, "Must fix before the audit")
        layout.addWidget(self.must_fix_label)
        self.audit_label = _label(self, "Planned audit date")
        layout.addWidget(self.audit_label)
        self.earliest_label = _label(self, "Earliest audit dates")
        layout.addWidget(self.earliest_label)
        self.follow_up_label = _label(self, "Corrective actions and certificates to follow up")
        layout.addWidget(self.follow_up_label)

        self.elements = self._element_table()
        layout.addWidget(self.elements)

        self.findings = FindingsPane(self)
        self.findings.describe = self.describe_finding
        self.findings.fix_requested.connect(self.fix_finding)
        self.findings_title = self.findings.title

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
        self.tabs = _Details(self)
        self.tabs.setAccessibleName("Details")
        self.tabs.addTab(self.findings, "What to fix")
        self.tabs.addTab(counts, "Records by kind")
        self.activity = ActivityChart(self)
        self.tabs.addTab(self.activity, "Activity by week")
        # The details take what is left under the nine elements, never room from them.
        policy = self.tabs.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.tabs.setSizePolicy(policy)
        self.tabs.setMinimumHeight(150)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    def _element_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setHorizontalHeaderLabels(
            ["Element", "Status", "Months of records", "First thing to fix"]
        )
        table.setAccessibleName("Audit elements")
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_ELEMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SPAN, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        table.setColumnWidth(COL_SPAN, 250)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        palette = table.palette()
        # See-through, so a selected row keeps its status colour.
        palette.setColor(QPalette.ColorRole.Highlight, QColor(13, 110, 253, 50))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
        table.setPalette(palette)
        table.setItemDelegate(_KeepStatusColour(table))
        table.itemSelectionChanged.connect(self._element_chosen)
        table.cellDoubleClicked.connect(lambda _row, _col: self._focus_findings())
        return table

    # --- loading ---------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(
            records_changed=self.records_changed,
            action_requested=self.action_requested,
            loads=self.loads,
        )

    def refresh(self) -> None:
        """Recompute off the GUI thread; only the newest answer is shown."""
        services = self.services
        if self.report is None:
            self.status_label.setText("Checking readiness…")

        def failed() -> None:
            self.status_label.setText("Readiness could not be worked out (see the report).")

        self.loads.run(services.dashboard, self._show, failed)

    def _show(self, snapshot: Snapshot) -> None:
        info = snapshot.info
        self.snapshot = snapshot
        self.pack = snapshot.pack
        self.heading.setText(info.company_name or "No company yet")
        self._show_counts(snapshot)
        self.activity.set_activity(snapshot.activity, snapshot.pack)
        report = self.report = snapshot.report
        if report is None:
            self.status_label.setText("Set up the company first: readiness needs its profile.")
            for label in (
                self.must_fix_label,
                self.audit_label,
                self.earliest_label,
                self.follow_up_label,
            ):
                label.setText("")
            self.start_button.hide()
            self.elements.setRowCount(0)
            self.findings.clear("")
            return
        self._show_banner(report)
        self.must_fix_label.setText(words.must_fix_text(report))
        self.audit_label.setText(words.audit_text(report))
        self.earliest_label.setText(words.earliest_text(report))
        self.follow_up_label.setText(words.follow_up_text(report))
        selected = self.selected_code()
        self.elements.setRowCount(len(report.elements))
        height = max(self.elements.fontMetrics().lineSpacing() + 10, 26)
        for row, element in enumerate(report.elements):
            self._show_element(row, element, report)
            self.elements.setRowHeight(row, height)
        self._fit_table()
        codes = [e.code for e in report.elements]
        if selected in codes:
            self.select_element(selected)
        elif report.weakest_elements:
            self.select_element(report.weakest_elements[0])

    def _show_banner(self, report: ReadinessReport) -> None:
        first = words.first_to_fix(report)
        self.first_fix = self._fix(first) if first is not None else None
        step = None
        if first is not None and self.first_fix is not None:
            step = _sentence(self.first_fix.label, first)
        fill, text, _bar = words.COLOURS[report.status]
        self.status_label.setText(words.overall_text(report, step))
        self.banner.setStyleSheet(
            f"QFrame {{ background: {fill}; border-radius: 4px; }} QLabel {{ color: {text}; }}"
        )
        self.start_button.setVisible(self.first_fix is not None)

    def _fit_table(self) -> None:
        """As tall as its rows: every element shows, and the table never scrolls."""
        rows = sum(self.elements.rowHeight(r) for r in range(self.elements.rowCount()))
        frame = 2 * self.elements.frameWidth()
        scroll = self.elements.horizontalScrollBar()
        extra = scroll.sizeHint().height() if scroll.isVisible() else 0
        header = self.elements.horizontalHeader()
        # Before the first show the header has no height yet: its size hint is what it gets.
        top = max(header.height(), header.sizeHint().height())
        self.elements.setFixedHeight(top + rows + frame + extra)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_table()

    def _show_element(self, row: int, element: ElementReadiness, report: ReadinessReport) -> None:
        fill, text, bar_colour = words.COLOURS[element.status]
        title = QTableWidgetItem(words.element_title(element))
        title.setData(RECORD_ROLE, element.code)
        self.elements.setItem(row, COL_ELEMENT, title)
        status = QTableWidgetItem(words.element_status_text(element))
        status.setData(STATUS_ROLE, element.status.label)
        status.setToolTip(element.status.label)
        status.setBackground(QBrush(QColor(fill)))
        status.setForeground(QBrush(QColor(text)))
        self.elements.setItem(row, COL_STATUS, status)
        span = QTableWidgetItem()
        span.setData(SPAN_ROLE, element.span_months)
        span.setData(Qt.ItemDataRole.AccessibleTextRole, words.span_text(element))
        span.setToolTip(words.span_tooltip(element, report))
        self.elements.setItem(row, COL_SPAN, span)
        bar = SpanBar(self.elements)
        bar.set_span(
            element.span_months if element.first_record else 0,
            report.one_year_months,
            report.three_year_months,
            bar_colour if element.span_required else "#adb5bd",
            words.span_caption(element, report),
            bar=element.span_required,
        )
        bar.setToolTip(words.span_tooltip(element, report))
        bar.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.elements.setCellWidget(row, COL_SPAN, bar)
        top = words.finding_text(element.findings[0]) if element.findings else "Nothing to fix"
        shown = QTableWidgetItem(top)
        shown.setToolTip(_tooltip(element.findings) or top)
        if element.findings and element.findings[0].severity.value == "blocker":
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
        if element is None:
            self.findings.clear("Choose an element above to see all its findings.")
            return
        n = len(element.findings)
        hint = " (double-click one, or press Enter, to fix it)" if n else ""
        self.findings.show_findings(
            f"{words.element_title(element)}: {element.status.label} · "
            f"{n} finding{'s' if n != 1 else ''}{hint}",
            element.findings,
            words.finding_text,  # each line made as it is listed
            words.COLOURS[element.status][1],
        )
        self.tabs.setCurrentIndex(0)

    def _focus_findings(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.findings.list.setFocus()

    def finding_messages(self) -> list[str]:
        """The messages listed for the selected element (for tests and screen readers)."""
        return [f.message for f in self.findings.findings()]

    # --- fixing --------------------------------------------------------------------------------

    def _fix(self, finding: Finding) -> fixing.Fix | None:
        if self.report is None or self.pack is None:
            return None
        snap = self.snapshot
        context = fixing.FixContext(
            self.services,
            self.report,
            self.pack,
            snap.facts if snap is not None else None,
            snap.records if snap is not None else (),
        )
        return fixing.fix_for(finding, context)

    def describe_finding(self, finding: Finding) -> tuple[str, str]:
        """The detail pane's text and the button's words for a finding."""
        fix = self._fix(finding)
        text = words.finding_text(finding)
        if fix is None:
            return text, ""
        if fix.explanation and fix.explanation != finding.message:
            return f"{text}\n\n{fix.explanation}", fix.label
        return f"{text}\n\nTo fix it: {_sentence(fix.label, finding)}", fix.label

    def fix_finding(self, finding: Finding) -> bool:
        """Do what fixes a finding; True when something was saved (the page then refreshes)."""
        fix = self._fix(finding)
        return fix is not None and self.run_fix(fix)

    def start_first_fix(self) -> bool:
        return self.first_fix is not None and self.run_fix(self.first_fix)

    def run_fix(self, fix: fixing.Fix) -> bool:
        saved = fixing.start_fix(self, self.services, fix, self.action_requested.emit)
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved


TOOLTIP_FINDINGS = 30  # a tooltip longer than this is not read; the pane below lists them all


def _tooltip(findings: tuple[Finding, ...]) -> str:
    """The element's findings in full, the first ``TOOLTIP_FINDINGS`` of them: an element
    with thousands of unsigned records would otherwise build a tooltip of thousands of lines
    on the GUI thread at every refresh."""
    lines = [words.finding_text(f) for f in findings[:TOOLTIP_FINDINGS]]
    more = len(findings) - TOOLTIP_FINDINGS
    if more > 0:
        lines.append(f"… and {more:,} more (listed when you choose the element)")
    return "\n".join(lines)


def _sentence(label: str, finding: Finding) -> str:
    """A fix's button words as a sentence: "Write the policy…" → "write the policy (element 1)."."""
    text = label.rstrip("…?").strip()
    text = text[:1].lower() + text[1:]
    where = f" (element {finding.element})" if finding.element else ""
    return f"{text}{where}."
