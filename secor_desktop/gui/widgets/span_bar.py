"""A small bar: months of records against the one-year (3) and three-year (12) marks.

One line high, its caption ("4 of 12") on the left, so nine elements fit a laptop screen."""

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
        self.show_bar = True
        self.setMinimumSize(QSize(160, 20))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_span(
        self,
        months: int,
        one_year: int,
        three_year: int,
        colour: str,
        caption: str,
        *,
        bar: bool = True,
    ) -> None:
        """``bar`` False: the caption alone (an element with no minimum span has no scale)."""
        self.months, self.one_year, self.three_year = months, one_year, three_year
        self.show_bar = bar
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

    def caption_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("0 of 12: none yet") + 8

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 6.0
        text_width = float(self.caption_width() if self.show_bar else self.width() - 2 * margin)
        painter.setPen(QColor("#212529"))
        painter.drawText(
            QRectF(margin, 0, text_width, self.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.caption,
        )
        if not self.show_bar:
            painter.end()
            return
        left = margin + text_width
        width = max(self.width() - left - margin, 10.0)
        middle = self.height() / 2
        track = QRectF(left, middle - 5, width, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e3e6ea"))
        painter.drawRoundedRect(track, 3, 3)
        filled = QRectF(track)
        filled.setWidth(width * min(self.months, self.scale()) / self.scale())
        painter.setBrush(self.colour)
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QPen(QColor("#212529"), 2))
        for mark in (self.one_year, self.three_year):
            x = left + width * mark / self.scale()
            painter.drawLine(int(x), int(middle - 8), int(x), int(middle + 8))
        painter.end()
