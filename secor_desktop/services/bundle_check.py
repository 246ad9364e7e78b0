"""Checking a bundle whole before anything is written: the import's gatekeeper.

A bundle may come from an unlucky user (a damaged copy, an edited file) or from someone who
wants a forged history accepted. So nothing in it is taken as given. Every revision of every
item (not only the newest) is read, typed, decoded and checked against the rules; the chain
is recomputed; the flags are derived again from the hashed documents; the fields stated beside
each document must equal the document's own; every worker, site and record an item names must
exist; every file is checked by its bytes. JSON is read under a size and a depth limit.

Each refusal is a ``Rejection`` naming the item ("Record "Weekly yard inspection" (id …)") and
what is wrong, so the user can find it; the import raises ``ImportRejected`` with all of them
before it opens a transaction. Limits and rules: docs/bundle-format.md.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from secor_desktop.domain import codec
from secor_desktop.domain.canonical import (
    COMPANY_ID,
    ENTITY_COMPANY,
    ENTITY_RECORD,
    ENTITY_TYPES,
    REVISION_FORMAT,
    Entity,
    entity_from_data,
    entity_id_of,
    record_from_data,
)
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.ledger import StoredRevision, check_chain, revision_flags
from secor_desktop.domain.model import DEFAULT_LATE_ENTRY_DAYS, Company, RevisionInfo

BUNDLE_FORMAT = "secor-bundle/1"
# Far above what a real company writes. The demo company's bundle is 3.5 KB per revision and
# nested 9 levels deep; ten years of a busy small company is at most some 30,000 records and
# 150,000 revisions, about 500 MB. Limits and reasons: docs/bundle-format.md.
MAX_BUNDLE_BYTES = 2 * 1024**3
MAX_REVISIONS = 2_000_000
MAX_DOCUMENT_CHARS = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_ID_CHARS = 100
_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Rejection:
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


class ImportRejected(UserError):
    """The bundle was refused whole; nothing was written."""

    def __init__(self, source: Path, rejected: list[Rejection]) -> None:
        self.source = source
        self.rejected = tuple(rejected)
        lines = "\n".join(f"  - {r}" for r in rejected[:50])
        more = f"\n  ... and {len(rejected) - 50} more" if len(rejected) > 50 else ""
        super().__init__(
            f"{source} was not imported; nothing was changed. {len(rejected)} problem(s):\n"
            f"{lines}{more}"
        )


class RevisionRefused(ValueError):
    """One problem with one revision; its text is the reason of a Rejection."""

    def __init__(self, reason: str, label: str | None = None) -> None:
        super().__init__(reason)
        self.label = label


@dataclass(frozen=True)
class Revision:
    """One revision of the bundle, read and decoded."""

    stored: StoredRevision
    info: RevisionInfo
    entity: Entity
    item: str  # names the item for a person: Record "Ladders" (id ...)
    body: Any = None  # a record's body as the JSON values that were hashed, encoded once

    @property
    def label(self) -> str:
        """The item, and which revision of it when it is not the first."""
        n = self.stored.revision
        return self.item if n == 1 else f"{self.item}, revision {n}"


# --- reading JSON under limits ---------------------------------------------------------


def read_bundle(path: Path) -> dict[str, Any]:
    """bundle.json as a dict, read under the size and depth limits, or ImportRejected."""

    def refuse(reason: str) -> ImportRejected:
        return ImportRejected(path, [Rejection(str(path), reason)])

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file")
        if info.st_size > MAX_BUNDLE_BYTES:
            raise refuse(f"is larger than {_size(MAX_BUNDLE_BYTES)}, the most a bundle may be")
        with path.open("rb") as fh:  # a bounded read: a file that never ends stops here
            raw = fh.read(MAX_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BUNDLE_BYTES:
        raise refuse(f"is larger than {_size(MAX_BUNDLE_BYTES)}, the most a bundle may be")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise refuse("is not UTF-8 text") from None
    del raw
    try:
        doc = parse_json(text)
    except RevisionRefused as exc:
        raise refuse(str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != BUNDLE_FORMAT:
        raise refuse(f"is not a {BUNDLE_FORMAT} bundle (no 'format' key)")
    return doc


def _size(n: int) -> str:
    return f"{n // 1024**3} GB" if n % 1024**3 == 0 else f"{n // 1024**2} MB"


def parse_json(text: str, *, small: bool = False) -> Any:
    """JSON text to values; too deep or too large for memory is a RevisionRefused, not a crash.

    ``small`` (one revision's document): the nesting is read from the text, which for a
    document is much quicker than walking the values; for the whole bundle, walking is.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RevisionRefused(f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise RevisionRefused(f"is nested more than {MAX_DEPTH} levels deep") from None
    except MemoryError:
        raise RevisionRefused("is too large to read on this computer") from None
    too_deep = _text_depth_over(text, MAX_DEPTH) if small else _depth_over(value, MAX_DEPTH)
    if too_deep:
        raise RevisionRefused(f"is nested more than {MAX_DEPTH} levels deep")
    return value


_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_INNERMOST = re.compile(r"\{[^{}\[\]]*\}|\[[^{}\[\]]*\]")


def _text_depth_over(text: str, limit: int) -> bool:
    """``_depth_over`` of valid JSON text, read from the text: strings taken out, then the
    innermost objects and lists removed, one level per pass (in C, not a walk in Python)."""
    if text.count("{") + text.count("[") <= limit:  # fewer openings, brackets in text too
        return False
    skeleton = _STRING.sub("", text)
    for _level in range(limit):
        skeleton, found = _INNERMOST.subn("", skeleton)
        if not found:
            return False
    return "{" in skeleton or "[" in skeleton


def _depth_over(value: Any, limit: int) -> bool:
    """Whether ``value`` nests deeper than ``limit`` (one level at a time: no recursion to
    exhaust, and each level's containers gathered by comprehensions, not a stack)."""
    level = [value] if isinstance(value, dict | list) else []
    for _depth in range(limit):
        if not level:
            return False
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, dict | list)
        ]
    return bool(level)


# --- every revision --------------------------------------------------------------------


def read_revisions(doc: dict[str, Any], rejected: list[Rejection]) -> list[Revision]:
    """Every revision read, typed and decoded, in chain order; problems go to ``rejected``."""
    raw = doc.get("revisions")
    if not isinstance(raw, list):
        rejected.append(Rejection("revisions", "missing or not a list"))
        return []
    if len(raw) > MAX_REVISIONS:
        rejected.append(Rejection("revisions", f"more than {MAX_REVISIONS:,} revisions"))
        return []
    revisions: list[Revision] = []
    for i, item in enumerate(raw):
        try:
            revisions.append(_read_revision(item))
        except RevisionRefused as exc:
            rejected.append(Rejection(exc.label or f"revisions[{i}]", str(exc)))
    revisions.sort(key=lambda r: r.stored.seq)
    _check_numbering(revisions, rejected)
    return revisions


def read_revision(item: Any) -> Revision:
    """One revision of a bundle or exchange file, typed and decoded, or RevisionRefused."""
    return _read_revision(item)


def _read_revision(item: Any) -> Revision:
    if not isinstance(item, dict):
        raise RevisionRefused("is not an object")
    stored = StoredRevision(
        seq=_typed(item, "seq", int),
        entity_type=_typed(item, "entity_type", str),
        entity_id=_typed(item, "entity_id", str),
        revision=_typed(item, "revision", int),
        document=_typed(item, "document", str),
        content_sha256=_typed(item, "content_sha256", str),
        prev_chain_sha256=_typed(item, "prev_chain_sha256", str),
        chain_sha256=_typed(item, "chain_sha256", str),
    )
    if stored.entity_type not in ENTITY_TYPES:
        raise RevisionRefused(f"entity_type {stored.entity_type!r} is not a kind of item")
    if not 0 < len(stored.entity_id) <= MAX_ID_CHARS or not stored.entity_id.isprintable():
        raise RevisionRefused("entity_id is empty, too long or holds control characters")
    if stored.seq < 1 or stored.revision < 1:
        raise RevisionRefused("seq and revision must be 1 or more")
    for name in ("content_sha256", "prev_chain_sha256", "chain_sha256"):
        value = getattr(stored, name)
        if len(value) != 64 or not _HEX.issuperset(value):
            raise RevisionRefused(f"{name} is not a SHA-256 hex digest")
    if len(stored.document) > MAX_DOCUMENT_CHARS:
        raise RevisionRefused(f"its document is longer than {MAX_DOCUMENT_CHARS:,} characters")
    try:
        document = parse_json(stored.document, small=True)
    except RevisionRefused as exc:
        raise RevisionRefused(f"its document {exc}") from None
    if not isinstance(document, dict) or document.get("format") != REVISION_FORMAT:
        raise RevisionRefused(f"its document is not a {REVISION_FORMAT} document")
    data = document.get("data")
    name = _label(stored.entity_type, stored.entity_id, data)
    label = name if stored.revision == 1 else f"{name}, revision {stored.revision}"
    try:
        return _decode(item, stored, document, name)
    except RevisionRefused as exc:
        raise RevisionRefused(str(exc), label) from None


def _decode(
    item: dict[str, Any], stored: StoredRevision, doc: dict[str, Any], label: str
) -> Revision:
    for key, stated in (
        ("entity", stored.entity_type),
        ("id", stored.entity_id),
        ("revision", stored.revision),
    ):
        if doc.get(key) != stated:
            raise RevisionRefused(f"its document's {key} is not the {stated!r} stated beside it")
    event_text = doc.get("event_date")
    if event_text is not None:
        _date_of(event_text, "event_date")
    entered_text = doc.get("entered_at")
    entered_at = _datetime_of(entered_text, "entered_at")
    reason = doc.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise RevisionRefused("reason must be text")
    for key in ("event_date", "entered_at", "reason"):
        if key not in item:
            raise RevisionRefused(f"{key} is missing beside the document")
        if item[key] != doc.get(key):
            raise RevisionRefused(
                f"{key} {json.dumps(item[key], ensure_ascii=False)[:80]} stated beside the "
                f"document differs from the document's "
                f"{json.dumps(doc.get(key), ensure_ascii=False)[:80]}"
            )
    flags = item.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
        raise RevisionRefused("flags must be a list of words")
    data = doc.get("data")
    if not isinstance(data, dict):
        raise RevisionRefused("its document has no data object")
    body = None
    entity: Entity
    try:
        if stored.entity_type == ENTITY_RECORD:
            entity, body = record_from_data(data)
        else:
            entity = entity_from_data(stored.entity_type, data)
    except codec.DecodeError as exc:
        raise RevisionRefused(_decode_reason(str(exc), stored.entity_type)) from None
    except (TypeError, ValueError, KeyError) as exc:
        raise RevisionRefused(f"cannot be read ({exc})") from None
    if entity_id_of(entity) != stored.entity_id:
        raise RevisionRefused(
            f"its data has the id {entity_id_of(entity)!r}, not {stored.entity_id!r}"
        )
    info = RevisionInfo(
        seq=stored.seq,
        entity_type=stored.entity_type,
        entity_id=stored.entity_id,
        revision=stored.revision,
        event_date=date.fromisoformat(event_text) if event_text else None,
        entered_at=entered_at,
        reason=reason,
        content_sha256=stored.content_sha256,
        chain_sha256=stored.chain_sha256,
        flags=tuple(flags),
    )
    return Revision(stored, info, entity, label, body)


def _typed(item: dict[str, Any], key: str, tp: type[Any]) -> Any:
    if key not in item:
        raise RevisionRefused(f"{key} is missing")
    value = item[key]
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        raise RevisionRefused(f"{key} must be {'a whole number' if tp is int else 'text'}")
    return value


def _date_of(value: Any, field: str) -> date:
    if not isinstance(value, str) or not codec.is_iso_date_text(value):
        raise RevisionRefused(f"{field} {json.dumps(value)[:80]} is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RevisionRefused(f'{field} "{value}" is not a real date') from None


def _datetime_of(value: Any, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        shown = json.dumps(value, ensure_ascii=False)[:80]
        raise RevisionRefused(f"{field} {shown} is not a date and time with its UTC offset")
    return moment


def _decode_reason(message: str, entity_type: str) -> str:
    """A codec message ("record.event_date: '2025-02-30' is not a real date") for a person."""
    path, _, rest = message.partition(": ")
    path = path.removeprefix(f"{entity_type}.").removeprefix(entity_type)
    quoted = re.fullmatch(r"'(.*)' (is not a .*)", rest)
    if quoted:
        return f'{path} "{quoted[1]}" {quoted[2]}'
    return f"{path}: {rest}" if path else rest


def _label(entity_type: str, entity_id: str, data: Any) -> str:
    """How a person finds the item: its kind, its title or name, and its id."""
    data = data if isinstance(data, dict) else {}

    def text(key: str) -> str:
        value = data.get(key)
        return value[:80] if isinstance(value, str) else ""

    named = {
        "record": ("Record", text("title")),
        "worker": ("Worker", text("name")),
        "site": ("Site", text("name")),
        "corrective_action": ("Corrective action", text("description")),
        "self_evaluation": ("Self-evaluation", text("eval_date")),
    }
    if entity_type == ENTITY_COMPANY or entity_id == COMPANY_ID:
        label = "The company profile"
    else:
        kind, name = named.get(entity_type, (entity_type, ""))
        shown = json.dumps(name, ensure_ascii=False) + " " if name else ""
        label = f"{kind} {shown}(id {entity_id})"
    return label


def _check_numbering(revisions: list[Revision], rejected: list[Rejection]) -> None:
    """Each seq once; each item's revisions numbered 1, 2, 3 ... in chain order."""
    seen_seq: set[int] = set()
    last: dict[tuple[str, str], int] = {}
    for r in revisions:
        s = r.stored
        if s.seq in seen_seq:
            rejected.append(Rejection(r.label, f"seq {s.seq} appears more than once"))
        seen_seq.add(s.seq)
        key = (s.entity_type, s.entity_id)
        expected = last.get(key, 0) + 1
        if s.revision != expected:
            problem = (
                f"revision {s.revision} appears more than once"
                if s.revision < expected
                else f"revision {expected} is missing before revision {s.revision}"
            )
            rejected.append(Rejection(r.label, problem))
        last[key] = max(last.get(key, 0), s.revision)


def check_history(
    doc: dict[str, Any], revisions: list[Revision], rejected: list[Rejection]
) -> None:
    """The chain recomputed, the stated head, and each revision's flags derived again."""
    stored = [r.stored for r in revisions]
    # Every document was parsed and matched to its revision when it was read.
    head, problems = check_chain(stored, documents_read=True)
    by_seq = {r.stored.seq: r for r in revisions}
    for p in problems:
        rejected.append(Rejection(by_seq[p.seq].label, p.message))
    stated = doc.get("chain_head")
    if (
        not problems
        and isinstance(stated, dict)
        and (stated.get("count"), stated.get("sha256")) != (head.count, head.sha256)
    ):
        rejected.append(
            Rejection("chain_head", f"is not the head of the revisions it holds ({head})")
        )
    for r, derived in zip(revisions, _derived_flags(revisions), strict=True):
        if sorted(r.info.flags) != sorted(derived):
            shown = ", ".join(derived) or "none"
            given = ", ".join(r.info.flags) or "none"
            rejected.append(
                Rejection(
                    r.label,
                    f"flags {given} differ from those its dates give ({shown})",
                )
            )


def _derived_flags(revisions: list[Revision]) -> Iterator[tuple[str, ...]]:
    """``derive_flags`` from the revisions as read (the same dates, the company's limit as
    decoded), without parsing every document a second time."""
    late_days = DEFAULT_LATE_ENTRY_DAYS
    previous: datetime | None = None
    for r in revisions:
        if isinstance(r.entity, Company):
            late_days = r.entity.late_entry_days
        yield revision_flags(
            first_revision=r.stored.revision == 1,
            event_date=r.info.event_date,
            entered_at=r.info.entered_at,
            previous_entered_at=previous,
            late_entry_days=late_days,
        )
        previous = r.info.entered_at


def item_label(entity_type: str, entity_id: str, data: Any) -> str:
    """How a person finds an item: its kind, its title or name, and its id."""
    return _label(entity_type, entity_id, data)
