"""The keys every record editor shares, decided once (see ``base``'s docstring).

Enter in a field moves on to the next field instead of pressing Save: a half-filled form is
never saved by accident, whichever field the cursor is in. Ctrl+S saves (an action on the
dialog, so it works from a table cell or a text box too). The title, when the editor opens on
a record, is not preselected, so a first key press adds to it instead of replacing it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialog, QLineEdit, QPushButton

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAB_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


class EditorKeys(QObject):
    """Installed on the editor dialog (key events a field ignores reach it) and its title."""

    def __init__(self, dialog: QDialog, title: QLineEdit, save: Callable[[], object]) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.title = title
        for button in dialog.findChildren(QPushButton):
            button.setAutoDefault(False)  # no button looks like (or is) pressed by Enter
        self.save_action = QAction("Save", dialog)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.save_action.triggered.connect(save)
        dialog.addAction(self.save_action)
        dialog.installEventFilter(self)
        title.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog and isinstance(event, QKeyEvent):
            return self._enter(event)
        if (
            watched is self.title
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusIn
            and event.reason() not in TAB_REASONS
        ):
            QTimer.singleShot(0, self.title, self._title_cursor_to_end)
        return False

    def _enter(self, event: QKeyEvent) -> bool:
        """Enter in a field moves to the next field; on a button it presses the button."""
        if event.type() != QEvent.Type.KeyPress or event.key() not in ENTER or event.modifiers():
            return False
        focus = self.dialog.focusWidget()
        if isinstance(focus, QAbstractButton):
            focus.click()
        else:
            self.dialog.focusNextChild()
        return True

    def _title_cursor_to_end(self) -> None:
        if self.title.hasSelectedText():
            self.title.deselect()
            self.title.end(False)
