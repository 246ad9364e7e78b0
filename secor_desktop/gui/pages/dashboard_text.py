"""The dashboard's words: what the readiness report says, as sentences a safety lead reads.

The report's own words (its finding messages) are kept; what the GUI adds is said the way an
owner talks: "Must fix" rather than "blocker", "4 of 12 months" rather than a span rule.
"""

from __future__ import annotations

from datetime import date

from secor_desktop.domain.readiness_model import (
    ElementReadiness,
    Finding,
    ReadinessReport,
    Severity,
    Status,
)

# Background, text and bar colours per status (the words are always shown too).
COLOURS = {
    Status.NOT_READY: ("#f8d7da", "#842029", "#dc3545"),
    Status.ONE_YEAR: ("#fff3cd", "#664d03", "#e0a800"),
    Status.THREE_YEAR: ("#d1e7dd", "#0f5132", "#198754"),
}
SHORT_STATUS = {
    Status.NOT_READY: "Not ready",
    Status.ONE_YEAR: "Ready: 1-year",
    Status.THREE_YEAR: "Ready: 3-year",
}
SEVERITY_WORDS = {
    Severity.BLOCKER: "Must fix",
    Severity.WARNING: "Should fix",
    Severity.NOTE: "Good to know",
}
TIME_WORDS = "Time will fix"
TIME_FIXES = frozenset({"span_short"})  # must-fix items that go away by keeping on recording


def element_title(element: ElementReadiness) -> str:
    return f"{element.code}. {element.name}"


def span_text(element: ElementReadiness) -> str:
    """As the CLI says it: "11 month(s)" or "no records"."""
    return f"{element.span_months} month(s)" if element.first_record else "no records"


def span_caption(element: ElementReadiness, report: ReadinessReport) -> str:
    """Months of records against what the next certificate needs: "4 of 12"."""
    if not element.span_required:
        return "No minimum: kept as needed"
    goal = report.three_year_months
    if not element.first_record:
        return f"0 of {goal}: none yet"
    return f"{min(element.span_months, goal)} of {goal}"


def span_tooltip(element: ElementReadiness, report: ReadinessReport) -> str:
    if not element.span_required:
        return (
            "Records here are kept as needed (incidents, documents): there is no minimum "
            "number of months; the element is judged on its documents and records."
        )
    since = f" since {element.first_record.isoformat()}" if element.first_record else ""
    return (
        f"{span_text(element)} of records{since}. A one-year certificate needs "
        f"{report.one_year_months} months of records, a three-year one {report.three_year_months}."
    )


def severity_word(finding: Finding) -> str:
    if finding.severity is Severity.BLOCKER and finding.code in TIME_FIXES:
        return TIME_WORDS
    return SEVERITY_WORDS[finding.severity]


def finding_text(finding: Finding) -> str:
    return f"{severity_word(finding)}: {finding.message}"


def element_status_text(element: ElementReadiness) -> str:
    """One line: "Not ready · 2 must fix" or "Ready: 3-year · 4 to look at"."""
    work = sum(1 for f in element.findings if _needs_work(f))
    wait = sum(1 for f in element.findings if _time_fixes(f))
    others = len(element.findings) - work - wait
    parts = [SHORT_STATUS[element.status]]
    if work:
        parts.append(f"{work} must fix")
    if wait:
        parts.append("wait")
    if others and not work:
        parts.append(f"{others} to look at")
    return " · ".join(parts)


def all_findings(report: ReadinessReport) -> list[Finding]:
    return [f for e in report.elements for f in e.findings] + list(report.findings)


def _needs_work(finding: Finding) -> bool:
    return finding.severity is Severity.BLOCKER and finding.code not in TIME_FIXES


def _time_fixes(finding: Finding) -> bool:
    return finding.severity is Severity.BLOCKER and finding.code in TIME_FIXES


def must_fix(report: ReadinessReport) -> list[Finding]:
    """Must-fix items time will not fix: someone has to do something."""
    return [f for e in report.elements for f in e.findings if _needs_work(f)]


def time_will_fix(report: ReadinessReport) -> list[Finding]:
    """Must-fix items that go away by keeping on recording (the span is not long enough)."""
    return [f for e in report.elements for f in e.findings if _time_fixes(f)]


def first_to_fix(report: ReadinessReport) -> Finding | None:
    """The one thing to do first: the first must-fix item, in element order."""
    work = must_fix(report)
    return work[0] if work else None


def overall_text(report: ReadinessReport, first_step: str | None) -> str:
    """The banner: where we stand today and, when not ready, what to do first."""
    if report.status is not Status.NOT_READY:
        return f"Today: {report.status.label}."
    names = {e.code: element_title(e) for e in report.elements}
    weakest = report.weakest_elements
    if len(weakest) <= 2:
        where = "weakest: " + "; ".join(names[c] for c in weakest)
    else:
        where = f"{len(weakest)} of {len(report.elements)} elements need work"
    text = f"Today: {report.status.label} ({where})."
    if first_step:
        text += f" Start here: {first_step}"
    elif time_will_fix(report):
        text += " Nothing to fix: keep recording until your records cover enough months."
    return text


def must_fix_text(report: ReadinessReport) -> str:
    work, wait = len(must_fix(report)), len(time_will_fix(report))
    if not work and not wait:
        return "Must fix before the audit: nothing."
    text = f"Must fix before the audit: {work} need{'s' if work == 1 else ''} work"
    if wait:
        text += (
            f" · {wait} time will fix (keep recording until your records cover "
            f"{report.one_year_months} months)"
        )
    return text + "."


def _items(n: int) -> str:
    """ "the 3 items needing work are" / "the 1 item needing work is"."""
    return f"the {n} items needing work are" if n != 1 else "the 1 item needing work is"


def _relative(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days > 0:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"{-days} day{'s' if days != -1 else ''} ago"


def audit_text(report: ReadinessReport) -> str:
    if report.audit_date is None:
        return "No audit date planned yet (set one in Settings)."
    when = _relative(report.audit_date, report.as_of)
    at = report.ready_at_audit_date.label if report.ready_at_audit_date else "unknown"
    text = f"Planned audit: {report.audit_date.isoformat()} ({when}) — at that date: {at}"
    n = len(must_fix(report))
    if n:
        text += f", unless {_items(n)} done first"
    return text + "."


def earliest_text(report: ReadinessReport) -> str:
    one, three = report.ready_one_year_on, report.ready_three_year_on
    text = (
        f"Earliest audit: {one.isoformat()} ({_relative(one, report.as_of)}) for a one-year "
        f"certificate, {three.isoformat()} ({_relative(three, report.as_of)}) for a three-year one"
    )
    n = len(must_fix(report))
    if not n:
        return text + "."
    return f"{text}, once {_items(n)} done."


def follow_up_text(report: ReadinessReport) -> str:
    """Open and overdue corrective actions and certificates, counted once each."""
    findings = all_findings(report)
    open_ids = {
        f.action_id or f.message for f in findings if f.code in ("action_open", "action_overdue")
    }
    overdue = {f.action_id or f.message for f in findings if f.code == "action_overdue"}
    expired = {f.message for f in findings if f.code == "certificate_expired"}
    expiring = {f.message for f in findings if f.code == "certificate_expiring"}
    actions = (
        f"Corrective actions: {len(open_ids)} open"
        + (f", {len(overdue)} of them overdue" if overdue else "")
        if open_ids
        else "Corrective actions: none open"
    )
    if not expired and not expiring:
        return f"{actions} · Certificates: none expired or expiring before the audit"
    return (
        f"{actions} · Certificates: {len(expired)} expired, {len(expiring)} expiring "
        "before the audit"
    )
