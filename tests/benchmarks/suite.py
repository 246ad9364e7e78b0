"""Every benchmark in one run, at several sizes, each figure beside its baseline.

Run: scripts/bench [--sizes 10000,100000,1000000] [--json out.json] [--work DIR]

For each size a synthetic company is generated (``tests.benchmarks.generate``; kept in the
work folder and reused by the next run) and measured: startup and memory (in child
processes), readiness, the FLHA list, text search, import, verify and the dashboard; the
evidence pack figures come from ``bench_pack`` when it is there. Each figure is the median of
repeats, beside a baseline measured in the same run on the same machine (machines are
shared and noisy: read the ratios). At 1,000,000 records the slowest measurements (startup
and memory, readiness and the dashboard, import, verify) are skipped, and the output says so;
the other sizes show how their cost grows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests.benchmarks import (
    bench_dashboard,
    bench_gui_list,
    bench_import,
    bench_readiness,
    bench_search,
    bench_startup,
    bench_verify,
)
from tests.benchmarks.figures import Figure
from tests.benchmarks.generate import AS_OF, GENERATOR_VERSION, generate

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
FULL_UP_TO = 100_000
"""Above this size the slowest measurements are skipped (see ``SLOW``)."""
SLOW = (
    "startup and peak memory (the first start backs up the whole 6 GB file)",
    "readiness and the dashboard (they read and keep every record: minutes and gigabytes)",
    "import",
    "verify",
)
DATASET_FILE = "bench-dataset.json"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    memory_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    import sqlite3

    import PySide6

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_gb, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlite": sqlite3.sqlite_version,
    }


def dataset(work: Path, size: int) -> tuple[Path, int, float | None]:
    """The data folder for ``size`` (made now, or kept from an earlier run): (folder, records,
    seconds it took to make, None when reused)."""
    folder = work / f"company-{size}"
    marker = folder / DATASET_FILE
    if marker.is_file():
        info = json.loads(marker.read_text())
        if info.get("generator") == GENERATOR_VERSION and info.get("size") == size:
            return folder, int(info["records"]), None
    shutil.rmtree(folder, ignore_errors=True)
    made = generate(folder, size)
    marker.write_text(
        json.dumps(
            {
                "generator": GENERATOR_VERSION,
                "size": size,
                "records": made.records,
                "revisions": made.revisions,
                "seconds": round(made.seconds, 1),
            }
        )
    )
    return folder, made.records, made.seconds


def services_on(folder: Path) -> Services:
    clock = FixedClock(datetime(AS_OF.year, AS_OF.month, AS_OF.day, 17, tzinfo=UTC))
    return open_services(AppPaths(folder), clock, startup_backup=False)


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def table(figures: list[Figure]) -> str:
    head = ("size", "figure", "value", "baseline", "ratio", "target", "met")
    rows = [head]
    for f in figures:
        met = "" if f.met is None else ("yes" if f.met else "NO")
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        rows.append(
            (
                f"{f.size:,}",
                f.name,
                fmt(f.value, f.unit),
                f"{fmt(f.baseline, f.unit)} ({f.baseline_name})" if f.baseline_name else "—",
                ratio,
                f.target or "—",
                met,
            )
        )
    widths = [min(max(len(r[i]) for r in rows), 70) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: list[Figure]) -> str:
    lines = [
        "| records | figure | median | baseline (same run) | ratio | target | met |",
        "| ---: | --- | ---: | --- | ---: | --- | --- |",
    ]
    for f in figures:
        base = f"{fmt(f.baseline, f.unit)}: {f.baseline_name}" if f.baseline_name else "—"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(
            f"| {f.size:,} | {f.name} | {fmt(f.value, f.unit)} | {base} | {ratio} | "
            f"{f.target or '—'} | {met} |"
        )
    return "\n".join(lines)


Attempt = Callable[[str, int, Callable[[], list[Figure]]], None]


def measure_size(folder: Path, records: int, work: Path, full: bool, attempt: Attempt) -> None:
    """Every measurement on one data set (the slow ones only when ``full``)."""
    services = services_on(folder)
    repeat = 3 if full else 1
    attempt(
        "startup checks",
        records,
        lambda: bench_startup.measure_checks(folder, records, repeat=repeat),
    )
    if full:
        attempt("startup", records, lambda: bench_startup.measure(folder, records))
        attempt("readiness", records, lambda: bench_readiness.measure(services, records))
    attempt("list", records, lambda: bench_gui_list.measure(services, records))
    attempt("search", records, lambda: bench_search.measure(services, records))
    if full:
        attempt("dashboard", records, lambda: bench_dashboard.measure_services(services, records))
        attempt("import", records, lambda: bench_import.measure(services, records, work))
        attempt("verify", records, lambda: bench_verify.measure(services, records))


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages, less the offscreen platform's note on every window it shows."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


def run(sizes: list[int], work: Path, out: Path | None, *, pack: bool = True) -> int:
    qInstallMessageHandler(_qt_message)
    QApplication.instance() or QApplication(sys.argv[:1])
    began = time.perf_counter()
    figures: list[Figure] = []
    skipped: list[str] = []
    failures: list[str] = []
    notes: list[str] = []

    def attempt(label: str, size: int, fn: Callable[[], list[Figure]]) -> None:
        step = time.perf_counter()
        print(f"  {label} ...", end="", flush=True)
        try:
            got = fn()
        except Exception as exc:  # one broken measurement must not lose the others
            failures.append(f"{size:,}: {label}: {exc!r}")
            traceback.print_exc()
            print(" FAILED", flush=True)
            return
        figures.extend(got)
        print(f" {time.perf_counter() - step:.0f} s", flush=True)

    try:
        from tests.benchmarks import bench_pack  # written separately; optional here
    except ImportError:
        skipped.append("evidence pack figures (tests/benchmarks/bench_pack.py is not there)")
    else:
        if not pack:
            skipped.append("evidence pack figures (--skip-pack)")
        else:
            # First, while this process is small: the pack's child processes start from it.
            print("== evidence pack", flush=True)
            attempt("pack", 0, lambda: bench_pack.measure(work / "pack"))

    for size in sizes:
        print(f"== {size:,} records", flush=True)
        folder, records, made_s = dataset(work, size)
        reused = made_s is None
        if made_s is None:
            made_s = float(json.loads((folder / DATASET_FILE).read_text())["seconds"])
        notes.append(
            f"{size:,}: data set {'reused from an earlier run' if reused else 'generated'}"
            f" ({records:,} records, made in {made_s:.0f} s): {folder}"
        )
        figures.append(
            Figure(
                "generate the data set",
                records,
                records / made_s,
                "records/s",
                target="100,000 in under a minute" if size == 100_000 else "",
                met=made_s < 60 if size == 100_000 else None,
                note=f"{made_s:.0f} s{' (an earlier run)' if reused else ''}; verify passes",
            )
        )
        if size > FULL_UP_TO:
            skipped.append(f"{size:,}: {'; '.join(SLOW)}")
        measure_size(folder, records, work, size <= FULL_UP_TO, attempt)
    print()
    print(table(figures))
    print()
    for line in notes:
        print(f"note: {line}")
    for line in skipped:
        print(f"skipped: {line}")
    for line in failures:
        print(f"FAILED: {line}")
    info = machine()
    elapsed = time.perf_counter() - began
    print(
        f"machine: {info['cpus']} CPUs, {info['cpu']}, {info['memory_gb']} GB; "
        f"Python {info['python']}, PySide6 {info['pyside6']}, SQLite {info['sqlite']}; "
        f"{elapsed / 60:.1f} min"
    )
    if out is not None:
        out.write_text(
            json.dumps(
                {
                    "when": datetime.now(UTC).isoformat(timespec="seconds"),
                    "machine": info,
                    "sizes": sizes,
                    "minutes": round(elapsed / 60, 1),
                    "figures": [f.as_json() for f in figures],
                    "notes": notes,
                    "skipped": skipped,
                    "failed": failures,
                },
                indent=1,
            )
        )
        (out.with_suffix(".md")).write_text(markdown(figures) + "\n")
        print(f"wrote {out} and {out.with_suffix('.md')}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="record counts to measure at, comma-separated (default %(default)s)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here (and a .md)")
    parser.add_argument(
        "--skip-pack", action="store_true", help="leave out the evidence pack figures (~5 min)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "secor-desktop-bench",
        help="where the data sets are made and kept between runs (default %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or any(s < 1_000 for s in sizes):
        parser.error("each size must be at least 1000 records")
    args.work.mkdir(parents=True, exist_ok=True)
    return run(sizes, args.work, args.json, pack=not args.skip_pack)


if __name__ == "__main__":
    sys.exit(main())
