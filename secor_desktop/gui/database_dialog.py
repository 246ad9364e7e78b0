"""File > Office database…: open a PostgreSQL server's database at the next start.

The address (``postgresql://USER@HOST/DATABASE``) is kept in the program's settings; a password
never is. Typed here, it goes to the system keyring (``services.credentials``); with no keyring
on this system the dialog says so, keeps nothing, and points to a ``.pgpass`` file instead.
Clearing the address goes back to the data folder's own file. ``--database-url`` and
``SECOR_DESKTOP_DATABASE_URL`` still win over this setting.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.errors import UserError
from secor_desktop.services.credentials import check_address, store_password

SETTING = "database/url"


def chosen_url(settings: QSettings) -> str | None:
    """The office database chosen here, if any (None: the data folder's file)."""
    value = settings.value(SETTING, "")
    return str(value) if value else None


class DatabaseDialog(QDialog):
    def __init__(
        self, settings: QSettings, open_now: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Office database")
        intro = QLabel(
            "Use a database on your office's PostgreSQL server instead of the file in this "
            "computer's data folder. Leave the address empty to use the file. The change "
            "takes effect the next time secor-desktop starts.",
            self,
        )
        intro.setWordWrap(True)
        self.open_now = QLabel(f"Open now: {open_now}" if open_now else "", self)
        self.open_now.setWordWrap(True)
        self.open_now.setVisible(bool(open_now))
        self.url_edit = QLineEdit(chosen_url(settings) or "", self)
        self.url_edit.setPlaceholderText("postgresql://dana@db.example.ca/secor")
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("kept in the system keyring, never in settings")
        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        # Here, not at the top: every start reads ``chosen_url`` from this module, and the
        # form kit's errors bring the record model the first window does not wait for.
        from secor_desktop.gui.forms.errors import ERROR_COLOUR

        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR}")
        form = QFormLayout()
        form.addRow("Server address", self.url_edit)
        form.addRow("Password", self.password_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.open_now)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def save(self) -> None:
        """Keep the address (and the password in the keyring); on a refusal keep nothing."""
        url = self.url_edit.text().strip()
        if not url:
            self.settings.remove(SETTING)
            self.settings.sync()
            self.accept()
            return
        try:
            url = check_address(url)
            if self.password_edit.text():
                store_password(url, self.password_edit.text())
        except UserError as exc:
            self.error_label.setText(str(exc))
            return
        self.settings.setValue(SETTING, url)
        self.settings.sync()
        self.accept()
