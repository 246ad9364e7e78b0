"""Eligibility and rebate: the peak headcount against the province's SECOR limit, and what the
certificate may pay back.

The figures are the services' (``readiness.eligibility()`` and ``readiness.rebate()``), the same
the ``eligibility`` and ``rebate`` commands print. They warn and estimate; they never decide:
the certifying partner settles the stream and the WCB sets the rebate.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.eligibility import EligibilityReport, EligibilityStatus
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.provinces import ProvinceRule
from secor_desktop.domain.rebate import RebateEstimate, money
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import ERROR_COLOUR, labelled, plain_label
from secor_desktop.services.facade import Services
from secor_desktop.services.page_reads import EligibilitySnapshot

PREMIUM_FIELD = "Annual premium"
MAX_PREMIUM = Decimal("1000000000")
ALL_OPTIONS = ""  # the option combo's "compare every option" entry
SHOWN_PEAK_RANGES = 4

STATUS_WORDS: dict[EligibilityStatus, str] = {
    EligibilityStatus.SECOR: "Within the SECOR limit",
    EligibilityStatus.NEAR_LIMIT: "Near the limit",
    EligibilityStatus.ABOVE_LIMIT: "Above the SECOR limit",
    EligibilityStatus.NO_SECOR_PROGRAM: "No SECOR program",
}
BAR_COLOURS: dict[EligibilityStatus, str] = {
    EligibilityStatus.SECOR: "#198754",
    EligibilityStatus.NEAR_LIMIT: "#e0a800",
    EligibilityStatus.ABOVE_LIMIT: "#dc3545",
    EligibilityStatus.NO_SECOR_PROGRAM: "#6c757d",
}
STATUS_COLOURS: dict[EligibilityStatus, tuple[str, str]] = {
    EligibilityStatus.SECOR: ("#d1e7dd", "#0f5132"),
    EligibilityStatus.NEAR_LIMIT: ("#fff3cd", "#664d03"),
    EligibilityStatus.ABOVE_LIMIT: ("#f8d7da", "#842029"),
    EligibilityStatus.NO_SECOR_PROGRAM: ("#e2e6ea", "#41464b"),
}
ESTIMATE_NOTE = (
    "This is an estimate, not a promise of payment: the WCB sets the rebate each year and "
    "pays it only while the certificate is in good standing."
)


class PremiumError(UserError):
    """A premium that cannot be used, with a sentence naming the field."""


def parse_premium(text: str) -> Decimal:
    """Dollars as typed ("15000", "$15,000.00"); the message names the field and the fix."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace(" ", "")
    if not cleaned:
        raise PremiumError(f"{PREMIUM_FIELD} is empty: type your yearly WCB premium in dollars.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise PremiumError(
            f"{PREMIUM_FIELD}: “{text.strip()}” is not an amount; write it like 15000 or 15,000.00."
        )
    if value < 0:
        raise PremiumError(f"{PREMIUM_FIELD} cannot be negative; type the premium you pay.")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise PremiumError(f"{PREMIUM_FIELD}: write dollars and cents, at most two decimals.")
    if value > MAX_PREMIUM:
        raise PremiumError(f"{PREMIUM_FIELD} looks too large; check the amount.")
    return value


def peak_dates_text(report: EligibilityReport) -> str:
    ranges = report.peak_ranges
    if not ranges:
        return "Nobody on the roster was counted in the past 12 months."
    parts = [r.first.isoformat() if r.first == r.last else f"{r.first} to {r.last}" for r in ranges]
    shown = "; ".join(parts[:SHOWN_PEAK_RANGES])
    if len(parts) > SHOWN_PEAK_RANGES:
        shown += f"; and {len(parts) - SHOWN_PEAK_RANGES} more"
    return f"At the peak: {shown}."


def status_text(report: EligibilityReport, province_name: str) -> str:
    if report.status is EligibilityStatus.NO_SECOR_PROGRAM:
        return f"{STATUS_WORDS[report.status]} in {province_name}"
    return STATUS_WORDS[report.status]


def alternative_text(estimate: RebateEstimate) -> str:
    """One rule's figure, e.g. "First-time certificate: $1,500.00 (10% of $15,000.00 premium)"."""
    name = estimate.option_label or estimate.option_id or estimate.program
    if estimate.amount is None:
        return f"{name}: no figure"
    prefix = "up to " if estimate.up_to else ""
    return f"{name}: {prefix}{money(estimate.amount)} ({estimate.basis})"


def headline(estimate: RebateEstimate) -> str:
    """The estimate in one line; with several rules, the range they give."""
    if estimate.amount is not None or not estimate.alternatives:
        return estimate.caption if estimate.amount is not None else "Estimated rebate: no figure"
    low = min(estimate.alternatives, key=lambda a: a.amount or 0)
    high = max(estimate.alternatives, key=lambda a: a.amount or 0)
    assert low.amount is not None and high.amount is not None
    prefix = "up to " if high.up_to else ""
    return (
        f"Estimated rebate: {money(low.amount)} to {prefix}{money(high.amount)}, "
        "depending on the rule"
    )


class HeadcountBar(QWidget):
    """The peak against the limit: a bar, the limit marked, the near-limit band shaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.peak = 0
        self.limit: int | None = None
        self.margin = 0
        self.colour = QColor("#6c757d")
        self.setMinimumSize(QSize(240, 46))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Peak headcount against the limit")

    def set_values(self, peak: int, limit: int | None, margin: int, colour: str) -> None:
        self.peak, self.limit, self.margin = peak, limit, margin
        self.colour = QColor(colour)
        limit_text = f"the limit is {limit}" if limit is not None else "there is no SECOR limit"
        self.setAccessibleDescription(f"Peak {peak} workers; {limit_text}")
        self.setToolTip(self.accessibleDescription())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 46)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = max((self.limit or 0) + 3, self.peak + 1, 5)
        left, width = 12.0, self.width() - 24.0
        track = QRectF(left, 6, width, 14)

        def x(n: float) -> float:
            return left + width * n / scale

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e9ecef"))
        painter.drawRoundedRect(track, 3, 3)
        if self.limit is not None and self.margin:
            near = x(self.limit - self.margin)
            painter.setBrush(QColor("#fff3cd"))
            painter.drawRect(QRectF(near, 6, x(self.limit) - near, 14))
        filled = QRectF(track)
        filled.setWidth(x(self.peak) - left)
        painter.setBrush(self.colour)
        painter.drawRoundedRect(filled, 3, 3)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        step = 5 if scale > 20 else 1
        marked = {self.peak} | ({self.limit} if self.limit is not None else set())
        ticks = {
            n for n in range(0, scale + 1, step) if step == 1 or all(abs(n - m) > 1 for m in marked)
        }
        for n in sorted(ticks | marked):
            bold = n in marked
            small.setBold(bold)
            painter.setFont(small)
            painter.setPen(QColor("#212529" if bold else "#6c757d"))
            painter.drawText(
                QRectF(x(n) - 15, 24, 30, 18), int(Qt.AlignmentFlag.AlignCenter), str(n)
            )
        if self.limit is not None:
            painter.setPen(QPen(QColor("#212529"), 2))
            painter.drawLine(int(x(self.limit)), 2, int(x(self.limit)), 24)
        painter.end()


class EligibilityPage(QWidget):
    title = "Eligibility & rebate"

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.report: EligibilityReport | None = None
        self.rule: ProvinceRule | None = None
        self.estimate: RebateEstimate | None = None
        self.loads = tasks.latest(self)

        heading = plain_label("Eligibility & rebate", self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)

        # --- eligibility -------------------------------------------------------------------
        self.eligibility_box = QGroupBox("Small-employer eligibility", self)
        self.peak_label = self._text("Peak headcount against the limit", bold=True, scale=1.2)
        self.status_label = self._text("Eligibility status", wrap=False)
        self.bar = HeadcountBar(self.eligibility_box)
        self.window_label = self._text("Counting window")
        self.dates_label = self._text("Dates of the peak")
        self.workers_label = self._text("Workers counted at the peak")
        self.not_counted_label = self._text("Workers not counted")
        self.message_label = self._text("What it means")
        self.source_label = self._text("Source of the limit", muted=True)
        self.who_counts_label = self._text("Who counts", muted=True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addStretch(1)
        box = QVBoxLayout(self.eligibility_box)
        box.addWidget(self.peak_label)
        box.addLayout(status_row)
        box.addWidget(self.bar)
        for label in (
            self.window_label,
            self.dates_label,
            self.workers_label,
            self.not_counted_label,
            self.message_label,
            self.source_label,
            self.who_counts_label,
        ):
            box.addWidget(label)
        box.addStretch(1)

        # --- rebate ------------------------------------------------------------------------
        self.rebate_box = QGroupBox("Rebate estimate", self)
        self.program_label = self._text("Rebate program", parent=self.rebate_box)
        self.premium = QLineEdit(self.rebate_box)
        self.premium.setAccessibleName(PREMIUM_FIELD)
        self.premium.setPlaceholderText("e.g. 15000.00")
        self.premium.setToolTip("Your yearly WCB premium in dollars, as on your WCB statement.")
        self.premium.setMaxLength(20)
        self.premium.textChanged.connect(self._premium_edited)
        self.premium.returnPressed.connect(self.calculate)
        self.premium_error = self._text(f"{PREMIUM_FIELD} error", parent=self.rebate_box)
        self.premium_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.premium_error.hide()
        self.option = QComboBox(self.rebate_box)
        self.option.setAccessibleName("Rebate rule")
        self.option.currentIndexChanged.connect(lambda _i: self._premium_edited())
        self.estimate_button = QPushButton("Es&timate", self.rebate_box)
        self.estimate_button.setAccessibleName("Estimate the rebate")
        self.estimate_button.clicked.connect(self.calculate)
        premium_row = QHBoxLayout()
        premium_row.addWidget(self.premium, 1)
        premium_row.addWidget(self.estimate_button)
        form = QFormLayout()
        form.addRow(labelled("Annual WCB &premium ($):", self.premium), premium_row)
        form.addRow("", self.premium_error)
        form.addRow(labelled("Rebate &rule:", self.option), self.option)
        self.result_label = self._text(
            "Estimated rebate", bold=True, scale=1.2, parent=self.rebate_box
        )
        self.alternatives_label = self._text("Estimate for each rule", parent=self.rebate_box)
        self.rebate_source = self._text(
            "Source of the rebate rule", muted=True, parent=self.rebate_box
        )
        self.note_label = note = self._text("Estimate note", parent=self.rebate_box)
        note.setText(ESTIMATE_NOTE)
        note.setStyleSheet("font-style: italic;")
        rebate = QVBoxLayout(self.rebate_box)
        rebate.addWidget(self.program_label)
        rebate.addLayout(form)
        rebate.addWidget(self.result_label)
        rebate.addWidget(self.alternatives_label)
        rebate.addWidget(note)
        rebate.addWidget(self.rebate_source)
        rebate.addStretch(1)

        columns = QHBoxLayout()
        columns.addWidget(self.eligibility_box, 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(self.rebate_box, 1, Qt.AlignmentFlag.AlignTop)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.addWidget(heading)
        layout.addLayout(columns)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        QWidget.setTabOrder(self.premium, self.estimate_button)
        QWidget.setTabOrder(self.estimate_button, self.option)
        self._show_estimate(None)
        self.refresh()

    def _text(
        self,
        name: str,
        *,
        bold: bool = False,
        scale: float = 1.0,
        wrap: bool = True,
        muted: bool = False,
        parent: QWidget | None = None,
    ) -> QLabel:
        label = plain_label("", parent or self.eligibility_box)
        label.setAccessibleName(name)
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(label.font())
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
        if muted:
            label.setStyleSheet("color: #495057;")
        return label

    # --- loading ---------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(loads=self.loads)

    def refresh(self) -> None:
        """Recompute off the GUI thread (the roster or the province may have changed)."""

        def failed() -> None:
            self.peak_label.setText("Eligibility could not be worked out (see the report).")

        def slow() -> None:
            if self.report is None:  # a refresh keeps what it shows until the answer comes
                self.peak_label.setText("Working out eligibility…")

        self.loads.run(self.services.pages.eligibility, self._show, failed, slow)

    def _show(self, snapshot: EligibilitySnapshot) -> None:
        self.report, self.rule = report, rule = snapshot.report, snapshot.rule
        if report is None or rule is None:
            self.peak_label.setText("Set up the company first: eligibility needs its roster.")
            for label in (
                self.status_label,
                self.window_label,
                self.dates_label,
                self.workers_label,
                self.not_counted_label,
                self.message_label,
                self.source_label,
                self.who_counts_label,
                self.program_label,
            ):
                label.clear()
            self.bar.hide()
            self._show_estimate(None)
            self.rebate_box.setEnabled(False)
            return
        self.bar.show()
        self.rebate_box.setEnabled(True)
        peak = report.peak_headcount
        workers = f"{peak} worker{'s' if peak != 1 else ''}"
        if report.limit is None:
            self.peak_label.setText(
                f"Peak headcount, past {rule.headcount_lookback_months.value} months: {workers} "
                f"({rule.name} has no SECOR limit)"
            )
        else:
            self.peak_label.setText(
                f"Peak headcount, past {rule.headcount_lookback_months.value} months: {workers} "
                f"of {rule.name}'s limit of {report.limit}"
            )
        fill, ink = STATUS_COLOURS[report.status]
        self.status_label.setText(status_text(report, rule.name))
        self.status_label.setStyleSheet(
            f"background: {fill}; color: {ink}; border: 1px solid {ink}; padding: 4px 10px; "
            "border-radius: 4px; font-weight: bold;"
        )
        self.bar.set_values(
            peak, report.limit, rule.near_limit_margin.value, BAR_COLOURS[report.status]
        )
        self.window_label.setText(
            f"Counted from {report.window_first} to {report.window_last}: everyone the safety "
            "program covered at any time, by the province's rules."
        )
        self.dates_label.setText(peak_dates_text(report))
        self.workers_label.setText(
            f"Counted on {report.first_peak_date}, the first day at the peak: "
            f"{', '.join(report.peak_workers)}."
            if report.peak_workers
            else ""
        )
        self.not_counted_label.setText(
            "Not counted (an employment type the rules leave out, or another workplace party "
            "that does not count): " + ", ".join(report.not_counted) + "."
            if report.not_counted
            else ""
        )
        self.message_label.setText(report.message)
        self.source_label.setText(f"Source of the limit: {report.source}")
        parties = rule.other_parties_count
        self.who_counts_label.setText(
            f"Who counts: {rule.counted_employment_types.source}"
            + (f" Other workplace parties: {parties.source}" if parties.source else "")
        )
        for label in (self.workers_label, self.not_counted_label):
            label.setVisible(bool(label.text()))
        self._fill_options(rule)
        self._premium_edited()

    def _fill_options(self, rule: ProvinceRule) -> None:
        rebate = rule.rebate
        self.program_label.setText(f"{rule.name}: {rebate.program}.")
        current = self.option.currentData()
        self.option.blockSignals(True)
        self.option.clear()
        if len(rebate.options) > 1:
            self.option.addItem("Compare every rule", ALL_OPTIONS)
        for option in rebate.options:
            self.option.addItem(option.label, option.id)
        if not rebate.options:
            self.option.addItem("No rule gives a figure", ALL_OPTIONS)
        index = self.option.findData(current)
        self.option.setCurrentIndex(max(index, 0))
        self.option.setEnabled(len(rebate.options) > 1)
        self.option.blockSignals(False)

    # --- the rebate ------------------------------------------------------------------------

    def _premium_edited(self) -> None:
        """Live: a valid premium updates the estimate; a bad one says why under the field."""
        if not self.premium.text().strip():
            self._set_error("")
            self._show_estimate(None)
            return
        self.calculate()

    def calculate(self) -> RebateEstimate | None:
        """Estimate from the premium as typed; None (and a message by the field) when it is bad."""
        try:
            premium = parse_premium(self.premium.text())
        except PremiumError as exc:
            self._set_error(str(exc))
            self._show_estimate(None)
            return None
        if self.report is None:
            return None
        self._set_error("")
        option = self.option.currentData() or None
        estimate = self.services.readiness.rebate(premium, None, option)
        self._show_estimate(estimate)
        return estimate

    def _set_error(self, text: str) -> None:
        self.premium_error.setText(f"⚠ {text}" if text else "")
        self.premium_error.setVisible(bool(text))
        self.premium.setAccessibleDescription(text)

    def _show_estimate(self, estimate: RebateEstimate | None) -> None:
        self.estimate = estimate
        if estimate is None:
            self.result_label.setText("Estimated rebate: type your annual premium above.")
            self.alternatives_label.clear()
            self.alternatives_label.hide()
            self.rebate_source.clear()
            return
        self.result_label.setText(headline(estimate))
        lines = [f"• {alternative_text(alt)}" for alt in estimate.alternatives]
        if estimate.amount is None and estimate.reason:
            lines.insert(0, estimate.reason)
        self.alternatives_label.setText("\n".join(lines))
        self.alternatives_label.setVisible(bool(lines))
        self.rebate_source.setText(f"Source: {estimate.source}")
