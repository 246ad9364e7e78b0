"""Repeat a record in the editor: the form turns into a new, unsaved record with the same
content dated today (see ``domain.repeat``), for the user to check and save.

Nothing is stored until the user saves: a repeat opened by mistake is closed with Esc (the
editor asks, as for anything unsaved) and leaves no record behind. Repeating a record that has
unsaved changes asks first whether to save them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from secor_desktop.domain.model import Record
from secor_desktop.gui.editors.lock_and_draft import DraftKeeper, ask_unsaved

if TYPE_CHECKING:
    from secor_desktop.gui.editors.base import RecordEditor

REPEAT_KEYS = "Ctrl+R"


def copy_notice(source: Record) -> str:
    return (
        f"A copy of \u201c{source.title}\u201d of {source.event_date.isoformat()}, dated today "
        "and not saved yet: check it, then Save (Ctrl+S) and sign."
    )


def load_copy(editor: RecordEditor, copy: Record, source: Record) -> None:
    """Show ``copy`` (not stored) as a new record; what is in the form counts as unsaved."""
    editor.record = None
    editor.amend_reason = None
    editor._load(copy)
    editor._clean = {}  # unsaved until saved: closing asks, the autosave keeps a draft
    editor.notice = copy_notice(source)
    editor._refresh_state()
    editor.show_problems([])
    editor.title.setFocus()


def add_repeat_action(editor: RecordEditor) -> QAction:
    """Ctrl+R in the editor repeats the record shown (as the Repeat button does)."""
    action = QAction("Repeat", editor)
    action.setShortcut(QKeySequence(REPEAT_KEYS))
    action.triggered.connect(lambda _checked=False: repeat_here(editor))
    editor.addAction(action)
    return action


def repeat_here(editor: RecordEditor) -> bool:
    """Turn the editor into a repeat of its stored record (after saving or discarding any
    unsaved change, as the user chooses). False when there is nothing to repeat or the user
    stayed."""
    source = editor.record
    if source is None:
        return False
    if editor.is_dirty():
        answer = ask_unsaved(editor)
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save and not editor.save():
            return False
        editor.drafts.discard()
        source = editor.record or source
    copy = editor.services.records.repeat_copy(source.id)
    editor.drafts = DraftKeeper(editor.services.locations.data_dir, editor.kind, None)
    load_copy(editor, copy, source)
    return True
