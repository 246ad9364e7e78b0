"""Entry points: parse the command line, open the data folder, run the CLI or the GUI."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from secor_desktop import cli
from secor_desktop.app.bootstrap import open_backups, open_services
from secor_desktop.app.paths import resolve_paths
from secor_desktop.services.bundle import ImportRejected
from secor_desktop.services.errors import KnownError, NotFoundError, RecordLockedError
from secor_desktop.services.errors import ValidationError as InputError
from secor_desktop.services.location import data_folder_warning

log = logging.getLogger("secor_desktop")


def main(argv: Sequence[str] | None = None) -> int:
    parser = cli.build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return gui_main(argv)
    paths = resolve_paths(args.data_dir)
    warning = data_folder_warning(paths.data_dir)
    if warning:
        sys.stderr.write(f"secor-desktop: {warning}\n")
    try:
        if args.command in cli.offline_commands():
            return cli.run_offline(args, open_backups(paths))
        services = open_services(paths)
        return cli.run(args, services)
    except (InputError, NotFoundError, RecordLockedError, ImportRejected, KnownError) as exc:
        sys.stderr.write(f"secor-desktop: {exc}\n")
        return 2
    except ValueError as exc:  # refused requests (e.g. demo into a non-empty folder)
        sys.stderr.write(f"secor-desktop: {exc}\n")
        return 2
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        sys.stderr.close()
        return 0


def gui_main(argv: Sequence[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv if argv is not None else sys.argv[1:])
    paths = resolve_paths(args.data_dir)
    try:
        services = open_services(paths)
    except KnownError as exc:
        sys.stderr.write(f"secor-desktop: {exc}\n")
        return 2
    from secor_desktop.gui.application import run_gui

    return run_gui(services)
