"""Findings about people and follow-through: certificates, orientations, corrective actions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import CorrectiveAction, Worker
from secor_desktop.domain.projection import Projection
from secor_desktop.domain.readiness_model import Finding, Severity
from secor_desktop.domain.training import course_key, newer_on


def action_findings(
    actions: Sequence[CorrectiveAction],
    source_kinds: Mapping[str, RecordKind],
    pack: FrameworkPack,
    as_of: date,
    names: dict[str, str],
) -> dict[str, list[Finding]]:
    """Overdue and open actions, filed under the elements of the record they came from."""
    elements_for: dict[RecordKind, list[str]] = defaultdict(list)
    for element in pack.elements:
        for kind in element.evidence_kinds:
            elements_for[kind].append(element.code)
    out: dict[str, list[Finding]] = defaultdict(list)
    for action in actions:
        if action.status.value != "open":
            continue
        source = action.source_record_id or ""
        source_kind = source_kinds.get(source)
        codes = elements_for.get(source_kind, []) if source_kind else []
        owner = names.get(action.owner_id or "", "no owner")
        if action.overdue_on(as_of):
            finding = (
                Severity.WARNING,
                "action_overdue",
                f"Corrective action overdue since {action.due_date} ({owner}): "
                f"{action.description}",
            )
        else:
            finding = (
                Severity.NOTE,
                "action_open",
                f"Corrective action open, due {action.due_date} ({owner}): {action.description}",
            )
        for code in codes or [""]:
            out[code].append(
                Finding(
                    code or None,
                    *finding,
                    record_id=source if source_kind else None,
                    action_id=action.id,
                )
            )
    return out


def people_findings(
    pack: FrameworkPack,
    as_of: date,
    audit_date: date | None,
    names: dict[str, str],
    counted: Mapping[RecordKind, Sequence[Projection]],
    workers: Sequence[Worker],
) -> dict[str, list[Finding]]:
    """Expired or soon-expiring certificates, and workers with no orientation."""
    out: dict[str, list[Finding]] = defaultdict(list)
    training_codes = [e.code for e in pack.elements if RecordKind.TRAINING in e.evidence_kinds]
    orientation_codes = [
        e.code for e in pack.elements if RecordKind.ORIENTATION in e.evidence_kinds
    ]
    latest: dict[tuple[str, str], Projection] = {}
    for record in counted.get(RecordKind.TRAINING, []):
        key = (record.worker_id or "", course_key(record.course))
        if key not in latest or _newer(record, latest[key]):
            latest[key] = record
    horizon = audit_date or as_of
    for record in latest.values():
        worker_id = record.worker_id or ""
        holder = names.get(worker_id, worker_id)
        if record.expiry is None or record.expiry > horizon:
            continue
        if record.expiry < as_of:
            text = f"{holder}'s {record.course} certificate expired on {record.expiry}."
            code = "certificate_expired"
        else:
            text = (
                f"{holder}'s {record.course} certificate expires on {record.expiry}, "
                "before the audit."
            )
            code = "certificate_expiring"
        for element in training_codes:
            out[element].append(
                Finding(
                    element,
                    Severity.WARNING,
                    code,
                    text,
                    record_id=record.record_id,
                    worker_id=worker_id,
                )
            )
    oriented = {r.worker_id for r in counted.get(RecordKind.ORIENTATION, [])}
    for worker in workers:
        if worker.active_on(as_of) and not worker.is_owner and worker.id not in oriented:
            for element in orientation_codes:
                out[element].append(
                    Finding(
                        element,
                        Severity.WARNING,
                        "no_orientation",
                        f"{worker.name} has no signed orientation on record.",
                        worker_id=worker.id,
                    )
                )
    return out


def _newer(candidate: Projection, current: Projection) -> bool:
    """``training.newer_certificate`` on projections."""
    return newer_on(candidate.event_date, candidate.expiry, current.event_date, current.expiry)
