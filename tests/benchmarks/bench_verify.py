"""``verify`` over every revision of a large company, against hashing the same bytes alone.

Run: .venv/bin/python -m tests.benchmarks.bench_verify DATA_DIR

``services.verify()`` recomputes every content hash and chain link, compares every entity's
current tables with its newest revision, and checks every photo and signature file. The
baseline, in the same run: ``hashlib.sha256`` over the same bytes ``verify`` must hash, already
in memory: every revision document, every chain link, and every photo and signature file the
records use (read before the clock starts). That is the least any check must do. Both are
given in revisions per second.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from pathlib import Path

from secor_desktop.services.facade import Services
from tests.benchmarks.figures import Figure, median_seconds


def hash_alone(documents: list[tuple[bytes, bytes]], files: list[bytes]) -> None:
    prev = bytes(32)
    for document, content in documents:
        hashlib.sha256(document).digest()
        prev = hashlib.sha256(prev + content).digest()
    for data in files:
        hashlib.sha256(data).digest()


def measure(services: Services, size: int, *, repeat: int = 1) -> list[Figure]:
    conn = sqlite3.connect(f"file:{services.locations.database}?mode=ro", uri=True)
    documents = [
        (doc.encode("utf-8"), bytes.fromhex(sha))
        for doc, sha in conn.execute("SELECT document, content_sha256 FROM revisions ORDER BY seq")
    ]
    used = conn.execute(
        "SELECT sha256 FROM attachments UNION SELECT image_sha256 FROM signatures"
    ).fetchall()
    conn.close()
    blobs = services.locations.blobs
    files = [(blobs / sha[:2] / sha).read_bytes() for (sha,) in used]
    revisions = len(documents)
    times = []
    report = None
    for _ in range(repeat):
        start = time.perf_counter()
        report = services.verify()
        times.append(time.perf_counter() - start)
    assert report is not None and report.ok, report and report.problems[:3]
    verify_s = sorted(times)[len(times) // 2]
    base_s = median_seconds(lambda: hash_alone(documents, files), 3)
    return [
        Figure(
            "verify: every revision, entity and file",
            size,
            revisions / verify_s,
            "revisions/s",
            "hashlib.sha256 alone over the same bytes",
            revisions / base_s,
            repeats=repeat,
            note=(
                f"{revisions:,} revisions and {report.files_checked:,} files"
                f" ({sum(map(len, files)) / 1e6:.1f} MB) in {verify_s:.1f} s"
            ),
        )
    ]


def main(argv: list[str]) -> None:
    from secor_desktop.app.bootstrap import open_services
    from secor_desktop.app.paths import AppPaths

    services = open_services(AppPaths(Path(argv[0])), startup_backup=False)
    size = sum(services.info().record_counts.values())
    for f in measure(services, size):
        print(f"{f.name}: {f.value:,.0f} {f.unit}, {f.ratio:.3f}x {f.baseline_name}; {f.note}")


if __name__ == "__main__":
    main(sys.argv[1:])
