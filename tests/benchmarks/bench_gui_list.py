"""The field-level hazard assessment list of a large company, through the real page and model.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_gui_list [N]
(builds a synthetic company of N records with ``tests.benchmarks.generate``; the suite,
``scripts/bench``, runs the same measurements on its own data sets).

Measured with ``RecordListPage`` and ``RecordsModel`` as the app uses them (pages load on the
background pool and come back through the event loop), each the median of several runs:
- first rows: from building the page to the first rows in the model;
- scroll to the end: from a fresh list, ``scrollToBottom`` (what Ctrl+End and dragging the
  scroll bar to the bottom do) until the oldest record is in its row;
- search in the list: from applying the search text (after the box's typing pause) to the
  first page of matches;
- the longest stall of the GUI thread while the first rows load.
Baselines, in the same run: a bare ``sqlite3`` query of the same first page (and of the last
page, and of the same search by a bare LIKE scan) over the same table.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.services.facade import Services
from tests.benchmarks.figures import Figure, median_seconds

SEARCH = "chimney"
REPEAT = 5
ORDER = "ORDER BY event_date DESC, rowid DESC"


_RUNNER: list[Background] = []


def app_runner() -> Background:
    """The application's pool, as the app makes it (loads run off the GUI thread)."""
    if not _RUNNER:
        _RUNNER.append(Background.threaded().attach_to_application())
    return _RUNNER[0]


def wait_until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the list did not load in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.last = 0
        self.worst = 0

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def __enter__(self) -> StallMeter:
        self.clock.start()
        self.last, self.worst = 0, 0
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._tick()
        self.timer.stop()


def _first_rows_in(page: RecordListPage) -> bool:
    return page.model.rowCount() > 0 and page.model.record_at(0) is not None


def open_page(services: Services) -> tuple[RecordListPage, float, int]:
    """A list page shown as in the window: (page, ms to first rows, longest stall in ms)."""
    meter = StallMeter()
    with meter:
        start = time.perf_counter()
        page = RecordListPage(services, app_runner(), RecordKind.FLHA)
        page.resize(1100, 650)
        page.show()
        wait_until(lambda: _first_rows_in(page))
        shown = (time.perf_counter() - start) * 1000
    return page, shown, meter.worst


def close(page: RecordListPage) -> None:
    page.close()
    page.deleteLater()
    QApplication.processEvents()


def scroll_to_end(page: RecordListPage) -> float:
    """Ms from ``scrollToBottom`` on a freshly loaded list until its last row is filled."""
    before = page.model.generation
    page.apply_filters()  # a fresh list: no page but the first in memory
    wait_until(lambda: page.model.generation > before and _first_rows_in(page))
    last = page.model.rowCount() - 1
    start = time.perf_counter()
    page.table.scrollToBottom()
    wait_until(lambda: page.model.record_at(last) is not None)
    return (time.perf_counter() - start) * 1000


def search_in_list(page: RecordListPage, text: str) -> tuple[float, int]:
    """Ms from applying ``text`` in the search box to its first rows, and the matches."""
    page.search_box.blockSignals(True)
    page.search_box.setText(text)
    page.search_box.blockSignals(False)
    start = time.perf_counter()
    page.apply_filters()
    wait_until(lambda: page.model.query.text == text and _first_rows_in(page))
    shown = (time.perf_counter() - start) * 1000
    matches = page.model.total
    page.search_box.blockSignals(True)
    page.search_box.clear()
    page.search_box.blockSignals(False)
    page.apply_filters()
    wait_until(lambda: page.model.query.text == "" and _first_rows_in(page))
    return shown, matches


def measure(services: Services, size: int, *, repeat: int = REPEAT) -> list[Figure]:
    QApplication.instance() or QApplication(sys.argv[:1])
    first, stalls = [], []
    for _ in range(repeat):
        page, shown, stall = open_page(services)
        first.append(shown)
        stalls.append(stall)
        close(page)
    page, _shown, _stall = open_page(services)
    total = page.model.total
    page_size = page.model.page_size
    scrolls = [scroll_to_end(page) for _ in range(repeat)]
    searches = [search_in_list(page, SEARCH) for _ in range(repeat)]
    close(page)

    conn = sqlite3.connect(f"file:{services.locations.database}?mode=ro", uri=True)
    flha = "SELECT * FROM records WHERE kind = 'flha'"

    def first_page() -> None:
        conn.execute(f"{flha} {ORDER} LIMIT {page_size}").fetchall()

    def last_page() -> None:
        conn.execute(f"{flha} {ORDER} LIMIT {page_size} OFFSET {total - page_size}").fetchall()

    def like_scan() -> None:
        conn.execute(
            f"SELECT count(*) FROM records WHERE kind = 'flha' AND "
            f"(title LIKE '%{SEARCH}%' OR body_json LIKE '%{SEARCH}%')"
        ).fetchall()
        conn.execute(
            f"{flha} AND (title LIKE '%{SEARCH}%' OR body_json LIKE '%{SEARCH}%') "
            f"{ORDER} LIMIT {page_size}"
        ).fetchall()

    base_first = median_seconds(first_page, repeat * 3) * 1000
    base_last = median_seconds(last_page, repeat) * 1000
    base_search = median_seconds(like_scan, repeat) * 1000
    conn.close()
    matches = searches[0][1]
    return [
        Figure(
            "list: first rows shown (FLHA)",
            size,
            statistics.median(first),
            "ms",
            f"bare sqlite3 SELECT of the first {page_size} rows",
            base_first,
            "< 200 ms",
            statistics.median(first) < 200,
            repeat,
            f"{total:,} FLHA records",
        ),
        Figure(
            "list: longest GUI-thread stall while the first rows load",
            size,
            statistics.median(stalls),
            "ms",
            repeats=repeat,
            note=f"{max(stalls):.0f} ms (worst)",
        ),
        Figure(
            "list: scroll to the end (last rows shown)",
            size,
            statistics.median(scrolls),
            "ms",
            f"bare sqlite3 SELECT of the last {page_size} rows (OFFSET)",
            base_last,
            repeats=repeat,
            note="only the pages on screen are read",
        ),
        Figure(
            f"list: search '{SEARCH}' in FLHA, first rows shown",
            size,
            statistics.median(s for s, _ in searches),
            "ms",
            "bare sqlite3 LIKE scan (count and first page)",
            base_search,
            repeats=repeat,
            note=f"{matches:,} matches",
        ),
    ]


def main(argv: list[str]) -> None:
    from tests.benchmarks.generate import generate

    n = int(argv[0]) if argv else 100_000
    QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="secor-bench-") as tmp:
        made = generate(Path(tmp) / "data", n)
        figures = measure(made.services, made.records)
    for f in figures:
        ratio = f", {f.ratio:.1f}x {f.baseline_name} ({f.baseline:.1f} ms)" if f.ratio else ""
        print(f"{f.name}: {f.value:.1f} {f.unit}{ratio}; {f.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
