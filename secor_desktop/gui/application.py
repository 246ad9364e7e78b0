"""Start the Qt application on a set of services: crash handling, first run, main window,
automatic backups, and the hand-over from a second launch (``SingleInstance``)."""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from importlib.resources import files

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from secor_desktop.gui import crash
from secor_desktop.gui.auto_backup import AutoBackup
from secor_desktop.gui.background import Background
from secor_desktop.gui.main_window import PATH_TITLE, MainWindow
from secor_desktop.gui.private_temp import remove_private_temp
from secor_desktop.gui.single_instance import SingleInstance
from secor_desktop.gui.startup import IntegrityCheck, after_first_paint
from secor_desktop.services.facade import Services

log = logging.getLogger("secor_desktop.gui")

ORGANIZATION = "secor-desktop"
APPLICATION = "SECOR Desktop"
QUIT_BACKUP_WAIT_MS = 120_000
DESKTOP_FILE_ID = "io.github.secor_desktop.SecorDesktop"
"""The Linux desktop entry's name (without .desktop), so the desktop shows our icon."""
FIRST_PAGE_MODULES = {
    "Today": "secor_desktop.gui.pages.today",
    PATH_TITLE: "secor_desktop.gui.pages.audit_path",
}
"""The module of each page a start opens on (imported off the GUI thread after the paint)."""
CHECKING_MESSAGE = (
    "Checking the database because the last run did not end cleanly. "
    "Records can be changed once the check has passed."
)
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes in resources/icons, drawn from secor-desktop.svg by packaging/make_icons.py."""


def app_icon() -> QIcon:
    """The shield-and-check icon at every size it was drawn at (no scaling blur at 16 px)."""
    folder = files("secor_desktop") / "resources" / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"secor-desktop-{size}.png"), QSize(size, size))
    return icon


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(DESKTOP_FILE_ID)
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    return app


def open_first_page(
    window: MainWindow, services: Services, tasks: Background, set_up_now: bool
) -> None:
    """Once the window has painted: start the loads asked for so far, warm the first page up
    off the GUI thread, then build and show it (Today, or the audit path after set-up), and
    then start the reminders."""
    first = PATH_TITLE if set_up_now else "Today"

    def warm_up() -> None:
        """The first page's module, and the page reads it asks for as it is built (their
        modules and SQLAlchemy's are imported on first use)."""
        import_module(FIRST_PAGE_MODULES[first])
        services.pages  # noqa: B018 (made here, not on the GUI thread)

    def show(_warm: object = None) -> None:
        if set_up_now:
            window.show_path()
        else:
            window.open_today()
        # The start reminder works out the same due list as the Today page: asked once the
        # page has its answer, not beside it (two such reads at once on a large file made
        # one wait for the other's write lock until it gave up).
        window.when_page_settled(lambda: window.start_reminders(remind_now=not set_up_now))

    tasks.release()
    tasks.run(warm_up, show, show)


def run_gui(
    services: Services,
    instance: SingleInstance | None = None,
    *,
    check_after_paint: bool = False,
    unclean_exit: bool = False,
    company_set_up: bool | None = None,
) -> int:
    """The first-run wizard or the main window, until the user quits.

    ``check_after_paint``: the database's integrity check was left for now (the last run ended
    cleanly): it runs in the background once the window has painted (``IntegrityCheck``).
    ``unclean_exit``: the last run left its lock file; the check runs after the paint too, but
    the window refuses every edit until it has passed (see ``gui/startup.py``).
    ``company_set_up``: whether a company is saved, when the caller knows it without a query
    (the window is then painted before SQLAlchemy is imported); None asks the services.
    """
    app = make_app()
    previous_hook = crash.install_excepthook(services.locations.log_file)
    tasks = Background.threaded(parent=app).attach_to_application()  # the app's one pool
    try:
        set_up_now = False
        if company_set_up is None:
            company_set_up = services.company.get() is not None
        if not company_set_up:
            from secor_desktop.gui.first_run import FirstRunWizard  # only before the set-up

            wizard = FirstRunWizard(services, tasks=tasks)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return 0
            set_up_now = wizard.outcome == "setup"
            wizard.deleteLater()
        tasks.hold()  # the pages' first loads wait for the window's first paint (Background.hold)
        window = MainWindow(services, tasks, first_page=PATH_TITLE if set_up_now else "Today")
        # An office database on a server: backups and integrity checks are the server's.
        on_file = services.locations.server is None
        checking = on_file and unclean_exit
        auto_backup = AutoBackup(services.backups, tasks, window)
        if on_file:
            auto_backup.start()

        def sound() -> None:
            window.allow_edits()
            auto_backup.run_due()

        def restored() -> None:
            window.allow_edits()
            window.refresh_all()

        check = IntegrityCheck(
            services.backups,
            window,
            tasks.run,
            on_sound=sound,
            on_restored=restored,
            close_when_unchecked=checking,
        )
        if checking:
            window.refuse_edits(CHECKING_MESSAGE)
        window.show()
        after_first_paint(window, lambda: open_first_page(window, services, tasks, set_up_now))
        if not on_file:
            pass
        elif check_after_paint or checking:
            check.start_after_paint()  # then the startup backup, once the file is known sound
        else:
            QTimer.singleShot(0, auto_backup.run_due)  # the startup backup, behind the window
        if instance is not None:
            instance.set_window(window)
        log.info("main window open")
        code = int(app.exec())
        if on_file and not check.damaged:  # a damaged file is left exactly as it was
            auto_backup.at_quit()
        tasks.wait_for_all(QUIT_BACKUP_WAIT_MS)
        return code
    finally:
        remove_private_temp()  # photos opened in the system viewer go with the app
        sys.excepthook = previous_hook
