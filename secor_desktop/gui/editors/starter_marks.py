"""Show, in a document's text box, what of a starter document is still to be made the company's.

Paragraphs still word-for-word the template's (blanks aside) get a pale yellow background, and
a note under the box lists the blanks left to fill: auditors recognise untailored template
wording, and a document with a blank left cannot be signed. "Fill the next blank" selects the
next ``{{name}}`` so typing replaces it.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from secor_desktop.domain.starter import BLANK, StarterTemplate, blanks, untouched

STARTER_BACKGROUND = "#fff3bf"  # a pale yellow: readable, and not the red of an error
NOTE_COLOUR = "#7a4d00"


class StarterMarks(QWidget):
    """The note and the button under a document's text box; marks the box itself."""

    def __init__(self, text: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.template: StarterTemplate | None = None
        self.untouched: tuple[str, ...] = ()
        self.blanks: tuple[str, ...] = ()
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(self.note.textFormat().PlainText)
        self.note.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.note.setAccessibleName("Starter document notes")
        self.next_blank = QPushButton("Fill the &next blank", self)
        self.next_blank.setAutoDefault(False)
        self.next_blank.setToolTip("Select the next {{blank}} in the text: type to replace it")
        self.next_blank.clicked.connect(self.select_next_blank)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.next_blank)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # re-mark after typing pauses, not on every key
        self._timer.timeout.connect(self.refresh)
        text.textChanged.connect(self._timer.start)
        self.refresh()

    def set_template(self, template: StarterTemplate | None) -> None:
        self.template = template
        self.refresh()

    def refresh(self) -> None:
        """Recompute the marks and the note from the text as it stands."""
        content = self.text.toPlainText()
        self.blanks = blanks(content)
        self.untouched = untouched(content, self.template) if self.template else ()
        self._mark(set(self.untouched))
        lines = []
        if self.untouched:
            lines.append(
                f"{len(self.untouched)} highlighted paragraph(s) are still the starter "
                "wording: tailor them to your company."
            )
        if self.blanks:
            names = ", ".join("{{" + b + "}}" for b in self.blanks)
            lines.append(f"Blanks still to fill before signing: {names}.")
        self.note.setText("\n".join(lines))
        self.setVisible(bool(lines))
        self.next_blank.setEnabled(bool(self.blanks))

    def _mark(self, wanted: set[str]) -> None:
        """A full-width background on each line of each untouched paragraph."""
        selections: list[QTextEdit.ExtraSelection] = []
        if wanted:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(STARTER_BACKGROUND))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            block = self.text.document().begin()
            group: list[object] = []
            words: list[str] = []
            while True:
                valid = block.isValid()
                if valid and block.text().strip():
                    group.append(block)
                    words.append(block.text())
                else:
                    if group and " ".join(" ".join(words).split()) in wanted:
                        for line in group:
                            sel = QTextEdit.ExtraSelection()
                            cursor = QTextCursor(line)  # type: ignore[call-overload]
                            # The whole block, so each wrapped line of it is marked too.
                            cursor.movePosition(
                                QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor,
                            )
                            sel.cursor = cursor
                            sel.format = fmt
                            selections.append(sel)
                    group, words = [], []
                if not valid:
                    break
                block = block.next()
        self.text.setExtraSelections(selections)

    def select_next_blank(self) -> bool:
        """Select the next {{blank}} after the cursor (wrapping round); False if none."""
        pattern = QRegularExpression(BLANK.pattern)
        document = self.text.document()
        here = self.text.textCursor()
        here.setPosition(here.selectionEnd())
        found = document.find(pattern, here)
        if found.isNull():
            found = document.find(pattern, 0)
        if found.isNull():
            return False
        self.text.setTextCursor(found)
        self.text.setFocus()
        return True
