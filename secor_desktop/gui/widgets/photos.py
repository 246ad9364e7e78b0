"""A record's photos and files: attach by file dialog or drag and drop, thumbnails, open.

Each file is checked by its content and stored by ``services.records.attach_file`` as soon as
it is added (off the GUI thread): photos are downscaled, documents (PDF, Word, Excel,
OpenDocument, plain text) kept as they are. Photos show as thumbnails, documents as a file
icon with their name; Open hands either to the system viewer. The record keeps the resulting
attachments when it is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import Attachment
from secor_desktop.domain.validation import ValidationError
from secor_desktop.gui import background
from secor_desktop.gui.private_temp import private_temp_dir, write_private
from secor_desktop.gui.signals import emit
from secor_desktop.services.facade import Services
from secor_desktop.services.files import ACCEPTED_SUFFIXES, IMAGE_SUFFIXES, safe_filename

THUMB = 96
_IMAGES = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
_DOCUMENTS = "*.pdf *.docx *.xlsx *.odt *.txt"
FILE_FILTER = (
    f"Photos and documents ({_IMAGES} {_DOCUMENTS});;Photos ({_IMAGES});;"
    f"Documents: PDF, Word, Excel, OpenDocument, text ({_DOCUMENTS})"
)


def attachment_temp_path(attachment: Attachment) -> Path:
    """Where an attachment is written to be opened by the system viewer: the app's private
    temporary folder (0700, removed at quit), under its stored name reduced to a plain name."""
    return private_temp_dir() / f"{attachment.sha256[:12]}-{safe_filename(attachment.filename)}"


def short_name(filename: str, limit: int = 16) -> str:
    """A file name that fits under its icon, keeping its ending (".pdf") in sight."""
    if len(filename) <= limit:
        return filename
    ending = Path(filename).suffix[:8]
    return f"{filename[: limit - len(ending) - 1]}\u2026{ending}"


class PhotoList(QListWidget):
    """Thumbnails in icon mode that also accept photos and documents dropped on them."""

    files_dropped = Signal(list)
    filled = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 40, THUMB + 36))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # drops land on the viewport, not the view
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragEnabled(False)
        self.fit_height()
        self.setAccessibleName("Photos and files")
        self.accepting = True

    def fit_height(self) -> None:
        """Room for a row of thumbnails when there are some, a slim drop strip otherwise."""
        height = THUMB + 44 if self.count() else 56
        self.setFixedHeight(height)
        emit(self.filled, self.count() > 0)

    @staticmethod
    def image_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in ACCEPTED_SUFFIXES]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepting and self.image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.accepting and self.image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.image_paths(event) if self.accepting else []
        if paths:
            event.acceptProposedAction()
            emit(self.files_dropped, paths)
        else:
            event.ignore()


class PhotosWidget(QWidget):
    """The attachments of one record, with Add, Remove and Open."""

    changed = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setAccessibleName("Photos and files")
        self._attachments: list[Attachment] = []
        self.pending = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = PhotoList()
        self.list.filled.connect(self._filled)
        self.list.files_dropped.connect(self.add_files)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton("Add photos or files...")
        self.add_button.setAccessibleName("Add photos or files")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton("Open original")
        self.open_button.setAccessibleName("Open the selected photo or file")
        self.open_button.setProperty("keepEnabledWhenLocked", True)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected photo or file from this record")
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel("or drop photos and documents here")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.add_button, self.open_button, self.remove_button, self.hint):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.open_button.setEnabled(False)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName("Problem with a photo or file")
        self.error.setVisible(False)
        layout.addWidget(self.error)

    def _filled(self, has_photos: bool) -> None:
        self.open_button.setEnabled(has_photos)

    # --- data ----------------------------------------------------------------------------

    def attachments(self) -> tuple[Attachment, ...]:
        return tuple(self._attachments)

    def set_attachments(self, attachments: tuple[Attachment, ...]) -> None:
        self._attachments = list(attachments)
        self.list.clear()
        self.list.fit_height()
        for attachment in attachments:
            self._add_item(attachment)

    def set_locked(self, locked: bool) -> None:
        self.add_button.setEnabled(not locked)
        self.remove_button.setEnabled(not locked)
        self.list.accepting = not locked
        self.hint.setVisible(not locked)

    def _add_item(self, attachment: Attachment) -> None:
        is_image = attachment.media_type.startswith("image/")
        item = QListWidgetItem(attachment.caption if is_image and attachment.caption else "")
        item.setText(item.text() or attachment.filename)
        tip = f"{attachment.filename}, {max(1, attachment.size // 1024)} KB"
        item.setToolTip(f"{tip}\n{attachment.caption}" if attachment.caption else tip)
        if not is_image:
            item.setText(short_name(attachment.filename))
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"File {attachment.filename}")
            self.list.addItem(item)
            self.list.fit_height()
            return
        try:
            pixmap = QPixmap()
            pixmap.loadFromData(self.services.records.blob(attachment.sha256))
            if not pixmap.isNull():
                scaled = pixmap.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                item.setIcon(QIcon(scaled))
        except (OSError, LookupError):
            item.setText(f"{attachment.filename} (missing)")
        self.list.addItem(item)
        self.list.fit_height()

    # --- adding --------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach photos or files", "", FILE_FILTER)
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        self.error.setVisible(False)
        self._messages: list[str] = []
        for path in paths:
            self._attach(path)

    def _attach(self, path: Path) -> None:
        def op() -> Attachment:
            return self.services.records.attach_file(path.read_bytes(), path.name)

        def done(attachment: Attachment) -> None:
            self.pending -= 1
            if attachment.sha256 not in {a.sha256 for a in self._attachments}:
                self._attachments.append(attachment)
                self._add_item(attachment)
                emit(self.changed)

        def failed(exc: BaseException) -> None:
            self.pending -= 1
            if isinstance(exc, ValidationError):
                lines = [f"{p.field.removeprefix('file ')} {p.message}" for p in exc.problems]
            elif isinstance(exc, OSError):
                lines = [f"{path.name} could not be read: {exc.strerror or exc}"]
            else:
                background.report_failure(exc)
                return
            self._messages += lines
            self.error.setText("\n".join(self._messages))
            self.error.setVisible(True)

        self.pending += 1
        # The editors that hold this strip have no runner to pass it yet: the application's.
        background.for_application().run(op, done, failed)

    # --- the rest ------------------------------------------------------------------------

    def selected_row(self) -> int:
        return self.list.currentRow()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if 0 <= row < len(self._attachments):
            del self._attachments[row]
            self.list.takeItem(row)
            self.list.fit_height()
            emit(self.changed)

    def open_selected(self) -> Path | None:
        """Write the stored file to a temporary file and open it in the system viewer."""
        row = self.selected_row()
        if not 0 <= row < len(self._attachments):
            return None
        attachment = self._attachments[row]
        path = attachment_temp_path(attachment)
        if not path.exists():
            write_private(path, self.services.records.blob(attachment.sha256))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path
