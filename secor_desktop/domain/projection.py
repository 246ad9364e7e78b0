"""What readiness needs of one record, as a pure function of the record: its projection.

Readiness looks at every record, and decoding 100,000 bodies after each start takes seconds.
So each save also stores, beside the record, the few facts readiness reads: its kind, date,
site and title, whether it is void, why it does not count (or that it does), the day it was
last signed or reviewed, who has signed it as it stands, and the handful of body fields
readiness reads for some kinds (whose training, which course and expiry; which directive
documents a document fulfils). Readiness then reads those rows with SQL.

Only what follows from the record alone is projected: who is on the roster (names, owners,
end dates) and which framework element a kind counts for are applied when readiness runs, so
a roster change or a framework switch never leaves a stored projection stale. Why a record
does not count is kept in the same element- and roster-independent form: the words, with the
people who have not signed kept as ids and named when readiness runs.

``verify`` recomputes each record's projection from its newest revision in the chain and
reports a stored row that disagrees, like any other tampering (``projection_row`` is what
both compare).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from secor_desktop.domain.bodies import DocumentBody, OrientationBody, TrainingBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import spec_for, spec_of_body
from secor_desktop.domain.signing import named

LIVE = "live"
VOID = "void"


@dataclass(frozen=True, slots=True)
class Unsigned:
    """A person named in a required signer role who has not signed the record as it stands."""

    role: str  # the role's label, as a sentence says it ("attendee")
    worker_id: str


Reason = str | Unsigned
"""Why a record does not count: words, or someone who has not signed (named when shown)."""


@dataclass(frozen=True, slots=True)
class Projection:
    """One record as readiness sees it. ``reasons`` is empty when the record counts."""

    record_id: str
    kind: RecordKind
    title: str
    event_date: date
    site_id: str | None
    void: bool
    reasons: tuple[Reason, ...]
    reviewed_on: date  # the event date, or the newest day it was signed as it stands
    signers: tuple[str, ...]  # who has signed it as it stands, in signing order
    worker_id: str | None = None  # whose training or orientation it is
    course: str = ""
    expiry: date | None = None
    doc_type: str = ""  # a directive document's type ("policy", ...)
    covers: tuple[str, ...] = ()  # the framework's directive documents a document fulfils

    @property
    def counts(self) -> bool:
        return not self.reasons


def why_not(record: Record) -> tuple[Reason, ...]:
    """What stops a record from counting; empty when it counts (see ``completeness``)."""
    if record.void_reason is not None:
        return (f"it was voided ({record.void_reason})",)
    current = record.current_signatures
    if not current:
        return ("it is not signed",)
    signed_by = {s.signer_id for s in current}
    body = record.body
    spec = spec_of_body(body)
    reasons: list[Reason] = []
    for role in spec.signing.roles:
        if role.required:
            reasons.extend(
                Unsigned(role.label, worker_id)
                for worker_id in named(body, role)
                if worker_id not in signed_by
            )
    if spec.incomplete is not None:
        reasons.extend(spec.incomplete(body))
    return tuple(reasons)


def reason_text(reason: Reason, names: Mapping[str, str]) -> str:
    """One reason in words, the person who has not signed named from the roster."""
    if isinstance(reason, Unsigned):
        return f"{reason.role} {names.get(reason.worker_id, reason.worker_id)} has not signed"
    return reason


# The body fields readiness reads, by body type. A kind readiness looks into adds its line.
_Facts = Callable[[Any], dict[str, Any]]
BODY_FACTS: dict[type, _Facts] = {
    TrainingBody: lambda b: {"worker_id": b.worker_id, "course": b.course, "expiry": b.expiry},
    OrientationBody: lambda b: {"worker_id": b.worker_id},
    DocumentBody: lambda b: {"doc_type": b.doc_type.value, "covers": tuple(b.covers)},
}


def project(record: Record) -> Projection:
    """The record's projection: a pure function of the record as it stands."""
    current = record.current_signatures
    reviewed = max([record.event_date, *(s.signed_at.date() for s in current)])
    facts = BODY_FACTS.get(type(record.body))
    return Projection(
        record_id=record.id,
        kind=record.kind,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        void=record.void_reason is not None,
        reasons=why_not(record),
        reviewed_on=reviewed,
        signers=tuple(dict.fromkeys(s.signer_id for s in current)),
        **(facts(record.body) if facts is not None else {}),
    )


# --- the stored form -----------------------------------------------------------------------

COLUMNS = (
    "record_id",
    "kind",
    "title",
    "event_date",
    "site_id",
    "status",
    "counts",
    "reasons",
    "reviewed_on",
    "signers",
    "facts",
)


_encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def _json(value: list[Any] | dict[str, Any]) -> str:
    """Compact JSON (one encoder made once: ``verify`` writes three per record)."""
    return _encode(value) if value else ("[]" if isinstance(value, list) else "{}")


def projection_row(p: Projection) -> dict[str, str | int | None]:
    """The stored row: plain text and numbers, dates as ISO text, lists as compact JSON."""
    facts: dict[str, object] = {}
    if p.worker_id is not None:
        facts["worker_id"] = p.worker_id
    if p.course:
        facts["course"] = p.course
    if p.expiry is not None:
        facts["expiry"] = p.expiry.isoformat()
    if p.doc_type:
        facts["doc_type"] = p.doc_type
    if p.covers:
        facts["covers"] = list(p.covers)
    return _row(
        p.record_id,
        p.kind,
        p.title,
        p.event_date,
        p.site_id,
        p.void,
        p.reasons,
        p.reviewed_on,
        p.signers,
        _json(facts),
    )


def _row(
    record_id: str,
    kind: RecordKind,
    title: str,
    event_date: date,
    site_id: str | None,
    void: bool,
    reasons: Sequence[Reason],
    reviewed_on: date,
    signers: Sequence[str],
    facts: str,
) -> dict[str, str | int | None]:
    """The stored row from its parts (``plain_row`` builds no ``Projection`` on the way)."""
    return {
        "record_id": record_id,
        "kind": str(kind),
        "title": title,
        "event_date": event_date.isoformat(),
        "site_id": site_id,
        "status": VOID if void else LIVE,
        "counts": 0 if reasons else 1,
        "reasons": _json(
            [[r.role, r.worker_id] if isinstance(r, Unsigned) else r for r in reasons]
        ),
        "reviewed_on": reviewed_on.isoformat(),
        "signers": _json(list(signers)),
        "facts": facts,
    }


def from_row(row: Mapping[Any, Any]) -> Projection:
    """A stored row read back (the inverse of ``projection_row``)."""
    facts = json.loads(row["facts"])
    expiry = facts.get("expiry")
    return Projection(
        record_id=row["record_id"],
        kind=RecordKind(row["kind"]),
        title=row["title"],
        event_date=date.fromisoformat(row["event_date"]),
        site_id=row["site_id"],
        void=row["status"] == VOID,
        reasons=tuple(
            Unsigned(r[0], r[1]) if isinstance(r, list) else r for r in json.loads(row["reasons"])
        ),
        reviewed_on=date.fromisoformat(row["reviewed_on"]),
        signers=tuple(json.loads(row["signers"])),
        worker_id=facts.get("worker_id"),
        course=facts.get("course", ""),
        expiry=None if expiry is None else date.fromisoformat(expiry),
        doc_type=facts.get("doc_type", ""),
        covers=tuple(facts.get("covers", ())),
    )


def row_differences(stored: Mapping[str, Any], expected: Mapping[str, Any]) -> list[str]:
    """The columns whose stored value is not what the record gives (none when they agree)."""
    return [c for c in COLUMNS if stored.get(c) != expected.get(c)]


# --- the same row from plain values (verify's shortcut) -------------------------------------

PlainSignature = tuple[str, str, datetime]  # (signer id, content hash signed, signed at)


def plain_row(
    record_id: str,
    kind: RecordKind,
    title: str,
    event_date: date,
    site_id: str | None,
    body: Mapping[str, Any],
    signatures: Sequence[PlainSignature],
    void_reason: str | None,
    content_sha256: str,
) -> dict[str, str | int | None] | None:
    """``projection_row(project(record))`` from the record's stored values, its body as the
    codec's JSON, without decoding the body: for the kinds whose only condition is their
    signers and whose body readiness does not read (most records). None for any other
    record, and whenever a value is not what the codec writes: decode that one.

    ``verify`` recomputes every record's projection; decoding every body took as long as the
    rest of ``verify``. A test holds the two paths equal for any record of these kinds.
    """
    spec = spec_for(kind)
    if spec.incomplete is not None or spec.body in BODY_FACTS:
        return None
    current = [s for s in signatures if s[1] == content_sha256]
    if len(current) != len(signatures) and spec.signing.sheet_fields:
        return None  # a signature may be on the sign-in sheet: its hash needs the decode
    reasons: list[Reason] = []
    if void_reason is not None:
        reasons.append(f"it was voided ({void_reason})")
    elif not current:
        reasons.append("it is not signed")
    else:
        signed_by = {s[0] for s in current}
        for role in spec.signing.roles:
            if not role.required:
                continue
            people = _plain_named(body, role.field, spec.body)
            if people is None:
                return None
            reasons.extend(Unsigned(role.label, w) for w in people if w not in signed_by)
    reviewed = max([event_date, *(s[2].date() for s in current)])
    signers = dict.fromkeys(s[0] for s in current)
    return _row(
        record_id,
        kind,
        title,
        event_date,
        site_id,
        void_reason is not None,
        reasons,
        reviewed,
        list(signers),
        "{}",
    )


def _plain_named(body: Mapping[str, Any], name: str, body_type: type) -> tuple[str, ...] | None:
    """``signing.named`` on the JSON body (a field at its default is left out of it); None
    when the value is not text or a list of text."""
    value = body.get(name, _default(body_type, name))
    if value is _REQUIRED:
        return None  # the codec refuses a body without it
    if value is None or value == "" or value == ():
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


_REQUIRED = object()


@cache
def _default(body_type: type, name: str) -> Any:
    """A body field's declared default (``_REQUIRED`` when it has none, or only a factory:
    such a body is decoded instead)."""
    f = next(f for f in dataclasses.fields(body_type) if f.name == name)
    return _REQUIRED if f.default is dataclasses.MISSING else f.default
