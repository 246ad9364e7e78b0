"""Record editors, one per record kind.

The entry point the rest of the GUI calls is ``open_record_editor``; the dialog itself is
``base.RecordEditor`` (tests construct and drive it without a modal loop).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.facade import Services


def open_record_editor(
    parent: QWidget,
    services: Services,
    kind: RecordKind,
    record_id: str | None = None,
    *,
    repeat_of: str | None = None,
) -> bool:
    """Open the editor for a new record (``record_id`` None) or an existing one, modally;
    ``repeat_of`` starts the new record as a copy of that one, dated today.

    Returns True when something was saved (the caller then refreshes its pages).
    """
    from secor_desktop.gui.editors.base import RecordEditor

    editor = RecordEditor(parent, services, kind, record_id, repeat_of=repeat_of)
    editor.exec()
    saved = editor.saved_any
    editor.deleteLater()
    return saved
