"""The three-year certificate cycle on one painted timeline.

One lane per audit: the certification that started the cycle, the two maintenance audits and
the recertification. Each lane shows its window (from the day it opens to the last day an audit
is accepted), the target date and, once held, the audit's date; a line marks today and another
the certificate's expiry. Every colour comes with words (the lane's status is written next to
it), so nothing is said by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from secor_desktop.domain.cycle import CycleReport, CycleState, PlannedAudit, SlotStatus

# (fill, text or line) per status; the words are always shown as well.
SLOT_COLOURS: dict[SlotStatus, tuple[str, str]] = {
    SlotStatus.DONE: ("#d1e7dd", "#0f5132"),
    SlotStatus.UPCOMING: ("#e2e6ea", "#41464b"),
    SlotStatus.DUE_SOON: ("#fff3cd", "#664d03"),
    SlotStatus.OVERDUE: ("#ffe5d0", "#8a3a06"),
    SlotStatus.MISSED: ("#f8d7da", "#842029"),
}
STATE_COLOURS: dict[CycleState, tuple[str, str]] = {
    CycleState.ON_TRACK: ("#d1e7dd", "#0f5132"),
    CycleState.DUE_SOON: ("#fff3cd", "#664d03"),
    CycleState.OVERDUE: ("#ffe5d0", "#7a2e03"),
    CycleState.LAPSED: ("#f8d7da", "#842029"),
}
STATE_WORDS: dict[CycleState, str] = {
    CycleState.ON_TRACK: "On track",
    CycleState.DUE_SOON: "Due soon",
    CycleState.OVERDUE: "Overdue — rebate at risk",
    CycleState.LAPSED: "Lapsed — rebate at risk",
}
SLOT_WORDS: dict[SlotStatus, str] = {
    SlotStatus.DONE: "Done",
    SlotStatus.UPCOMING: "Upcoming",
    SlotStatus.DUE_SOON: "Due soon",
    SlotStatus.OVERDUE: "Overdue",
    SlotStatus.MISSED: "Missed",
}
CERTIFIED_COLOURS = SLOT_COLOURS[SlotStatus.DONE]
TODAY_COLOUR = "#0b5ed7"
EXPIRY_COLOUR = "#6f42c1"
INK = "#212529"
GRID = "#dee2e6"


def slot_status_text(slot: PlannedAudit) -> str:
    """The status of one audit as a short phrase with the date that matters."""
    due = slot.due.isoformat()
    match slot.status:
        case SlotStatus.DONE:
            held = slot.held_on.isoformat() if slot.held_on else "?"
            return f"Done: held {held}"
        case SlotStatus.UPCOMING:
            return f"Upcoming: window opens {slot.opens.isoformat()}"
        case SlotStatus.DUE_SOON:
            return f"Due soon: submit by {due}"
        case SlotStatus.OVERDUE:
            return f"Overdue: submit by {due}"
    return f"Missed: none recorded by {due}"


def state_text(report: CycleReport) -> str:
    """Today's state of the whole cycle, in words."""
    return STATE_WORDS[report.state]


@dataclass(frozen=True)
class Lane:
    """One row of the timeline, as drawn and as read by a screen reader."""

    title: str
    status: str
    colours: tuple[str, str]
    opens: date | None
    due: date | None
    target: date | None
    held_on: date | None
    detail: str

    def describe(self) -> str:
        return f"{self.title}: {self.status}. {self.detail}"


def lanes_for(report: CycleReport) -> list[Lane]:
    """The certification lane, then one per planned audit."""
    lanes = [
        Lane(
            "Certification audit",
            f"Certified {report.certificate_date.isoformat()}",
            CERTIFIED_COLOURS,
            None,
            None,
            None,
            report.certificate_date,
            f"The certificate runs from {report.certificate_date.isoformat()} to "
            f"{report.expiry.isoformat()}.",
        )
    ]
    for slot in report.slots:
        lanes.append(
            Lane(
                slot.label,
                slot_status_text(slot),
                SLOT_COLOURS[slot.status],
                slot.opens,
                slot.due,
                slot.target,
                slot.held_on,
                f"Window {slot.opens.isoformat()} to {slot.due.isoformat()}, "
                f"target {slot.target.isoformat()}.",
            )
        )
    return lanes


class CycleTimeline(QWidget):
    """Paints a ``CycleReport``; with none, a prompt saying where to enter the certificate date."""

    LANE_HEIGHT = 54
    AXIS_HEIGHT = 44
    LEGEND_HEIGHT = 34
    MARGIN = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: CycleReport | None = None
        self.prompt = "No certificate date yet."
        self.lanes: list[Lane] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(640)
        self.setAccessibleName("Audit cycle timeline")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    # --- data ------------------------------------------------------------------------------

    def set_report(self, report: CycleReport | None, prompt: str = "") -> None:
        self.report = report
        self.prompt = prompt or "No certificate date yet."
        self.lanes = lanes_for(report) if report is not None else []
        if report is None:
            self.setAccessibleDescription(self.prompt)
        else:
            self.setAccessibleDescription(
                f"Today {report.today.isoformat()}: {state_text(report)}. "
                + " ".join(lane.describe() for lane in self.lanes)
            )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, self._content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(640, self._content_height())

    def _content_height(self) -> int:
        if not self.lanes:
            return 170
        lanes = max(len(self.lanes), 4)
        return self.AXIS_HEIGHT + lanes * self.LANE_HEIGHT + self.LEGEND_HEIGHT + 2 * self.MARGIN

    # --- geometry --------------------------------------------------------------------------

    def _label_width(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)
        widest = 0
        for lane in self.lanes:
            widest = max(
                widest,
                QFontMetrics(bold).horizontalAdvance(lane.title),
                self.fontMetrics().horizontalAdvance(lane.status),
            )
        return min(widest + 24, max(self.width() // 3, 180))

    def _span(self) -> tuple[date, date]:
        report = self.report
        assert report is not None
        first = min(report.certificate_date, report.today)
        last = max(report.expiry, report.today, *(s.due for s in report.slots))
        return first - timedelta(days=45), last + timedelta(days=45)

    def _plot(self) -> QRectF:
        left = self.MARGIN + self._label_width()
        top = self.MARGIN + self.AXIS_HEIGHT
        width = self.width() - left - self.MARGIN
        height = len(self.lanes) * self.LANE_HEIGHT
        return QRectF(left, top, max(width, 10), height)

    def _x(self, day: date, plot: QRectF) -> float:
        first, last = self._span()
        total = max((last - first).days, 1)
        return plot.left() + plot.width() * (day - first).days / total

    def lane_at(self, y: float) -> int | None:
        """The lane under a vertical position, or None."""
        if not self.lanes:
            return None
        plot = self._plot()
        if not plot.top() <= y < plot.bottom():
            return None
        return int((y - plot.top()) // self.LANE_HEIGHT)

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor(GRID), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self.report is None:
            self._paint_prompt(painter)
        else:
            plot = self._plot()
            self._paint_axis(painter, plot)
            for index, lane in enumerate(self.lanes):
                self._paint_lane(painter, plot, index, lane)
            self._paint_markers(painter, plot)
            self._paint_legend(painter, plot)
        painter.end()

    def _paint_prompt(self, painter: QPainter) -> None:
        painter.setPen(QColor(INK))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        area = QRectF(self.rect()).adjusted(40, 20, -40, -20)
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            self.prompt,
        )

    def _paint_axis(self, painter: QPainter, plot: QRectF) -> None:
        first, last = self._span()
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        baseline = plot.top() - 6
        # Quarter ticks, with the year at each January.
        year, month = first.year, ((first.month - 1) // 3) * 3 + 1
        while date(year, month, 1) <= last:
            day = date(year, month, 1)
            if day >= first:
                x = self._x(day, plot)
                january = month == 1
                painter.setPen(QPen(QColor("#adb5bd" if january else GRID), 1))
                painter.drawLine(
                    QPointF(x, plot.top() - (10 if january else 4)), QPointF(x, plot.bottom())
                )
                if january:
                    painter.setPen(QColor(INK))
                    painter.drawText(QPointF(x + 3, baseline), str(year))
                elif plot.width() > 700:
                    painter.setPen(QColor("#6c757d"))
                    label = day.strftime("%b")
                    painter.drawText(QPointF(x + 3, baseline), label)
            month += 3
            if month > 12:
                year, month = year + 1, month - 12
        painter.setPen(QPen(QColor("#adb5bd"), 1))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.right(), plot.top()))

    def _paint_lane(self, painter: QPainter, plot: QRectF, index: int, lane: Lane) -> None:
        top = plot.top() + index * self.LANE_HEIGHT
        fill, ink = QColor(lane.colours[0]), QColor(lane.colours[1])
        if index % 2:
            painter.fillRect(
                QRectF(self.MARGIN, top, self.width() - 2 * self.MARGIN, self.LANE_HEIGHT),
                QColor("#f8f9fa"),
            )
        # The words: the audit's name, and its status in its colour.
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        label_width = plot.left() - self.MARGIN - 8
        title_rect = QRectF(self.MARGIN + 4, top + 6, label_width, self.LANE_HEIGHT / 2 - 4)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(bold).elidedText(
                lane.title, Qt.TextElideMode.ElideRight, int(label_width)
            ),
        )
        painter.setFont(self.font())
        painter.setPen(ink)
        status_rect = QRectF(
            self.MARGIN + 4, top + self.LANE_HEIGHT / 2, label_width, self.LANE_HEIGHT / 2 - 6
        )
        painter.drawText(
            status_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.fontMetrics().elidedText(
                lane.status, Qt.TextElideMode.ElideRight, int(label_width)
            ),
        )
        middle = top + self.LANE_HEIGHT / 2
        if lane.opens is not None and lane.due is not None:
            left, right = self._x(lane.opens, plot), self._x(lane.due, plot)
            bar = QRectF(left, middle - 9, max(right - left, 3), 18)
            painter.setPen(QPen(ink, 1.2))
            painter.setBrush(QBrush(fill))
            painter.drawRoundedRect(bar, 4, 4)
        if lane.target is not None:
            self._diamond(painter, QPointF(self._x(lane.target, plot), middle), 7, ink)
        if lane.held_on is not None:
            self._held(painter, QPointF(self._x(lane.held_on, plot), middle), ink)

    @staticmethod
    def _diamond(painter: QPainter, centre: QPointF, size: float, colour: QColor) -> None:
        shape = QPolygonF(
            [
                QPointF(centre.x(), centre.y() - size),
                QPointF(centre.x() + size, centre.y()),
                QPointF(centre.x(), centre.y() + size),
                QPointF(centre.x() - size, centre.y()),
            ]
        )
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(shape)

    @staticmethod
    def _held(painter: QPainter, centre: QPointF, colour: QColor) -> None:
        """A filled circle with a check mark: an audit was held here."""
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, 8, 8)
        tick = QPainterPath(QPointF(centre.x() - 4, centre.y()))
        tick.lineTo(centre.x() - 1, centre.y() + 3)
        tick.lineTo(centre.x() + 4, centre.y() - 3)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)

    def _paint_markers(self, painter: QPainter, plot: QRectF) -> None:
        report = self.report
        assert report is not None
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        small.setBold(True)
        painter.setFont(small)
        metrics = QFontMetrics(small)
        for day, colour, text, style, row in (
            (
                report.expiry,
                EXPIRY_COLOUR,
                f"Expires {report.expiry.isoformat()}",
                Qt.PenStyle.DashLine,
                1,
            ),
            (
                report.today,
                TODAY_COLOUR,
                f"Today {report.today.isoformat()}",
                Qt.PenStyle.SolidLine,
                0,
            ),
        ):
            x = self._x(day, plot)
            painter.setPen(QPen(QColor(colour), 2, style))
            painter.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom() + 4))
            width = metrics.horizontalAdvance(text) + 8
            # Keep the caption inside the plot: left of the line when near the right edge.
            left = x + 4 if x + width < plot.right() else x - width - 4
            box = QRectF(
                left,
                plot.top() - self.AXIS_HEIGHT + 2 + row * (metrics.height() + 2),
                width,
                metrics.height(),
            )
            painter.fillRect(box, QColor("#ffffff"))
            painter.setPen(QColor(colour))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        metrics = QFontMetrics(small)
        y = plot.bottom() + self.LEGEND_HEIGHT / 2 + 4
        x = float(self.MARGIN + 4)
        ink = QColor("#495057")

        def caption(text: str) -> None:
            nonlocal x
            painter.setPen(QColor(INK))
            painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), text)
            x += metrics.horizontalAdvance(text) + 22

        painter.setPen(QPen(ink, 1.2))
        painter.setBrush(QBrush(QColor("#e2e6ea")))
        painter.drawRoundedRect(QRectF(x, y - 7, 34, 14), 3, 3)
        x += 40
        caption("window: opens → last day accepted")
        self._diamond(painter, QPointF(x + 6, y), 6, ink)
        x += 18
        caption("target date")
        self._held(painter, QPointF(x + 7, y), ink)
        x += 20
        caption("audit held")
        painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
        painter.drawLine(QPointF(x, y - 8), QPointF(x, y + 8))
        x += 8
        caption("today")
        painter.setPen(QPen(QColor(EXPIRY_COLOUR), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, y - 8), QPointF(x, y + 8))
        x += 8
        caption("certificate expiry")

    # --- tooltips --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.lane_at(event.pos().y())
            if index is not None and index < len(self.lanes):
                QToolTip.showText(event.globalPos(), self.lanes[index].describe(), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
