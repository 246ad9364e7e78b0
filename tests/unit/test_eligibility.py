"""The SECOR headcount test: peak workers at once in the past 12 calendar months."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secor_desktop.domain.eligibility import (
    DateRange,
    EligibilityReport,
    EligibilityStatus,
    WorkerSpan,
    assess_eligibility,
)
from secor_desktop.domain.kinds import EmploymentType, Province
from secor_desktop.domain.provinces import ProvinceRules, Sourced, load_bundled_province_rules

FT = EmploymentType.FULL_TIME
AS_OF = date(2025, 6, 15)
RULES = load_bundled_province_rules()


def crew(count: int, start: date = date(2020, 1, 1), prefix: str = "w") -> list[WorkerSpan]:
    """``count`` full-time workers employed from ``start`` and still on the roster."""
    return [WorkerSpan(f"{prefix}{i}", f"Worker {prefix}{i}", FT, start) for i in range(count)]


def assess(
    workers: list[WorkerSpan], province: Province = Province.AB, as_of: date = AS_OF
) -> EligibilityReport:
    return assess_eligibility(workers, RULES, province, as_of)


def rules_counting(province: Province, types: frozenset[EmploymentType]) -> ProvinceRules:
    rule = RULES.get(province)
    counted = Sourced(types, "test")
    provinces = dict(RULES.provinces)
    provinces[province] = replace(rule, counted_employment_types=counted)
    return replace(RULES, provinces=MappingProxyType(provinces))


def test_seven_year_round_workers_in_alberta_is_secor() -> None:
    """Well under the limit of 10."""
    report = assess(crew(7))
    assert report.peak_headcount == 7
    assert report.status is EligibilityStatus.SECOR
    assert "certifying partner has the final word" in report.message


def test_eight_workers_is_near_the_alberta_limit() -> None:
    """Within the 2-worker margin of 10: warn, do not decide."""
    report = assess(crew(8))
    assert report.status is EligibilityStatus.NEAR_LIMIT
    assert "Settle the stream (SECOR or COR) with your certifying partner" in report.message


def test_exactly_the_limit_is_still_secor_but_near() -> None:
    """Ten workers is '10 or fewer'."""
    assert assess(crew(10)).status is EligibilityStatus.NEAR_LIMIT


def test_eight_workers_plus_seasonal_help_is_above_the_limit() -> None:
    """The seed's case: 8 year-round and 3 summer hands make 11, full COR territory."""
    summer = [
        WorkerSpan(
            f"s{i}", f"Summer {i}", EmploymentType.SEASONAL, date(2024, 7, 2), date(2024, 8, 30)
        )
        for i in range(3)
    ]
    report = assess(crew(8) + summer)
    assert report.peak_headcount == 11
    assert report.status is EligibilityStatus.ABOVE_LIMIT
    assert report.peak_ranges == (DateRange(date(2024, 7, 2), date(2024, 8, 30)),)
    assert report.first_peak_date == date(2024, 7, 2)
    assert "full COR" in report.message and "2024-07-02" in report.message


def test_bc_limit_is_nineteen() -> None:
    """BC's Small COR allows 19; 20 is above."""
    assert assess(crew(19), Province.BC).status is EligibilityStatus.NEAR_LIMIT
    assert assess(crew(20), Province.BC).status is EligibilityStatus.ABOVE_LIMIT
    assert assess(crew(16), Province.BC).status is EligibilityStatus.SECOR


def test_ontario_has_no_secor_program() -> None:
    """Ontario points to WSIB's Health and Safety Excellence program instead."""
    report = assess(crew(3), Province.ON)
    assert report.status is EligibilityStatus.NO_SECOR_PROGRAM
    assert report.limit is None
    assert "WSIB Health and Safety Excellence" in report.message


def test_peak_is_concurrent_not_total() -> None:
    """Five in winter and five others in summer is a peak of five, at two times."""
    winter = [
        WorkerSpan(f"a{i}", f"A{i}", FT, date(2025, 1, 6), date(2025, 3, 28)) for i in range(5)
    ]
    summer = [
        WorkerSpan(f"b{i}", f"B{i}", FT, date(2024, 7, 1), date(2024, 9, 30)) for i in range(5)
    ]
    report = assess(winter + summer)
    assert report.peak_headcount == 5
    assert report.peak_ranges == (
        DateRange(date(2024, 7, 1), date(2024, 9, 30)),
        DateRange(date(2025, 1, 6), date(2025, 3, 28)),
    )


def test_owner_family_and_volunteers_count() -> None:
    """Everyone the program covers counts toward the headcount."""
    people = [
        WorkerSpan(1, "Owner", EmploymentType.OWNER_OPERATOR, date(2019, 1, 1)),
        WorkerSpan(2, "Spouse", EmploymentType.FAMILY, date(2019, 1, 1)),
        WorkerSpan(3, "Helper", EmploymentType.VOLUNTEER, date(2025, 5, 1), date(2025, 5, 2)),
    ]
    report = assess(people)
    assert report.peak_headcount == 3
    assert report.peak_workers == ("Helper", "Owner", "Spouse")
    assert report.not_counted == ()


def test_window_starts_on_the_same_day_twelve_months_earlier() -> None:
    """For June 15 2025 the window is June 15 2024 to June 15 2025, both included."""
    report = assess([])
    assert (report.window_first, report.window_last) == (date(2024, 6, 15), date(2025, 6, 15))


def test_worker_leaving_on_the_first_window_day_counts() -> None:
    """Someone whose last day was June 15 2024 was on the roster within the window."""
    leaver = WorkerSpan("x", "Leaver", FT, date(2023, 1, 1), date(2024, 6, 15))
    report = assess([leaver])
    assert report.peak_headcount == 1
    assert report.peak_ranges == (DateRange(date(2024, 6, 15), date(2024, 6, 15)),)


def test_worker_leaving_the_day_before_the_window_does_not_count() -> None:
    """Someone whose last day was June 14 2024 is outside the 12 months."""
    leaver = WorkerSpan("x", "Leaver", FT, date(2023, 1, 1), date(2024, 6, 14))
    report = assess([leaver])
    assert report.peak_headcount == 0
    assert report.first_peak_date is None
    assert report.peak_workers == ()


def test_worker_starting_after_as_of_does_not_count() -> None:
    """Future hires are not part of the past 12 months."""
    assert assess([WorkerSpan("f", "Future", FT, date(2025, 6, 16))]).peak_headcount == 0


def test_window_from_a_leap_day_starts_on_february_28() -> None:
    """Twelve months before February 29 2024 is February 28 2023."""
    assert assess([], as_of=date(2024, 2, 29)).window_first == date(2023, 2, 28)


def test_rehired_worker_with_overlapping_spans_counts_once() -> None:
    """Two roster rows for one person never make two heads."""
    spans = [
        WorkerSpan("r", "Rehired", FT, date(2024, 8, 1), date(2024, 10, 31)),
        WorkerSpan("r", "Rehired", FT, date(2024, 10, 1), None),
    ]
    report = assess(spans)
    assert report.peak_headcount == 1
    assert report.peak_ranges == (DateRange(date(2024, 8, 1), AS_OF),)


def test_back_to_back_spans_make_one_peak_range() -> None:
    """A handover on consecutive days keeps the count, so the range is unbroken."""
    spans = [
        WorkerSpan("a", "A", FT, date(2024, 8, 1), date(2024, 8, 31)),
        WorkerSpan("b", "B", FT, date(2024, 9, 1), date(2024, 9, 30)),
        WorkerSpan("c", "C", FT, date(2024, 12, 1), date(2024, 12, 5)),
        WorkerSpan("a", "A", FT, date(2024, 12, 10), date(2024, 12, 12)),
    ]
    report = assess(spans)
    assert report.peak_ranges == (
        DateRange(date(2024, 8, 1), date(2024, 9, 30)),
        DateRange(date(2024, 12, 1), date(2024, 12, 5)),
        DateRange(date(2024, 12, 10), date(2024, 12, 12)),
    )


def test_types_the_rules_do_not_count_are_listed_apart() -> None:
    """If a partner left volunteers out, they would be named but not counted."""
    rules = rules_counting(Province.AB, frozenset({FT}))
    people = [*crew(2), WorkerSpan("v", "Vol", EmploymentType.VOLUNTEER, date(2024, 1, 1))]
    report = assess_eligibility(people, rules, Province.AB, AS_OF)
    assert report.peak_headcount == 2
    assert report.not_counted == ("Vol",)


def test_report_cites_the_limit_source() -> None:
    """Manitoba's limit note explains it varies by partner."""
    assert "CSAM" in assess(crew(2), Province.MB).source


def test_end_before_start_is_rejected() -> None:
    """A span that ends before it starts is a data-entry mistake."""
    bad = WorkerSpan("z", "Zed", FT, date(2025, 3, 1), date(2025, 2, 1))
    with pytest.raises(ValueError, match=r"worker z \(Zed\): end 2025-02-01 is before start"):
        assess([bad])


days = st.integers(min_value=0, max_value=60)


@st.composite
def rosters(draw: st.DrawFn) -> list[WorkerSpan]:
    base = date(2025, 1, 1)
    spans = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        start = base + timedelta(days=draw(days))
        length = draw(st.none() | days)
        end = None if length is None else start + timedelta(days=length)
        spans.append(WorkerSpan(draw(st.sampled_from("abcd")), f"n{i}", FT, start, end))
    return spans


@given(rosters())
def test_peak_matches_a_day_by_day_count(spans: list[WorkerSpan]) -> None:
    """The sweep agrees with counting distinct workers on each day of the window."""
    as_of = date(2025, 2, 15)
    report = assess_eligibility(spans, RULES, Province.AB, as_of)
    day, counts = report.window_first, {}
    while day <= as_of:
        counts[day] = len({s.worker_id for s in spans if s.start <= day <= (s.end or as_of)})
        day += timedelta(days=1)
    peak = max(counts.values())
    assert report.peak_headcount == peak
    peak_days = {d for d, c in counts.items() if c == peak} if peak else set()
    in_ranges = {
        r.first + timedelta(days=k)
        for r in report.peak_ranges
        for k in range((r.last - r.first).days + 1)
    }
    assert in_ranges == peak_days
