"""The field-level hazard assessment list over 100,000 records, through the real page and model.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_gui_list [N]

Builds a fresh data folder with the real schema (``open_services``), saves and signs one FLHA
through the services, then copies its row N-1 times with SQL in one transaction (new ids,
dates over ten years; one title in a hundred mentions a chimney, for the search). The copies
have no revisions, so the hash chain does not cover them: fine for a list, not for ``verify``.

Measured with ``RecordListPage`` and ``RecordsModel`` as the app uses them (loads run on the
background pool, results come back through the event loop), each the median of several runs:
- first rows: from building the page to the model holding its first page;
- scroll to the end: ``fetchMore`` until every row is in (what scrolling to the bottom does,
  a page of 500 at a time on the GUI thread), with the slowest single page;
- search: from applying the search text (after the box's 250 ms typing pause) to the first
  page of matches;
- the longest stall of the GUI thread while the first rows and the search load.
The baseline is a bare ``sqlite3`` ``SELECT * ... ORDER BY event_date DESC LIMIT 500`` over the
same table in the same run (machines here are shared and noisy: compare the ratios).
"""

from __future__ import annotations

import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import Control, ControlLevel, FlhaBody, HazardItem
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Company, Worker
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services

TODAY = date(2026, 11, 2)
SEARCH = "chimney"
REPEAT = 5
SCROLL_REPEAT = 3


def _signature_png() -> bytes:
    image = Image.new("L", (240, 80), 255)
    for x in range(20, 220):
        image.putpixel((x, 40 + (x % 17) - 8), 0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def build(folder: Path, n: int) -> Services:
    """A company with one real, signed FLHA, and n-1 SQL copies of it."""
    clock = FixedClock(datetime(2026, 11, 2, 17, 0, tzinfo=UTC))
    paths = AppPaths(folder)
    services = open_services(paths, clock, startup_backup=False)
    services.company.save(Company(name="Bench Roofing Ltd.", province=Province.AB))
    roster = services.roster
    lead = roster.add_worker(
        Worker("", "Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME, date(2015, 1, 5))
    )
    crew = roster.add_worker(
        Worker("", "Sam Okafor", "Roofer", EmploymentType.FULL_TIME, date(2015, 1, 5))
    )
    site = roster.add_site("Main yard", "12 Industrial Rd, Red Deer AB")
    hazard = HazardItem(
        "Tear-off", "Fall from the eave", 5, 2, (Control(ControlLevel.PPE, "Harness"),)
    )
    record = services.records.create(
        RecordKind.FLHA,
        title="Tear-off, north slope",
        event_date=TODAY,
        site_id=site.id,
        body=FlhaBody("Tear-off", (hazard,), (lead.id, crew.id)),
    )
    for signer in (lead, crew):
        services.records.sign(
            record.id,
            signer_id=signer.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=_signature_png(),
        )

    conn = sqlite3.connect(paths.database)
    conn.row_factory = sqlite3.Row
    original = dict(conn.execute("SELECT * FROM records WHERE id = ?", (record.id,)).fetchone())
    signatures = [
        dict(r) for r in conn.execute("SELECT * FROM signatures WHERE record_id = ?", (record.id,))
    ]
    record_rows, signature_rows = [], []
    for i in range(1, n):
        rid = f"bench-{i:08d}"
        day = TODAY - timedelta(days=i * 3650 // n)
        task = "Chimney flashing" if i % 100 == 0 else "Tear-off"
        record_rows.append(
            {**original, "id": rid, "event_date": day.isoformat(), "title": f"{task}, lot {i}"}
        )
        for s in signatures:
            signature_rows.append({**s, "id": f"{rid}-{s['position']}", "record_id": rid})

    def insert(table: str, rows: list[dict[str, object]]) -> None:
        columns = list(rows[0])
        names = ", ".join(columns)
        marks = ", ".join(f":{c}" for c in columns)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)

    with conn:  # one transaction
        insert("records", record_rows)
        insert("signatures", signature_rows)
    conn.execute("ANALYZE")
    conn.close()
    return services


def wait_until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
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


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def main(n: int = 100_000) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="secor-bench-") as tmp:
        t0 = time.perf_counter()
        services = build(Path(tmp) / "data", n)
        built_s = time.perf_counter() - t0
        database = services.locations.database

        first_rows, construct, first_stall = [], [], []
        for _ in range(REPEAT):
            meter = StallMeter()
            with meter:
                t0 = time.perf_counter()
                page = RecordListPage(services, RecordKind.FLHA)
                construct.append((time.perf_counter() - t0) * 1000)
                page.resize(1100, 650)
                page.show()
                wait_until(lambda p=page: p.model.rowCount() > 0)  # type: ignore[misc]
                first_rows.append((time.perf_counter() - t0) * 1000)
            first_stall.append(meter.worst)
            assert page.model.total == n, (page.model.total, n)
            page.close()
            page.deleteLater()
        app.processEvents()

        page = RecordListPage(services, RecordKind.FLHA)
        page.show()
        wait_until(lambda: page.model.rowCount() > 0)
        scroll, worst_page = [], []
        for _ in range(SCROLL_REPEAT):
            page.model.reload()
            t0 = time.perf_counter()
            slowest = 0.0
            while page.model.canFetchMore():
                t1 = time.perf_counter()
                page.model.fetchMore()
                slowest = max(slowest, (time.perf_counter() - t1) * 1000)
            scroll.append((time.perf_counter() - t0) * 1000)
            worst_page.append(slowest)
            assert page.model.rowCount() == n
        page.model.reload()

        search, search_stall = [], []
        for _ in range(REPEAT):
            page.search_box.blockSignals(True)
            page.search_box.setText(SEARCH)
            page.search_box.blockSignals(False)
            meter = StallMeter()
            with meter:
                t0 = time.perf_counter()
                page.apply_filters()
                wait_until(lambda: page.model.query.text == SEARCH and page.model.rowCount() > 0)
                search.append((time.perf_counter() - t0) * 1000)
            search_stall.append(meter.worst)
            matches = page.model.total
            page.search_box.blockSignals(True)
            page.search_box.clear()
            page.search_box.blockSignals(False)
            page.apply_filters()
            wait_until(lambda: page.model.query.text == "" and page.model.total == n)
        page.close()

        conn = sqlite3.connect(database)

        def bare() -> None:
            conn.execute(
                "SELECT * FROM records WHERE kind = 'flha' ORDER BY event_date DESC LIMIT 500"
            ).fetchall()

        baseline = []
        for _ in range(REPEAT * 3):
            t0 = time.perf_counter()
            bare()
            baseline.append((time.perf_counter() - t0) * 1000)
        conn.close()

    base = median(baseline)
    rows = [
        ("first rows shown (page built -> rows in)", median(first_rows)),
        ("  of which building the page (GUI thread)", median(construct)),
        ("  longest GUI-thread stall meanwhile", median(first_stall)),
        (f"scroll to the end (fetchMore x{n // 500})", median(scroll)),
        ("  slowest single page of 500", median(worst_page)),
        (f"text search '{SEARCH}' ({matches:,} matches)", median(search)),
        ("  longest GUI-thread stall meanwhile", median(search_stall)),
    ]
    print(f"FLHA records: {n:,} (built in {built_s:.1f} s; the {n - 1:,} SQL copies have no")
    print("revisions, so the ledger is not valid for them: a list benchmark only)")
    print(f"median of {REPEAT} runs ({SCROLL_REPEAT} for scrolling), milliseconds")
    print()
    print(f"{'measure':<44} {'ms':>9} {'x baseline':>11}")
    for label, value in rows:
        print(f"{label:<44} {value:>9.1f} {value / base:>11.1f}")
    print(f"{'baseline: bare sqlite3 SELECT ... LIMIT 500':<44} {base:>9.1f} {1.0:>11.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
