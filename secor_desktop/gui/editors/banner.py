"""The line above a record's form that says where it stands: signed (by whom, and who is
still to sign), being amended (and why), changed since signing, or void."""

from __future__ import annotations

from collections.abc import Mapping

from secor_desktop.domain.kinds import RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.domain.signing import rule_for
from secor_desktop.domain.signing import still_to_sign as waiting_for

BANNER_STYLE = {
    "signed": "QFrame#banner { background: #e8f1fb; border: 1px solid #7aa7d9; }",
    "amending": "QFrame#banner { background: #fff6dd; border: 1px solid #d9b44a; }",
    "void": "QFrame#banner { background: #f4e4e4; border: 1px solid #cc7777; }",
}


def still_to_sign(record: Record, names: Mapping[str, str]) -> list[str]:
    """Everyone the record's signing rule expects who has not signed it yet, by name."""
    return [names.get(worker_id, worker_id) for worker_id, _ in waiting_for(record)]


def banner_for(
    record: Record | None, amend_reason: str | None, names: Mapping[str, str]
) -> tuple[str, str]:
    """The banner's text and style key; empty text hides it (a new or plain draft record)."""
    if record is None:
        return "", ""
    if record.status is RecordStatus.VOID:
        return f"Void: {record.void_reason}. It stays on file and cannot be changed.", "void"
    if amend_reason is not None:
        return (
            f"Changing a signed record. Reason: {amend_reason}. Saving keeps the signed "
            "version in the history; the record will need signing again.",
            "amending",
        )
    current = record.current_signatures
    if current:
        signers = ", ".join(f"{s.signer_name} ({s.meaning.value})" for s in current)
        waiting = still_to_sign(record, names)
        more = f" Still to sign: {', '.join(waiting)}." if waiting else ""
        if rule_for(record.body).sheet_fields:
            more += " Someone arrived late? Press Sign... to add them to the list."
        return f"Signed by {signers} — changes need a reason.{more}", "signed"
    if record.signatures:
        return (
            "Changed since it was signed: the earlier signatures stay with the earlier "
            "version in the history. Ask the signers to sign again.",
            "amending",
        )
    return "", ""
