"""The command line's progress line: shown on a terminal, rewritten in place, silent otherwise."""

from __future__ import annotations

import io

from secor_desktop.cli.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_one_line_rewritten_up_to_done() -> None:
    """Percentages overwrite each other on one line, which ends when the check is done."""
    out = Terminal()
    ticks = iter([0.0, 1.0, 2.0])
    show = TerminalProgress(out, "Checking", clock=lambda: next(ticks))
    show(2_000, 8_000)
    show(6_000, 8_000)
    show(8_000, 8_000)
    assert out.getvalue() == (
        "\rChecking: 25% (2,000 of 8,000)"
        "\rChecking: 75% (6,000 of 8,000)"
        "\rChecking: 100% (8,000 of 8,000)\n"
    )


def test_updates_closer_than_the_interval_are_skipped() -> None:
    """A fast check does not flood the terminal: at most one update per interval."""
    out = Terminal()
    show = TerminalProgress(out, "Checking", every=1.0, clock=lambda: 5.0)
    show(1, 10)
    show(2, 10)
    assert out.getvalue() == "\rChecking: 10% (1 of 10)"


def test_a_file_or_pipe_gets_nothing() -> None:
    """When stderr is not a terminal the output is exactly what it was before."""
    out = io.StringIO()
    show = TerminalProgress(out, "Checking")
    show(5, 10)
    show(10, 10)
    assert out.getvalue() == ""
