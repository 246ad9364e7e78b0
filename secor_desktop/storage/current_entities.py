"""Every entity as its tables hold it now, for ``verify``: one damaged row is named, not fatal.

Each row is decoded on its own, so a broken date or body in one row becomes a problem naming
that row while every other entity is still checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from sqlalchemy import select

from secor_desktop.domain import canonical
from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_COMPANY,
    ENTITY_EVALUATION,
    ENTITY_RECORD,
    ENTITY_SITE,
    ENTITY_WORKER,
    Entity,
)
from secor_desktop.storage import mapping
from secor_desktop.storage.rows import (
    ActionRow,
    AttachmentRow,
    CompanyRow,
    EvaluationRow,
    RecordRow,
    SignatureRow,
    SiteRow,
    WorkerRow,
)
from secor_desktop.storage.session_bound import SessionBound
from secor_desktop.storage.unreadable import unreadable_rows


@dataclass(frozen=True)
class CurrentEntity:
    """An entity as its tables hold it now, or why it could not be read."""

    entity_type: str
    entity_id: str
    label: str
    entity: Entity | None
    problems: tuple[str, ...]


def current_entities(uow: SessionBound) -> Iterator[CurrentEntity]:
    """Every entity row, read one at a time so one damaged row is named, not fatal."""
    s = uow.session
    bad = {
        cls: unreadable_rows(s, cls)
        for cls in (CompanyRow, SiteRow, WorkerRow, ActionRow, EvaluationRow)
    }
    if bad[CompanyRow]:
        why = next(iter(bad[CompanyRow].values()))
        yield CurrentEntity(
            ENTITY_COMPANY, "company", "company profile", None, (f"cannot be read: {why}",)
        )
    for cls, entity_type in (
        (SiteRow, ENTITY_SITE),
        (WorkerRow, ENTITY_WORKER),
        (ActionRow, ENTITY_ACTION),
        (EvaluationRow, ENTITY_EVALUATION),
    ):
        for pk, why in bad[cls].items():
            label = f"{entity_type.replace('_', ' ')} {pk}"
            yield CurrentEntity(entity_type, pk, label, None, (f"cannot be read: {why}",))
    for crow in s.scalars(select(CompanyRow).where(CompanyRow.id.not_in(bad[CompanyRow]))):
        yield _read(ENTITY_COMPANY, "company", "company profile", partial(_company, crow))
    for srow in s.scalars(select(SiteRow).where(SiteRow.id.not_in(bad[SiteRow]))):
        yield _read(ENTITY_SITE, srow.id, f"site {srow.name!r}", partial(_site, srow))
    for wrow in s.scalars(select(WorkerRow).where(WorkerRow.id.not_in(bad[WorkerRow]))):
        yield _read(ENTITY_WORKER, wrow.id, f"worker {wrow.name!r}", partial(_worker, wrow))
    for arow in s.scalars(select(ActionRow).where(ActionRow.id.not_in(bad[ActionRow]))):
        label = f"corrective action {arow.description[:60]!r}"
        yield _read(ENTITY_ACTION, arow.id, label, partial(_action, arow))
    for erow in s.scalars(select(EvaluationRow).where(EvaluationRow.id.not_in(bad[EvaluationRow]))):
        label = f"{erow.audit_type} evaluation of {erow.eval_date}"
        yield _read(ENTITY_EVALUATION, erow.id, label, partial(_evaluation, erow))
    # A record is unreadable when its own row or one of its signatures holds a broken date.
    bad_records = dict(unreadable_rows(s, RecordRow))
    for sig_id, why in unreadable_rows(s, SignatureRow).items():
        owner = s.scalar(select(SignatureRow.record_id).where(SignatureRow.id == sig_id))
        bad_records.setdefault(str(owner), f"one of its signatures: {why}")
    for record_id, why in bad_records.items():
        yield CurrentEntity(
            ENTITY_RECORD, record_id, f"record {record_id}", None, (f"cannot be read: {why}",)
        )
    atts: dict[str, list[AttachmentRow]] = {}
    for a in s.scalars(select(AttachmentRow)):
        atts.setdefault(a.record_id, []).append(a)
    sigs: dict[str, list[SignatureRow]] = {}
    for sig in s.scalars(select(SignatureRow).where(SignatureRow.record_id.not_in(bad_records))):
        sigs.setdefault(sig.record_id, []).append(sig)
    records = select(RecordRow).where(RecordRow.id.not_in(bad_records))
    for rrow in s.execute(records).scalars().yield_per(2000):
        label = f"{rrow.kind} record {rrow.title!r} of {rrow.event_date}"
        yield _read_record(rrow, atts.get(rrow.id, []), sigs.get(rrow.id, []), label)


def _company(row: CompanyRow) -> tuple[Entity, tuple[str, ...]]:
    # Only row 1 is ever read by the program: another number hides the profile it shows.
    moved = () if row.id == 1 else (f"its row is number {row.id}, not 1",)
    return mapping.company_from_row(row), moved


def _site(row: SiteRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.site_from_row(row), ()


def _worker(row: WorkerRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.worker_from_row(row), ()


def _evaluation(row: EvaluationRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.evaluation_from_row(row), ()


def _action(row: ActionRow) -> tuple[Entity, tuple[str, ...]]:
    return mapping.action_from_row(row), ()


def _read(
    entity_type: str,
    entity_id: str,
    label: str,
    load: Callable[[], tuple[Entity, tuple[str, ...]]],
) -> CurrentEntity:
    try:
        entity, problems = load()
    except (ValueError, TypeError, KeyError) as exc:
        return CurrentEntity(entity_type, entity_id, label, None, (f"cannot be read: {exc}",))
    return CurrentEntity(entity_type, entity_id, label, entity, problems)


def _read_record(
    row: RecordRow,
    atts: list[AttachmentRow],
    sigs: list[SignatureRow],
    label: str,
) -> CurrentEntity:
    def load() -> tuple[Entity, tuple[str, ...]]:
        stored = mapping.record_from_rows(row, atts, sigs)
        recomputed = canonical.with_content_hash(stored)
        problems: list[str] = []
        if recomputed.content_sha256 != row.content_sha256:
            problems.append("its content no longer matches its stored content hash")
        for name, rows in (("attachments", atts), ("signatures", sigs)):
            if sorted(r.position for r in rows) != list(range(len(rows))):
                problems.append(f"its {name} were reordered or removed")
        if recomputed.status.value != row.status:
            problems.append(f"its status reads {row.status!r} but its signatures say otherwise")
        return recomputed, tuple(problems)

    return _read(ENTITY_RECORD, row.id, label, load)
