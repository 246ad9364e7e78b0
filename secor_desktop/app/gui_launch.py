"""The desktop app's start: one instance per data folder, the startup checks told in windows,
then the main window. Imported only when the GUI starts, so commands never load Qt.

Only what the first window needs is imported on the way to it (``app/start.py``): the
integrity check that reads the whole file waits for the painted window; when the last run
ended uncleanly the window refuses edits until it has passed (``gui/startup.py``). A migration
still waits for the check and its backup before the window (``open_services``).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from secor_desktop.app.bootstrap import (
    check_database_file,
    check_writable,
    ensure_data_dir,
    open_backups,
    open_services,
)
from secor_desktop.app.data_lock import left_by_unclean_exit
from secor_desktop.app.paths import AppPaths
from secor_desktop.gui import notify
from secor_desktop.gui.application import make_app, run_gui
from secor_desktop.gui.single_instance import Role, SingleInstance
from secor_desktop.gui.startup import offer_restore
from secor_desktop.services.errors import KnownError
from secor_desktop.services.facade import Services
from secor_desktop.services.location import data_folder_warning
from secor_desktop.storage.deferred import company_saved
from secor_desktop.storage.errors import CorruptDatabase

log = logging.getLogger("secor_desktop")


def launch_gui(paths: AppPaths) -> int:
    """0 when the app ran (or handed over to the one already open), 2 when it could not."""
    make_app()
    if paths.database_url is None:  # File > Office database… chosen in an earlier run
        from PySide6.QtCore import QSettings

        from secor_desktop.gui.database_dialog import chosen_url

        paths = replace(paths, database_url=chosen_url(QSettings()))
    try:
        check_database_file(paths)  # someone else's or a newer file: refused before any write
    except CorruptDatabase:
        pass  # ours but empty or damaged: offered a restore below, once the folder is locked
    except KnownError as exc:
        notify.error(str(exc))
        return 2
    try:
        ensure_data_dir(paths)
        check_writable(paths)
    except KnownError as exc:
        notify.error(str(exc))
        return 2
    # Asked before the lock is taken: taking it removes the lock file a killed run left.
    unclean = left_by_unclean_exit(paths.data_dir)
    instance = SingleInstance(paths.data_dir)
    role = instance.start()
    if role is Role.FORWARDED:
        return 0
    if role is Role.BUSY:
        notify.error(
            f"secor-desktop is busy: {instance.holder()} is using the data folder "
            f"{paths.data_dir} (a command may be writing to it). Try again in a moment."
        )
        return 2
    try:
        services = open_checked(paths, integrity_check=False)
        if services is None:
            return 2
        if unclean:  # logged once open_checked has set up the log file
            log.info("the last run did not end cleanly: edits wait for the integrity check")
        warning = data_folder_warning(paths.data_dir)
        if warning:
            notify.warning(warning)
        return run_gui(
            services,
            instance,
            check_after_paint=True,
            unclean_exit=unclean,
            # Without SQLAlchemy, from the file; a server is asked through the services (asking
            # the absent file would leave an empty one behind).
            company_set_up=None if paths.database_url else company_saved(paths.database),
        )
    finally:
        instance.release()


def open_checked(
    paths: AppPaths, *, offer: bool = True, integrity_check: bool = True
) -> Services | None:
    """The services, or None after telling the user why not. A damaged database gets an offer
    to restore the latest good backup; nothing is replaced unless the user says yes.

    ``integrity_check`` False leaves ``quick_check`` to ``IntegrityCheck`` after the window
    has painted (a damaged file found then gets the same offer)."""
    try:
        # The day's backup is made once the window is up (AutoBackup, in the background), not
        # before it: on ten years of records it takes tens of seconds. A schema upgrade still
        # waits for its backup here.
        return open_services(paths, startup_backup=False, integrity_check=integrity_check)
    except CorruptDatabase as exc:
        if exc.latest_backup is None or not offer:
            notify.error(str(exc))
            return None
        if not offer_restore(str(exc), exc.latest_backup):
            return None
        try:
            report = open_backups(paths).restore(exc.latest_backup)
        except KnownError as failed:
            notify.error(f"The backup could not be restored. {failed}")
            return None
        log.info("restored %s at startup after a damaged database", exc.latest_backup)
        from secor_desktop.gui.backups_dialog import restore_summary  # only after a restore

        notify.info(restore_summary(report))
        return open_checked(paths, offer=False)
    except KnownError as exc:
        notify.error(str(exc))
        return None
