"""Framework packs: a certifying partner's audit elements, questions and thresholds, as data.

Frameworks differ by partner, province and year, so nothing here is hard-coded: a pack is a
JSON file (bundled under ``resources/frameworks`` or supplied by the user) that this module
validates strictly, because a silently misread pack would give an owner a false audit score.
Every error names the file, the entry and the problem, so a user editing a pack can fix it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum, StrEnum
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from secor_desktop.domain.datafile import DataFileError, JsonField, parse_json
from secor_desktop.domain.kinds import Province, RecordKind

DEFAULT_PACK_ID = "secor-9-element"

PackSource = str | os.PathLike[str] | Traversable
_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


class PackError(DataFileError):
    """A framework pack file that cannot be used as it stands."""


class Technique(StrEnum):
    """How an auditor gathers evidence for a question."""

    DOCUMENTATION = "D"
    INTERVIEW = "I"
    OBSERVATION = "O"


class AuditType(StrEnum):
    CERTIFICATION = "certification"
    MAINTENANCE = "maintenance"
    RECERTIFICATION = "recertification"


@dataclass(frozen=True)
class Thresholds:
    """Pass marks in percent: overall, and the floor every scored element must reach."""

    overall_pct: Decimal
    element_floor_pct: Decimal


@dataclass(frozen=True)
class AuditThresholds:
    certification: Thresholds
    maintenance: Thresholds

    def for_audit(self, audit_type: AuditType) -> Thresholds:
        """Recertification is held to the certification marks, as partners do."""
        if audit_type is AuditType.MAINTENANCE:
            return self.maintenance
        return self.certification


@dataclass(frozen=True)
class RecordSpan:
    """Months of field records needed for a one-year and for a three-year certificate."""

    one_year_months: int
    three_year_months: int


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    points: int
    technique: Technique
    na_allowed: bool
    owner_operator_excluded: bool


@dataclass(frozen=True)
class DirectiveDocument:
    """A written document the element expects the company to have (e.g. the policy).

    It is fulfilled by a signed, current ``document`` record that lists this id in its
    ``covers``, or by a signed, current record of one of ``record_kinds`` (an emergency
    response plan record, say).
    """

    id: str
    name: str
    record_kinds: tuple[RecordKind, ...] = ()


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    covers: str
    evidence_kinds: tuple[RecordKind, ...]
    directive_documents: tuple[DirectiveDocument, ...]
    questions: tuple[Question, ...]

    @property
    def available_points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass(frozen=True)
class FrameworkPack:
    id: str
    name: str
    version: str
    certifying_partner: str
    provinces: tuple[Province, ...]
    source: str
    thresholds: AuditThresholds
    record_span: RecordSpan
    elements: tuple[Element, ...]
    origin: str = field(default="", compare=False)
    """Where the pack was read from, for messages."""
    replaces: str | None = field(default=None, compare=False)
    """Set by discover_packs when this pack overrides one found earlier, so the UI can say so."""

    def element(self, code: str) -> Element:
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(f"pack {self.id} has no element {code!r}")

    def questions(self) -> dict[str, tuple[Element, Question]]:
        """Every question by id, with the element it belongs to."""
        return {q.id: (e, q) for e in self.elements for q in e.questions}


def _thresholds(node: JsonField) -> Thresholds:
    keys = node.obj(required=("overall_pct", "element_floor_pct"))
    return Thresholds(keys["overall_pct"].percent(), keys["element_floor_pct"].percent())


def _question(node: JsonField) -> Question:
    keys = node.obj(
        required=("id", "text", "points", "technique", "na_allowed", "owner_operator_excluded")
    )
    return Question(
        id=keys["id"].text(),
        text=keys["text"].text(),
        points=keys["points"].positive_int(),
        technique=keys["technique"].choice(Technique),
        na_allowed=keys["na_allowed"].flag(),
        owner_operator_excluded=keys["owner_operator_excluded"].flag(),
    )


def _element(node: JsonField) -> Element:
    keys = node.obj(
        required=("code", "name", "covers", "evidence_kinds", "questions"),
        optional=("directive_documents",),
    )
    kinds = keys["evidence_kinds"].unique([n.choice(RecordKind) for n in keys["evidence_kinds"]])
    docs: list[DirectiveDocument] = []
    if "directive_documents" in keys:
        for doc_node in keys["directive_documents"]:
            doc = doc_node.obj(required=("id", "name"), optional=("record_kinds",))
            doc_kinds: list[RecordKind] = []
            if "record_kinds" in doc:
                doc_kinds = [n.choice(RecordKind) for n in doc["record_kinds"]]
            docs.append(DirectiveDocument(doc["id"].text(), doc["name"].text(), tuple(doc_kinds)))
        keys["directive_documents"].unique([d.id for d in docs])
    questions = [_question(n) for n in keys["questions"].items(min_items=1)]
    return Element(
        code=keys["code"].text(),
        name=keys["name"].text(),
        covers=keys["covers"].text(),
        evidence_kinds=tuple(kinds),
        directive_documents=tuple(docs),
        questions=tuple(questions),
    )


_PACK_KEYS = (
    "id",
    "name",
    "version",
    "certifying_partner",
    "provinces",
    "source",
    "thresholds",
    "record_span",
    "elements",
)


def load_pack_text(text: str, source_name: str) -> FrameworkPack:
    """Parse and validate a pack from JSON text; ``source_name`` is used in error messages."""
    root = parse_json(text, source_name, PackError)
    keys = root.obj(required=_PACK_KEYS)
    limits = keys["thresholds"].obj(required=("certification", "maintenance"))
    span_keys = keys["record_span"].obj(required=("one_year_months", "three_year_months"))
    span = RecordSpan(
        span_keys["one_year_months"].positive_int(), span_keys["three_year_months"].positive_int()
    )
    if span.one_year_months > span.three_year_months:
        span_keys["one_year_months"].fail("must not be more than three_year_months")
    element_nodes = keys["elements"].items(min_items=1)
    elements = [_element(n) for n in element_nodes]
    keys["elements"].unique([e.code for e in elements], what="element code")
    seen: dict[str, str] = {}
    for node, element in zip(element_nodes, elements, strict=True):
        for index, question in enumerate(element.questions):
            if question.id in seen:
                where = node.child("questions", None).child(index, None).child("id", None)
                where.fail(
                    f"question id {question.id!r} is already used in element {seen[question.id]}"
                )
            seen[question.id] = element.code
    provinces = keys["provinces"].unique(
        [n.choice(Province) for n in keys["provinces"].items(min_items=1)]
    )
    return FrameworkPack(
        id=keys["id"].text(),
        name=keys["name"].text(),
        version=keys["version"].text(),
        certifying_partner=keys["certifying_partner"].text(),
        provinces=tuple(provinces),
        source=keys["source"].text(),
        thresholds=AuditThresholds(
            _thresholds(limits["certification"]), _thresholds(limits["maintenance"])
        ),
        record_span=span,
        elements=tuple(elements),
        origin=source_name,
    )


def _as_traversable(path: PackSource) -> Traversable:
    if isinstance(path, str | os.PathLike):
        return Path(path)
    return path


def load_pack(path: PackSource) -> FrameworkPack:
    """Read and validate one pack file."""
    resource = _as_traversable(path)
    name = str(resource)
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(name, "", f"could not be read ({exc})") from exc
    return load_pack_text(text, name)


def bundled_packs_dir() -> Traversable:
    """The packs shipped inside the application package."""
    return files("secor_desktop") / "resources" / "frameworks"


def load_bundled_pack(pack_id: str = DEFAULT_PACK_ID) -> FrameworkPack:
    """Load a shipped pack by id (its file is ``<id>.json``)."""
    directory = bundled_packs_dir()
    resource = directory / f"{pack_id}.json"
    if not resource.is_file():
        available = sorted(p.name.removesuffix(".json") for p in _json_files(directory))
        raise PackError(str(directory), pack_id, f"no bundled pack; available: {available}")
    pack = load_pack(resource)
    if pack.id != pack_id:
        raise PackError(str(resource), "id", f"is {pack.id!r}, expected {pack_id!r}")
    return pack


def _json_files(directory: Traversable) -> list[Traversable]:
    if not directory.is_dir():
        return []
    found = [p for p in directory.iterdir() if p.name.endswith(".json") and p.is_file()]
    return sorted(found, key=lambda p: p.name)


def discover_packs(
    dirs: Iterable[PackSource], *, errors: list[PackError] | None = None
) -> list[FrameworkPack]:
    """Load every pack in ``dirs`` (bundled first, then user folders); missing folders are skipped.

    A pack in a later folder overrides an earlier one with the same id, but never silently: the
    winner's ``replaces`` says what it replaced. Two packs with one id in the same folder are an
    error, as the choice between them would be arbitrary. Broken files raise ``PackError``
    unless an ``errors`` list is given, in which case they are collected there and skipped, so
    one bad user file does not hide the bundled packs.
    """
    chosen: dict[str, FrameworkPack] = {}
    for directory in dirs:
        in_this_dir: dict[str, str] = {}
        for resource in _json_files(_as_traversable(directory)):
            try:
                pack = load_pack(resource)
                if pack.id in in_this_dir:
                    raise PackError(
                        str(resource), "id", f"{pack.id!r} is also used by {in_this_dir[pack.id]}"
                    )
            except PackError as exc:
                if errors is None:
                    raise
                errors.append(exc)
                continue
            in_this_dir[pack.id] = str(resource)
            earlier = chosen.pop(pack.id, None)
            if earlier is not None:
                note = f"replaces {earlier.id} version {earlier.version} from {earlier.origin}"
                if earlier.version == pack.version:
                    note += " (same version number: check which one you mean to use)"
                pack = replace(pack, replaces=note)
            chosen[pack.id] = pack
    return list(chosen.values())


def pack_for_kind(pack: FrameworkPack) -> dict[RecordKind, tuple[str, ...]]:
    """Element codes each record kind counts as evidence for (every kind present, maybe empty)."""
    return {
        kind: tuple(e.code for e in pack.elements if kind in e.evidence_kinds)
        for kind in RecordKind
    }
