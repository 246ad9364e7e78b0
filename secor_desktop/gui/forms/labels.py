"""Labels on forms: user text shown as typed (never as rich text), a label that moves the focus
to its field, a page's heading, and the muted explanatory line under a heading or a group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

MUTED_STYLE = "color: #495057;"


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A label that shows user text as typed, never as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if wrap:
        label.setWordWrap(True)
    return label


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A plain label for ``buddy`` (its mnemonic, if any, moves the focus there)."""
    label = plain_label(text)
    label.setBuddy(buddy)
    return label


def muted(text: str, parent: QWidget | None = None) -> QLabel:
    """A wrapped grey line that explains, under a heading or at the top of a group."""
    label = plain_label(text, parent, wrap=True)
    label.setStyleSheet(MUTED_STYLE)
    return label


def page_heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A page's title at the top of it: bold, half as large again as the text."""
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label
