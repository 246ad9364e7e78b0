"""Pages shown in the main window's sidebar.

A page is a QWidget with a ``title`` (sidebar text) and a ``refresh()`` method the main
window calls after any save, so every page shows current data.
"""

from __future__ import annotations

from typing import Protocol


class Page(Protocol):
    title: str

    def refresh(self) -> None: ...
