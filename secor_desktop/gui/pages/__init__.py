"""Pages shown in the main window's sidebar.

A page is a QWidget that implements ``Page``: ``refresh()``, which the main window calls after
any save so every page shows current data (the page reloads off the GUI thread), and
``hooks()``, which names what the page may ask of the window. The window connects what is named
and never probes a page for attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import SignalInstance

from secor_desktop.gui.background import Latest


@dataclass(frozen=True)
class PageHooks:
    """What a page asks of the main window; ``None`` where it asks nothing of that kind."""

    records_changed: SignalInstance | None = None
    """Emitted after the page saved something: the window refreshes every page."""
    action_requested: SignalInstance | None = None
    """``(action_id)``: show that corrective action on the actions page."""
    evaluation_requested: SignalInstance | None = None
    """Start a new self-evaluation (Today's "the maintenance audit is due")."""
    import_requested: SignalInstance | None = None
    """File > Import from a spreadsheet… (the path page's "bring what you have")."""
    page_requested: SignalInstance | None = None
    """``(sidebar title, field attribute)``: show that page with the keyboard in that field."""
    focus_search: Callable[[], None] | None = None
    """Put the keyboard in the page's search box (Edit > Filter this list)."""
    loads: Latest | None = None
    """The page's loads: a page opened for the first time is shown once its first load has
    answered (or after ``SLOW_MS``, saying it is loading), so a fast load shows no empty page."""


class Page(Protocol):
    """What the main window needs of every page in its sidebar."""

    def refresh(self) -> None:
        """Reload what the page shows (off the GUI thread), keeping the selection."""

    def hooks(self) -> PageHooks:
        """The signals the window connects and the commands it may call."""
