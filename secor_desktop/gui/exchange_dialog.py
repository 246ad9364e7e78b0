"""File › Exchange with another laptop…: write a file for the other laptop, bring its file
in, and settle what was changed on both.

Writing and reading an exchange file run off the GUI thread (``tasks``); a busy bar shows
meanwhile. Conflicts are listed below: choose an item, the side to keep and a reason, then
Settle. Everything is reachable with the keyboard: each field has a mnemonic, and the tab
order follows the dialog from top to bottom.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.errors import UserError
from secor_desktop.gui.background import Background, report_failure
from secor_desktop.services.facade import Services

if TYPE_CHECKING:
    from secor_desktop.services.exchange import ExchangeExport, ExchangeImport
    from secor_desktop.services.exchange_conflicts import Conflict

INTRO = (
    "Each laptop keeps its own records. To share them, write an exchange file here, carry it "
    "to the other laptop (a USB stick will do), and bring it in there; then do the same the "
    "other way. Nothing is overwritten: an item changed on both laptops is listed below until "
    "you choose which version to keep."
)
FILTER = "Exchange files (*.secor-exchange);;All files (*)"


class ExchangeDialog(QDialog):
    changed = Signal()  # records came in, or a conflict was settled

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.conflicts: list[Conflict] = []
        self.setWindowTitle("Exchange with another laptop")
        self.resize(760, 600)
        self.device_label = QLabel("This laptop: …")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Exchange file")
        self.path_edit.setPlaceholderText("/media/usb/office-laptop.secor-exchange")
        browse = QPushButton("Br&owse…")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        path_label = QLabel("Exchange &file:")
        path_label.setBuddy(self.path_edit)
        self.export_button = QPushButton("&Write a file for the other laptop")
        self.import_button = QPushButton("Bring &in the other laptop's file")
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_file)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName("Working")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Result")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        conflicts_box = self._conflicts_box()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.device_label)
        layout.addWidget(intro)
        layout.addWidget(path_label)
        layout.addLayout(path_row)
        layout.addLayout(actions)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(conflicts_box, 1)
        layout.addWidget(buttons)
        # Enter in a text box is for that box (Settle from the reason), never a default button
        # (Browse would open a file chooser).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.path_edit.setFocus()
        self.reload()

    def _conflicts_box(self) -> QGroupBox:
        box = QGroupBox("Changed on both laptops")
        self.conflict_list = QListWidget()
        self.conflict_list.setAccessibleName("Conflicts")
        self.conflict_list.currentRowChanged.connect(self._show_sides)
        self.side_combo = QComboBox()
        self.side_combo.setAccessibleName("Version to keep")
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setPlaceholderText("e.g. the foreman's version is the one checked on site")
        self.settle_button = QPushButton("&Settle")
        self.settle_button.clicked.connect(self.settle)
        self.reason_edit.returnPressed.connect(self.settle)
        form = QFormLayout()
        form.addRow("&Keep:", self.side_combo)
        form.addRow("&Reason:", self.reason_edit)
        list_label = QLabel("I&tems:")
        list_label.setBuddy(self.conflict_list)
        layout = QVBoxLayout(box)
        layout.addWidget(list_label)
        layout.addWidget(self.conflict_list, 1)
        layout.addLayout(form)
        layout.addWidget(self.settle_button, 0, Qt.AlignmentFlag.AlignRight)
        return box

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """This laptop's name and the conflicts, read in the background."""
        exchange = self.services.exchange

        def read() -> tuple[tuple[str, str], list[Conflict]]:
            return exchange.device(), exchange.conflicts()

        self.tasks.run(read, self._loaded, report_failure)

    def _loaded(self, loaded: tuple[tuple[str, str], list[Conflict]]) -> None:
        (_device_id, name), conflicts = loaded
        self.device_label.setText(f"This laptop: <b>{_escape(name)}</b>")
        self.conflicts = conflicts
        self.conflict_list.clear()
        for c in conflicts:
            differs = ", ".join(c.differs) or "content"
            QListWidgetItem(f"{c.label} — differs in: {differs}", self.conflict_list)
        if not conflicts:
            QListWidgetItem("Nothing is in conflict.", self.conflict_list)
        has = bool(conflicts)
        for widget in (self.side_combo, self.reason_edit, self.settle_button):
            widget.setEnabled(has)
        self.conflict_list.setCurrentRow(0 if has else -1)
        self._show_sides(0 if has else -1)

    def _show_sides(self, row: int) -> None:
        self.side_combo.clear()
        if not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        for number, side in enumerate(c.sides, start=1):
            shown = "; ".join(f"{key}: {_value(side.data, key)}" for key in c.differs[:3])
            self.side_combo.addItem(
                f"{number}. {side.device_name}, {side.entered_at:%Y-%m-%d %H:%M} UTC — {shown}",
                str(number),
            )

    # --- actions -------------------------------------------------------------------------

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            "Exchange file",
            self.path_edit.text(),
            FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path_edit.setText(path)

    def _path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            self._say("Exchange file: type or choose where the file is (or goes).", ok=False)
            self.path_edit.setFocus()
            return None
        return Path(text).expanduser()

    def export(self) -> None:
        path = self._path()
        if path is None:
            return
        exchange = self.services.exchange
        self._start(f"Writing {path.name}…")
        self.tasks.run(lambda: exchange.export(path), self._exported, self._failed)

    def import_file(self) -> None:
        path = self._path()
        if path is None:
            return
        if not path.is_file():
            self._say(f"{path} is not a file: choose the file the other laptop wrote.", ok=False)
            return
        exchange = self.services.exchange
        self._start(f"Checking and bringing in {path.name}…")
        self.tasks.run(lambda: exchange.import_file(path), self._imported, self._failed)

    def settle(self) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self.conflicts) or not self.settle_button.isEnabled():
            return
        c = self.conflicts[row]
        keep, reason = self.side_combo.currentData(), self.reason_edit.text()
        exchange = self.services.exchange
        self._start(f"Settling {c.label}…")
        self.tasks.run(
            lambda: exchange.settle(c.entity_type, c.entity_id, keep, reason),
            self._settled,
            self._failed,
        )

    def _start(self, text: str) -> None:
        for button in (self.export_button, self.import_button, self.settle_button):
            button.setEnabled(False)
        self.busy.setVisible(True)
        self._say(text, ok=None)

    def _finish(self) -> None:
        self.busy.setVisible(False)
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.settle_button.setEnabled(bool(self.conflicts))

    def _exported(self, done: ExchangeExport) -> None:
        self._finish()
        whom = f" for {done.peer_name}" if done.peer_name else ""
        self._say(
            f"Wrote {done.revisions} revisions and {done.files} files{whom} to "
            f"{done.path}. Take it to the other laptop and bring it in there.",
            ok=True,
        )

    def _imported(self, report: ExchangeImport) -> None:
        self._finish()
        added = sum(report.added.values())
        text = f"From {report.sender_name}: {added} new revisions"
        text += f", {report.already_here} already here."
        if report.conflicts:
            text += f" {len(report.conflicts)} item(s) changed on both laptops: see below."
        self._say(text, ok=True)
        self.changed.emit()
        self.reload()

    def _settled(self, conflict: Conflict) -> None:
        self._finish()
        self.reason_edit.clear()
        self._say(f"Settled: {conflict.label} now holds the version you chose.", ok=True)
        self.changed.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, UserError):
            self._say(str(exc), ok=False)
        else:
            report_failure(exc)
            self._say("That could not be done.", ok=False)

    def _say(self, text: str, ok: bool | None) -> None:
        colour = {True: "#1b5e20", False: "#b71c1c", None: ""}[ok]
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.status.setText(text)


def _value(data: dict[str, object], key: str) -> str:
    if key.startswith("body."):
        body = data.get("body")
        value = body.get(key[5:]) if isinstance(body, dict) else None
    else:
        value = data.get(key)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
