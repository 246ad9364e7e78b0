"""Only the newest of several background loads reaches the page."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from secor_desktop.gui import background


def test_an_older_answer_arriving_last_is_dropped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "RUN_INLINE", False)  # the real pool, out of order
    release_first = threading.Event()
    shown: list[str] = []
    failed: list[str] = []
    loads = background.Latest()

    def slow() -> str:
        release_first.wait(5)
        return "first"

    loads.run(slow, shown.append, lambda: failed.append("first"))
    loads.run(lambda: "second", shown.append, lambda: failed.append("second"))
    qtbot.waitUntil(lambda: shown == ["second"], timeout=5000)
    release_first.set()
    assert background.wait_for_all(5000)
    qtbot.wait(50)  # let the first answer's delivery through the event loop
    assert shown == ["second"] and failed == []


def test_a_failure_of_the_newest_load_tells_the_page_and_is_reported(
    crashes: list[BaseException],
) -> None:
    told: list[str] = []
    loads = background.Latest()

    def broken() -> str:
        raise RuntimeError("the database went away")

    loads.run(broken, lambda _r: told.append("done"), lambda: told.append("failed"))
    assert told == ["failed"]
    assert [str(e) for e in crashes] == ["the database went away"]
