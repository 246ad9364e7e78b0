"""The user guide in a window (Help → User guide, F1).

The guide is written once, in ``docs/guide.md``, and shipped as package data
(``secor_desktop/resources/guide.md``) so an installed program shows it with no network and no
browser. A test keeps the two copies the same.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_SIZE = (820, 640)  # fits a 1366x768 screen beside or over the main window


def guide_text() -> str:
    """The guide's Markdown, read from the installed package."""
    return (files("secor_desktop") / "resources" / "guide.md").read_text(encoding="utf-8")


class GuideWindow(QDialog):
    """The guide, readable and searchable with the keyboard; it stays open beside the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SECOR Desktop user guide")
        self.resize(*GUIDE_SIZE)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def headings(self) -> list[str]:
        """The guide's section titles, as shown (for tests and a quick look)."""
        document = self.browser.document()
        block = document.begin()
        out = []
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                out.append(block.text())
            block = block.next()
        return out
