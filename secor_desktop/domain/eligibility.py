"""SECOR headcount test: the most workers on the roster at once in the lookback window.

Partners count everyone the safety program covered *at any time* in the past 12 months, so the
figure that matters is the peak, not today's roster. The result warns but never decides: a
company near the limit must settle SECOR or COR with its certifying partner.

The window is calendar months (see ``months``): from the same day ``lookback`` months before
``as_of`` through ``as_of``, both days included. A worker's ``end`` is their last working day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from secor_desktop.domain.kinds import EmploymentType, Province
from secor_desktop.domain.months import add_months
from secor_desktop.domain.provinces import ProvinceRules

_DAY = timedelta(days=1)


class EligibilityStatus(StrEnum):
    SECOR = "secor"
    NEAR_LIMIT = "near_limit"
    ABOVE_LIMIT = "above_limit"
    NO_SECOR_PROGRAM = "no_secor_program"


@dataclass(frozen=True)
class WorkerSpan:
    """One stretch of employment; a rehired worker may have several with the same id."""

    worker_id: int | str
    name: str
    employment_type: EmploymentType
    start: date
    end: date | None = None


@dataclass(frozen=True)
class PartySpan:
    """Another workplace party on the company's sites from ``start`` to ``end`` (None: still
    there), with the people it sends (none listed: one person, a self-employed worker).
    ``counts`` None follows the province rule; True or False is the company's own answer."""

    party_id: str
    name: str
    people: tuple[str, ...]
    start: date
    end: date | None = None
    counts: bool | None = None


@dataclass(frozen=True)
class DateRange:
    """Consecutive days, both ends included."""

    first: date
    last: date


@dataclass(frozen=True)
class EligibilityReport:
    province: Province
    as_of: date
    window_first: date
    window_last: date
    peak_headcount: int
    peak_ranges: tuple[DateRange, ...]
    """Every stretch of days at the peak, oldest first; empty when nobody counted."""
    peak_workers: tuple[str, ...]
    """Names of the workers counted on the first peak day."""
    not_counted: tuple[str, ...]
    """Names left out because the rules do not count their employment type."""
    limit: int | None
    status: EligibilityStatus
    message: str
    source: str
    peak_day: date | None = None
    """The first day at the peak: ``peak_workers`` are the people on the roster that day."""
    counting_rule: str = ""
    """How the figure is counted, in words, for every screen that shows it."""
    parties_counted: tuple[str, ...] = ()
    """The other workplace parties whose people are in the figure."""

    @property
    def first_peak_date(self) -> date | None:
        return self.peak_ranges[0].first if self.peak_ranges else None


def _merged_spans(
    spans: Iterable[WorkerSpan], first: date, last: date
) -> dict[int | str, list[tuple[date, date]]]:
    """Clip each span to the window and merge overlaps per worker, so nobody counts twice."""
    by_worker: dict[int | str, list[tuple[date, date]]] = defaultdict(list)
    for span in spans:
        start, end = max(span.start, first), min(span.end or last, last)
        if start <= end:
            by_worker[span.worker_id].append((start, end))
    merged: dict[int | str, list[tuple[date, date]]] = {}
    for worker, ranges in by_worker.items():
        ranges.sort()
        out = [ranges[0]]
        for start, end in ranges[1:]:
            if start <= out[-1][1] + _DAY:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        merged[worker] = out
    return merged


def _peak(merged: dict[int | str, list[tuple[date, date]]]) -> tuple[int, list[DateRange]]:
    """Sweep the start and end days to find the highest count and every stretch at it."""
    changes: dict[date, int] = defaultdict(int)
    for ranges in merged.values():
        for start, end in ranges:
            changes[start] += 1
            changes[end + _DAY] -= 1
    peak, count = 0, 0
    at_peak: list[DateRange] = []
    open_since: date | None = None
    for day in sorted(changes):
        count += changes[day]
        if count > peak:
            peak, at_peak, open_since = count, [], day
        elif count == peak and open_since is None and peak > 0:
            open_since = day
        elif count < peak and open_since is not None:
            at_peak.append(DateRange(open_since, day - _DAY))
            open_since = None
    return peak, at_peak


def _message(
    status: EligibilityStatus, peak: int, limit: int | None, when: str, name: str, rule: str
) -> str:
    if status is EligibilityStatus.NO_SECOR_PROGRAM:
        return f"{name} has no SECOR program; the route there is the {rule}."
    if status is EligibilityStatus.ABOVE_LIMIT:
        return (
            f"Your peak of {peak} workers{when} is above {name}'s SECOR limit of {limit}; above "
            f"the limit the route is {rule}. Settle the stream with your certifying partner "
            "before the audit."
        )
    if status is EligibilityStatus.NEAR_LIMIT:
        return (
            f"Your peak of {peak} workers{when} is close to {name}'s SECOR limit of {limit}. "
            "Settle the stream (SECOR or COR) with your certifying partner before the audit."
        )
    return (
        f"Your peak of {peak} workers{when} is within {name}'s SECOR limit of {limit}. "
        "Your certifying partner has the final word on the stream."
    )


def _party_people(
    parties: Iterable[PartySpan], rule_counts: bool
) -> tuple[list[WorkerSpan], list[str], list[str]]:
    """The people of the parties that count (each as a span of their own), and the names
    of the parties counted and not counted."""
    spans: list[WorkerSpan] = []
    counted: list[str] = []
    left_out: list[str] = []
    for party in parties:
        if not (rule_counts if party.counts is None else party.counts):
            left_out.append(f"{party.name} (other workplace party)")
            continue
        counted.append(party.name)
        for i, person in enumerate(party.people or (party.name,)):
            label = person if person == party.name else f"{person} ({party.name})"
            spans.append(
                WorkerSpan(
                    f"party:{party.party_id}:{i}",
                    label,
                    EmploymentType.OWNER_OPERATOR,
                    party.start,
                    party.end,
                )
            )
    return spans, counted, left_out


def assess_eligibility(
    workers: Iterable[WorkerSpan],
    rules: ProvinceRules,
    province: Province,
    as_of: date,
    parties: Iterable[PartySpan] = (),
) -> EligibilityReport:
    """Find the peak headcount in the lookback window and compare it with the SECOR limit.

    Other workplace parties add their people when the province rule counts them (or the
    company marked the party as counting), whatever the employment types counted.
    """
    rule = rules.get(province)
    window_first = add_months(as_of, -rule.headcount_lookback_months.value)
    counted_types = rule.counted_employment_types.value
    spans = list(workers)
    for span in spans:
        if span.end is not None and span.end < span.start:
            raise ValueError(
                f"worker {span.worker_id} ({span.name}): end {span.end} "
                f"is before start {span.start}"
            )
    counted = [s for s in spans if s.employment_type in counted_types]
    party_people, parties_counted, parties_left_out = _party_people(
        parties, rule.other_parties_count.value
    )
    counted += party_people
    merged = _merged_spans(counted, window_first, as_of)
    peak, ranges = _peak(merged)
    names = {s.worker_id: s.name for s in counted}
    on_peak_day = [
        names[worker]
        for worker, stretches in merged.items()
        if any(first <= ranges[0].first <= last for first, last in stretches)
    ]
    not_counted = sorted(
        {s.name for s in spans if s.employment_type not in counted_types} | set(parties_left_out)
    )

    limit = rule.secor_worker_limit.value
    if limit is None:
        status, rule_text = EligibilityStatus.NO_SECOR_PROGRAM, rule.above_limit.value
    elif peak > limit:
        status, rule_text = EligibilityStatus.ABOVE_LIMIT, rule.above_limit.value
    elif peak >= limit - rule.near_limit_margin.value:
        status, rule_text = EligibilityStatus.NEAR_LIMIT, ""
    else:
        status, rule_text = EligibilityStatus.SECOR, ""
    when = f" (first reached on {ranges[0].first.isoformat()})" if ranges else ""
    rule_words = (
        f"The peak is the most workers on the roster on the same day between "
        f"{window_first.isoformat()} and {as_of.isoformat()} (partners count everyone the "
        "program covered at any given time), not today's roster or everyone who came and went."
    )
    if parties_counted:
        rule_words += (
            f" It includes the people of other workplace parties ({', '.join(parties_counted)}):"
            f" {rule.other_parties_count.source}"
        )
    return EligibilityReport(
        province=province,
        as_of=as_of,
        window_first=window_first,
        window_last=as_of,
        peak_headcount=peak,
        peak_ranges=tuple(ranges),
        peak_workers=tuple(sorted(on_peak_day)),
        not_counted=tuple(not_counted),
        limit=limit,
        status=status,
        message=_message(status, peak, limit, when, rule.name, rule_text),
        source=rule.secor_worker_limit.source,
        peak_day=ranges[0].first if ranges else None,
        counting_rule=rule_words,
        parties_counted=tuple(parties_counted),
    )
