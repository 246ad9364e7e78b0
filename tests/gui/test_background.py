"""Background work: ops off the GUI thread, answers back on it, only the newest load shown.

These run the real pool (the ``threads`` fixture) unless a test says why order matters.
"""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import Background, InlineBackground, for_application


def test_inline_runner_answers_before_run_returns() -> None:
    """An InlineBackground calls back at once, in order (for tests where order matters)."""
    results: list[int] = []
    InlineBackground().run(lambda: 6 * 7, results.append)
    assert results == [42]


def test_a_thread_runs_the_op_and_the_callback_comes_back_to_the_gui_thread(
    qtbot: QtBot, threads: Background
) -> None:
    """On the pool the op runs elsewhere and the callback comes back to the GUI thread."""
    app = QApplication.instance()
    assert app is not None
    seen: list[tuple[bool, bool]] = []

    def op() -> bool:
        return app.thread().isCurrentThread()

    def done(ran_on_gui: bool) -> None:
        seen.append((ran_on_gui, app.thread().isCurrentThread()))

    threads.run(op, done)
    qtbot.waitUntil(lambda: seen != [])
    assert seen == [(False, True)]
    assert threads.pending() == 0


def test_a_failing_op_calls_on_error_on_the_gui_thread(qtbot: QtBot, threads: Background) -> None:
    """A failing op hands its exception to on_error."""
    errors: list[BaseException] = []

    def op() -> None:
        raise OSError("disk gone")

    threads.run(op, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: errors != [])
    assert str(errors[0]) == "disk gone"


def test_a_failure_without_on_error_reaches_the_crash_report(
    qtbot: QtBot, threads: Background, crashes: list[BaseException]
) -> None:
    """With no on_error, a bug in an op is reported, not swallowed."""

    def op() -> None:
        raise RuntimeError("a bug")

    threads.run(op, lambda _: None)
    qtbot.waitUntil(lambda: crashes != [])
    assert [str(e) for e in crashes] == ["a bug"]


def test_a_slow_op_leaves_the_gui_thread_free(qtbot: QtBot, threads: Background) -> None:
    """While an op sleeps on the pool, the GUI thread keeps handling its events."""
    release = threading.Event()
    done: list[str] = []
    threads.run(lambda: release.wait(10) and "slow answer", done.append)
    ticks: list[float] = []
    start = time.monotonic()
    timer_fired = threading.Event()
    QTimer.singleShot(20, lambda: (ticks.append(time.monotonic() - start), timer_fired.set()))
    qtbot.waitUntil(timer_fired.is_set, timeout=2000)
    assert done == [] and ticks and ticks[0] < 1.0  # the GUI ran while the op still waited
    release.set()
    qtbot.waitUntil(lambda: done == ["slow answer"], timeout=5000)


def test_an_older_answer_arriving_last_is_dropped(qtbot: QtBot, threads: Background) -> None:
    """Two loads in a row: the second's answer is shown, the first's (arriving later) not."""
    release_first = threading.Event()
    shown: list[str] = []
    failed: list[str] = []
    loads = threads.latest()

    def slow() -> str:
        release_first.wait(5)
        return "first"

    loads.run(slow, shown.append, lambda: failed.append("first"))
    loads.run(lambda: "second", shown.append, lambda: failed.append("second"))
    qtbot.waitUntil(lambda: shown == ["second"], timeout=5000)
    release_first.set()
    assert threads.wait_for_all(5000)
    qtbot.waitUntil(lambda: threads.pending() == 0)
    assert shown == ["second"] and failed == []


def test_a_failure_of_the_newest_load_tells_the_page_and_is_reported(
    crashes: list[BaseException],
) -> None:
    """The page hears it has nothing to show; the bug goes to the crash report."""
    told: list[str] = []
    loads = InlineBackground().latest()

    def broken() -> str:
        raise RuntimeError("the database went away")

    loads.run(broken, lambda _r: told.append("done"), lambda: told.append("failed"))
    assert told == ["failed"]
    assert [str(e) for e in crashes] == ["the database went away"]


def test_a_slow_load_is_told_and_a_fast_one_is_not(qtbot: QtBot, threads: Background) -> None:
    """on_slow runs only when the newest load has not answered in time (no flash when fast)."""
    release = threading.Event()
    slow_told: list[str] = []
    shown: list[str] = []
    loads = threads.latest()
    loads.run(lambda: "fast", shown.append, on_slow=lambda: slow_told.append("fast"))
    qtbot.waitUntil(lambda: shown == ["fast"])
    loads.run(
        lambda: release.wait(10) and "slow", shown.append, on_slow=lambda: slow_told.append("slow")
    )
    qtbot.waitUntil(lambda: slow_told == ["slow"], timeout=3000)
    assert loads.loading()
    release.set()
    qtbot.waitUntil(lambda: shown == ["fast", "slow"], timeout=5000)
    assert slow_told == ["slow"]
    assert not loads.loading()


def test_the_application_runner_is_the_one_attached_last(app_background: Background) -> None:
    """for_application finds the runner the application attached (the photo strip's)."""
    assert for_application() is app_background
    newer = InlineBackground().attach_to_application()
    try:
        assert for_application() is newer
    finally:
        newer.setParent(None)
        newer.setObjectName("")
        app_background.attach_to_application()


def test_an_answer_for_a_page_already_closed_is_dropped(
    qtbot: QtBot, threads: Background, crashes: list[BaseException]
) -> None:
    """A page deleted while its load runs: the answer goes nowhere, and nothing breaks."""
    release = threading.Event()
    shown: list[str] = []
    page = QWidget()
    loads = threads.latest(page)
    loads.run(lambda: release.wait(10) and "late", shown.append)
    shiboken6.delete(page)
    release.set()
    assert threads.wait_for_all(5000)
    qtbot.waitUntil(lambda: threads.pending() == 0)
    assert shown == [] and crashes == []


def test_held_ops_wait_for_release_then_all_run(qtbot: QtBot, threads: Background) -> None:
    """While held (a start before its window has painted) nothing runs; released, all do."""
    ran: list[int] = []
    answered: list[int] = []
    threads.hold()
    for n in range(3):
        threads.run(lambda n=n: ran.append(n) or n, answered.append)
    qtbot.wait(100)
    assert (ran, answered, threads.pending()) == ([], [], 3)
    threads.release()
    qtbot.waitUntil(lambda: len(answered) == 3, timeout=5000)
    assert sorted(ran) == [0, 1, 2] and sorted(answered) == [0, 1, 2]
    assert threads.pending() == 0


def test_waiting_for_all_starts_what_was_still_held(qtbot: QtBot, threads: Background) -> None:
    """A quit before the first paint still runs what was asked (the backup at quit)."""
    ran = threading.Event()
    threads.hold()
    threads.run(ran.set, lambda _: None)
    assert threads.wait_for_all(5000)
    assert ran.is_set()
