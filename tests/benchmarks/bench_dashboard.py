"""The dashboard over a large company: how long until it shows, and does the window freeze?

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_dashboard [N]

Builds a synthetic company of N records (default 100,000; ``tests.benchmarks.generate``), then
opens ``DashboardPage`` as the app does: readiness, counts and weekly activity are gathered on
the background pool while the GUI thread keeps turning. Each figure is the median of several
runs:
- dashboard shown, first time: from building the page to the report and activity chart on
  screen, nothing kept from an earlier look (as at startup); readiness reads the stored
  projection with SQL (``storage/projection.py``), so nothing is decoded;
- dashboard shown after a save: the safety lead saves a new FLHA (the most frequent save),
  then the page already built refreshes, as the main window makes it do after a save
  (``refresh_all``), until the new report and chart are on screen; the aggregates kept since
  the last look are patched with that record (``services/facts_cache.py``). Amending or
  voiding a signed record is slower: the cache cannot know that record's old share and reads
  everything again, as the first time;
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.services.facts_cache import FactsCache
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


def open_dashboard(services: Services) -> tuple[float, float, DashboardPage]:
    """(ms until the dashboard shows its report, longest GUI stall in ms, the page)."""
    meter = StallMeter()
    with meter:
        start = time.perf_counter()
        page = DashboardPage(services, app_runner())
        page.resize(1366, 768)
        page.show()
        wait_until(lambda: page.report is not None and page.activity.grid is not None)
        shown = (time.perf_counter() - start) * 1000
    return shown, float(meter.worst), page


def close(page: DashboardPage) -> None:
    page.close()
    page.deleteLater()
    QApplication.processEvents()


def refresh_dashboard(page: DashboardPage) -> tuple[float, float]:
    """(ms until the page shown refreshes to the new report, longest GUI stall in ms)."""
    meter = StallMeter()
    before = page.snapshot
    with meter:
        start = time.perf_counter()
        page.refresh()
        wait_until(lambda: page.snapshot is not before)
        shown = (time.perf_counter() - start) * 1000
    return shown, float(meter.worst)


def direct(services: Services) -> None:
    pack = services.framework()
    services.readiness.report(pack)
    services.readiness.activity(pack)
    services.info()


def one_save(services: Services, i: int) -> None:
    """What the safety lead does between two looks at the dashboard: save a new FLHA (a copy
    of the newest one, dated today)."""
    with services.ctx.uow() as uow:
        newest = uow.list_records(RecordKind.FLHA, date_from=AS_OF - timedelta(days=7))[-1]
    services.records.create(
        RecordKind.FLHA,
        title=f"{newest.title} ({i})",
        event_date=AS_OF,
        site_id=newest.site_id,
        body=newest.body,
    )


def measure_services(services: Services, n: int, repeat: int = REPEAT) -> list[Figure]:
    QApplication.instance() or QApplication(sys.argv[:1])
    cold_ms, cold_stall, warm_ms, warm_stall = [], [], [], []
    page = None
    for _ in range(max(2, repeat // 2)):
        services.readiness.facts = FactsCache()  # as just started: nothing kept yet
        if page is not None:
            close(page)
        ms, stall, page = open_dashboard(services)
        cold_ms.append(ms)
        cold_stall.append(stall)
    assert page is not None
    for i in range(repeat):
        one_save(services, i)
        ms, stall = refresh_dashboard(page)
        warm_ms.append(ms)
        warm_stall.append(stall)
    close(page)
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
            target="< 50 ms",
            met=worst < 50,
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
