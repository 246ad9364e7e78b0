"""Rows to domain objects and back. The only place that knows both shapes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from sys import intern

from secor_desktop.domain import canonical, codec
from secor_desktop.domain.evaluation import SelfEvaluation, StoredAnswer
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.kinds import (
    ActionStatus,
    EmploymentType,
    Frequency,
    Province,
    RecordKind,
    SignatureMeaning,
)
from secor_desktop.domain.model import (
    Attachment,
    Company,
    CorrectiveAction,
    Record,
    Signature,
    Site,
    Worker,
)
from secor_desktop.domain.registry import spec_for
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


def company_from_row(row: CompanyRow) -> Company:
    freqs = codec.from_jsonable(
        dict[RecordKind, Frequency], json.loads(row.frequencies_json), "frequencies"
    )
    return Company(
        name=row.name,
        province=Province(row.province),
        wcb_account=row.wcb_account,
        certifying_partner=row.certifying_partner,
        framework_id=row.framework_id,
        frequencies=freqs,
        planned_audit_date=row.planned_audit_date,
        certificate_date=row.certificate_date,
        late_entry_days=row.late_entry_days,
    )


def company_to_row(company: Company, row: CompanyRow) -> None:
    row.id = 1
    row.name = company.name
    row.province = company.province.value
    row.wcb_account = company.wcb_account
    row.certifying_partner = company.certifying_partner
    row.framework_id = company.framework_id
    row.frequencies_json = json.dumps(codec.to_jsonable(company.frequencies), sort_keys=True)
    row.planned_audit_date = company.planned_audit_date
    row.certificate_date = company.certificate_date
    row.late_entry_days = company.late_entry_days


def site_from_row(row: SiteRow) -> Site:
    return Site(
        id=row.id,
        name=row.name,
        address=row.address,
        active=row.active,
        active_from=row.active_from,
        active_to=row.active_to,
    )


def site_to_row(site: Site, row: SiteRow) -> None:
    row.id, row.name, row.address, row.active = site.id, site.name, site.address, site.active
    row.active_from, row.active_to = site.active_from, site.active_to


def worker_from_row(row: WorkerRow) -> Worker:
    return Worker(
        id=row.id,
        name=row.name,
        role=row.role,
        employment_type=EmploymentType(row.employment_type),
        start_date=row.start_date,
        end_date=row.end_date,
        contact=row.contact,
        is_owner=row.is_owner,
    )


def worker_to_row(worker: Worker, row: WorkerRow) -> None:
    row.id = worker.id
    row.name = worker.name
    row.role = worker.role
    row.employment_type = worker.employment_type.value
    row.start_date = worker.start_date
    row.end_date = worker.end_date
    row.contact = worker.contact
    row.is_owner = worker.is_owner


def record_from_rows(
    row: RecordRow,
    attachments: Sequence[AttachmentRow],
    signatures: Sequence[SignatureRow],
    sheet_sha256: str | None = None,
) -> Record:
    """Rebuild a record exactly as stored; the stored hash is kept, not recomputed.

    ``sheet_sha256``: the sign-in sheet hash when the caller has just computed it from the
    very content written (a save reading its record back), so it is not worked out again."""
    kind = RecordKind(row.kind)
    spec = spec_for(kind)
    body = codec.from_jsonable(spec.body, json.loads(row.body_json), "body")
    record = Record(
        id=row.id,
        kind=kind,
        title=row.title,
        event_date=row.event_date,
        site_id=intern(row.site_id) if row.site_id else row.site_id,
        body=body,
        attachments=tuple(
            Attachment(
                sha256=a.sha256,
                filename=a.filename,
                media_type=a.media_type,
                size=a.size,
                caption=a.caption,
            )
            for a in sorted(attachments, key=lambda a: a.position)
        ),
        signatures=tuple(
            Signature(
                id=s.id,
                signer_id=intern(s.signer_id),
                signer_name=intern(s.signer_name),
                meaning=SignatureMeaning(s.meaning),
                signed_at=s.signed_at,
                image_sha256=intern(s.image_sha256),
                content_sha256=intern(s.content_sha256),
            )
            for s in sorted(signatures, key=lambda s: s.position)
        ),
        void_reason=row.void_reason,
        voided_at=row.voided_at,
        content_sha256=intern(row.content_sha256),
        sheet_sha256=intern(row.content_sha256),
    )
    if sheet_sha256 is not None:
        record = replace(record, sheet_sha256=sheet_sha256)
    elif spec.signing.sheet_fields:
        # A sign-in sheet's hash is not stored: it follows from the content, as signed.
        record = replace(record, sheet_sha256=canonical.record_sheet_hash(record))
    return record


def record_to_row(record: Record, row: RecordRow) -> None:
    row.id = record.id
    row.kind = record.kind.value
    row.title = record.title
    row.event_date = record.event_date
    row.site_id = record.site_id
    row.body_json = json.dumps(codec.to_jsonable(record.body), sort_keys=True, ensure_ascii=False)
    row.status = record.status.value
    row.void_reason = record.void_reason
    row.voided_at = record.voided_at
    row.content_sha256 = record.content_sha256


def attachment_rows(record: Record) -> list[AttachmentRow]:
    return [
        AttachmentRow(
            record_id=record.id,
            position=i,
            sha256=a.sha256,
            filename=a.filename,
            media_type=a.media_type,
            size=a.size,
            caption=a.caption,
        )
        for i, a in enumerate(record.attachments)
    ]


def signature_row(record_id: str, position: int, sig: Signature) -> SignatureRow:
    return SignatureRow(
        id=sig.id,
        record_id=record_id,
        position=position,
        signer_id=sig.signer_id,
        signer_name=sig.signer_name,
        meaning=sig.meaning.value,
        signed_at=sig.signed_at,
        image_sha256=sig.image_sha256,
        content_sha256=sig.content_sha256,
    )


def action_from_row(row: ActionRow) -> CorrectiveAction:
    return CorrectiveAction(
        id=row.id,
        description=row.description,
        due_date=row.due_date,
        created_date=row.created_date,
        source_record_id=row.source_record_id,
        owner_id=row.owner_id,
        status=ActionStatus(row.status),
        closed_date=row.closed_date,
        closure_note=row.closure_note,
    )


def action_to_row(action: CorrectiveAction, row: ActionRow) -> None:
    row.id = action.id
    row.description = action.description
    row.due_date = action.due_date
    row.created_date = action.created_date
    row.source_record_id = action.source_record_id
    row.owner_id = action.owner_id
    row.status = action.status.value
    row.closed_date = action.closed_date
    row.closure_note = action.closure_note


def evaluation_from_row(row: EvaluationRow) -> SelfEvaluation:
    return SelfEvaluation(
        id=row.id,
        eval_date=row.eval_date,
        audit_type=AuditType(row.audit_type),
        framework_id=row.framework_id,
        framework_version=row.framework_version,
        answers=codec.from_jsonable(
            dict[str, StoredAnswer], json.loads(row.answers_json), "answers"
        ),
        owner_operator_only=row.owner_operator_only,
        external=row.external,
        auditor=row.auditor,
        notes=row.notes,
    )


def evaluation_to_row(ev: SelfEvaluation, row: EvaluationRow) -> None:
    row.id = ev.id
    row.eval_date = ev.eval_date
    row.audit_type = ev.audit_type.value
    row.framework_id = ev.framework_id
    row.framework_version = ev.framework_version
    row.answers_json = json.dumps(codec.to_jsonable(ev.answers), sort_keys=True)
    row.owner_operator_only = ev.owner_operator_only
    row.external = ev.external
    row.auditor = ev.auditor
    row.notes = ev.notes
