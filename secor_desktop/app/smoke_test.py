"""``secor-desktop --smoke-test``: does this installation work, from start to finish?

On a temporary data folder (never the user's own, never their settings) it opens the main
window offscreen, creates the demo company, visits every sidebar page, exports a small
evidence pack and verifies every record, printing one line per step. Exit 0 only when every
step worked. Installers and the packaging test run it against the frozen bundle, where a file
left out of the bundle (a migration, a font, a Qt plugin, the icon) fails here instead of on a
safety lead's laptop.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from secor_desktop import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from secor_desktop.gui.main_window import MainWindow
    from secor_desktop.services.facade import Services

BACKGROUND_WAIT_S = 120.0
"""The longest any step may leave work running in the background."""
PACK_DAYS = 30
"""The evidence pack covers the last month only: small, and quick to write."""


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


@dataclass
class Problems:
    """What the app told the user while a step ran: a bug report or an error is a failure."""

    crashes: list[BaseException] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)

    def record_crash(self, exc: BaseException, parent: QWidget | None) -> None:
        self.crashes.append(exc)

    def show(self, level: str, text: str, parent: QWidget | None) -> None:
        self.messages.append((level, text))

    def mark(self) -> tuple[int, int]:
        return len(self.crashes), len(self.messages)

    def since(self, mark: tuple[int, int]) -> list[str]:
        crashes, messages = mark
        found = [f"unexpected error {type(e).__name__}: {e}" for e in self.crashes[crashes:]]
        found += [f"{lv} message: {t}" for lv, t in self.messages[messages:] if lv == "error"]
        return found


@dataclass
class Report:
    out: TextIO
    problems: Problems
    failed: list[str] = field(default_factory=list)
    passed: int = 0

    def line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def run(self, name: str, step: Callable[[], str | None]) -> bool:
        """Run one step; its line says ok or FAIL, what it found and how long it took."""
        mark = self.problems.mark()
        start = time.monotonic()
        try:
            detail = step() or ""
            wait_for_background()
            trouble = self.problems.since(mark)
            if trouble:
                raise StepFailed("; ".join(trouble))
        except Exception as exc:
            took = time.monotonic() - start
            reason = str(exc) if isinstance(exc, StepFailed) else _describe(exc)
            self.line(f"FAIL  {name}: {reason} ({took:.1f} s)")
            self.failed.append(name)
            return False
        took = time.monotonic() - start
        self.line(f"ok    {name}{': ' + detail if detail else ''} ({took:.1f} s)")
        self.passed += 1
        return True


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {Path(where[0].filename).name}:{where[0].lineno}" if where else ""
    return f"{type(exc).__name__}: {exc}{at}"


def wait_for_background(timeout: float = BACKGROUND_WAIT_S) -> None:
    """Let queued events and background tasks finish (no-op before Qt is loaded)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from secor_desktop.gui import background

    if QCoreApplication.instance() is None:
        return
    try:
        tasks = background.for_application()
    except RuntimeError:  # no window yet, so nothing runs in the background
        return
    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if tasks.pending() == 0:
            break
        if time.monotonic() > deadline:
            raise StepFailed(f"background work still running after {timeout:.0f} s")
        time.sleep(0.01)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _qt_message(mode: object, context: object, message: str) -> None:
    """Qt's own messages to stderr, less the offscreen platform's note that it has no window
    manager to pass size hints to (said once per dialog; true, and beside the point here)."""
    if "propagateSizeHints" not in message and sys.stderr is not None:
        sys.stderr.write(f"qt: {message}\n")


@contextmanager
def _isolated_qt(folder: Path, problems: Problems) -> Iterator[QApplication]:
    """The Qt application offscreen, with settings kept in ``folder`` and every message and
    bug report recorded (no modal box can block the run); all put back afterwards."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler

    from secor_desktop.gui import crash, notify
    from secor_desktop.gui.application import make_app

    app = make_app()
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    default_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QCoreApplication.setOrganizationName("secor-desktop-smoke-test")
    previous_notifier = notify.install(problems)
    previous_presenter = crash.set_crash_presenter(problems.record_crash)
    previous_hook = sys.excepthook
    previous_handler = qInstallMessageHandler(_qt_message)
    try:
        yield app
    finally:
        qInstallMessageHandler(previous_handler)
        sys.excepthook = previous_hook
        crash.set_crash_presenter(previous_presenter)
        notify.install(previous_notifier)
        QSettings.setDefaultFormat(default_format)
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])


def _close_logs(folder: Path) -> None:
    """Detach the log file opened in the temporary folder, so it can be removed."""
    root = logging.getLogger("secor_desktop")
    for handler in list(root.handlers):
        name = getattr(handler, "baseFilename", "")
        if name and Path(name).is_relative_to(folder):
            root.removeHandler(handler)
            handler.close()


def _release_database(services: Services | None) -> None:
    """Close the database's pooled connections, so Windows lets the folder be removed. The
    engine is the unit-of-work factory's first argument (see app/bootstrap.py)."""
    if services is None:
        return
    for arg in getattr(services.ctx.uow, "args", ()):
        dispose = getattr(arg, "dispose", None)
        if callable(dispose):
            dispose()


def _rows_shown(page: QWidget) -> int:
    from PySide6.QtWidgets import QAbstractItemView

    total = 0
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and view.isVisibleTo(page):
            total += model.rowCount()
    return total


class SmokeTest:
    """The steps, in order; each returns a short description of what it found."""

    def __init__(self, folder: Path, app: QApplication) -> None:
        self.folder = folder
        self.app = app
        self.services: Services | None = None
        self.window: MainWindow | None = None

    def environment(self) -> str:
        from PySide6.QtCore import qVersion

        frozen = bool(getattr(sys, "frozen", False))
        if frozen and "+source" in __version__:
            raise StepFailed(f"the version is {__version__}: the bundle lacks the package metadata")
        kind = "bundle" if frozen else "Python package"
        return (
            f"SECOR Desktop {__version__} ({kind}), Python {platform.python_version()}, "
            f"Qt {qVersion()}, platform {self.app.platformName()}"
        )

    def open_data_folder(self) -> str:
        from secor_desktop.app.bootstrap import check_writable, open_services
        from secor_desktop.app.paths import AppPaths
        from secor_desktop.gui import crash

        paths = AppPaths(self.folder / "data")
        self.services = open_services(paths)
        check_writable(paths)
        crash.install_excepthook(paths.log_file)
        return f"new database at schema {self.services.locations.schema_revision}"

    def demo_company(self) -> str:
        from secor_desktop.services.demo import build_demo

        summary = build_demo(self._services())
        records = sum(summary.records_by_kind.values())
        if records == 0:
            raise StepFailed("the demo company has no records")
        return f"{summary.workers} workers, {summary.sites} sites, {records} records"

    def main_window(self) -> str:
        from PySide6.QtCore import QSettings

        from secor_desktop.gui.background import Background
        from secor_desktop.gui.main_window import MainWindow

        icon = self.app.windowIcon()
        sizes = {s.width() for s in icon.availableSizes()}
        if icon.isNull() or not {16, 256} <= sizes or icon.pixmap(16, 16).isNull():
            raise StepFailed(f"the application icon is missing (sizes found: {sorted(sizes)})")
        settings = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)
        tasks = Background.threaded(parent=self.app).attach_to_application()
        self.window = MainWindow(self._services(), tasks, settings)
        self.window.resize(1366, 768)
        self.window.show()
        if not self.window.isVisible():
            raise StepFailed("the main window did not open")
        titles = self.window.page_titles()
        if not titles:
            raise StepFailed("the sidebar has no pages")
        return f"{len(titles)} pages, icon {min(sizes)}-{max(sizes)} px"

    def visit(self, title: str) -> str:
        window = self._window()
        page = window.select_page(title)
        wait_for_background()
        if window.stack.currentWidget() is not page:
            raise StepFailed(f"the page {title!r} was not shown")
        if window.grab().isNull():
            raise StepFailed(f"the page {title!r} could not be drawn")
        return f"{_rows_shown(page)} rows shown"

    def about(self) -> str:
        from secor_desktop.gui.about import AboutDialog

        dialog = AboutDialog(self._services().locations, self._window())
        try:
            dialog.show()
            shown = dialog.fields["Version"].text()
            if shown != __version__:
                raise StepFailed(f"About shows version {shown!r}, expected {__version__!r}")
            if getattr(dialog, "icon_label", None) is None:
                raise StepFailed("About shows no icon")
            return f"version {shown}, with the icon"
        finally:
            dialog.close()
            dialog.deleteLater()

    def evidence_pack(self) -> str:
        services = self._services()
        out = self.folder / "evidence-pack.pdf"
        last_month = services.ctx.clock.today() - timedelta(days=PACK_DAYS)
        summary = services.evidence_pack.export(out, period_from=last_month, summary_only=True)
        with out.open("rb") as pdf:
            if pdf.read(5) != b"%PDF-":
                raise StepFailed(f"{out.name} is not a PDF")
        return f"{summary.pages} pages, {out.stat().st_size // 1024} KiB"

    def verify(self) -> str:
        report = self._services().verify()
        if not report.ok:
            raise StepFailed(f"{len(report.problems)} problem(s), first: {report.problems[0]}")
        return f"{report.head.count} revisions and {report.files_checked} files check out"

    def close(self) -> str:
        window = self._window()
        window.close()
        window.deleteLater()
        self.window = None
        settings = self.folder / "settings.ini"
        if not settings.exists():
            raise StepFailed("closing the window saved no settings in the temporary folder")
        return "settings saved in the temporary folder only"

    def _services(self) -> Services:
        if self.services is None:
            raise StepFailed("no data folder is open")
        return self.services

    def _window(self) -> MainWindow:
        if self.window is None:
            raise StepFailed("the main window is not open")
        return self.window


def run_smoke_test(out: TextIO | None = None) -> int:
    """0 when every step worked, 1 when any failed; one line per step on ``out``."""
    out = out or sys.stdout or open(os.devnull, "w")  # noqa: SIM115 (windowed Windows build)
    report = Report(out, Problems())
    start = time.monotonic()
    folder_cm = tempfile.TemporaryDirectory(
        prefix="secor-desktop-smoke-", ignore_cleanup_errors=True
    )
    folder = Path(folder_cm.name)
    report.line(f"smoke test in {folder}")
    with folder_cm, _isolated_qt(folder, report.problems) as app:
        smoke = SmokeTest(folder, app)
        try:
            ready = (
                report.run("environment", smoke.environment)
                and report.run("open data folder", smoke.open_data_folder)
                and report.run("demo company", smoke.demo_company)
                and report.run("main window", smoke.main_window)
            )
            if ready and smoke.window is not None:
                for title in smoke.window.page_titles():
                    report.run(f"page {title}", partial(smoke.visit, title))
                report.run("about dialog", smoke.about)
                report.run("evidence pack", smoke.evidence_pack)
                report.run("verify", smoke.verify)
                report.run("close", smoke.close)
        finally:
            if smoke.window is not None:
                smoke.window.close()
            try:
                wait_for_background()
            except StepFailed as exc:
                report.line(f"FAIL  shutdown: {exc}")
                report.failed.append("shutdown")
            _release_database(smoke.services)
            _close_logs(folder)
    took = time.monotonic() - start
    if report.failed or not ready:
        report.line(
            f"smoke test FAILED: {len(report.failed)} step(s) failed "
            f"({', '.join(report.failed)}), {report.passed} passed, {took:.1f} s"
        )
        return 1
    report.line(f"smoke test passed: {report.passed} steps in {took:.1f} s")
    return 0
