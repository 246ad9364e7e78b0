"""A small bar: months of records against the one-year (3) and three-year (12) marks."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class SpanBar(QWidget):
    """Draws ``months`` on a scale a little past the three-year mark, with both marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months = 0
        self.one_year = 3
        self.three_year = 12
        self.colour = QColor("#6c757d")
        self.caption = ""
        self.setMinimumSize(QSize(160, 30))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_span(
        self, months: int, one_year: int, three_year: int, colour: str, caption: str
    ) -> None:
        self.months, self.one_year, self.three_year = months, one_year, three_year
        self.colour = QColor(colour)
        self.caption = caption
        self.setAccessibleName("Months of records")
        self.setAccessibleDescription(
            f"{caption}; {one_year} months for a one-year certificate, "
            f"{three_year} for a three-year one"
        )
        self.setToolTip(self.accessibleDescription())
        self.update()

    def scale(self) -> int:
        return max(self.three_year + 3, self.months)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 6.0
        width = self.width() - 2 * margin
        track = QRectF(margin, 4, width, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e3e6ea"))
        painter.drawRoundedRect(track, 3, 3)
        filled = QRectF(track)
        filled.setWidth(width * min(self.months, self.scale()) / self.scale())
        painter.setBrush(self.colour)
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QPen(QColor("#212529"), 2))
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.0))
        painter.setFont(font)
        for mark in (self.one_year, self.three_year):
            x = margin + width * mark / self.scale()
            painter.drawLine(int(x), 1, int(x), 17)
        painter.setPen(QColor("#212529"))
        painter.drawText(
            QRectF(margin, 17, width, self.height() - 17),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.caption,
        )
        painter.end()
