"""The three-year certificate cycle: what audit is due when, and where the company stands today.

Year 1 is the certification audit (the certificate date). In years 2 and 3 the company's own
trained internal auditor submits a maintenance audit around each anniversary; before the
certificate expires, a recertification audit is needed. A missed audit lapses the certificate
and the rebate for that year, so the owner is warned while there is still time. Windows differ
by partner, so they are parameters (``CycleWindows``), not constants. Anniversaries use the
calendar-month definition in ``months`` (a February 29 certificate has February 28 anniversaries).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.months import add_months


class CycleState(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    LAPSED = "lapsed"


class SlotStatus(StrEnum):
    DONE = "done"
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"  # the window is open and the target date has not passed
    OVERDUE = "overdue"  # past the target date, still inside the grace period
    MISSED = "missed"  # past the last accepted day with no audit recorded


class TrainingStatus(StrEnum):
    CURRENT = "current"
    EXPIRES_BEFORE_NEXT_AUDIT = "expires_before_next_audit"
    EXPIRED = "expired"
    MISSING = "missing"


@dataclass(frozen=True)
class CycleWindows:
    """When an audit may be submitted around its target date (partners differ: ask yours)."""

    opens_days_before: int = 60
    maintenance_grace_days: int = 21
    recertification_grace_days: int = 0
    certificate_years: int = 3

    def __post_init__(self) -> None:
        for name in ("opens_days_before", "maintenance_grace_days", "recertification_grace_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.certificate_years < 1:
            raise ValueError("certificate_years must be at least 1")


@dataclass(frozen=True)
class PlannedAudit:
    audit_type: AuditType
    cycle_year: int
    """The certificate year the audit closes (2 and 3 for maintenance; the last for recert)."""
    target: date
    """The anniversary (maintenance) or the expiry date (recertification)."""
    opens: date
    due: date
    """The last day an audit is accepted for this slot."""
    held_on: date | None
    status: SlotStatus

    @property
    def label(self) -> str:
        if self.audit_type is AuditType.RECERTIFICATION:
            return "Recertification audit"
        return f"Year {self.cycle_year} maintenance audit"


@dataclass(frozen=True)
class CycleReport:
    certificate_date: date
    expiry: date
    today: date
    slots: tuple[PlannedAudit, ...]
    state: CycleState
    unmatched_audits: tuple[tuple[date, AuditType], ...]
    """Audits that fall in no window: check with the certifying partner whether they count."""
    auditor_training: TrainingStatus
    messages: tuple[str, ...]

    @property
    def rebate_at_risk(self) -> bool:
        return self.state in (CycleState.OVERDUE, CycleState.LAPSED)

    @property
    def next_slot(self) -> PlannedAudit | None:
        return next((s for s in self.slots if s.status is not SlotStatus.DONE), None)


def _slot_status(today: date, target: date, opens: date, due: date) -> SlotStatus:
    if today < opens:
        return SlotStatus.UPCOMING
    if today <= target:
        return SlotStatus.DUE_SOON
    if today <= due:
        return SlotStatus.OVERDUE
    return SlotStatus.MISSED


def _plan(
    certificate_date: date,
    audits: list[tuple[date, AuditType]],
    today: date,
    windows: CycleWindows,
) -> tuple[list[PlannedAudit], list[tuple[date, AuditType]]]:
    """Lay out the slots and give each the earliest unused audit of its type inside its window."""
    remaining = sorted(a for a in audits if a[1] is not AuditType.CERTIFICATION)
    last_year = windows.certificate_years
    targets = [(AuditType.MAINTENANCE, year) for year in range(2, last_year + 1)]
    targets.append((AuditType.RECERTIFICATION, last_year))
    slots: list[PlannedAudit] = []
    for audit_type, year in targets:
        if audit_type is AuditType.MAINTENANCE:
            target = add_months(certificate_date, 12 * (year - 1))
            grace = windows.maintenance_grace_days
        else:
            target = add_months(certificate_date, 12 * last_year)
            grace = windows.recertification_grace_days
        opens = target - timedelta(days=windows.opens_days_before)
        due = target + timedelta(days=grace)
        held = next((a for a in remaining if a[1] is audit_type and opens <= a[0] <= due), None)
        if held is not None:
            remaining.remove(held)
            status = SlotStatus.DONE
        else:
            status = _slot_status(today, target, opens, due)
        slots.append(
            PlannedAudit(audit_type, year, target, opens, due, held[0] if held else None, status)
        )
    return slots, remaining


def _training(
    expiry: date | None, today: date, next_slot: PlannedAudit | None
) -> tuple[TrainingStatus, str | None]:
    if expiry is None:
        return TrainingStatus.MISSING, (
            "No internal auditor training on record: maintenance audits need a person the "
            "company had trained."
        )
    if expiry < today:
        return TrainingStatus.EXPIRED, (
            f"Internal auditor training expired on {expiry.isoformat()}: renew it before the "
            "next maintenance audit."
        )
    if (
        next_slot is not None
        and next_slot.audit_type is AuditType.MAINTENANCE
        and expiry < next_slot.due
    ):
        return TrainingStatus.EXPIRES_BEFORE_NEXT_AUDIT, (
            f"Internal auditor training expires on {expiry.isoformat()}, before the "
            f"{next_slot.label.lower()} is due ({next_slot.due.isoformat()})."
        )
    return TrainingStatus.CURRENT, None


def _slot_message(slot: PlannedAudit) -> str | None:
    due = slot.due.isoformat()
    match slot.status:
        case SlotStatus.DUE_SOON:
            return f"{slot.label}: the window is open; submit by {due}."
        case SlotStatus.OVERDUE:
            return (
                f"{slot.label}: past its target date ({slot.target.isoformat()}); submit by "
                f"{due} or the certificate and the rebate may lapse."
            )
        case SlotStatus.MISSED:
            return (
                f"{slot.label}: none recorded by {due}. The certificate and this year's rebate "
                "have probably lapsed: contact your certifying partner."
            )
    return None


def assess_cycle(
    certificate_date: date,
    audits: Iterable[tuple[date, AuditType | str]],
    today: date,
    auditor_training_expiry: date | None,
    windows: CycleWindows | None = None,
) -> CycleReport:
    """Plan the cycle from ``certificate_date`` and judge it as of ``today``.

    ``audits`` are the audits held, as (date, type); the certification audit itself may be
    included and is ignored. ``auditor_training_expiry`` is None when no internal auditor
    training is on record (pass ``date.max`` for training that does not expire).
    """
    windows = windows or CycleWindows()
    held = [(day, AuditType(kind)) for day, kind in audits]
    slots, unmatched = _plan(certificate_date, held, today, windows)
    statuses = {s.status for s in slots}
    if SlotStatus.MISSED in statuses:
        state = CycleState.LAPSED
    elif SlotStatus.OVERDUE in statuses:
        state = CycleState.OVERDUE
    elif SlotStatus.DUE_SOON in statuses:
        state = CycleState.DUE_SOON
    else:
        state = CycleState.ON_TRACK
    messages = [m for m in map(_slot_message, slots) if m is not None]
    if all(s.status is SlotStatus.DONE for s in slots):
        messages.append("Cycle complete: start the next cycle from the new certificate date.")
    next_open = next((s for s in slots if s.status is not SlotStatus.DONE), None)
    training, note = _training(auditor_training_expiry, today, next_open)
    if note is not None:
        messages.append(note)
    for day, kind in unmatched:
        messages.append(
            f"The {kind.value} audit of {day.isoformat()} falls in no audit window: check with "
            "your certifying partner whether it counts."
        )
    return CycleReport(
        certificate_date=certificate_date,
        expiry=add_months(certificate_date, 12 * windows.certificate_years),
        today=today,
        slots=tuple(slots),
        state=state,
        unmatched_audits=tuple(unmatched),
        auditor_training=training,
        messages=tuple(messages),
    )
