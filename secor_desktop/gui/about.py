"""Help > About: the version and where this program keeps its data and its log."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from secor_desktop import __version__
from secor_desktop.services.locations import Locations


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, locations: Locations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About SECOR Desktop")
        layout = QVBoxLayout(self)
        heading = QLabel(f"SECOR Desktop {__version__}", self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        title = QHBoxLayout()
        icon = self.windowIcon()  # the application's, set by make_app
        if not icon.isNull():
            self.icon_label = QLabel(self)
            self.icon_label.setPixmap(icon.pixmap(64, 64))
            self.icon_label.setAccessibleName("SECOR Desktop icon")
            title.addWidget(self.icon_label)
        title.addWidget(heading, 1)
        layout.addLayout(title)
        layout.addWidget(
            _selectable(
                "Offline safety-program records, audit readiness and evidence packs for small "
                "Canadian employers. Free software under the GNU GPL, version 3 or later.",
                self,
            )
        )
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for name, value in (
            ("Version", __version__),
            ("Data folder", str(locations.data_dir)),
            ("Database", locations.database_shown),
            ("Log file", str(locations.log_file)),
            ("Schema revision", locations.schema_revision),
            ("Qt", qVersion()),
        ):
            label = _selectable(value, self)
            label.setAccessibleName(name)
            self.fields[name] = label
            form.addRow(f"{name}:", label)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
