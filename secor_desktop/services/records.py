"""Use cases on records: create, edit, sign, amend with a reason, void. Nothing is deleted."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.canonical import ENTITY_RECORD, with_content_hash
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Attachment, Record, RevisionInfo, Signature
from secor_desktop.domain.repeat import repeat_of
from secor_desktop.domain.signing import (
    keeps_signatures,
    not_ready_to_sign,
    refusal,
    rule_for,
)
from secor_desktop.domain.validation import (
    FieldProblem,
    check_text,
    raise_if,
    validate_record,
    validate_signature,
)
from secor_desktop.services.context import ServiceContext, clean, roster_of
from secor_desktop.services.crew_training import CrewCourse, Trainee, record_crew_training
from secor_desktop.services.errors import NotFoundError, RecordLockedError
from secor_desktop.services.files import store_file
from secor_desktop.services.statistics import hours_month_taken

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 512 * 1024
REASON_LIMIT = 2_000


def _clean_body(body: Body) -> Body:
    """NFC-normalise every string in a body, however deeply nested."""

    def walk(value: object) -> object:
        if isinstance(value, Enum):  # a StrEnum is a str too: keep it typed
            return value
        if isinstance(value, str):
            return clean(value)
        if isinstance(value, tuple):
            return tuple(walk(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: walk(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return replace(value, **changes)
        return value

    result = walk(body)
    assert isinstance(result, type(body))
    return result


class RecordService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self, record_id: str) -> Record:
        with self.ctx.uow() as uow:
            record = uow.get_record(record_id)
        if record is None:
            raise NotFoundError(f"No record has the id {record_id!r}.")
        return record

    def find(self, kind: RecordKind | None = None) -> list[Record]:
        with self.ctx.uow() as uow:
            return uow.list_records(kind)

    def newest(self, kind: RecordKind) -> Record | None:
        """The kind's newest record that is not void (latest date, then latest entered): what
        "Repeat last" repeats."""
        with self.ctx.uow() as uow:
            from secor_desktop.storage.queries import newest_record_id  # at the first query

            found = newest_record_id(uow, kind)
            return uow.get_record(found) if found is not None else None

    def repeat_copy(self, record_id: str) -> Record:
        """A copy of the record dated today, unsigned, without photos, files or void marks,
        not stored (empty id): the editor shows it for checking before it is saved."""
        record = self.get(record_id)
        today = self.ctx.clock.today()
        with self.ctx.uow() as uow:
            active = {w.id for w in uow.list_workers() if w.active_on(today)}
        return repeat_of(record, today, active)

    def repeat(self, record_id: str) -> Record:
        """Store the repeat copy as a new draft (for the command line and the Today page;
        the editor saves its own checked copy with ``create``)."""
        copy = self.repeat_copy(record_id)
        return self.create(
            copy.kind,
            title=copy.title,
            event_date=copy.event_date,
            site_id=copy.site_id,
            body=copy.body,
        )

    def record_crew_training(self, course: CrewCourse, trainees: Sequence[Trainee]) -> list[Record]:
        """One training record per worker of a crew, all or nothing (see crew_training)."""
        return record_crew_training(self.ctx, course, trainees)

    def attach_file(self, raw: bytes, filename: str, caption: str = "") -> Attachment:
        """Check a photo or document by its content and store it (photos downscaled); add the
        result to a record's attachments. Refusals are a ValidationError naming the file."""
        return store_file(self.ctx.blobs, raw, filename, clean(caption))

    attach_photo = attach_file  # the older name, still used by the demo and the benchmarks

    def blob(self, sha256: str) -> bytes:
        return self.ctx.blobs.get(sha256)

    def history(self, record_id: str) -> list[RevisionInfo]:
        with self.ctx.uow() as uow:
            return uow.revision_infos(ENTITY_RECORD, record_id)

    def create(
        self,
        kind: RecordKind,
        *,
        title: str,
        event_date: date,
        site_id: str | None,
        body: Body,
        attachments: tuple[Attachment, ...] = (),
    ) -> Record:
        record = with_content_hash(
            Record(
                id=self.ctx.new_id(),
                kind=kind,
                title=clean(title),
                event_date=event_date,
                site_id=site_id,
                body=_clean_body(body),
                attachments=attachments,
            )
        )
        with self.ctx.uow() as uow:
            return self._validate_and_save(uow, record, reason=None)

    def update(
        self,
        record_id: str,
        *,
        title: str,
        event_date: date,
        site_id: str | None,
        body: Body,
        attachments: tuple[Attachment, ...],
        reason: str | None = None,
    ) -> Record:
        """Change a record. A signed record needs a reason; its signatures stay with the
        revision they signed, and the record must be signed again."""
        with self.ctx.uow() as uow:
            current = uow.get_record(record_id)
            if current is None:
                raise NotFoundError(f"No record has the id {record_id!r}.")
            if current.status is RecordStatus.VOID:
                raise RecordLockedError("This record is void; void records cannot be changed.")
            reason = clean(reason) if reason else None
            updated = with_content_hash(
                replace(
                    current,
                    title=clean(title),
                    event_date=event_date,
                    site_id=site_id,
                    body=_clean_body(body),
                    attachments=attachments,
                )
            )
            if updated.content_sha256 == current.content_sha256:
                return current
            # A late name on a sign-in list keeps every signature: like paper, no reason needed.
            if current.is_locked and not reason and not keeps_signatures(current, updated):
                raise RecordLockedError(
                    "This record is signed. Give a reason for the change: the signed version "
                    "is kept in the record's history."
                )
            self._check_reason(reason)
            return self._validate_and_save(uow, updated, reason=reason)

    def add_to_sheet(self, record_id: str, worker_id: str) -> Record:
        """Add a late attendee (crew member, participant) to a record's sign-in list.

        The signatures already made stay valid, as on a paper sign-in sheet; the newcomer then
        signs in their turn. Adding someone already listed changes nothing.
        """
        current = self.get(record_id)
        fields = rule_for(current.body).sheet_fields
        if not fields:
            raise_if([FieldProblem("signer", f"a {current.kind.label} has no sign-in list")])
        listed: tuple[str, ...] = getattr(current.body, fields[0])
        if worker_id in listed:
            return current
        return self.update(
            record_id,
            title=current.title,
            event_date=current.event_date,
            site_id=current.site_id,
            body=replace(current.body, **{fields[0]: (*listed, worker_id)}),  # type: ignore[arg-type]
            attachments=current.attachments,
        )

    def sign(
        self,
        record_id: str,
        *,
        signer_id: str,
        meaning: SignatureMeaning,
        image_png: bytes,
    ) -> Record:
        """Add one signer's mark, bound to the record's current content."""
        problems: list[FieldProblem] = []
        if not image_png.startswith(PNG_MAGIC) or len(image_png) > MAX_SIGNATURE_BYTES:
            problems.append(
                FieldProblem("image", "the signature must be a drawn PNG image under 512 KB")
            )
        raise_if(problems)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            record = uow.get_record(record_id)
            if record is None:
                raise NotFoundError(f"No record has the id {record_id!r}.")
            if record.status is RecordStatus.VOID:
                raise RecordLockedError("This record is void; it cannot be signed.")
            signer = uow.get_worker(signer_id)
            raise_if(
                validate_signature(signer, signer_id, self.ctx.clock.today(), record.event_date)
            )
            assert signer is not None
            raise_if([FieldProblem(path, words) for path, words in not_ready_to_sign(record)])
            refused = refusal(record, signer.id, signer.name, meaning)
            if refused:
                raise_if([FieldProblem("signer", refused)])
            if any(
                s.signer_id == signer_id and s.meaning is meaning for s in record.current_signatures
            ):
                raise_if([FieldProblem("signer", f"{signer.name} has already signed this")])
            image_sha = uow.blobs.put(image_png)
            signature = Signature(
                id=self.ctx.new_id(),
                signer_id=signer.id,
                signer_name=signer.name,
                meaning=meaning,
                signed_at=now,
                image_sha256=image_sha,
                # The sign-in sheet (the content without its sign-in lists): a late attendee's
                # name added later leaves this signature valid. The same as the content hash
                # for kinds without a sign-in list.
                content_sha256=record.sheet_sha256 or record.content_sha256,
            )
            signed = replace(record, signatures=(*record.signatures, signature))
            uow.save(signed, entered_at=now, reason=None)
            stored = uow.stored_record(signed)
            uow.commit()
        return stored

    def void(self, record_id: str, reason: str) -> Record:
        reason = clean(reason)
        problems: list[FieldProblem] = []
        check_text(problems, "reason", reason, required=True, limit=REASON_LIMIT)
        raise_if(problems)
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            record = uow.get_record(record_id)
            if record is None:
                raise NotFoundError(f"No record has the id {record_id!r}.")
            if record.status is RecordStatus.VOID:
                raise RecordLockedError("This record is already void.")
            voided = replace(record, void_reason=reason, voided_at=now)
            uow.save(voided, entered_at=now, reason=reason)
            stored = uow.stored_record(voided)
            uow.commit()
        return stored

    @staticmethod
    def _check_reason(reason: str | None) -> None:
        if reason is not None:
            problems: list[FieldProblem] = []
            check_text(problems, "reason", reason, required=False, limit=REASON_LIMIT)
            raise_if(problems)

    def _validate_and_save(self, uow: SqlUnitOfWork, record: Record, reason: str | None) -> Record:
        """All rules first, then one write: a refused record leaves no trace. Returns the
        record as stored (read back in the same transaction: its body decoded as any later
        read decodes it, with its signatures and attachments), so no caller reads it again."""
        problems = validate_record(record, roster_of(uow, self.ctx.clock))
        taken = hours_month_taken(uow, record)
        problems += [taken] if taken is not None else []
        problems += [
            FieldProblem(f"attachments[{i}]", f"{a.filename} was not stored; attach it again")
            for i, a in enumerate(record.attachments)
            if not uow.blobs.exists(a.sha256)
        ]
        raise_if(problems)
        uow.save(record, entered_at=self.ctx.now(), reason=reason)
        stored = uow.stored_record(record)
        uow.commit()
        return stored
