"""A record checked straight from its plain rows: parsed once, encoded once, or handed back.

``verify`` used to rebuild every record as a domain object, recompute its hashes from it and
encode it again to compare it with its newest revision: five encodings of the same content
per record. Here the rows are turned into the canonical text of the record's data in one
pass: each part (attachments, body, signatures, the plain fields) is encoded once and the
content text (what the content hash covers) and the data text (what the revision holds) are
put together from the same parts. The record passes only when everything agrees to the byte:
the content hash, the positions, the status its signatures give, and the data text equal to
the newest revision's data text. Anything else returns ``None``, and ``verify`` reads that
record the old, typed way, so every problem is found and worded exactly as before; the fast
path only ever says "nothing wrong here".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from json.encoder import encode_basestring
from typing import Any, NamedTuple

from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.projection import PlainSignature
from secor_desktop.domain.registry import spec_for
from secor_desktop.storage.verify_rows import AttachmentText, RecordRowText, SignatureText

_encode = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
).encode
"""``canonical_bytes`` before its UTF-8 step (the same settings)."""
_quote = encode_basestring
"""How that encoder writes a string (``ensure_ascii=False``)."""

_MEANINGS = frozenset(m.value for m in SignatureMeaning)

BlobRef = tuple[str, str]  # (SHA-256 of a file, who uses it)


@cache
def _sheet_fields(kind: RecordKind) -> frozenset[str]:
    return frozenset(spec_for(kind).signing.sheet_fields)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def data_digest(data_text: str) -> bytes:
    """What the newest revision's data is remembered by while the chain is read."""
    return hashlib.sha256(data_text.encode("utf-8")).digest()


def _q(value: Any) -> str:
    """One plain value as canonical JSON (text, as most are, without a trip through the
    encoder object)."""
    if type(value) is str:
        return _quote(value)
    return "null" if value is None else _encode(value)


def _attachment(a: AttachmentText) -> str:
    """The canonical text of ``codec.to_jsonable`` of the ``Attachment``: keys in order, the
    caption left out when empty (the codec leaves out fields at their default); a test keeps
    the two equal."""
    if type(a.size) is not int:  # the texts: ``_quote`` refuses anything but text
        raise TypeError("not a value the codec writes")
    caption = f'"caption":{_quote(a.caption)},' if a.caption != "" else ""
    return (
        f'{{{caption}"filename":{_quote(a.filename)},"media_type":{_quote(a.media_type)},'
        f'"sha256":{_quote(a.sha256)},"size":{a.size}}}'
    )


def _signature(s: SignatureText) -> tuple[str, datetime]:
    """The canonical text of ``codec.to_jsonable`` of the ``Signature`` (no field has a
    default; a test keeps the two equal), and its moment (the projection needs it)."""
    if s.meaning not in _MEANINGS:
        raise ValueError("an unknown meaning cannot be read")
    moment = datetime.fromisoformat(s.signed_at)
    return (  # ``_quote`` refuses anything but text, as the codec's reading would
        f'{{"content_sha256":{_quote(s.content_sha256)},"id":{_quote(s.id)},'
        f'"image_sha256":{_quote(s.image_sha256)},"meaning":{_quote(s.meaning)},'
        f'"signed_at":"{moment.isoformat()}","signer_id":{_quote(s.signer_id)},'
        f'"signer_name":{_quote(s.signer_name)}}}'
    ), moment


def _in_order(rows: Sequence[AttachmentText] | Sequence[SignatureText]) -> bool:
    return sorted(r.position for r in rows) == list(range(len(rows)))


class Passed(NamedTuple):
    """A record found exactly as saved and signed, with what its projection needs (its body
    parsed, its signatures in order), so nothing is parsed twice."""

    label: str
    refs: list[BlobRef]
    body: Any
    signatures: list[PlainSignature]


def check_record(
    row: RecordRowText,
    atts: Sequence[AttachmentText],
    sigs: Sequence[SignatureText],
    saved: bytes | None,
) -> Passed | None:
    """The record's label, the files it uses and its parsed parts when it is exactly as
    saved and signed (``saved`` is ``data_digest`` of its newest revision's data), else None.

    The body is parsed once here (its status and projection read it) and encoded not at all
    when SQLite handed its canonical text over (``RecordRowText.body_text``)."""
    if saved is None or not (_in_order(atts) and _in_order(sigs)):
        return None
    try:
        kind = RecordKind(row.kind)
        event_date = date.fromisoformat(row.event_date).isoformat()
        atts = sorted(atts)
        sigs = sorted(sigs)
        attachments = ",".join([_attachment(a) for a in atts])
        signed_texts = [_signature(s) for s in sigs]
        signatures = ",".join([text for text, _ in signed_texts])
        voided_at = (
            None if row.voided_at is None else datetime.fromisoformat(row.voided_at).isoformat()
        )
        body = json.loads(row.body_json)
        head = f'{{"attachments":[{attachments}],"body":'
        fields = (
            f',"event_date":"{event_date}","id":{_q(row.id)},"kind":{_q(row.kind)}',
            f',"site_id":{_q(row.site_id)},"title":{_q(row.title)}',
        )
        body_text = row.body_text if row.body_text is not None else _encode(body)
        content_sha = _sha(f"{head}{body_text}{fields[0]}{fields[1]}}}")
        if content_sha != row.content_sha256:
            return None
        signed = [s.content_sha256 for s in sigs]
        status = _status(row, kind, body, signed, content_sha, (head, *fields))
        if status != row.status:
            return None
        data_text = (
            f'{head}{body_text}{fields[0]},"signatures":[{signatures}]{fields[1]}'
            f',"void_reason":{_q(row.void_reason)},"voided_at":{_q(voided_at)}}}'
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if data_digest(data_text) != saved:
        return None
    label = f"{row.kind} record {row.title!r} of {event_date}"
    refs = [(a.sha256, f"{label}: attachment {a.filename}") for a in atts]
    refs += [(s.image_sha256, f"{label}: signature of {s.signer_name}") for s in sigs]
    plain = [
        (s.signer_id, s.content_sha256, moment)
        for s, (_, moment) in zip(sigs, signed_texts, strict=True)
    ]
    return Passed(label, refs, body, plain)


def _status(
    row: RecordRowText,
    kind: RecordKind,
    body: Any,
    signed: list[str],
    content_sha: str,
    parts: tuple[str, str, str],
) -> str:
    """What ``Record.status`` gives: void, signed on the content or its sign-in sheet, draft."""
    if row.void_reason is not None:
        return "void"
    if content_sha in signed:
        return "signed"
    sheet = _sheet_fields(kind)
    if signed and sheet:
        rest = {k: v for k, v in body.items() if k not in sheet}
        sheet_sha = _sha(f"{parts[0]}{_encode(rest)}{parts[1]}{parts[2]}}}")
        if sheet_sha in signed:
            return "signed"
    return "draft"
