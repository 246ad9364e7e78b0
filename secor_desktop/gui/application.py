"""Start the Qt application on a set of services."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from secor_desktop.gui.main_window import MainWindow
from secor_desktop.services.facade import Services


def run_gui(services: Services) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("SECOR Desktop")
    app.setOrganizationName("secor-desktop")
    window = MainWindow(services)
    window.show()
    return int(app.exec())
