"""The dashboard's words: what the readiness report says, as sentences an owner reads."""

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
SEVERITY_WORDS = {
    Severity.BLOCKER: "Blocker",
    Severity.WARNING: "Warning",
    Severity.NOTE: "Note",
}
TIME_FIXES = {"span_short"}  # blockers that go away by keeping on recording


def element_title(element: ElementReadiness) -> str:
    return f"{element.code}. {element.name}"


def span_text(element: ElementReadiness) -> str:
    """As the CLI says it: "11 month(s)" or "no records"."""
    return f"{element.span_months} month(s)" if element.first_record else "no records"


def span_caption(element: ElementReadiness) -> str:
    text = span_text(element)
    if element.first_record:
        text += f" since {element.first_record.isoformat()}"
    if not element.span_required:
        text += " (no span rule)"
    return text


def finding_text(finding: Finding) -> str:
    return f"{SEVERITY_WORDS[finding.severity]}: {finding.message}"


def all_findings(report: ReadinessReport) -> list[Finding]:
    return [f for e in report.elements for f in e.findings] + list(report.findings)


def must_fix(report: ReadinessReport) -> list[Finding]:
    """Blockers that time will not fix: someone has to do something."""
    return [
        f
        for e in report.elements
        for f in e.findings
        if f.severity is Severity.BLOCKER and f.code not in TIME_FIXES
    ]


def overall_text(report: ReadinessReport) -> str:
    if report.status is not Status.NOT_READY:
        return f"Today: {report.status.label}"
    names = {e.code: element_title(e) for e in report.elements}
    weakest = "; ".join(names[c] for c in report.weakest_elements)
    plural = "s" if len(report.weakest_elements) > 1 else ""
    return f"Today: {report.status.label} — weakest element{plural}: {weakest}"


def _relative(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days > 0:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"{-days} day{'s' if days != -1 else ''} ago"


def audit_text(report: ReadinessReport) -> str:
    if report.audit_date is None:
        return "No audit date planned yet (set one in the company profile)."
    when = _relative(report.audit_date, report.as_of)
    at = report.ready_at_audit_date.label if report.ready_at_audit_date else "unknown"
    text = f"Planned audit: {report.audit_date.isoformat()} ({when}) — at that date: {at}"
    n = len(must_fix(report))
    if n:
        text += f" unless {n} blocker{'s are' if n != 1 else ' is'} fixed first"
    return text


def earliest_text(report: ReadinessReport) -> str:
    one, three = report.ready_one_year_on, report.ready_three_year_on
    text = (
        f"Earliest audit: {one.isoformat()} ({_relative(one, report.as_of)}) for a one-year "
        f"certificate, {three.isoformat()} ({_relative(three, report.as_of)}) for a three-year one"
    )
    blockers = must_fix(report)
    if not blockers:
        return text + "."
    where = sorted({f.element or "" for f in blockers} - {""}, key=_code_key)
    n = len(blockers)
    return (
        f"{text} — but only once {n} blocker{'s' if n != 1 else ''} "
        f"{'are' if n != 1 else 'is'} fixed (time will not fix "
        f"{'them' if n != 1 else 'it'}; element{'s' if len(where) != 1 else ''} "
        f"{', '.join(where)})."
    )


def _code_key(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)


def follow_up_text(report: ReadinessReport) -> str:
    """Overdue corrective actions and certificates, counted once each across elements."""
    findings = all_findings(report)
    overdue = {f.action_id or f.message for f in findings if f.code == "action_overdue"}
    expired = {f.message for f in findings if f.code == "certificate_expired"}
    expiring = {f.message for f in findings if f.code == "certificate_expiring"}

    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (
        f"To follow up: {count(len(overdue), 'corrective action', 'corrective actions')} "
        f"overdue · {count(len(expired), 'certificate', 'certificates')} expired · "
        f"{count(len(expiring), 'certificate', 'certificates')} expiring before the audit"
    )
