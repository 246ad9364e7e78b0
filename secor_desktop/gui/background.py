"""Slow work off the GUI thread (after Anki's ``QueryOp`` and Picard's ``run_task``).

``run_in_background(op, on_done, on_error)`` runs ``op()`` on a thread pool and calls
``on_done(result)`` or ``on_error(exc)`` back on the main thread, so callbacks may touch
widgets and ``op`` must not. Tests set ``RUN_INLINE = True`` (the GUI test conftest does) so
everything happens at once, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

RUN_INLINE = False
"""When True, ops run synchronously on the calling thread (for tests)."""

_pool: QThreadPool | None = None
_pending: set[_Task] = set()


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def default_error_handler(exc: BaseException) -> None:
    from secor_desktop.gui import crash

    crash.report(exc)


class _Task(QObject):
    """Lives on the main thread; its signals are emitted by the worker and queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
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
        _pending.discard(self)
        self.on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        _pending.discard(self)
        self.on_error(exc)


def run_in_background(
    op: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``op`` off the GUI thread; exactly one of the callbacks then runs on the GUI thread.

    Without ``on_error``, a failure goes to the crash report (or, for errors the user can act
    on, a plain message).
    """
    handle_error = on_error or default_error_handler
    if RUN_INLINE:
        try:
            result = op()
        except Exception as exc:
            handle_error(exc)
        else:
            on_done(result)
        return
    task = _Task(op, on_done, handle_error)
    _pending.add(task)
    pool().start(QRunnable.create(task.work))


class Latest:
    """Background loads of which only the newest counts: a page refreshed twice in a row shows
    the second answer, even when the first one arrives after it."""

    def __init__(self) -> None:
        self.generation = 0

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        """Like ``run_in_background``; ``on_done`` and ``on_failed`` (which tells the page it
        has nothing to show) run only for the newest load. A failure is always reported."""
        self.generation += 1
        generation = self.generation

        def done(result: Any) -> None:
            if generation == self.generation:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if on_failed is not None and generation == self.generation:
                on_failed()
            default_error_handler(exc)

        run_in_background(op, done, failed)


def pending() -> int:
    """Tasks started and not yet delivered (for tests and for a clean shutdown)."""
    return len(_pending)


def wait_for_all(msecs: int = 30_000) -> bool:
    """Block until the pool is idle (application exit); callbacks arrive with the event loop."""
    return pool().waitForDone(msecs)
