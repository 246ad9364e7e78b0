"""Start the Qt application on a set of services: crash handling, first run, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QDialog

from secor_desktop.gui import background, crash
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.services.facade import Services

ORGANIZATION = "secor-desktop"
APPLICATION = "SECOR Desktop"


def run_gui(services: Services) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    previous_hook = crash.install_excepthook(services.locations.log_file)
    try:
        if services.company.get() is None:
            wizard = FirstRunWizard(services)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return 0
            wizard.deleteLater()
        window = MainWindow(services)
        window.show()
        code = int(app.exec())
        background.wait_for_all()
        return code
    finally:
        sys.excepthook = previous_hook
