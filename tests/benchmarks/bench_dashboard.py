"""The dashboard over a large company: how long until it shows, and does the window freeze?

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_dashboard [N]

Builds a synthetic company of N records (default 100,000; ``tests.benchmarks.generate``), then
opens ``DashboardPage`` as the app does: readiness, counts and weekly activity are gathered on
the background pool while the GUI thread keeps turning. Each figure is the median of several
runs:
- dashboard shown: from building the page to the report and activity chart on screen, the
  first time (as at startup) and after a save; readiness reads the stored projection with SQL
  (``storage/projection.py``), so neither decodes the records;
- longest GUI stall: the longest gap between ticks of a 5 ms timer meanwhile (a window that
  freezes shows a long gap; under ~50 ms is not felt);
- baseline: the same readiness report, activity grid and counts computed directly, without
  any GUI (the work the page hands to the background, records already decoded), in the same
  run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.services.record_cache import RecordCache
from tests.benchmarks.bench_gui_list import StallMeter, wait_until
from tests.benchmarks.figures import Figure, median_seconds
from tests.benchmarks.generate import AS_OF, generate

REPEAT = 5


_RUNNER: list[Background] = []


def app_runner() -> Background:
    """The application's pool, as the app makes it (loads run off the GUI thread)."""
    if not _RUNNER:
        _RUNNER.append(Background.threaded().attach_to_application())
    return _RUNNER[0]


def open_dashboard(services: Services) -> tuple[float, float]:
    """(ms until the dashboard shows its report, longest GUI stall in ms)."""
    meter = StallMeter()
    with meter:
        start = time.perf_counter()
        page = DashboardPage(services, app_runner())
        page.resize(1366, 768)
        page.show()
        wait_until(lambda: page.report is not None and page.activity.grid is not None)
        shown = (time.perf_counter() - start) * 1000
    page.close()
    page.deleteLater()
    QApplication.processEvents()
    return shown, float(meter.worst)


def direct(services: Services) -> None:
    pack = services.framework()
    services.readiness.report(pack)
    services.readiness.activity(pack)
    services.info()


def one_save(services: Services, i: int) -> None:
    """What the safety lead does between two looks at the dashboard: change one record."""
    site = services.roster.sites()[0]
    services.roster.save_site(replace(site, address=f"{i} Industrial Rd"))


def measure_services(services: Services, n: int, repeat: int = REPEAT) -> list[Figure]:
    QApplication.instance() or QApplication(sys.argv[:1])
    cold_ms, cold_stall, warm_ms, warm_stall = [], [], [], []
    for _ in range(max(2, repeat // 2)):
        services.readiness.cache = RecordCache()  # as just started: nothing decoded yet
        ms, stall = open_dashboard(services)
        cold_ms.append(ms)
        cold_stall.append(stall)
    for i in range(repeat):
        one_save(services, i)
        ms, stall = open_dashboard(services)
        warm_ms.append(ms)
        warm_stall.append(stall)
    baseline = median_seconds(lambda: direct(services), repeat) * 1000
    worst = max(cold_stall + warm_stall)
    stall = statistics.median(cold_stall + warm_stall)
    return [
        Figure(
            "dashboard shown, first time (as at startup)",
            n,
            statistics.median(cold_ms),
            "ms",
            repeats=len(cold_ms),
        ),
        Figure(
            "dashboard shown after a save (changes read)",
            n,
            statistics.median(warm_ms),
            "ms",
            "the same work without the GUI",
            baseline,
            repeats=repeat,
        ),
        Figure(
            "dashboard: longest GUI-thread stall while loading",
            n,
            stall,
            "ms",
            target="< 100 ms (no felt freeze)",
            met=worst < 100,
            repeats=len(cold_stall) + len(warm_stall),
            note=f"worst of all runs: {worst:.0f} ms",
        ),
    ]


def measure(work: Path, n: int = 100_000) -> list[Figure]:
    made = generate(work / f"dashboard-{n}", n)
    clock = FixedClock(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 17, tzinfo=UTC))
    services = open_services(AppPaths(made.folder), clock, startup_backup=False)
    return measure_services(services, made.records)


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 100_000
    QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="secor-bench-") as tmp:
        started = time.perf_counter()
        figures = measure(Path(tmp), n)
        print(f"built and measured in {time.perf_counter() - started:.0f} s")
    for f in figures:
        ratio = f" ({f.ratio:.2f}x {f.baseline_name}: {f.baseline:.0f} ms)" if f.ratio else ""
        print(f"{f.name}, {f.size:,} records: {f.value:.0f} {f.unit}{ratio} {f.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
