"""Questions asked before the main window exists (a damaged database at startup)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox


def offer_restore(problem: str, backup: Path) -> bool:
    """Ask whether to restore ``backup`` over a damaged database (the default is no)."""
    answer = QMessageBox.question(
        None,
        "The database is damaged",
        f"{problem}\n\nRestore that backup now? The damaged file is kept aside, not deleted. "
        "Choose No to close the program without changing anything.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
