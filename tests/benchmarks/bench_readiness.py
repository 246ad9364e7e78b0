"""Readiness over 100,000 records, against a bare SQL aggregate over the same rows.

Run: .venv/bin/python -m tests.benchmarks.bench_readiness [N]
Prints the median of several runs of each, and their ratio (machines here are shared and
noisy: only the ratio measured in one run means much).

``measure(services, size)`` (used by ``scripts/bench``) does the same on a real data folder:
the computation over what readiness reads of the company's records (``RecordFacts``), and
the report through the services as the dashboard asks for it, the first time and after a
save (both read the stored projection with SQL; nothing is decoded); the baseline is the same
aggregate over the folder's table.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    Control,
    ControlLevel,
    FlhaBody,
    HazardItem,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.frameworks import load_bundled_pack
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Company, Record, Signature, Worker
from secor_desktop.domain.readiness import compute_readiness, judge_readiness
from secor_desktop.domain.readiness_input import detail_kinds
from secor_desktop.services.facade import Services
from secor_desktop.services.readiness import ReadinessService
from tests.benchmarks.figures import Figure

AS_OF = date(2026, 11, 2)
WORKERS = [
    Worker(
        f"w{i}", f"Worker {i}", "Crew", EmploymentType.FULL_TIME, date(2015, 1, 1), is_owner=i == 0
    )
    for i in range(10)
]
HAZARD = HazardItem("Framing", "Fall", 4, 2, (Control(ControlLevel.PPE, "Harness"),))


def synthetic(n: int, seed: int = 1) -> list[Record]:
    """n signed records over ten years: mostly FLHAs, weekly inspections and talks."""
    rng = random.Random(seed)
    start = AS_OF - timedelta(days=3650)
    records = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(3650))
        roll = rng.random()
        if roll < 0.9:
            kind, body = RecordKind.FLHA, FlhaBody("Framing", (HAZARD,), ("w1", "w2"))
            signers = ("w1", "w2")
        elif roll < 0.95:
            item = ChecklistItem("Exits clear", ChecklistResult.OK)
            kind, body = (
                RecordKind.INSPECTION,
                InspectionBody(InspectionType.SITE, "Yard", "w1", (item,)),
            )
            signers = ("w1",)
        else:
            kind, body = RecordKind.TOOLBOX_TALK, ToolboxTalkBody("Ladders", "w1", ("w2",))
            signers = ("w2",)
        when = datetime.combine(day, dtime(16), UTC)
        sigs = tuple(
            Signature(f"s{i}{w}", w, w, SignatureMeaning.PERFORMED, when, "0" * 64, "c")
            for w in signers
        )
        records.append(
            Record(f"r{i}", kind, "t", day, None, body, signatures=sigs, content_sha256="c")
        )
    return records


def median_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(services: Services, size: int, *, repeat: int = 7) -> list[Figure]:
    pack = services.framework()
    today = services.ctx.clock.today()
    with services.ctx.uow() as uow:
        company = uow.get_company()
        workers = uow.list_workers()
        actions = uow.list_actions()
    assert company is not None
    cold_service = ReadinessService(services.ctx)  # as at startup
    start = time.perf_counter()
    cold_service.report(pack)
    cold_ms = (time.perf_counter() - start) * 1000
    sources = {a.source_record_id for a in actions if a.source_record_id}
    with services.ctx.uow() as uow:  # what the report just read, kept in memory
        facts = uow.readiness_facts(today, detail_kinds(pack), sources)

    def compute() -> object:
        return judge_readiness(company, pack, workers, facts, actions, today, today)

    site = services.roster.sites()[0]

    def after_a_save() -> object:
        services.roster.save_site(replace(site, address=f"{time.perf_counter()}"))
        return cold_service.report(pack)

    conn = sqlite3.connect(f"file:{services.locations.database}?mode=ro", uri=True)

    def aggregate() -> object:
        return conn.execute(AGGREGATE).fetchall()

    ours = median_ms(compute, repeat)
    warm = median_ms(after_a_save, repeat)
    base = median_ms(aggregate, repeat)
    conn.close()
    return [
        Figure(
            "readiness, all elements (computation)",
            size,
            ours,
            "ms",
            "bare SQL aggregate over the same rows",
            base,
            "< 100 ms",
            ours < 100,
            repeat,
            "over the projection's facts in memory (the SQL read is in the next two)",
        ),
        Figure(
            "readiness via services, first time (projection read with SQL)",
            size,
            cold_ms,
            "ms",
            "bare SQL aggregate over the same rows",
            base,
            note="nothing decoded: the stored projection read with SQL",
        ),
        Figure(
            "readiness via services, after a save",
            size,
            warm,
            "ms",
            "bare SQL aggregate over the same rows",
            base,
            "< 100 ms",
            warm < 100,
            repeat,
            "the projection read with SQL again (includes the save)",
        ),
    ]


AGGREGATE = (
    "SELECT kind, min(event_date), max(event_date), count(*) FROM records "
    "WHERE status = 'signed' GROUP BY kind"
)


def main(n: int = 100_000) -> None:
    records = synthetic(n)
    pack = load_bundled_pack()
    company = Company(name="Bench", province=Province.AB)

    def readiness() -> object:
        return compute_readiness(company, pack, WORKERS, records, (), AS_OF, AS_OF)

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE records (kind TEXT, event_date TEXT, status TEXT)")
    conn.executemany(
        "INSERT INTO records VALUES (?, ?, 'signed')",
        [(r.kind.value, r.event_date.isoformat()) for r in records],
    )
    conn.execute("CREATE INDEX ix ON records (kind, event_date)")

    def aggregate() -> object:
        return conn.execute(AGGREGATE).fetchall()

    ours = median_ms(readiness)
    base = median_ms(aggregate)
    print(f"records                      {n:>10,}")
    print(f"readiness, all elements (ms) {ours:>10.1f}   target < 100")
    print(f"bare SQL aggregate (ms)      {base:>10.1f}")
    print(f"ratio readiness / aggregate  {ours / base:>10.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
