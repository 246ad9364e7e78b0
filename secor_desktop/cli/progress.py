"""Progress of a long check on the command line: a percentage on a terminal, nothing else.

``verify`` reads every revision and record; at 100,000 records that is long enough to wonder
whether it hangs. On a terminal one line is rewritten in place (at most a few times a
second); when stderr is a file or a pipe (scripts, cron, tests) nothing is written, so the
output stays what it always was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


class TerminalProgress:
    """A ``(done, total)`` callback that rewrites one line of ``stream`` when it is a terminal."""

    def __init__(
        self,
        stream: TextIO,
        what: str,
        *,
        every: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream, self.what, self.every, self.clock = stream, what, every, clock
        self.shown = stream.isatty()
        self.last = -every
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.shown:
            return
        now = self.clock()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        percent = 100 * done // total if total else 100
        line = f"{self.what}: {percent}% ({done:,} of {total:,})"
        self.stream.write("\r" + line.ljust(self.width))
        self.width = len(line)
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
