"""A child process for the startup and memory figures: start, report the first paint, exit.

Run by ``bench_startup`` (never by hand, though it can be):
    python -m tests.benchmarks.startup_probe bare [--stalls SECONDS]
    python -m tests.benchmarks.startup_probe app DATA_DIR [--settle | --stalls] [--killed]

``bare`` shows an empty ``QMainWindow``; ``app`` starts secor-desktop the way its launcher does
(``gui_main``: single instance, startup checks and backup, migrations, services, main window
on the dashboard). Both print ``painted <peak RSS in KB>`` when the main window first paints,
which the parent times from the moment it started the process. With ``--settle`` the app then
waits for the dashboard's background work, opens the field-level hazard assessment list,
waits for its first rows, jumps to its end and waits for the last rows, and prints
``settled <peak RSS in KB>``: the memory of the app in use on that database. With
``--stalls`` it keeps a 5 ms timer going from the first paint until the start is over (the
page it opens on shown, the integrity check done, no background work left) and prints
``stalls <longest gap between two ticks, in µs>``: the longest the GUI thread did not answer
while starting. ``bare --stalls SECONDS`` times the same timer in the bare window for that
long: what the machine alone does to it.

The process ends with ``os._exit`` once it has printed: nothing is written at exit. It
removes the data folder's lock file first, as a clean quit does, so the next start is the
usual start after a clean exit; with ``--killed`` it leaves it, as a crash or a kill would,
and the next start refuses edits until it has checked the whole file (``gui/startup.py``).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def peak_kb() -> int:
    """This process's peak resident memory in KB: VmHWM, which starts afresh at exec (on
    Linux ``ru_maxrss`` keeps the peak of the parent it was forked from)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class FirstPaint(QObject):
    """Calls ``then(window)`` once, at the first paint of anything inside a main window."""

    def __init__(self, then: Callable[[QMainWindow], None]) -> None:
        super().__init__()
        self.then = then
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            window = watched.window()
            if isinstance(window, QMainWindow):
                self.seen = True
                say(f"painted {peak_kb()}")
                QTimer.singleShot(0, lambda: self.then(window))
        return False


def wait_until(done: Callable[[], bool], timeout_s: float = 300.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            say("timeout")
            os._exit(3)
        QApplication.processEvents()
        time.sleep(0.002)


LOCK_FILE: Path | None = None
"""The data folder's lock file, removed at the end unless ``--killed`` (see above)."""


def end(code: int = 0) -> None:
    if LOCK_FILE is not None:
        LOCK_FILE.unlink(missing_ok=True)
    os._exit(code)


def settle(window: QMainWindow) -> None:
    from secor_desktop.domain.kinds import RecordKind
    from secor_desktop.gui import background
    from secor_desktop.gui.pages.record_list import RecordListPage

    tasks = background.for_application()
    wait_until(lambda: tasks.pending() == 0)  # the dashboard's readiness and charts
    page = window.select_page(RecordKind.FLHA.label)  # type: ignore[attr-defined]
    assert isinstance(page, RecordListPage)
    model = page.model
    wait_until(lambda: model.rowCount() > 0 and model.record_at(0) is not None)
    page.table.scrollToBottom()
    last = model.rowCount() - 1
    wait_until(lambda: model.record_at(last) is not None)
    wait_until(lambda: tasks.pending() == 0)
    say(f"settled {peak_kb()}")
    end()


TICK_MS = 5


def stalls(window: QMainWindow) -> None:
    """Time the gaps between ticks of a ``TICK_MS`` timer until the start is over."""
    from secor_desktop.gui import background
    from secor_desktop.gui.startup import IntegrityCheck

    tasks = background.for_application()
    check = window.findChild(IntegrityCheck)
    loading = getattr(window, "loading_label", None)
    stack = getattr(window, "stack", None)
    longest = [0.0]
    last = [time.perf_counter()]
    calm = [0]

    def over() -> bool:
        shown = stack is None or stack.currentWidget() is not loading
        checked = check is None or check.done
        return shown and checked and tasks.pending() == 0

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now
        calm[0] = calm[0] + 1 if over() else 0
        if calm[0] >= 20:  # 100 ms with nothing left to do
            say(f"stalls {int(longest[0] * 1e6)}")
            end()

    timer = QTimer(window)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()

    def too_long() -> None:
        say("timeout")
        end(3)

    QTimer.singleShot(800_000, too_long)  # a day's backup of 1M records takes minutes


def bare_stalls(window: QMainWindow, seconds: float) -> None:
    """The longest gap between ticks of the same timer in the bare window, for ``seconds``."""
    longest = [0.0]
    last = [time.perf_counter()]
    until = last[0] + seconds

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now
        if now >= until:
            say(f"stalls {int(longest[0] * 1e6)}")
            os._exit(0)

    timer = QTimer(window)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()


def main(argv: list[str]) -> None:
    mode = argv[0]
    stay = "--settle" in argv
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        probe = FirstPaint(lambda w: os._exit(0))
        if "--stalls" in argv:  # the machine's own noise, over as long as the app's start
            seconds = float(argv[argv.index("--stalls") + 1])
            probe = FirstPaint(lambda w: bare_stalls(w, seconds))
        app.installEventFilter(probe)
        window = QMainWindow()
        window.resize(1280, 720)
        window.show()
        app.exec()
        return
    global LOCK_FILE
    from secor_desktop.app.start import gui_main
    from secor_desktop.gui.application import make_app

    if "--killed" not in argv:
        LOCK_FILE = Path(argv[1]) / "secor-desktop.lock"
    app = make_app()
    if "--stalls" in argv:
        probe = FirstPaint(stalls)
    else:
        probe = FirstPaint(settle if stay else lambda w: end())
    app.installEventFilter(probe)
    code = gui_main(["--data-dir", argv[1]])
    say(f"exited {code}")  # only if the window never painted
    os._exit(4)


if __name__ == "__main__":
    main(sys.argv[1:])
