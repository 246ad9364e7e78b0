"""The suite's verdicts: issue 20's goals attached to the figures, the growth check from the
smallest to the largest data set, and the tables (console and README-ready markdown).

Kept apart from the measuring modules so that a goal is stated once, here, in the issue's own
words, whatever target text an older measuring module still carries.

Goals (issue 20, "Instant at ten years of records"); the sizes are the data sets' nominal ones
(10,000 / 100,000 / 1,000,000; a data set of up to ``SMALL_UP_TO`` records is held to the
100,000 bound, which a smaller company must meet as well):
- startup to the first painted window <= 3x a bare PySide6 window (usual start, backup due,
  after an unclean exit), at every size;
- dashboard shown the first time < 1.5 s up to 100,000, < 10 s at 1,000,000; after a save
  < 150 ms up to 100,000 (at 1,000,000 the issue sets no bound: its growth is checked);
- peak memory of the app in use < 300 MB up to 100,000, < 1 GB at 1,000,000;
- longest GUI-thread stall < 50 ms, judged on the worst run when the figure names it;
- verify >= 0.05x hashlib alone, at every size;
- import >= 0.5x raw executemany up to 100,000 (at 1,000,000 its growth is checked);
- every figure grows linearly or better: see ``GROWTH``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tests.benchmarks.figures import Figure

SMALL_UP_TO = 500_000
"""Data sets up to this many records are held to the issue's 100,000 bounds."""
MB_PER_GB = 1024  # the probes report MiB (VmHWM / 1024)

# -- goals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """One of the issue's goals: the figures it applies to and its bound at a given size."""

    prefix: str  # the figures whose name starts with this
    judge: Callable[[Figure], tuple[str, bool] | None]  # (target in words, met) or no bound


def _ratio_at_most(limit: float, words: str) -> Callable[[Figure], tuple[str, bool] | None]:
    def judge(f: Figure) -> tuple[str, bool] | None:
        return words, f.ratio is not None and f.ratio <= limit

    return judge


def _ratio_at_least(
    limit: float, words: str, small_only: bool = False
) -> Callable[[Figure], tuple[str, bool] | None]:
    def judge(f: Figure) -> tuple[str, bool] | None:
        if small_only and f.size > SMALL_UP_TO:
            return None
        return words, f.ratio is not None and f.ratio >= limit

    return judge


Judge = Callable[[Figure], "tuple[str, bool] | None"]


def _below(small: float | None, large: float | None, unit: str) -> Judge:
    def judge(f: Figure) -> tuple[str, bool] | None:
        bound = small if f.size <= SMALL_UP_TO else large
        if bound is None:
            return None
        shown = f"{bound / MB_PER_GB:g} GB" if unit == "MB" and bound >= MB_PER_GB else None
        if unit == "ms" and bound >= 1000:
            shown = f"{bound / 1000:g} s"
        return f"< {shown or f'{bound:g} {unit}'}", f.value < bound

    return judge


WORST = re.compile(r"([\d,.]+) ms \(worst\)|worst[^:\d]*:\s*([\d,.]+) ms")


def worst_stall(f: Figure) -> float:
    """The worst run's stall when the figure's note gives it, else the figure's value."""
    found = WORST.search(f.note)
    if not found:
        return f.value
    return float((found.group(1) or found.group(2)).replace(",", ""))


def _stall(f: Figure) -> tuple[str, bool]:
    return "< 50 ms (worst run)", worst_stall(f) < 50


GOALS: tuple[Goal, ...] = (
    Goal("startup to the first painted window", _ratio_at_most(3, "<= 3x bare (2x the aim)")),
    Goal("dashboard shown, first time", _below(1500, 10_000, "ms")),
    Goal("dashboard shown after a save", _below(150, None, "ms")),
    Goal("peak memory", _below(300, MB_PER_GB, "MB")),
    Goal("verify", _ratio_at_least(0.05, ">= 0.05x hashlib")),
    Goal("import", _ratio_at_least(0.5, ">= 0.5x executemany", small_only=True)),
)


def judge(f: Figure) -> Figure:
    """The figure with the issue's goal as its target (and met), when one applies to it.

    Figures the issue sets no goal for keep the target their module gives them; a goal the
    issue sets only at some sizes (import, dashboard after a save) leaves the others without
    a target rather than with an older one."""
    if "stall" in f.name:
        target, met = _stall(f)
        return replace(f, target=target, met=met)
    for goal in GOALS:
        if f.name.startswith(goal.prefix):
            verdict = goal.judge(f)
            if verdict is None:
                return replace(f, target="", met=None)
            return replace(f, target=verdict[0], met=verdict[1])
    return f


ISSUE_GOALS = (
    "startup to the first painted window",
    "dashboard shown, first time",
    "dashboard shown after a save",
    "peak memory",
    "stall",
    "verify",
    "import",
)
"""What the goal summary must show at each size, measured or not."""


def issue_figure(f: Figure) -> bool:
    return any(f.name.startswith(p) or (p == "stall" and p in f.name) for p in ISSUE_GOALS)


# -- growth -------------------------------------------------------------------------------------

LINEAR = "linear"
PER_REQUEST = "per request"
RATE = "rate"
NOISE = 1.25
"""Allowance for a shared, noisy machine on the linear and rate checks (the growth itself is
always printed beside its limit)."""

GROWTH: tuple[tuple[str, str], ...] = (
    # What the user waits for on one action: must not do work in proportion to the records.
    ("startup to the first painted window", PER_REQUEST),
    ("readiness via services, after a save", PER_REQUEST),
    ("dashboard shown after a save", PER_REQUEST),
    ("list: first rows", PER_REQUEST),
    ("stall", PER_REQUEST),
    # Work over every record (a scan, a count of every match, an aggregate, memory that holds
    # what is on screen plus caches): linear is the goal's bound.
    ("startup integrity check", LINEAR),
    ("peak memory", LINEAR),
    ("readiness", LINEAR),
    ("dashboard shown, first time", LINEAR),
    ("list: scroll to the end", LINEAR),
    ("list: search", LINEAR),
    ("search all records", LINEAR),
)
"""How a figure may grow with the records (first matching prefix; "stall" anywhere in the
name); a figure per second (records/s, revisions/s) is a ``RATE``, any other ``LINEAR``:
- ``LINEAR``: value at the largest set / at the smallest <= records ratio x ``NOISE``;
- ``PER_REQUEST``: growth <= the square root of the records ratio (10x for 100x records):
  "well below linear": a figure doing work in proportion to the records fails it;
- ``RATE``: a rate of work over every record must not fall: growth >= 1 / ``NOISE``."""


def growth_kind(f: Figure) -> str:
    for prefix, kind in GROWTH:
        if (prefix == "stall" and "stall" in f.name) or f.name.startswith(prefix):
            return kind
    return RATE if f.unit.endswith("/s") else LINEAR


@dataclass(frozen=True)
class Growth:
    name: str
    kind: str
    small: int  # records in the smallest data set
    large: int  # records in the largest
    growth: float  # value at large / value at small
    limit: float  # the bound the growth is held to (at most, or at least for a rate)

    @property
    def records_ratio(self) -> float:
        return self.large / self.small

    @property
    def met(self) -> bool:
        return self.growth >= self.limit if self.kind == RATE else self.growth <= self.limit

    def words(self) -> str:
        bound = ">=" if self.kind == RATE else "<="
        verdict = "yes" if self.met else "NO"
        return (
            f"{self.growth:,.2f}x for {self.records_ratio:,.0f}x records "
            f"({self.kind}: {bound} {self.limit:,.2f}x): {verdict}"
        )


def growth_limit(kind: str, records_ratio: float) -> float:
    if kind == RATE:
        return 1 / NOISE
    if kind == PER_REQUEST:
        return math.sqrt(records_ratio)
    return records_ratio * NOISE


def growths(figures: list[Figure]) -> dict[str, Growth]:
    """Per figure name, its growth from the smallest to the largest data set it was measured
    on (only figures measured on at least two data sets; the pack's, size 0, have none)."""
    by_name: dict[str, dict[int, Figure]] = {}
    for f in figures:
        if f.size > 0:
            by_name.setdefault(f.name, {})[f.size] = f
    out = {}
    for name, sized in by_name.items():
        if len(sized) < 2:
            continue
        small, large = min(sized), max(sized)
        if sized[small].value <= 0:
            continue
        kind = growth_kind(sized[small])
        ratio = large / small
        out[name] = Growth(
            name,
            kind,
            small,
            large,
            sized[large].value / sized[small].value,
            growth_limit(kind, ratio),
        )
    return out


# -- tables -------------------------------------------------------------------------------------


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def ratio_text(f: Figure) -> str:
    r = f.ratio
    if r is None:
        return "—"
    return f"{r:.3f}x" if r < 0.1 else f"{r:.2f}x"


def met_text(met: bool | None, *, markdown: bool = False) -> str:
    if met is None:
        return ""
    return "yes" if met else ("**no**" if markdown else "NO")


def console_table(figures: list[Figure]) -> str:
    head = ("size", "figure", "value", "baseline", "ratio", "target", "met")
    rows = [head]
    for f in figures:
        rows.append(
            (
                f"{f.size:,}",
                f.name,
                fmt(f.value, f.unit),
                f"{fmt(f.baseline, f.unit)} ({f.baseline_name})" if f.baseline_name else "—",
                ratio_text(f),
                f.target or "—",
                met_text(f.met),
            )
        )
    widths = [min(max(len(r[i]) for r in rows), 70) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines).rstrip()


def goal_lines(figures: list[Figure], sizes: list[int]) -> list[str]:
    """One line per goal of the issue and data set: value, ratio, target, yes/no; a goal a
    data set has no figure for says NOT MEASURED (a failed measurement must not vanish)."""
    lines = []
    for size in sizes:
        here = [f for f in figures if f.size == size]
        for prefix in ISSUE_GOALS:
            found = [
                f
                for f in here
                if (prefix == "stall" and "stall" in f.name) or f.name.startswith(prefix)
            ]
            if not found:
                lines.append(f"{size:>9,}  {prefix}: NOT MEASURED")
            for f in found:
                ratio = f" ({ratio_text(f)} {f.baseline_name})" if f.ratio is not None else ""
                if "stall" in f.name:
                    ratio = f" (median of runs; worst run {fmt(worst_stall(f), 'ms')})"
                if f.met is None:
                    verdict = "no bound at this size (growth only)"
                else:
                    verdict = f"{f.target}: {met_text(f.met)}"
                lines.append(f"{size:>9,}  {f.name}: {fmt(f.value, f.unit)}{ratio}; {verdict}")
    return lines


def _cell(f: Figure | None) -> str:
    if f is None:
        return "—"
    parts = [fmt(f.value, f.unit)]
    if "stall" in f.name:
        parts.append(f"worst run {fmt(worst_stall(f), 'ms')}")
    if f.ratio is not None:
        parts.append(f"{fmt(f.baseline, f.unit)}: {ratio_text(f)}")
    if f.met is not None:
        parts.append(f"{f.target}: {met_text(f.met, markdown=True)}")
    return "<br>".join(parts).replace("|", "\\|")


def markdown(figures: list[Figure]) -> str:
    """A README-ready table: one row per figure, one column per data set (value; baseline
    and ratio; target and whether it is met), then the growth from the smallest set to the
    largest."""
    sizes = sorted({f.size for f in figures})
    names: list[str] = []
    at: dict[tuple[str, int], Figure] = {}
    baseline: dict[str, str] = {}
    for f in figures:
        if f.name not in names:
            names.append(f.name)
        at[(f.name, f.size)] = f
        if f.baseline_name:
            baseline.setdefault(f.name, f.baseline_name)
    grown = growths(figures)
    sized = [s for s in sizes if s > 0]
    span = f"growth {sized[0]:,} → {sized[-1]:,}" if len(sized) > 1 else "growth"
    heads = [
        "figure",
        "baseline (same run)",
        *(f"{s:,} records" if s else "no data set" for s in sizes),
        span,
    ]
    lines = ["| " + " | ".join(heads) + " |", "| " + " | ".join(["---"] * len(heads)) + " |"]
    for name in names:
        g = grown.get(name)
        growth = "—"
        if g is not None:
            growth = g.words().replace(": NO", ": **no**")
        cells = [name, baseline.get(name, "—"), *(_cell(at.get((name, s))) for s in sizes), growth]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells[:2]) + " | ")
        lines[-1] += " | ".join(cells[2:]) + " |"
    return "\n".join(lines)


LEGEND = (
    "Each cell: the median; the baseline measured in the same run and the ratio to it; the "
    "issue's target and whether it is met. Growth: the value on the largest data set over "
    "the value on the smallest, against the records ratio. *Linear* (work over every "
    f"record): at most the records ratio (x{NOISE} for a shared machine); *per request* (what "
    "one action waits for): at most its square root, well below linear; *rate* (per second "
    f"over every record): must not fall (at least 1/{NOISE})."
)


def summary(figures: list[Figure], sizes: list[int]) -> str:
    """The console report: every figure, then the growth lines, then the issue's goals."""
    grown = growths(figures)
    lines = [console_table(figures), ""]
    lines.append(
        "Growth from the smallest data set to the largest (see tests/benchmarks/report.py):"
    )
    lines += [f"growth: {g.name}: {g.words()}" for g in grown.values()]
    lines += ["", "Goals of issue 20 (the issue's bounds; ratios to the same run's baselines):"]
    lines += [f"goal: {line}" for line in goal_lines(figures, sizes)]
    return "\n".join(lines)


def load(paths: list[str]) -> list[Figure]:
    """The figures of earlier runs' JSON files (``scripts/bench --json``), judged again; of
    two figures with the same name and size, the later file's."""
    import json
    from pathlib import Path

    figures: dict[tuple[str, int], Figure] = {}
    for path in paths:  # a later run's figure replaces an earlier one of the same name and size
        for data in json.loads(Path(path).read_text())["figures"]:
            data.pop("ratio", None)
            f = judge(Figure(**data))
            figures[(f.name, f.size)] = f
    return list(figures.values())


def main(argv: list[str]) -> None:
    """Run: python -m tests.benchmarks.report RUN.json [RUN.json...] (e.g. one run of
    10,000 and 100,000 and one of 1,000,000): the summary, then the markdown table."""
    figures = load(argv)
    sizes = sorted({f.size for f in figures if f.size > 0})
    print(summary(figures, sizes))
    print()
    print(markdown(figures))
    print()
    print(LEGEND)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
