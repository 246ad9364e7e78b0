"""Entry points: parse the command line, open the data folder, run the CLI or the GUI."""

from __future__ import annotations

import argparse
import errno
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from secor_desktop import cli
from secor_desktop.app.bootstrap import (
    check_database_file,
    ensure_data_dir,
    open_backups,
    open_services,
)
from secor_desktop.app.data_lock import AppBusy, DataFolderLock, busy_message, held_by_other
from secor_desktop.app.paths import AppPaths, resolve_paths
from secor_desktop.cli.args import BadInput
from secor_desktop.domain.errors import UserError
from secor_desktop.services.location import data_folder_warning
from secor_desktop.storage.database import needs_migration
from secor_desktop.storage.errors import translate
from secor_desktop.storage.server import is_server_url, unreachable

log = logging.getLogger("secor_desktop")

WRITE_COMMANDS = {"demo", "import", "restore", "backup", "add-worker", "add-site"}
"""Commands that always write; ``company set``, ``score --save`` and ``import-sheet`` (but
for a dry run) write too (see below)."""
NO_DATABASE_CHECK = {"restore", "backups"}
"""Commands that work even on a database that cannot be opened: they are how to repair it."""


def writes(args: argparse.Namespace) -> bool:
    """Does this command change the data folder (so it must not run while the app is open)?"""
    if args.command in WRITE_COMMANDS:
        return True
    if args.command == "company":
        return getattr(args, "company_command", None) == "set"
    if args.command == "score":
        return bool(getattr(args, "save", False))
    if args.command == "program":
        return getattr(args, "program_command", None) == "start"
    if args.command == "import-sheet":
        return not getattr(args, "dry_run", False)
    if args.command == "records":
        return getattr(args, "records_command", None) == "repeat"
    if args.command == "exchange":
        action = getattr(args, "exchange_command", None)
        return action in ("import", "settle") or getattr(args, "name", None) is not None
    return False


def build_parser() -> argparse.ArgumentParser:
    """The CLI's parser plus the flags of the program itself."""
    parser = cli.build_parser()
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check that this installation works (main window offscreen, demo company, every "
        "page, an evidence pack, verify) in a temporary folder, then exit: 0 when all worked",
    )
    return parser


def run_smoke_test() -> int:
    from secor_desktop.app.smoke_test import run_smoke_test as run

    return run()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test:
        return run_smoke_test()
    if args.command is None:
        return gui_main(argv)
    paths = resolve_paths(args.data_dir, args.database_url)
    warning = data_folder_warning(paths.data_dir)
    if warning:
        sys.stderr.write(f"secor-desktop: {warning}\n")
    try:
        return run_command(args, paths)
    except UserError as exc:  # refusals (bad input, a locked or full disk, a rejected bundle)
        return refuse(str(exc))
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return 0
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        message = known_failure(exc, paths)
        if message is None:
            raise  # a bug: Python prints the traceback and exits with 1
        return refuse(message)


def run_command(args: argparse.Namespace, paths: AppPaths) -> int:
    """Check the database file, take the folder's lock if the command writes, then run it."""
    if paths.database_url:
        check_server_url(paths.database_url, args.command in cli.offline_commands())
    elif args.command not in NO_DATABASE_CHECK:
        check_database_file(paths)  # before the lock file, the log or any WAL
    if writes(args):
        ensure_data_dir(paths)
        with DataFolderLock(paths.data_dir).acquire():
            return _dispatch(args, paths, app_open=False)
    return _dispatch(args, paths, app_open=held_by_other(paths.data_dir) is not None)


def check_server_url(url: str, offline: bool) -> None:
    """A server URL must say postgresql://; backups of a server are pg_dump's, not ours."""
    if not is_server_url(url):
        raise BadInput(
            "--database-url is not a PostgreSQL address: give "
            "postgresql://USER@HOST/DATABASE (see docs/postgresql.md)"
        )
    if offline:
        raise BadInput(
            "backup and restore work on the data folder's file; an office database on a "
            "server is backed up with pg_dump on the server (see docs/postgresql.md)"
        )


def refuse(message: str) -> int:
    """Tell a refusal in its sentence on stderr; exit code 2 (bad input or cannot run)."""
    sys.stderr.write(f"secor-desktop: {message}\n")
    return 2


def known_failure(exc: OSError | sqlite3.Error | DBAPIError, paths: AppPaths) -> str | None:
    """A full or read-only disk, or a locked or damaged database, told in a sentence; None
    for anything else (a bug)."""
    if isinstance(exc, OSError):
        return disk_message(exc, paths.data_dir)
    known = translate(exc, paths.database)
    if known is None and paths.database_url:
        known = unreachable(paths.database_url, exc)
    return None if known is None else str(known)


def disk_message(exc: OSError, data_dir: Path) -> str | None:
    """A full or read-only disk told in a sentence naming the path; None for anything else."""
    where = exc.filename or data_dir
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk holding {where} is full; nothing was saved and no half-written file was "
            "left. Free some space, then try again."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"{where} cannot be written to ({exc.strerror}); nothing was changed. Check that "
            "the disk is not read-only and that your user may write there, or choose another "
            "place."
        )
    return None


def _dispatch(args: argparse.Namespace, paths: AppPaths, *, app_open: bool) -> int:
    """Run the command. While the app is open, a read-only command leaves backups (and any
    schema upgrade, which the app's own version would not understand) to the app."""
    if args.command in cli.offline_commands():
        return cli.run_offline(args, open_backups(paths))
    if app_open and needs_migration(paths.database):
        raise AppBusy(busy_message(held_by_other(paths.data_dir)))
    services = open_services(paths, startup_backup=not app_open, read_only=not writes(args))
    try:
        return cli.run(args, services)
    finally:
        # A server's connections closed now, not left to the garbage collector.
        engine = getattr(services.ctx.uow, "args", (None,))[0]
        if engine is not None:
            engine.dispose()


def gui_main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv if argv is not None else sys.argv[1:])
    if args.smoke_test:
        return run_smoke_test()
    from secor_desktop.app.gui_launch import launch_gui

    return launch_gui(resolve_paths(args.data_dir, args.database_url))
