"""Injury cases by year as bars (QPainter): recordable cases beside first aids, per year.

Small counts (a small crew has a handful a year) read best as plain bars with the number on
top; the hours worked are written under each year, because a count means little without
them. The chart's accessible description says the same in words.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from secor_desktop.domain.bodies import IncidentClass
from secor_desktop.domain.statistics import StatisticsTable

# (legend words, colour): dark for recordable, light for first aid; readable in greyscale.
SERIES = (("Recordable cases", "#b3261e"), ("First aid", "#f2b8b5"))
INK = QColor("#212529")
AXIS = QColor("#9aa0a6")


def bars_of(table: StatisticsTable) -> list[tuple[str, tuple[int, int], int]]:
    """(year, (recordable, first aid), hours) for each year, oldest first."""
    return [
        (row.label, (row.recordable, row.counts[IncidentClass.FIRST_AID]), row.hours)
        for row in table.rows
    ]


def describe(table: StatisticsTable) -> str:
    return "; ".join(
        f"{year}: {rec} recordable, {aid} first aid, {hours:,} hours"
        for year, (rec, aid), hours in bars_of(table)
    )


class StatisticsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: StatisticsTable | None = None
        self.setAccessibleName("Injury cases by year")
        self.setMinimumSize(QSize(320, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_table(self, table: StatisticsTable) -> None:
        self.table = table
        self.setAccessibleDescription(describe(table))
        self.setToolTip(self.accessibleDescription())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(INK)
        self._legend(painter, line)
        if self.table is None:
            return
        bars = bars_of(self.table)
        top, bottom = 2.0 * line + 8, self.height() - 2.5 * line
        left, right = 12.0, self.width() - 12.0
        highest = max([1, *(max(pair) for _, pair, _ in bars)])
        painter.setPen(AXIS)
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        slot = (right - left) / max(len(bars), 1)
        bar = min(48.0, slot / 3)
        for i, (year, pair, hours) in enumerate(bars):
            middle = left + slot * (i + 0.5)
            for j, (count, (_, colour)) in enumerate(zip(pair, SERIES, strict=True)):
                x = middle - bar + j * bar
                height = (bottom - top) * count / highest
                painter.fillRect(QRectF(x + 2, bottom - height, bar - 4, height), QColor(colour))
                painter.setPen(INK)
                painter.drawText(
                    QRectF(x, bottom - height - line, bar, line),
                    Qt.AlignmentFlag.AlignCenter,
                    str(count),
                )
            painter.setPen(INK)
            painter.drawText(
                QRectF(middle - slot / 2, bottom + 2, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                year,
            )
            painter.drawText(
                QRectF(middle - slot / 2, bottom + 2 + line, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                f"{hours:,} h",
            )

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 12.0
        for words, colour in SERIES:
            painter.fillRect(QRectF(x, 6, line - 2, line - 2), QColor(colour))
            x += line + 4
            painter.drawText(QRectF(x, 4, 200, line), Qt.AlignmentFlag.AlignVCenter, words)
            x += painter.fontMetrics().horizontalAdvance(words) + 18
