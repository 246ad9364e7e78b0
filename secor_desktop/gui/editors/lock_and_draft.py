"""What keeps an open record editor safe, apart from the dialog: its draft and its lock.

Drafts: while the form differs from what is stored, its content is written to a draft file;
the next editor on the same record offers it back; saving or discarding removes it.
Locks: a signed or void record is read-only; changing a signed one needs a reason, and the
editor is then "amending" until it saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.gui.editors.drafts import draft_path, read_draft, remove_draft, write_draft

Snapshot = dict[str, Any]


def ask_reason(parent: QWidget, title: str, prompt: str) -> str | None:
    """A required reason; None when the user cancels or gives none."""
    text, ok = QInputDialog.getText(parent, title, prompt)
    if not ok:
        return None
    return text.strip() or None


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, for an editor closed with unsaved changes."""
    return QMessageBox.question(
        parent,
        "Unsaved changes",
        "This record has changes that are not saved. Save them?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


class DraftKeeper:
    """The draft file of one editor: a new record of a kind, or an existing record."""

    def __init__(self, data_dir: Path, kind: RecordKind, record_id: str | None) -> None:
        self.data_dir = data_dir
        self.kind = kind
        self.path = draft_path(data_dir, kind, record_id)
        self._written: Snapshot | None = None

    def keep(self, snapshot: Snapshot | None, amend_reason: str | None) -> None:
        """Write ``snapshot`` if it changed since the last write; None means nothing is
        unsaved, so a draft written earlier is removed."""
        if snapshot is None:
            if self._written is not None:
                remove_draft(self.path)
                self._written = None
            return
        if snapshot == self._written:
            return
        try:
            write_draft(self.path, {**snapshot, "amend_reason": amend_reason})
        except OSError:
            return  # a draft is a convenience; the form itself still holds everything
        self._written = snapshot

    def discard(self) -> None:
        remove_draft(self.path)

    def saved_as(self, record_id: str) -> None:
        """The content is stored now: drop the draft; later drafts go by the record's id."""
        remove_draft(self.path)
        self.path = draft_path(self.data_dir, self.kind, record_id)
        self._written = None

    def unsaved(self, clean: Snapshot) -> tuple[Snapshot, str | None] | None:
        """A draft left from an earlier editor that differs from ``clean``, with the amend
        reason it was written under; a draft equal to ``clean`` is removed."""
        data = read_draft(self.path)
        if data is None or data.get("kind") != self.kind.value:
            return None
        reason = data.pop("amend_reason", None)
        if data == clean:
            remove_draft(self.path)
            return None
        return data, str(reason) if reason else None

    def ask_restore(self, parent: QWidget) -> bool:
        """Ask whether to restore the draft; a draft declined is removed."""
        when = datetime.fromtimestamp(self.path.stat().st_mtime)
        answer = QMessageBox.question(
            parent,
            "Unsaved draft",
            f"Changes to this record were not saved (last kept {when:%Y-%m-%d %H:%M}).\n"
            "Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            remove_draft(self.path)
            return False
        return True


@dataclass(frozen=True)
class EditState:
    """What the editor allows for a record as it stands (None: not saved yet)."""

    record: Record | None
    amending: bool

    @property
    def void(self) -> bool:
        return self.record is not None and self.record.status is RecordStatus.VOID

    @property
    def locked(self) -> bool:
        """Read-only: signed or void, unless a signed record is being amended."""
        return self.record is not None and self.record.is_locked and not self.amending

    @property
    def can_amend(self) -> bool:
        return self.locked and not self.void

    @property
    def heading_state(self) -> str:
        return "new" if self.record is None else self.record.status.value
