"""Slow work off the GUI thread (after Anki's ``QueryOp`` and Picard's ``run_task``).

A ``Background`` owns a thread pool. The application makes one (``Background.threaded``) and
hands it to the main window, which hands it to its pages and dialogs; nothing reaches for a
module-wide pool. ``tasks.run(op, on_done, on_error)`` runs ``op()`` on the pool and calls
``on_done(result)`` or ``on_error(exc)`` back on the main thread, so callbacks may touch widgets
and ``op`` must not. Tests that need everything at once, in order, pass an ``InlineBackground``;
others pass a threaded one and wait for the answer, as a person would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

SLOW_MS = 250
"""A load that has not answered by then is told as loading (faster ones show no flash)."""

APP_OBJECT_NAME = "secor-background"
"""The name of the application's own ``Background`` (a child of the QApplication)."""


def report_failure(exc: BaseException) -> None:
    """Where a failed op goes when its caller gave no ``on_error``: the crash report, or a
    plain message for errors the user can act on (``crash.report`` keeps that one rule)."""
    from secor_desktop.gui import crash

    crash.report(exc)


class _Task(QObject):
    """Lives on the main thread; its signals are emitted by the worker and queued to it.

    Its runner is its parent, so Qt, not Python, owns it: the worker thread may drop the last
    Python reference (when its runnable is freed) without destroying a main-thread object from
    the wrong thread. It is deleted on the main thread once its answer is delivered.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        owner: Background,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.op, self.on_done, self.on_error = op, on_done, on_error
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    def work(self) -> None:  # runs on a worker thread
        try:
            result = self.op()
        except BaseException as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self.owner._pending.discard(self)
        self.deleteLater()
        self.on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self.owner._pending.discard(self)
        self.deleteLater()
        self.on_error(exc)


class Background(QObject):
    """A thread pool for ops, with callbacks delivered on the GUI thread."""

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._pending: set[_Task] = set()
        self._held: list[QRunnable] | None = None

    @classmethod
    def threaded(cls, max_threads: int = 2, parent: QObject | None = None) -> Background:
        """A runner with its own pool (two threads: the machine's GUI keeps a core)."""
        pool = QThreadPool()
        pool.setMaxThreadCount(max_threads)
        runner = cls(pool, parent)
        pool.setParent(runner)
        return runner

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``op`` off the GUI thread; exactly one of the callbacks then runs on the GUI
        thread. Without ``on_error``, a failure goes to ``report_failure``."""
        task = _Task(self, op, on_done, on_error or report_failure)
        self._pending.add(task)
        runnable = QRunnable.create(task.work)
        if self._held is not None:
            self._held.append(runnable)
        else:
            self.pool.start(runnable)

    def hold(self) -> None:
        """Queue the ops asked for from now on until ``release``: at startup the pages ask for
        their first loads while the window is being built, and a worker importing SQLAlchemy
        then would take the interpreter from the GUI thread before the window has painted."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the ops queued since ``hold``, in the order they were asked for."""
        held, self._held = self._held, None
        for runnable in held or ():
            self.pool.start(runnable)

    def latest(self, owner: QObject | None = None) -> Latest:
        """A series of loads of which only the newest counts (see ``Latest``); ``owner`` (the
        page) keeps the timer that tells a slow load."""
        return Latest(self, owner)

    def pending(self) -> int:
        """Tasks started and not yet delivered (for tests and for a clean shutdown)."""
        return len(self._pending)

    def wait_for_all(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (application exit); callbacks arrive with the event
        loop. Ops still held are started first (a quit before the first paint)."""
        self.release()
        return self.pool.waitForDone(msecs)

    def attach_to_application(self) -> Background:
        """Make this the application's runner, for widgets whose makers cannot pass one yet
        (the editors' photo strip; see ``for_application``)."""
        app = QCoreApplication.instance()
        if app is not None:
            for old in app.findChildren(Background, APP_OBJECT_NAME):
                if old is not self:
                    old.setObjectName("")
            self.setParent(app)
        self.setObjectName(APP_OBJECT_NAME)
        return self


class InlineBackground(Background):
    """Runs each op at once on the calling thread: the callback has run when ``run`` returns.
    For tests where order matters, and for work too small to be worth a thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(QThreadPool(), parent)
        self.pool.setParent(self)

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        try:
            result = op()
        except Exception as exc:
            (on_error or report_failure)(exc)
        else:
            on_done(result)


def for_application() -> Background:
    """The application's runner (``attach_to_application``). Only for widgets built by code
    that has no runner to pass them; everything else takes its runner as a parameter."""
    app = QCoreApplication.instance()
    found = app.findChild(Background, APP_OBJECT_NAME) if app is not None else None
    if found is None:
        raise RuntimeError("no background runner is attached to the application")
    return found


class Latest:
    """Background loads of which only the newest counts: a page refreshed twice in a row shows
    the second answer, even when the first one arrives after it."""

    def __init__(self, tasks: Background, owner: QObject | None = None) -> None:
        self.tasks = tasks
        self.generation = 0
        self.delivered = 0
        self._slow = QTimer(owner)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_MS)
        self._on_slow: Callable[[], None] | None = None
        self._slow.timeout.connect(self._tell_slow)
        self._settled: list[Callable[[], None]] = []

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[], None] | None = None,
        on_slow: Callable[[], None] | None = None,
    ) -> None:
        """Like ``Background.run``; ``on_done`` and ``on_failed`` (which tells the page it
        has nothing to show) run only for the newest load. A failure is always reported.
        ``on_slow`` runs if the newest load has not answered within ``SLOW_MS`` (the page
        says it is loading; a fast load shows no such flash)."""
        self.generation += 1
        generation = self.generation

        def done(result: Any) -> None:
            if generation == self.generation and self._owner_alive():
                self._finished(generation)
                on_done(result)
                self._run_settled()

        def failed(exc: BaseException) -> None:
            if generation == self.generation and self._owner_alive():
                self._finished(generation)
                if on_failed is not None:
                    on_failed()
                self._run_settled()
            report_failure(exc)

        self._on_slow = on_slow
        if on_slow is not None:
            self._slow.start()
        self.tasks.run(op, done, failed)

    def _owner_alive(self) -> bool:
        """False once the page that owns these loads is gone: its answer has nowhere to go."""
        return shiboken6.isValid(self._slow)

    def loading(self) -> bool:
        """Is the newest load still to answer?"""
        return self.delivered != self.generation

    def when_settled(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the newest load has been shown (or has failed); at once if
        no load is under way."""
        if self.loading():
            self._settled.append(callback)
        else:
            callback()

    def _run_settled(self) -> None:
        waiting, self._settled = self._settled, []
        for callback in waiting:
            callback()

    def _finished(self, generation: int) -> None:
        self.delivered = generation
        self._slow.stop()

    def _tell_slow(self) -> None:
        if self.loading() and self._on_slow is not None:
            self._on_slow()
