"""The evidence pack: pages per second against bare ReportLab, and peak memory.

Run: .venv/bin/python -m tests.benchmarks.bench_pack [WORK_DIR]
(the suite, ``tests.benchmarks.suite``, calls ``measure(work)``).

Two packs, each exported end to end (``EvidencePackService.export``: read the database, build
the pack, lay it out, attach the ledger, write the file) in a child process, which reports its
wall time, pages and peak resident memory (``VmHWM``):
- the demo company's twelve months (``secor-desktop demo``, about 500 records);
- 10,000 records: a synthetic company from ``tests.benchmarks.generate`` (ten years of
  records), packed over its whole span.
The baseline, in the same run: a bare ReportLab ``SimpleDocTemplate`` of the same paragraphs
and tables (the same texts, styles, cells, column widths and table commands, taken from the
pack's own story), built from scratch and timed from making the flowables to the last byte.
It has none of the pack's machinery: no images, charts or contents page, no page numbers, no
bookmarks, no pieces built late, no glyph check, no ledger. Target: the pack at least 0.7 of
the baseline's pages per second, and under 500 MB at its peak.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tables import LongTable

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.pdf import story
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import MARGIN, Deferred
from secor_desktop.export.pdf_images import Pictures
from secor_desktop.export.pdf_styles import FONT, Styles
from secor_desktop.export.pdf_table import PackTable
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.evidence_pack import EvidencePackService
from tests.benchmarks.figures import Figure

DEMO_NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)
RATIO_TARGET = 0.7
MEMORY_TARGET_MB = 500
BIG = 10_000

Spec = tuple[Any, ...]


# --- the baseline: the same paragraphs and tables, bare -----------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, Paragraph):
        return ("p", value.text, value.style)
    if isinstance(value, list | tuple):  # a cell holding flowables: keep the paragraphs
        return [_cell(v) for v in value if isinstance(v, Paragraph)]
    if isinstance(value, Flowable):
        return ""  # a photo or signature: not a paragraph or table
    return value


def _walk(flowable: Flowable, out: list[Spec]) -> None:
    if isinstance(flowable, Deferred):
        for f in flowable.build():
            _walk(f, out)
    elif isinstance(flowable, Paragraph):
        out.append(("p", flowable.text, flowable.style))
    elif isinstance(flowable, PackTable):
        rows = [[_cell(c) for c in row] for row in flowable._cellvalues]
        out.append(
            ("t", rows, list(flowable._colWidths), flowable.repeatRows, flowable.style_commands)
        )
    elif isinstance(flowable, KeepTogether):
        for f in flowable._content:
            _walk(f, out)
    elif isinstance(flowable, Spacer | PageBreak | CondPageBreak):
        out.append(("f", flowable))


def bare_spec(pack: EvidencePack) -> list[Spec]:
    """The pack's paragraphs and tables as plain data (texts, styles, cells, commands)."""
    ctx = Ctx(pack, Styles(), Pictures(None, lambda _warning: None))
    out: list[Spec] = []
    for flowable in story(ctx):
        _walk(flowable, out)
    return out


def _make(spec: Any) -> Any:
    if isinstance(spec, list):
        return [_make(s) for s in spec]
    if not isinstance(spec, tuple):
        return spec
    if spec[0] == "p":
        return Paragraph(spec[1], spec[2])
    if spec[0] == "t":
        _, rows, widths, repeat, commands = spec
        cells = [[_make(c) for c in row] for row in rows]
        return LongTable(cells, colWidths=widths, repeatRows=repeat, style=TableStyle(commands))
    return spec[1]


def build_bare(spec: list[Spec]) -> tuple[int, int]:
    """Lay the paragraphs and tables out with plain ReportLab; (pages, bytes)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        initialFontName=FONT,
        invariant=1,
    )
    doc.build([_make(s) for s in spec])
    return doc.page, len(buffer.getvalue())


# --- ours, end to end, in a child process ---------------------------------------------------


def _peak_rss_kb() -> int:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux carries that across
    ``exec``, so a child started by a large parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(data_dir: Path, now: datetime, start: date | None, end: date | None, out: Path) -> None:
    services = open_services(AppPaths(data_dir), FixedClock(now), startup_backup=False)
    began = time.perf_counter()
    summary = EvidencePackService(services.ctx).export(
        out, services.framework(), period_from=start, period_to=end
    )
    seconds = time.perf_counter() - began
    peak_kb = _peak_rss_kb()
    print(
        json.dumps(
            {
                "pages": summary.pages,
                "records": summary.records,
                "seconds": seconds,
                "peak_mb": peak_kb / 1024,
                "bytes": out.stat().st_size,
            }
        )
    )


def export_in_child(
    data_dir: Path, now: datetime, start: date | None, end: date | None, out: Path
) -> dict[str, Any]:
    args = [str(data_dir), now.isoformat(), str(start or ""), str(end or ""), str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_pack", "--child", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare(
    name: str, data_dir: Path, now: datetime, start: date | None, end: date | None, out: Path
) -> list[Figure]:
    ours = export_in_child(data_dir, now, start, end, out)
    services = open_services(AppPaths(data_dir), FixedClock(now), startup_backup=False)
    pack = EvidencePackService(services.ctx).build(
        services.framework(), period_from=start, period_to=end
    )
    spec = bare_spec(pack)
    began = time.perf_counter()
    pages, size = build_bare(spec)
    bare_s = time.perf_counter() - began
    ours_rate = ours["pages"] / ours["seconds"]
    bare_rate = pages / bare_s
    note = (
        f"{ours['records']:,} records: pack {ours['pages']} pages in {ours['seconds']:.1f} s "
        f"({ours['bytes'] / 1e6:.1f} MB), bare {pages} pages in {bare_s:.1f} s "
        f"({size / 1e6:.1f} MB)"
    )
    return [
        Figure(
            name=f"evidence pack, {name}",
            size=ours["records"],
            value=ours_rate,
            unit="pages/s",
            baseline_name="bare ReportLab, same paragraphs and tables",
            baseline=bare_rate,
            target=f"ratio >= {RATIO_TARGET}",
            met=ours_rate / bare_rate >= RATIO_TARGET,
            note=note,
        ),
        Figure(
            name=f"evidence pack peak memory, {name}",
            size=ours["records"],
            value=ours["peak_mb"],
            unit="MB",
            target=f"< {MEMORY_TARGET_MB} MB",
            met=ours["peak_mb"] < MEMORY_TARGET_MB,
            note="whole export process (Python, Qt-free), VmHWM",
        ),
    ]


def _demo(folder: Path) -> Path:
    data = folder / "data"
    if not (folder / "ready").exists():
        from secor_desktop.services.demo import build_demo

        services = open_services(AppPaths(data), FixedClock(DEMO_NOW), startup_backup=False)
        build_demo(services, seed=1)
        (folder / "ready").write_text("demo seed 1\n")
    return data


def _big(folder: Path) -> tuple[Path, date, date]:
    from tests.benchmarks.generate import generate

    data = folder / "data"
    marker = folder / "ready.json"
    if not marker.exists():
        made = generate(data, BIG)
        marker.write_text(
            json.dumps({"first": made.first_day.isoformat(), "last": made.last_day.isoformat()})
        )
    span = json.loads(marker.read_text())
    return data, date.fromisoformat(span["first"]), date.fromisoformat(span["last"])


def measure(work: Path) -> list[Figure]:
    work.mkdir(parents=True, exist_ok=True)
    figures = compare(
        "demo company, 12 months", _demo(work / "demo"), DEMO_NOW, None, None, work / "demo.pdf"
    )
    data, first, last = _big(work / f"records-{BIG}")
    now = datetime(last.year, last.month, last.day, 23, 59, tzinfo=UTC)
    figures += compare(f"{BIG:,} records", data, now, first, last, work / "big.pdf")
    return figures


def table(figures: list[Figure]) -> str:
    lines = [f"{'figure':<46} {'value':>12} {'baseline':>12} {'ratio':>6}  target  met"]
    for f in figures:
        base = f"{f.baseline:.1f}" if f.baseline is not None else ""
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        lines.append(
            f"{f.name:<46} {f.value:>8.1f} {f.unit:<3} {base:>12} {ratio:>6}  "
            f"{f.target:<12} {'yes' if f.met else 'NO'}"
        )
        if f.note:
            lines.append(f"    {f.note}")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        folder, now_text, start_text, end_text, out_text = sys.argv[2:7]
        _child(
            Path(folder),
            datetime.fromisoformat(now_text),
            date.fromisoformat(start_text) if start_text else None,
            date.fromisoformat(end_text) if end_text else None,
            Path(out_text),
        )
    else:
        import tempfile

        work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
        print(table(measure(work)))
