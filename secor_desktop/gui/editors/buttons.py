"""The row along the bottom of every record editor: History, Repeat and Void on the left, a one-line
legend of the asterisk and the keys, and Sign, Save and Close on the right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from secor_desktop.gui.editors.fields import plain_label

HINT_STYLE = "color: #444;"
LEGEND = "* required  ·  Enter: next field  ·  Ctrl+S: save  ·  Esc: close"


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class ButtonRow(QHBoxLayout):
    """The buttons and the legend; the editor connects them."""

    def __init__(self) -> None:
        super().__init__()
        self.legend = plain_label(LEGEND)
        self.legend.setStyleSheet(HINT_STYLE)
        self.legend.setAccessibleName("Legend: fields marked with an asterisk are required")
        self.history = _button("History...", "Show the record's revision history")
        self.repeat = _button("Repeat", "Repeat: a new record with this content, dated today")
        self.repeat.setToolTip(
            "Start a new record with this one's content, dated today, unsigned (Ctrl+R)"
        )
        self.void = _button("Void...", "Void the record, giving a reason")
        self.sign = _button("Sign...", "Sign the record (saves it first)")
        self.save = _button("Save", "Save the record")
        self.close = _button("Close", "Close the editor")
        self.addWidget(self.history)
        self.addWidget(self.repeat)
        self.addWidget(self.void)
        self.addSpacing(12)
        self.addWidget(self.legend)
        self.addStretch(1)
        for button in (self.sign, self.save, self.close):
            self.addWidget(button)
