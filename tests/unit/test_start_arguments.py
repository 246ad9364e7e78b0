"""Which arguments open the window straight away (``app/start.py``) and which go to the full
command-line parser, so no command, help or error text changes."""

from __future__ import annotations

import pytest

from secor_desktop.app.start import WindowRequest, window_request


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], WindowRequest()),
        (["--data-dir", "/tmp/x"], WindowRequest("/tmp/x")),
        (["--data-dir=/tmp/x"], WindowRequest("/tmp/x")),
        (["--smoke-test"], WindowRequest(smoke_test=True)),
        (["--smoke-test", "--data-dir", "d"], WindowRequest("d", smoke_test=True)),
    ],
)
def test_window_only_arguments_open_the_window(argv: list[str], expected: WindowRequest) -> None:
    """No command, a data folder or the smoke test: the window, without the parser."""
    assert window_request(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["verify"],
        ["--data-dir", "d", "readiness"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--data-dir"],
        ["--data-dir", "--smoke-test"],
        ["--data", "d"],
        ["--bogus"],
    ],
)
def test_anything_else_goes_to_the_command_line_parser(argv: list[str]) -> None:
    """A command, help, the version, an abbreviation or a mistake: the full parser answers."""
    assert window_request(argv) is None
