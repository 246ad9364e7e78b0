"""The cyclic garbage collector paused while a bulk check runs.

``verify`` and an import allocate millions of short-lived, acyclic objects (parsed JSON,
decoded records) while holding hundreds of thousands more. Each time the collector runs it
scans what is held, so at 10,000 records a tenth of an import went to collections that find
nothing: reference counting frees all of it anyway. Pausing the collector for the run, and
resuming it after only if it was running, gives that time back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block (process-wide; resumed only if it ran)."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()
