"""The three-year cycle: maintenance audits around anniversaries, recertification, lapses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from secor_desktop.domain.cycle import (
    CycleReport,
    CycleState,
    CycleWindows,
    SlotStatus,
    TrainingStatus,
    assess_cycle,
)
from secor_desktop.domain.frameworks import AuditType

CERT = date(2024, 3, 15)
TRAINED_UNTIL = date(2030, 1, 1)
MAINT = AuditType.MAINTENANCE
RECERT = AuditType.RECERTIFICATION
Y2_OPENS, Y2_TARGET, Y2_DUE = date(2025, 1, 14), date(2025, 3, 15), date(2025, 4, 5)
DAY = timedelta(days=1)


def on(
    today: date,
    audits: list[tuple[date, AuditType | str]] | None = None,
    training: date | None = TRAINED_UNTIL,
    windows: CycleWindows | None = None,
) -> CycleReport:
    return assess_cycle(CERT, audits or [], today, training, windows)


def test_plan_has_two_maintenance_audits_and_a_recertification() -> None:
    """Years 2 and 3 at the anniversaries, recertification at the three-year expiry."""
    report = on(date(2024, 6, 1))
    assert [(s.label, s.target) for s in report.slots] == [
        ("Year 2 maintenance audit", date(2025, 3, 15)),
        ("Year 3 maintenance audit", date(2026, 3, 15)),
        ("Recertification audit", date(2027, 3, 15)),
    ]
    assert report.expiry == date(2027, 3, 15)


def test_default_window_opens_60_days_before_and_closes_21_after() -> None:
    """The maintenance window runs from January 14 to April 5 around a March 15 anniversary."""
    year2 = on(date(2024, 6, 1)).slots[0]
    assert (year2.opens, year2.due) == (Y2_OPENS, Y2_DUE)


def test_recertification_is_due_by_expiry() -> None:
    """No grace period after the certificate expires, by default."""
    recert = on(date(2024, 6, 1)).slots[2]
    assert recert.due == recert.target == date(2027, 3, 15)


def test_leap_day_certificate_has_february_28_anniversaries() -> None:
    """A February 29 2024 certificate reaches its anniversaries on February 28."""
    report = assess_cycle(date(2024, 2, 29), [], date(2024, 3, 1), TRAINED_UNTIL)
    assert [s.target for s in report.slots] == [
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
    ]


def test_before_the_window_is_on_track() -> None:
    """The day before the window opens, nothing is due yet."""
    report = on(Y2_OPENS - DAY)
    assert report.state is CycleState.ON_TRACK
    assert report.next_slot is not None and report.next_slot.status is SlotStatus.UPCOMING
    assert not report.rebate_at_risk


def test_window_opening_day_is_due_soon() -> None:
    """From the first day of the window the audit is due soon."""
    report = on(Y2_OPENS)
    assert report.state is CycleState.DUE_SOON
    assert "Year 2 maintenance audit: the window is open; submit by 2025-04-05." in report.messages


def test_anniversary_day_is_still_due_soon() -> None:
    """The anniversary itself is not yet late."""
    assert on(Y2_TARGET).state is CycleState.DUE_SOON


def test_day_after_anniversary_is_overdue_with_rebate_at_risk() -> None:
    """Past the anniversary, inside the grace period: overdue, rebate at risk."""
    report = on(Y2_TARGET + DAY)
    assert report.state is CycleState.OVERDUE
    assert report.rebate_at_risk
    assert any("may lapse" in m for m in report.messages)


def test_last_accepted_day_is_overdue_not_lapsed() -> None:
    """The due day itself still counts."""
    assert on(Y2_DUE).state is CycleState.OVERDUE


def test_day_after_due_without_audit_is_lapsed() -> None:
    """A missed maintenance audit lapses the certificate and the rebate."""
    report = on(Y2_DUE + DAY)
    assert report.state is CycleState.LAPSED
    assert report.rebate_at_risk
    assert report.slots[0].status is SlotStatus.MISSED
    assert any("probably lapsed" in m for m in report.messages)


def test_audit_inside_the_window_is_done() -> None:
    """A maintenance audit on the anniversary fills the year 2 slot."""
    report = on(date(2025, 5, 1), [(Y2_TARGET, MAINT)])
    assert report.slots[0].status is SlotStatus.DONE
    assert report.slots[0].held_on == Y2_TARGET
    assert report.state is CycleState.ON_TRACK
    assert report.next_slot is report.slots[1]


def test_audit_on_the_due_day_counts() -> None:
    """The last accepted day is inside the window."""
    assert on(date(2025, 5, 1), [(Y2_DUE, "maintenance")]).slots[0].status is SlotStatus.DONE


def test_audit_a_day_after_due_counts_for_nothing_and_is_flagged() -> None:
    """A late audit leaves the slot missed and is listed for the partner to judge."""
    report = on(date(2025, 5, 1), [(Y2_DUE + DAY, MAINT)])
    assert report.state is CycleState.LAPSED
    assert report.unmatched_audits == ((Y2_DUE + DAY, MAINT),)
    assert any("falls in no audit window" in m for m in report.messages)


def test_audit_before_the_window_is_flagged() -> None:
    """An early audit does not fill the anniversary slot."""
    report = on(Y2_OPENS - DAY, [(Y2_OPENS - DAY, MAINT)])
    assert report.slots[0].status is SlotStatus.UPCOMING
    assert report.unmatched_audits == ((Y2_OPENS - DAY, MAINT),)


def test_certification_audit_in_the_list_is_ignored() -> None:
    """The audit that granted the certificate is not a stray audit."""
    report = on(date(2024, 6, 1), [(CERT, AuditType.CERTIFICATION)])
    assert report.unmatched_audits == ()


def test_second_audit_in_one_window_is_flagged() -> None:
    """Each slot takes one audit; the extra one is listed."""
    report = on(date(2025, 5, 1), [(date(2025, 3, 1), MAINT), (date(2025, 3, 10), MAINT)])
    assert report.slots[0].held_on == date(2025, 3, 1)
    assert report.unmatched_audits == ((date(2025, 3, 10), MAINT),)


def test_full_cycle_done_is_on_track_and_says_start_anew() -> None:
    """After recertification the owner is told to start the next cycle."""
    audits: list[tuple[date, AuditType | str]] = [
        (date(2025, 3, 1), MAINT),
        (date(2026, 3, 1), MAINT),
        (date(2027, 3, 1), RECERT),
    ]
    report = on(date(2027, 4, 1), audits)
    assert report.state is CycleState.ON_TRACK
    assert report.next_slot is None
    assert "Cycle complete" in report.messages[-1]


def test_missed_recertification_lapses() -> None:
    """After expiry without recertification the certificate has lapsed."""
    audits: list[tuple[date, AuditType | str]] = [
        (date(2025, 3, 1), MAINT),
        (date(2026, 3, 1), MAINT),
    ]
    report = on(date(2027, 3, 16), audits)
    assert report.state is CycleState.LAPSED
    assert report.slots[2].status is SlotStatus.MISSED


def test_windows_are_parameters() -> None:
    """A partner with 45 days of data gathering and 21 days to submit is modelled by data."""
    windows = CycleWindows(opens_days_before=45, maintenance_grace_days=21)
    year2 = on(date(2024, 6, 1), windows=windows).slots[0]
    assert year2.opens == Y2_TARGET - timedelta(days=45)


def test_one_year_certificate_has_only_recertification() -> None:
    """certificate_years changes the plan's length."""
    report = on(date(2024, 6, 1), windows=CycleWindows(certificate_years=1))
    assert [s.audit_type for s in report.slots] == [RECERT]
    assert report.expiry == date(2025, 3, 15)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("opens_days_before", -1, "opens_days_before must not be negative"),
        ("maintenance_grace_days", -1, "maintenance_grace_days must not be negative"),
        ("certificate_years", 0, "certificate_years must be at least 1"),
    ],
)
def test_invalid_windows_are_rejected(field: str, value: int, message: str) -> None:
    """Negative windows or a zero-year certificate make no sense."""
    with pytest.raises(ValueError, match=message):
        CycleWindows(**{field: value})


def test_no_auditor_training_on_record_is_missing() -> None:
    """Maintenance audits need a trained internal auditor."""
    report = on(date(2024, 6, 1), training=None)
    assert report.auditor_training is TrainingStatus.MISSING
    assert any("No internal auditor training" in m for m in report.messages)


def test_expired_auditor_training_is_flagged() -> None:
    """Training that expired yesterday is not current."""
    report = on(date(2024, 6, 1), training=date(2024, 5, 31))
    assert report.auditor_training is TrainingStatus.EXPIRED


def test_training_expiring_on_the_day_is_still_current() -> None:
    """The expiry date itself is the last valid day."""
    report = on(date(2024, 6, 1), training=date(2025, 12, 31))
    assert report.auditor_training is TrainingStatus.CURRENT


def test_training_expiring_before_next_maintenance_audit_is_flagged() -> None:
    """Training that runs out before the year 2 due date needs renewing first."""
    report = on(date(2024, 6, 1), training=Y2_DUE - DAY)
    assert report.auditor_training is TrainingStatus.EXPIRES_BEFORE_NEXT_AUDIT
    assert any("before the year 2 maintenance audit is due" in m for m in report.messages)


def test_training_is_not_checked_against_the_external_recertification() -> None:
    """The recertification audit is external, so internal training expiry does not block it."""
    audits: list[tuple[date, AuditType | str]] = [
        (date(2025, 3, 1), MAINT),
        (date(2026, 3, 1), MAINT),
    ]
    report = on(date(2026, 6, 1), audits, training=date(2026, 7, 1))
    assert report.auditor_training is TrainingStatus.CURRENT
