"""The findings of one element: a list that wraps, and beside it the chosen finding in full
with what fixes it and a button that does it.

Double-click, Enter or the button all ask for the same fix (``fix_requested``); the page knows
how to carry it out. Nothing is ever cut off: each line wraps, and the detail pane repeats the
whole message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.readiness_model import Finding, Severity

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
CHUNK = 300  # findings listed per turn of the event loop


class FindingsPane(QWidget):
    """Lists findings; tells which one the user wants fixed."""

    fix_requested = Signal(object)  # the Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.describe: Callable[[Finding], tuple[str, str]] = lambda f: (f.message, "")
        self._filling = 0  # which fill is current (a newer one stops an older one)
        self._expected = 0
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Findings for the selected element")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.itemDoubleClicked.connect(self._activated)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.installEventFilter(self)

        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName("The chosen finding and what fixes it")
        self.fix_button = QPushButton("Fix…", self)
        self.fix_button.setAccessibleName("Do what fixes the chosen finding")
        self.fix_button.clicked.connect(self._fix_current)
        self.fix_button.setEnabled(False)
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(6, 0, 0, 0)
        side_box.addWidget(self.detail)
        side_box.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_box.addStretch(1)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 3)
        row.addWidget(side, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addLayout(row, 1)

    def show_findings(
        self,
        title: str,
        findings: tuple[Finding, ...],
        texts: Sequence[str] | Callable[[Finding], str],
        colour: str,
    ) -> None:
        """List ``findings`` (``texts``: their lines, or what gives each line). The first
        ``CHUNK`` are listed at once, the rest ``CHUNK`` per turn of the event loop: an
        element with thousands of unsigned records would otherwise hold the window still
        while its list is built."""
        self._filling += 1  # a fill still under way for an earlier element stops
        self._expected = len(findings)
        self.title.setText(title)
        self.list.clear()
        if callable(texts):
            line = texts
            lines: Sequence[str] | None = None
        else:
            lines = texts
            if len(lines) != len(findings):
                raise ValueError("one text per finding")
        self._fill(findings, lines, line if lines is None else None, colour, 0, self._filling)
        if not findings:
            QListWidgetItem("Nothing to fix in this element.", self.list)
        if findings:
            self.list.setCurrentRow(0)
        else:
            self._current_changed(None, None)

    def _fill(
        self,
        findings: tuple[Finding, ...],
        lines: Sequence[str] | None,
        line: Callable[[Finding], str] | None,
        colour: str,
        start: int,
        filling: int,
    ) -> None:
        if filling != self._filling:
            return  # another element was chosen meanwhile
        for i in range(start, min(start + CHUNK, len(findings))):
            finding = findings[i]
            text = lines[i] if lines is not None else line(finding) if line else finding.message
            item = QListWidgetItem(text, self.list)
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(text)
            if finding.severity is Severity.BLOCKER:
                item.setForeground(QBrush(QColor(colour)))
        if start + CHUNK < len(findings):
            later = start + CHUNK
            QTimer.singleShot(
                0, self, lambda: self._fill(findings, lines, line, colour, later, filling)
            )

    def filled(self) -> bool:
        """Whether every finding shown is in the list yet (a long list fills over a moment)."""
        return self.list.count() >= self._expected

    def clear(self, title: str) -> None:
        self.show_findings(title, (), [], "")

    def findings(self) -> list[Finding]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [f for it in items if isinstance(f := it.data(FINDING_ROLE), Finding)]

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        finding = item.data(FINDING_ROLE) if item is not None else None
        return finding if isinstance(finding, Finding) else None

    def _current_changed(self, item: QListWidgetItem | None, _old: object) -> None:
        finding = self.current_finding()
        if finding is None:
            self.detail.setText("")
            self.fix_button.setEnabled(False)
            self.fix_button.setText("Fix…")
            return
        text, label = self.describe(finding)
        self.detail.setText(text)
        self.fix_button.setText(label or "Fix…")
        self.fix_button.setEnabled(True)

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if isinstance(finding, Finding):
            self.fix_requested.emit(finding)

    def _fix_current(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.fix_requested.emit(finding)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ACTIVATE_KEYS
        ):
            self._fix_current()
            return True
        return super().eventFilter(watched, event)
