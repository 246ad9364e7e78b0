"""Importing a large bundle into an empty data folder, against a raw ``executemany``.

Run: .venv/bin/python -m tests.benchmarks.bench_import DATA_DIR

The data folder is exported once as a bundle (``export_bundle``: JSON, CSV and files), then
imported into a new, empty data folder with ``import_bundle``, the whole check-then-write
import the program does (chain, decoding, validation, files, one transaction). The baseline,
in the same run: the same rows, already in memory, written into a new database of the same
schema with ``sqlite3`` ``executemany`` in one transaction (the search index filled by one
statement at the end), which is the least any import must do. Every table the import must
fill is in it, the readiness projection too (each record's row is written by an import as by
a save). Both in records per second; the goal is an import at least half as fast.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.bundle import BUNDLE_FILE, export_bundle, import_bundle
from secor_desktop.services.facade import Services
from secor_desktop.storage.database import prepare_database
from tests.benchmarks.figures import Figure

TABLES = (
    "company",
    "sites",
    "workers",
    "records",
    "attachments",
    "signatures",
    "corrective_actions",
    "self_evaluations",
    "revisions",
    "record_projection",
)
INDEX_AT_END = """INSERT INTO records_fts (rowid, title, site, body)
    SELECT r.rowid, r.title, (SELECT name FROM sites WHERE sites.id = r.site_id),
    (SELECT group_concat(j.value, char(10)) FROM json_tree(r.body_json) AS j
     WHERE j.type = 'text' AND rtrim(j.fullkey, '"') NOT LIKE '%\\_id' ESCAPE '\\'
     AND rtrim(j.path, '"') NOT LIKE '%\\_ids' ESCAPE '\\') FROM records AS r"""


SOURCE_MARK = "bench-source-revisions.txt"
"""How many revisions the data folder had when the bundle was exported: other measurements
save records into the data set (the dashboard's "after a save"), so a bundle kept from an
earlier run can be behind it."""


def revisions_in(database: Path) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM revisions").fetchone()[0])
    finally:
        conn.close()


def bundle_of(services: Services, folder: Path) -> Path:
    """The data folder's bundle, exported once (kept in ``folder`` for the next run while the
    data folder has not changed since)."""
    revisions = str(revisions_in(services.locations.database))
    mark = folder / SOURCE_MARK
    current = mark.is_file() and mark.read_text().strip() == revisions
    if not (current and (folder / BUNDLE_FILE).is_file()):
        shutil.rmtree(folder, ignore_errors=True)
        export_bundle(services.ctx, folder)
        mark.write_text(revisions + "\n")
    return folder


def raw_insert(source: Path, target: Path) -> tuple[float, int]:
    """Seconds to write every row of ``source`` into a new database at ``target``."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    columns = {t: len(src.execute(f"SELECT * FROM {t} LIMIT 0").description) for t in TABLES}
    src.close()
    prepare_database(target, datetime.now(UTC))
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE records_fts_state SET deferred = 1")
    for table in TABLES:
        if rows[table]:
            marks = ", ".join("?" * columns[table])
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
    conn.execute(INDEX_AT_END)
    conn.execute("UPDATE records_fts_state SET deferred = 0")
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds, len(rows["records"])


def measure(services: Services, size: int, work: Path) -> list[Figure]:
    bundle = bundle_of(services, work / f"bundle-{size}")
    target = work / f"import-{size}"
    shutil.rmtree(target, ignore_errors=True)
    fresh = open_services(AppPaths(target), services.ctx.clock, startup_backup=False)
    start = time.perf_counter()
    report = import_bundle(fresh.ctx, bundle)
    import_s = time.perf_counter() - start
    records = report.added.get("record", 0)
    assert fresh.verify().ok if size <= 10_000 else True
    raw_target = work / f"raw-{size}.sqlite3"
    for leftover in work.glob(f"raw-{size}.sqlite3*"):
        leftover.unlink()
    raw_s, raw_records = raw_insert(services.locations.database, raw_target)
    assert raw_records == records, (raw_records, records)
    shutil.rmtree(target, ignore_errors=True)
    for leftover in work.glob(f"raw-{size}.sqlite3*"):
        leftover.unlink()
    return [
        Figure(
            "import a bundle into an empty folder",
            size,
            records / import_s,
            "records/s",
            "raw sqlite3 executemany of the same rows",
            records / raw_s,
            ">= 0.5 of the baseline",
            records / import_s >= 0.5 * records / raw_s,
            1,
            f"{records:,} records in {import_s:.1f} s (raw: {raw_s:.1f} s)",
        )
    ]


def main(argv: list[str]) -> None:
    import tempfile

    services = open_services(AppPaths(Path(argv[0])), startup_backup=False)
    size = sum(services.info().record_counts.values())
    with tempfile.TemporaryDirectory(prefix="secor-bench-") as tmp:
        for f in measure(services, size, Path(tmp)):
            print(f"{f.name}: {f.value:,.0f} {f.unit}, {f.ratio:.3f}x {f.baseline_name}; {f.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
