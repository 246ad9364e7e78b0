"""One measured figure of the benchmark suite, with its baseline from the same run.

Every benchmark module returns a list of ``Figure``; the suite prints them as a table and
writes them as JSON. Machines here are shared and noisy, so a figure is only meaningful next to
a baseline measured in the same run on the same machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    name: str  # what was measured, e.g. "readiness, all elements"
    size: int  # records in the data set (0 when it does not apply)
    value: float  # the median of the repeats
    unit: str  # "ms", "records/s", "pages/s", "MB"...
    baseline_name: str = ""  # what it is compared with, e.g. "bare SQL aggregate"
    baseline: float | None = None  # the baseline's median, same unit, same run
    target: str = ""  # the target in words, e.g. "< 100 ms" or "ratio <= 2"
    met: bool | None = None  # whether the target holds (None: no target)
    repeats: int = 1
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``repeats`` calls of ``fn``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
