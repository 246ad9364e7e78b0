"""The program's first module: open the window without loading the command line.

``secor-desktop`` with no command opens the desktop window; with a command it runs the command
line. Building the command line's parser imports every command and, through them, every
service, SQLAlchemy, Alembic and ReportLab: about a second before the window could show. So the
arguments are looked at here first, with nothing imported: when they ask only for the window
(none, ``--data-dir DIR``, ``--smoke-test``), the window is started directly; anything else
(a command, ``--help``, ``--version``, a misspelt flag) goes to ``app.main``, which parses and
answers exactly as before.

``tests/gui/test_fast_start.py`` fails when the way to the first window imports ReportLab,
Alembic or SQLAlchemy again.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

DATA_DIR = "--data-dir"
SMOKE_TEST = "--smoke-test"


@dataclass(frozen=True)
class WindowRequest:
    """The arguments of a start that only opens the window."""

    data_dir: str | None = None
    smoke_test: bool = False


def window_request(argv: Sequence[str]) -> WindowRequest | None:
    """The request when ``argv`` only asks for the window; None when the full parser must read
    it (so every other case keeps its usual answer, error or help text)."""
    data_dir: str | None = None
    smoke_test = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == SMOKE_TEST:
            smoke_test = True
        elif arg.startswith(DATA_DIR + "="):
            data_dir = arg.removeprefix(DATA_DIR + "=")
        elif arg == DATA_DIR and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        else:
            return None
    return WindowRequest(data_dir, smoke_test)


def main(argv: Sequence[str] | None = None) -> int:
    """``secor-desktop``: the window, or the command line when a command is given."""
    args = list(sys.argv[1:] if argv is None else argv)
    request = window_request(args)
    if request is None:
        from secor_desktop.app.main import main as command_line

        return command_line(args)
    return open_window(request)


def gui_main(argv: Sequence[str] | None = None) -> int:
    """``secor-desktop-gui``: always the window (a command given to it is ignored, as before)."""
    args = list(sys.argv[1:] if argv is None else argv)
    request = window_request(args)
    if request is None:
        from secor_desktop.app.main import gui_main as parse_then_open

        return parse_then_open(args)
    return open_window(request)


def open_window(request: WindowRequest) -> int:
    if request.smoke_test:
        from secor_desktop.app.smoke_test import run_smoke_test

        return run_smoke_test()
    from secor_desktop.app.gui_launch import launch_gui
    from secor_desktop.app.paths import resolve_paths

    return launch_gui(resolve_paths(request.data_dir))
