"""The kind registry: one declaration per record kind, registered once, read by every layer.

A ``KindSpec`` says everything the program knows about a kind: its stored key and words, its
body dataclass, how often a company usually produces it, who names whom in it, who signs it in
what role and with what meaning, the column its list shows, and its own rules for validation,
completeness and signing. The built-in kinds are declared in ``domain/record_kinds``; the
domain (validation, completeness, readiness, signing, the canonical form), the services
(record lists), the GUI (editors, the signing dialog) and the PDF all ask here, so adding a
kind is its declaration, its body and its editor (and its place in the framework packs).

Picard's file formats describe themselves in one class and register once; this follows it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from secor_desktop.domain.kinds import (
    Frequency,
    RecordKind,
    SignatureMeaning,
    enrol,
    ensure_loaded,
    intern_kind,
    withdraw,
)

if TYPE_CHECKING:
    from secor_desktop.domain.model import Record
    from secor_desktop.domain.validation import FieldProblem


@dataclass(frozen=True, slots=True)
class SignerRole:
    """People named in one body field, who sign with one of ``meanings``.

    ``required``: each of them must have signed for the record to count.
    ``sheet``: the field is a sign-in list: names may be added after signing has begun.
    """

    field: str
    label: str
    meanings: tuple[SignatureMeaning, ...]
    required: bool = False
    sheet: bool = False


@dataclass(frozen=True, slots=True)
class SigningRule:
    """A kind's roles, and the meanings anyone on the roster may sign with (``open``)."""

    roles: tuple[SignerRole, ...]
    open: tuple[SignatureMeaning, ...]

    @property
    def sheet_fields(self) -> tuple[str, ...]:
        return tuple(r.field for r in self.roles if r.sheet)


def role(
    field: str,
    label: str,
    *meanings: SignatureMeaning,
    required: bool = False,
    sheet: bool = False,
) -> SignerRole:
    """A signer role, written the way a declaration reads best."""
    return SignerRole(field, label, meanings, required, sheet)


@dataclass(frozen=True, slots=True)
class ListColumn:
    """The body field a record list shows for a kind, beside the common columns."""

    field: str
    header: str
    names_worker: bool = False


@dataclass(frozen=True, slots=True)
class RecordLink:
    """A body field holding the ids of other records, which must be of one of ``kinds``
    (an H&S meeting names the inspections it took part in). Checked when the record is
    saved; the PDF prints the linked records' titles."""

    field: str
    kinds: tuple[str, ...]
    label: str  # what one linked record is, in words: "an inspection"


# A kind's own validation: append problems about ``record`` (whose body is the kind's).
KindRules = Callable[[list["FieldProblem"], "Record"], None]
# What else keeps a signed record from counting, in words (empty when nothing does).
Incomplete = Callable[[Any], tuple[str, ...]]
# What must be filled in before signing: (body field path, words).
BeforeSigning = Callable[[Any], list[tuple[str, str]]]


@dataclass(frozen=True)
class KindSpec:
    """Everything about one record kind. ``key`` is the stored string: never change it."""

    key: str
    label: str
    plural: str  # as a sentence starts: "Inspections: none since ..."
    body: type[Any]  # a frozen dataclass
    frequency: Frequency  # the default a new company starts with
    signing: SigningRule
    default_meaning: SignatureMeaning  # what the signing dialog offers first
    column: ListColumn
    worker_fields: tuple[str, ...] = ()  # body fields naming workers on the roster
    rules: KindRules | None = None
    incomplete: Incomplete | None = None
    before_signing: BeforeSigning | None = None
    company_wide: bool = False  # a new one starts with no particular site, even with one site
    links: tuple[RecordLink, ...] = ()  # body fields naming other records
    # Owed (its frequency applies) only once a live record of this other kind exists: H&S
    # meetings once a representative or committee is designated. A small employer that
    # needs neither is not told it is behind on meetings it never had to hold.
    owed_after: str | None = None
    kind: RecordKind = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", intern_kind(self.key))


_SPECS: dict[str, KindSpec] = {}
_BY_BODY: dict[type, KindSpec] = {}
# Who must have signed, by body type, for the kinds whose only condition is their signers:
# lets readiness decide most records with one lookup and one set test (its hot loop).
FAST_SIGNERS: dict[type, Callable[[Any], tuple[str, ...]]] = {}


def register(spec: KindSpec) -> RecordKind:
    """Declare a kind; its ``RecordKind`` is usable everywhere from now on."""
    problems = _spec_problems(spec)
    if problems:
        raise ValueError(f"record kind {spec.key!r}: {'; '.join(problems)}")
    kind = spec.kind
    _SPECS[kind] = spec
    _BY_BODY[spec.body] = spec
    required = tuple(r.field for r in spec.signing.roles if r.required)
    if spec.incomplete is None and required:
        FAST_SIGNERS[spec.body] = _required_signers(required)
    enrol(kind, spec.label, spec.plural, spec.frequency)
    return kind


def unregister(kind: RecordKind) -> None:
    """Forget a kind (tests: a toy kind must not outlive its test)."""
    spec = _SPECS.pop(kind)
    del _BY_BODY[spec.body]
    FAST_SIGNERS.pop(spec.body, None)
    withdraw(kind)


@contextmanager
def registered(spec: KindSpec) -> Iterator[RecordKind]:
    """The kind registered for the ``with`` block, and gone after it."""
    kind = register(spec)
    try:
        yield kind
    finally:
        unregister(kind)


def spec_for(kind: str) -> KindSpec:
    spec = _SPECS.get(kind)
    if spec is None:
        ensure_loaded()
        try:
            spec = _SPECS[kind]
        except KeyError:
            raise LookupError(f"no record kind {str(kind)!r} is registered") from None
    return spec


def spec_of_body(body: object) -> KindSpec:
    """The declaration whose body type ``body`` is (exactly: no subclasses)."""
    spec = _BY_BODY.get(type(body))
    if spec is None:
        ensure_loaded()
        try:
            spec = _BY_BODY[type(body)]
        except KeyError:
            raise LookupError(f"no record kind has the body type {type(body).__name__}") from None
    return spec


def specs() -> tuple[KindSpec, ...]:
    """Every declaration, in declaration order (the order lists and the sidebar show)."""
    ensure_loaded()
    return tuple(_SPECS.values())


def fast_signers() -> dict[type, Callable[[Any], tuple[str, ...]]]:
    ensure_loaded()
    return FAST_SIGNERS


def worker_refs(kind: RecordKind, body: object) -> dict[str, tuple[str, ...]]:
    """The roster ids a body names, by field name (empty tuples for unset optional fields)."""
    refs: dict[str, tuple[str, ...]] = {}
    for name in spec_for(kind).worker_fields:
        value = getattr(body, name)
        if value is None:
            refs[name] = ()
        elif isinstance(value, str):
            refs[name] = (value,)
        else:
            refs[name] = tuple(value)
    return refs


def _required_signers(fields: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    """``signing.required_signers`` for one kind, with its role fields looked up once."""
    getters = tuple(attrgetter(name) for name in fields)

    def required(body: Any) -> tuple[str, ...]:
        out: list[str] = []
        for get in getters:
            value = get(body)
            if value is None or value == "":
                continue
            for worker_id in (value,) if isinstance(value, str) else value:
                if worker_id not in out:
                    out.append(worker_id)
        return tuple(out)

    return required


def _spec_problems(spec: KindSpec) -> list[str]:
    """A declaration that names a field its body lacks would fail far from here: refuse it."""
    problems: list[str] = []
    if spec.key in _SPECS:
        problems.append("is declared twice")
    if spec.body in _BY_BODY:
        problems.append(f"{spec.body.__name__} is already the body of another kind")
    if not dataclasses.is_dataclass(spec.body):
        problems.append(f"{spec.body.__name__} is not a dataclass")
        return problems
    names = {f.name for f in dataclasses.fields(spec.body)}
    named = (
        *spec.worker_fields,
        *(r.field for r in spec.signing.roles),
        *(link.field for link in spec.links),
        spec.column.field,
    )
    problems.extend(
        f"{spec.body.__name__} has no field {name!r}"
        for name in dict.fromkeys(named)
        if name not in names
    )
    return problems


def owed(kind: RecordKind, present: Callable[[RecordKind], bool]) -> bool:
    """Whether ``kind``'s declared frequency applies, given which kinds have a live record
    (``present``): always, unless the kind is owed only after another (``owed_after``)."""
    after: str | None = getattr(_SPECS.get(kind.value), "owed_after", None)
    return after is None or present(intern_kind(after))
