"""Readiness, read as the rules: spans, what counts, documents, findings, projections."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secor_desktop.domain.bodies import DocumentType, FlhaBody
from secor_desktop.domain.completeness import counts, missing_for
from secor_desktop.domain.kinds import ActionStatus, Frequency, RecordKind
from secor_desktop.domain.model import CorrectiveAction, Record, Worker
from secor_desktop.domain.readiness import compute_readiness
from secor_desktop.domain.readiness_model import ElementReadiness, ReadinessReport, Status
from tests.unit.readiness_kit import (
    LEAD,
    OWNER,
    WORKERS,
    all_documents,
    company,
    document,
    incident,
    inspection,
    orientation,
    pack,
    training,
)
from tests.unit.strategies import records, signatures

PACK = pack()
START = date(2026, 1, 15)


def weekly(start: date, end: date) -> list[Record]:
    days = []
    day = start
    while day <= end:
        days.append(inspection(day))
        day += timedelta(days=7)
    return days


def report(
    records: list[Record],
    as_of: date,
    audit: date | None = None,
    actions: tuple[CorrectiveAction, ...] = (),
    workers: tuple[Worker, ...] = WORKERS,
) -> ReadinessReport:
    base = all_documents(as_of - timedelta(days=30))
    base += [orientation(date(2025, 12, 1))]
    return compute_readiness(company(), PACK, workers, base + records, actions, as_of, audit)


def element(rep: ReadinessReport, code: str) -> ElementReadiness:
    return next(e for e in rep.elements if e.code == code)


def codes(e: ElementReadiness) -> set[str]:
    return {f.code for f in e.findings}


def test_exactly_three_months_of_records_meets_the_one_year_mark() -> None:
    """Records from January 15 to April 15 span three months: a one-year certificate."""
    rep = report([inspection(START), inspection(date(2026, 4, 15))], as_of=date(2026, 4, 15))
    a = element(rep, "A")
    assert (a.span_months, a.meets_one_year, a.meets_three_year) == (3, True, False)


def test_a_day_short_of_three_months_is_not_enough() -> None:
    """January 15 to April 14 is two whole months: not ready, the mark is April 15."""
    rep = report([inspection(START), inspection(date(2026, 4, 14))], as_of=date(2026, 4, 14))
    a = element(rep, "A")
    assert a.span_months == 2 and a.status is Status.NOT_READY
    assert a.ready_one_year_on == date(2026, 4, 15)
    assert "span_short" in codes(a)


def test_month_end_start_uses_calendar_months() -> None:
    """From November 30, three months end on February 28 (the month's last day)."""
    rep = report(
        [inspection(date(2025, 11, 30)), inspection(date(2026, 2, 28))], as_of=date(2026, 2, 28)
    )
    assert element(rep, "A").span_months == 3


def test_leap_day_start_reaches_twelve_months_on_february_28() -> None:
    """From February 29 2024, twelve months are met on February 28 2025."""
    rep = report(
        [*weekly(date(2024, 2, 29), date(2025, 2, 27)), inspection(date(2025, 2, 28))],
        as_of=date(2025, 2, 28),
    )
    a = element(rep, "A")
    assert a.meets_three_year and a.status is Status.THREE_YEAR


def test_unsigned_record_does_not_count() -> None:
    """An unsigned inspection is listed as not counting, with the reason."""
    rep = report(
        [inspection(START), inspection(date(2026, 5, 1), signers=())], as_of=date(2026, 5, 1)
    )
    a = element(rep, "A")
    assert a.counted == 1 and a.not_counted == 1
    assert any("it is not signed" in f.message for f in a.findings)


def test_no_records_is_a_blocker_with_a_projected_date() -> None:
    """With no inspections at all, the element is not ready until 3 months after starting."""
    rep = report([], as_of=date(2026, 6, 1))
    a = element(rep, "A")
    assert a.status is Status.NOT_READY and "no_records" in codes(a)
    assert (a.ready_one_year_on, a.ready_three_year_on) == (date(2026, 9, 1), date(2027, 6, 1))


def test_as_needed_element_needs_no_span() -> None:
    """Incidents are 'as needed': with the procedure in place and no incidents, it is ready."""
    rep = report(weekly(date(2025, 1, 6), date(2026, 1, 5)), as_of=date(2026, 1, 5))
    b = element(rep, "B")
    assert not b.span_required and b.status is Status.THREE_YEAR


def test_incident_without_root_cause_does_not_count() -> None:
    """An investigation that names no root cause is incomplete."""
    rep = report([incident(START, root_causes="")], as_of=START)
    b = element(rep, "B")
    assert b.counted == 0 and any("no root cause" in f.message for f in b.findings)


def test_missing_directive_document_blocks_the_element() -> None:
    """Without the inspection schedule, twelve months of inspections are not enough."""
    records = weekly(date(2025, 1, 6), date(2026, 1, 5))
    rep = compute_readiness(company(), PACK, WORKERS, records, (), date(2026, 1, 5))
    a = element(rep, "A")
    assert a.status is Status.NOT_READY and "document_missing" in codes(a)


def test_document_older_than_twelve_months_is_stale() -> None:
    """A procedure last signed 13 months ago must be reviewed."""
    old = [
        document(date(2024, 12, 1), ("inspection_schedule",)),
        document(date(2025, 12, 1), (), doc_type=DocumentType.POLICY),
    ]
    records = weekly(date(2025, 1, 6), date(2026, 1, 5)) + old
    rep = compute_readiness(company(), PACK, WORKERS, records, (), date(2026, 1, 5))
    assert "document_stale" in codes(element(rep, "A"))


def test_policy_signed_only_by_a_worker_is_not_enough() -> None:
    """The policy must carry the current owner's signature."""
    docs = [
        document(date(2026, 1, 2), ("inspection_schedule", "incident_procedure")),
        document(date(2026, 1, 2), (), doc_type=DocumentType.POLICY, signers=("lead",)),
    ]
    rep = compute_readiness(company(), PACK, WORKERS, docs, (), date(2026, 1, 5))
    assert "policy_not_owner" in codes(element(rep, "C"))


def test_weekly_frequency_counts_weeks_met_and_lists_gaps() -> None:
    """Thirteen weeks with two missed: 11 of 13 met, and the gap is given with its dates."""
    days = weekly(date(2026, 1, 5), date(2026, 3, 30))
    kept = [r for r in days if r.event_date not in (date(2026, 2, 2), date(2026, 2, 9))]
    rep = report(kept, as_of=date(2026, 4, 2))
    (kf,) = element(rep, "A").frequencies
    assert kf.result is not None
    assert (kf.result.periods_met, kf.result.periods_total) == (11, 13)
    (gap,) = kf.result.gaps
    assert (gap.after, gap.until, gap.days, gap.ongoing) == (
        date(2026, 1, 26),
        date(2026, 2, 16),
        21,
        False,
    )


def test_lapsed_frequency_is_a_blocker_that_names_the_date() -> None:
    """No weekly inspection for a month before the as-of date: not ready, and since when."""
    rep = report(weekly(date(2025, 6, 2), date(2026, 3, 2)), as_of=date(2026, 4, 1))
    a = element(rep, "A")
    assert "frequency_lapsed" in codes(a) and a.status is Status.NOT_READY
    assert any("none since 2026-03-02 (30 days)" in f.message for f in a.findings)


def test_lapsed_yearly_kind_outside_the_span_rule_stays_a_warning() -> None:
    """Policy documents are yearly, not span-bound: a lapse there is a warning, not a blocker."""
    docs = [
        document(date(2024, 11, 1), ("inspection_schedule", "incident_procedure")),
        document(date(2024, 11, 1), (), doc_type=DocumentType.POLICY),
    ]
    rep = compute_readiness(company(), PACK, WORKERS, docs, (), date(2026, 1, 5))
    lapse = next(f for f in element(rep, "C").findings if f.code == "gap_ongoing")
    assert lapse.severity.value == "warning" and "none since 2024-11-01" in lapse.message


def test_kind_never_recorded_in_a_recording_element_is_a_lapse() -> None:
    """Declared weekly but never done, beside other records of the element: start them."""
    co = company(orientation=Frequency.WEEKLY)
    records = [*all_documents(date(2026, 1, 1)), training(date(2025, 12, 1), "WHMIS", None)]
    rep = compute_readiness(co, PACK, WORKERS, records, (), date(2026, 1, 5))
    lapse = next(f for f in element(rep, "D").findings if f.code == "frequency_lapsed")
    assert lapse.message.startswith("Orientations: none on record, though you declared weekly")


def test_weakest_element_decides_overall() -> None:
    """Three-year-ready inspections but a missing procedure: overall not ready, named."""
    records = weekly(date(2025, 1, 6), date(2026, 1, 5))
    rep = compute_readiness(company(), PACK, WORKERS, records, (), date(2026, 1, 5))
    assert rep.status is Status.NOT_READY
    assert set(rep.weakest_elements) == {"A", "B", "C"}


def test_ready_company_is_ready_for_three_years() -> None:
    """A year of weekly inspections with every document: ready for a three-year certificate."""
    rep = report(weekly(date(2025, 1, 6), date(2026, 1, 12)), as_of=date(2026, 1, 12))
    assert rep.status is Status.THREE_YEAR and rep.findings == ()


def test_audit_date_before_the_mark_is_not_ready() -> None:
    """Booked a week before the three-month mark: not ready at the audit date."""
    rep = report(
        [inspection(START), inspection(date(2026, 3, 1))],
        as_of=date(2026, 3, 1),
        audit=date(2026, 4, 8),
    )
    assert rep.ready_one_year_on == date(2026, 4, 15)
    assert rep.ready_at_audit_date is Status.NOT_READY


def test_audit_date_after_the_mark_is_ready_for_one_year() -> None:
    """Booked after the three-month mark but before twelve: one-year certificate."""
    rep = report(
        [inspection(START), inspection(date(2026, 3, 1))],
        as_of=date(2026, 3, 1),
        audit=date(2026, 5, 1),
    )
    assert rep.ready_at_audit_date is Status.ONE_YEAR


def test_overdue_action_is_filed_under_its_source_element() -> None:
    """An overdue action from an inspection is a warning on the inspections element."""
    source = inspection(START)
    action = CorrectiveAction("a1", "Fix the rail", date(2026, 2, 1), START, source.id, "lead")
    rep = report([source], as_of=date(2026, 3, 1), actions=(action,))
    found = [f for f in element(rep, "A").findings if f.code == "action_overdue"]
    assert found and found[0].action_id == "a1" and "Sam Lead" in found[0].message


def test_action_with_no_source_is_an_overall_finding() -> None:
    """An open action raised on its own is listed at the report level."""
    action = CorrectiveAction("a2", "Buy a kit", date(2026, 9, 1), START, None, None)
    rep = report([inspection(START)], as_of=date(2026, 3, 1), actions=(action,))
    assert [f.code for f in rep.findings] == ["action_open"]


def test_closed_actions_are_not_findings() -> None:
    """A closed action is follow-through done: no finding."""
    action = CorrectiveAction(
        "a3",
        "Done",
        date(2026, 2, 1),
        START,
        None,
        None,
        ActionStatus.CLOSED,
        date(2026, 1, 20),
        "fixed",
    )
    rep = report([inspection(START)], as_of=date(2026, 3, 1), actions=(action,))
    assert rep.findings == ()


def test_expired_certificate_is_a_warning() -> None:
    """A first aid certificate that expired yesterday is named."""
    rec = training(date(2023, 3, 1), "Standard First Aid", date(2026, 2, 28))
    rep = report([rec], as_of=date(2026, 3, 1))
    found = [f for f in element(rep, "D").findings if f.code == "certificate_expired"]
    assert found and "Sam Lead's Standard First Aid" in found[0].message


def test_certificate_expiring_before_the_audit_is_a_warning() -> None:
    """A certificate valid today but expiring before the audit date is named."""
    rec = training(date(2023, 3, 1), "Standard First Aid", date(2026, 3, 20))
    rep = report([rec], as_of=date(2026, 3, 1), audit=date(2026, 4, 1))
    assert "certificate_expiring" in codes(element(rep, "D"))


def test_renewed_certificate_replaces_the_expired_one() -> None:
    """Once renewed, the old expiry is no longer a finding."""
    old = training(date(2023, 3, 1), "Standard First Aid", date(2026, 2, 28))
    new = training(date(2026, 2, 20), "standard first aid", date(2029, 2, 20))
    rep = report([old, new], as_of=date(2026, 3, 1))
    assert not codes(element(rep, "D")) & {"certificate_expired", "certificate_expiring"}


def test_renewal_wins_whatever_order_the_records_come_in() -> None:
    """An older, expired certificate listed after its renewal raises no finding."""
    old = training(date(2023, 3, 1), "Standard First Aid", date(2026, 2, 28))
    new = training(date(2026, 2, 20), "Standard First Aid", date(2029, 2, 20))
    rep = report([new, old], as_of=date(2026, 3, 1))
    assert not codes(element(rep, "D")) & {"certificate_expired", "certificate_expiring"}


def test_worker_without_orientation_is_named_but_the_owner_is_not() -> None:
    """A new hire with no orientation is a warning; the owner needs none."""
    hire = Worker("new", "Ana New", "Labourer", LEAD.employment_type, date(2026, 2, 1))
    rep = report([inspection(START)], as_of=date(2026, 3, 1), workers=(OWNER, LEAD, hire))
    found = [f for f in element(rep, "D").findings if f.code == "no_orientation"]
    assert [f.worker_id for f in found] == ["new"]


def test_orientation_missing_a_right_does_not_count() -> None:
    """An orientation without the right to refuse ticked does not count."""
    rep = report([orientation(START, worker="lead", refuse=False)], as_of=START)
    d = element(rep, "D")
    assert any("right to refuse unsafe work is not ticked" in f.message for f in d.findings)


@given(st.lists(st.integers(0, 500), min_size=1, max_size=12), st.integers(0, 500))
def test_adding_a_qualifying_record_never_shortens_a_span(offsets: list[int], extra: int) -> None:
    """Whatever the dates, one more counting record leaves the span the same or longer."""
    as_of = date(2027, 6, 1)
    base = [inspection(date(2026, 1, 1) + timedelta(days=o)) for o in offsets]
    before = element(report(base, as_of), "A").span_months
    more = [*base, inspection(date(2026, 1, 1) + timedelta(days=extra))]
    after = element(report(more, as_of), "A").span_months
    assert after >= before


def test_frequency_declared_as_needed_has_no_periods() -> None:
    """A kind declared 'as needed' is not measured period by period."""
    rep = compute_readiness(
        company(inspection=Frequency.AS_NEEDED), PACK, WORKERS, [inspection(START)], (), START
    )
    (kf,) = element(rep, "A").frequencies
    assert kf.result is None and not element(rep, "A").span_required


@given(records())
def test_fast_path_never_counts_a_record_the_full_rule_rejects(record: Record) -> None:
    """Whenever the fast check says a record counts, the full rule finds nothing missing."""
    if counts(record):
        assert missing_for(record, {}) == ()


def test_fast_path_counts_a_fully_signed_flha() -> None:
    """An FLHA signed by its whole crew is counted by the fast path."""
    from tests.unit.readiness_kit import record as make

    body = FlhaBody("Framing", (), ("lead", "own"))
    assert counts(make(RecordKind.FLHA, START, body, signers=("lead", "own")))
    assert not counts(make(RecordKind.FLHA, START, body, signers=("lead",)))


def test_each_readiness_status_reads_as_words() -> None:
    """Each overall status has its own wording for the dashboard and the pack."""
    assert [s.label for s in Status] == [
        "Ready for a three-year certificate",
        "Ready for a one-year certificate",
        "Not ready",
    ]


def test_certificate_renewed_with_different_spacing_is_the_same_course() -> None:
    """'Fall  protection' renewed as 'Fall protection' clears the expired finding."""
    old = training(date(2023, 3, 1), "Fall  protection", date(2026, 2, 28))
    new = training(date(2026, 2, 20), "Fall protection", date(2029, 2, 20))
    rep = report([old, new], as_of=date(2026, 3, 1))
    assert "certificate_expired" not in codes(element(rep, "D"))


def test_same_day_certificates_follow_the_training_matrix_rule() -> None:
    """Two certificates completed the same day: the later expiry stands, as in the matrix."""
    later = training(date(2025, 3, 1), "First aid", date(2028, 3, 1))
    earlier = training(date(2025, 3, 1), "First aid", date(2026, 2, 1))
    rep = report([later, earlier], as_of=date(2026, 3, 1))
    assert "certificate_expired" not in codes(element(rep, "D"))


def test_inspection_signed_only_before_an_amendment_does_not_count() -> None:
    """After an amendment, the inspector's earlier signature no longer counts."""
    from dataclasses import replace

    signed = inspection(START)
    amended = replace(signed, content_sha256="f" * 64)  # the content changed after signing
    rep = report([amended], as_of=START)
    a = element(rep, "A")
    assert a.counted == 0 and any("it is not signed" in f.message for f in a.findings)


@st.composite
def signed_records(draw: st.DrawFn) -> Record:
    """A random record signed on its current content by some, all or none of its people."""
    from dataclasses import replace

    from secor_desktop.domain.registry import worker_refs

    record = draw(records())
    people = sorted({w for ids in worker_refs(record.kind, record.body).values() for w in ids})
    signers = draw(st.lists(st.sampled_from(people), unique=True) if people else st.just([]))
    if draw(st.booleans()):
        signers = [*people, "someone"]  # everyone named, plus one more
    template = draw(signatures)
    sigs = tuple(
        replace(template, id=f"s{i}", signer_id=w, content_sha256=record.content_sha256)
        for i, w in enumerate(signers)
    )
    return replace(record, signatures=sigs)


@settings(suppress_health_check=[HealthCheck.too_slow])  # slow to draw on a busy machine
@given(st.lists(signed_records(), max_size=8))
def test_readiness_counts_exactly_the_records_the_full_rule_accepts(
    batch: list[Record],
) -> None:
    """Per element, the records counted are those with nothing missing (fast path included)."""
    from secor_desktop.domain.frameworks import load_bundled_pack

    bundled = load_bundled_pack()
    as_of = date(2031, 1, 1)
    rep = compute_readiness(company(), bundled, WORKERS, batch, (), as_of)
    for e in rep.elements:
        kinds = set(bundled.element(e.code).evidence_kinds)
        expected = sum(1 for r in batch if r.kind in kinds and missing_for(r, {}) == ())
        assert e.counted == expected


def test_the_generator_makes_records_that_count() -> None:
    """The property above is not vacuous: its generator yields counting records."""
    from hypothesis import find

    found = find(signed_records(), lambda r: missing_for(r, {}) == () and r.signatures != ())
    assert found.signatures


# --- issue 14: defects found by hand-computed checks, and the "in use now" rule -----------

FORMER_OWNER = Worker(
    "old",
    "Pat Former",
    "Owner",
    OWNER.employment_type,
    date(2015, 1, 1),
    end_date=date(2025, 12, 31),
    is_owner=True,
)


def test_policy_signed_by_the_previous_owner_is_not_current() -> None:
    """The policy blocked for the owner's signature is listed as not current, with its record."""
    docs = [
        document(date(2025, 11, 1), ("inspection_schedule", "incident_procedure")),
        document(date(2025, 11, 1), (), doc_type=DocumentType.POLICY, signers=("old",)),
    ]
    workers = (*WORKERS, FORMER_OWNER)
    rep = compute_readiness(company(), PACK, workers, docs, (), date(2026, 1, 5))
    c = element(rep, "C")
    (policy,) = c.documents
    blocker = next(f for f in c.findings if f.code == "policy_not_owner")
    assert policy.record_id == blocker.record_id and policy.current is False


def test_voided_record_is_listed_as_not_counted_with_its_reason() -> None:
    """A voided inspection does not count and is listed, saying it was voided and why."""
    voided = inspection(date(2026, 5, 1), void=True)
    rep = report([inspection(START), voided], as_of=date(2026, 5, 1))
    a = element(rep, "A")
    assert (a.counted, a.not_counted, a.last_record) == (1, 1, START)
    (note,) = [f for f in a.findings if f.code == "not_counted"]
    assert note.record_id == voided.id and "voided (mistake)" in note.message


def test_ongoing_gap_runs_from_the_last_record_even_before_the_window() -> None:
    """Inspections stopped 2024-04-01; on 2025-06-30 the gap is 455 days from 2024-04-01."""
    rep = report(weekly(date(2023, 6, 5), date(2024, 4, 1)), as_of=date(2025, 6, 30))
    (kf,) = element(rep, "A").frequencies
    assert kf.result is not None
    (gap,) = [g for g in kf.result.gaps if g.ongoing]
    assert (gap.after, gap.until, gap.days) == (date(2024, 4, 1), date(2025, 6, 30), 455)


def test_gap_that_began_before_the_window_keeps_its_real_start() -> None:
    """A gap from 2024-11-04 to 2025-06-02, judged on 2025-12-01, starts on 2024-11-04."""
    records = weekly(date(2024, 6, 3), date(2024, 11, 4)) + weekly(
        date(2025, 6, 2), date(2025, 12, 1)
    )
    rep = report(records, as_of=date(2025, 12, 1))
    (kf,) = element(rep, "A").frequencies
    assert kf.result is not None
    assert [(g.after, g.until, g.days) for g in kf.result.gaps] == [
        (date(2024, 11, 4), date(2025, 6, 2), 210)
    ]


def monthly_report(days: list[date], as_of: date, audit: date | None = None) -> ReadinessReport:
    """Inspections declared monthly, every document in place."""
    records = [*all_documents(as_of - timedelta(days=30)), orientation(date(2025, 12, 1))]
    records += [inspection(d) for d in days]
    co = company(inspection=Frequency.MONTHLY)
    return compute_readiness(co, PACK, WORKERS, records, (), as_of, audit)


def test_window_first_day_counts_toward_the_span() -> None:
    """Judged on 2026-03-15, a record of 2025-03-15 counts: twelve months of records."""
    rep = monthly_report([date(2025, 3, 15), date(2026, 3, 15)], as_of=date(2026, 3, 15))
    a = element(rep, "A")
    assert (a.first_record, a.span_months) == (date(2025, 3, 15), 12)
    assert rep.window_first == date(2025, 3, 15)


def test_day_before_the_window_does_not_count_toward_the_span() -> None:
    """Judged on 2026-03-15, a record of 2025-03-14 is outside the 12 months judged."""
    rep = monthly_report([date(2025, 3, 14), date(2026, 3, 15)], as_of=date(2026, 3, 15))
    a = element(rep, "A")
    assert (a.first_record, a.span_months) == (date(2026, 3, 15), 0)
    assert a.status is Status.NOT_READY and "span_short" in codes(a)


def test_window_before_a_leap_day_starts_on_february_28() -> None:
    """Judged on 2028-02-29, the window opens on 2027-02-28 (no February 29 in 2027)."""
    rep = monthly_report([date(2027, 2, 28), date(2028, 2, 29)], as_of=date(2028, 2, 29))
    assert rep.window_first == date(2027, 2, 28)
    assert element(rep, "A").first_record == date(2027, 2, 28)


def test_records_running_into_the_window_span_it_whole() -> None:
    """Weekly inspections for two years: the span is the whole 12-month window, not 11 months."""
    rep = report(weekly(date(2024, 1, 1), date(2026, 1, 5)), as_of=date(2026, 1, 5))
    a = element(rep, "A")
    assert (a.span_months, a.status) == (12, Status.THREE_YEAR)


def test_inspections_stopped_fifteen_months_ago_are_not_ready() -> None:
    """A year of inspections that stopped 15 months ago no longer shows the program in use."""
    rep = report(weekly(date(2024, 1, 1), date(2025, 1, 6)), as_of=date(2026, 4, 6))
    a = element(rep, "A")
    assert a.status is Status.NOT_READY and "frequency_lapsed" in codes(a)
    assert a.first_record is None and a.span_months == 0


def test_lapse_of_exactly_the_limit_is_not_a_lapse() -> None:
    """Monthly means at most 45 days between records: 45 days since the last is still in use."""
    days = [date(2025, 3, 1) + timedelta(days=30 * i) for i in range(12)]  # last 2026-01-25
    rep = monthly_report(days, as_of=days[-1] + timedelta(days=45))
    a = element(rep, "A")
    # Still in use, and in use since before the window: the span runs to the day judged.
    assert "frequency_lapsed" not in codes(a) and a.status is Status.THREE_YEAR
    assert a.span_months == 12


def test_lapse_of_one_day_more_than_the_limit_is_a_blocker() -> None:
    """46 days since the last monthly inspection: the element is not ready."""
    days = [date(2025, 3, 1) + timedelta(days=30 * i) for i in range(12)]
    rep = monthly_report(days, as_of=days[-1] + timedelta(days=46))
    a = element(rep, "A")
    (lapse,) = [f for f in a.findings if f.code == "frequency_lapsed"]
    assert lapse.severity.value == "blocker" and a.status is Status.NOT_READY


def test_lapse_blocker_says_when_how_long_and_what_to_do() -> None:
    """The blocker reads as the owner would say it, in plain words."""
    days = [date(2025, 5, 31), date(2025, 6, 30), date(2025, 7, 31)]
    days += [date(2025, m, 28) for m in range(8, 13)] + [date(2026, m, 28) for m in (1, 2)]
    rep = monthly_report(days, as_of=date(2026, 4, 29))
    (lapse,) = [f for f in element(rep, "A").findings if f.code == "frequency_lapsed"]
    assert lapse.message == (
        "Inspections: none since 2026-02-28 (60 days); you declared monthly. "
        "Resume them to be ready."
    )


def test_lapse_is_not_fixed_by_waiting_for_the_audit_date() -> None:
    """A lapsed element is not ready at any audit date: time does not fix it."""
    days = [date(2025, 5, 1) + timedelta(days=30 * i) for i in range(10)]
    rep = monthly_report(days, as_of=date(2026, 4, 30), audit=date(2027, 6, 1))
    assert rep.ready_three_year_on < date(2027, 6, 1)
    assert rep.ready_at_audit_date is Status.NOT_READY


def test_projected_date_after_a_lapse_says_the_records_must_resume() -> None:
    """Two months of inspections, then a lapse: the one-year date holds only once resumed."""
    days = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    rep = monthly_report(days, as_of=date(2026, 5, 1))
    short = next(f for f in element(rep, "A").findings if f.code == "span_short")
    assert "(on 2026-05-01 once the lapsed records resume)" in short.message


def test_projected_three_year_date_without_a_lapse_says_keep_going() -> None:
    """Four months of monthly inspections, still in use: twelve months if you keep going."""
    days = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]
    rep = monthly_report(days, as_of=date(2026, 4, 10))
    note = next(f for f in element(rep, "A").findings if f.code == "span_one_year")
    assert "(on 2027-01-01 if you keep going) for three" in note.message


def test_records_kept_up_to_yesterday_over_the_whole_window_make_twelve_months() -> None:
    """Weekly records for years, the latest yesterday: 12 months, ready for three years; the
    same records judged after a lapse span only to the latest record."""
    days = [date(2024, 1, 1) + timedelta(days=7 * i) for i in range(110)]
    judged = days[-1] + timedelta(days=1)
    kept = element(monthly_report(days, as_of=judged), "A")
    assert kept.span_months == 12 and kept.status is Status.THREE_YEAR
    lapsed = element(monthly_report(days[:-10], as_of=judged), "A")
    assert "frequency_lapsed" in codes(lapsed) and lapsed.status is Status.NOT_READY
