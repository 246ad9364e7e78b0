"""Text search across every record, answered by the full-text index (SQLite FTS5).

Run: .venv/bin/python -m tests.benchmarks.bench_search DATA_DIR

Through ``services.search.search`` (the count of matches and the 50 newest, as records), for
a rare word (about one record in a hundred), a common one and a site name. The baseline, in
the same run on the same rows: what the search cost before the index, a bare ``sqlite3``
``LIKE '%word%'`` scan over the titles and bodies (count and the 50 newest).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

from secor_desktop.services.facade import Services
from tests.benchmarks.figures import Figure, median_seconds

REPEAT = 7
WORDS = (
    ("rare word", "chimney"),
    ("common word", "harness"),
    ("site name", "Lakeview"),
)
TARGET_MS = 50


def measure(services: Services, size: int, *, repeat: int = REPEAT) -> list[Figure]:
    conn = sqlite3.connect(f"file:{services.locations.database}?mode=ro", uri=True)
    figures = []
    for label, word in WORDS:
        services.search.search(word)  # the first query of a word warms the page cache
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            results = services.search.search(word)
            times.append((time.perf_counter() - start) * 1000)
        like = f"%{word}%"

        def scan(like: str = like) -> None:
            where = "title LIKE ? OR body_json LIKE ?"
            conn.execute(f"SELECT count(*) FROM records WHERE {where}", (like, like)).fetchall()
            conn.execute(
                f"SELECT * FROM records WHERE {where} ORDER BY rowid DESC LIMIT 50", (like, like)
            ).fetchall()

        base = median_seconds(scan, max(3, repeat // 2)) * 1000
        value = statistics.median(times)
        figures.append(
            Figure(
                f"search all records: {label} '{word}'",
                size,
                value,
                "ms",
                "bare sqlite3 LIKE scan (count and 50 newest)",
                base,
                f"< {TARGET_MS} ms",
                value < TARGET_MS,
                repeat,
                f"{results.total:,} matches; count and the 50 newest as records",
            )
        )
    conn.close()
    return figures


def main(argv: list[str]) -> None:
    from secor_desktop.app.bootstrap import open_services
    from secor_desktop.app.paths import AppPaths

    services = open_services(AppPaths(Path(argv[0])), startup_backup=False)
    size = sum(services.info().record_counts.values())
    for f in measure(services, size):
        print(f"{f.name}: {f.value:.1f} ms, {f.ratio:.2f}x {f.baseline_name}; {f.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
