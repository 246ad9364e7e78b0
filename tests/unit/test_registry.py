"""The kind registry: an open RecordKind, declarations registered once, and lookups."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from secor_desktop.domain import codec
from secor_desktop.domain.bodies import DocumentBody, DocumentType, FlhaBody
from secor_desktop.domain.completeness import counts, missing_for
from secor_desktop.domain.datafile import DataFileError, parse_json
from secor_desktop.domain.kinds import DEFAULT_FREQUENCIES, Frequency, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import (
    KindSpec,
    ListColumn,
    SigningRule,
    fast_signers,
    register,
    registered,
    role,
    spec_for,
    spec_of_body,
    specs,
    unregister,
    worker_refs,
)
from secor_desktop.domain.validation import FieldProblem
from tests.unit.readiness_kit import record

DAY = date(2026, 10, 1)
BUILT_IN = [
    "hazard_assessment",
    "flha",
    "inspection",
    "toolbox_talk",
    "training",
    "orientation",
    "incident",
    "emergency_plan",
    "drill",
    "document",
    "first_aid",
    "admin",
    "workplace_party",
    "hours",
]


@dataclass(frozen=True, slots=True)
class CountBody:
    """A toy kind's body: a head count taken by a counter, witnessed by others."""

    counter_id: str
    witness_ids: tuple[str, ...]
    heads: int
    helper_id: str | None = None


def _toy(**changes: object) -> KindSpec:
    fields: dict[str, object] = {
        "key": "head_count",
        "label": "Head count",
        "plural": "Head counts",
        "body": CountBody,
        "frequency": Frequency.MONTHLY,
        "signing": SigningRule(
            (role("counter_id", "counter", SignatureMeaning.PERFORMED, required=True),),
            (SignatureMeaning.REVIEWED,),
        ),
        "default_meaning": SignatureMeaning.PERFORMED,
        "column": ListColumn("heads", "Heads"),
        "worker_fields": ("counter_id", "witness_ids", "helper_id"),
    }
    fields.update(changes)
    return KindSpec(**fields)  # type: ignore[arg-type]


@pytest.fixture
def toy() -> Iterator[RecordKind]:
    with registered(_toy()) as kind:
        yield kind


def test_built_in_kinds_iterate_in_declaration_order() -> None:
    """``RecordKind`` lists the built-in kinds in the order the sidebar shows them."""
    assert [k.value for k in RecordKind] == BUILT_IN
    assert len(RecordKind) == len(BUILT_IN) and [s.key for s in specs()] == BUILT_IN


def test_a_kind_is_one_object_per_key() -> None:
    """Reading a stored key gives the very constant, so ``is`` comparisons hold."""
    assert RecordKind("flha") is RecordKind.FLHA
    assert RecordKind.FLHA == "flha" and type(RecordKind.FLHA.value) is str
    assert repr(RecordKind.FLHA) == "RecordKind.FLHA" and RecordKind.FLHA.name == "FLHA"


@pytest.mark.parametrize("value", ["nope", ["flha"], 3])
def test_an_unknown_key_is_refused(value: object) -> None:
    """A key nobody declared is a ValueError, as it was for the enum."""
    with pytest.raises(ValueError, match="is not a RecordKind"):
        RecordKind(value)  # type: ignore[arg-type]


def test_membership_asks_the_registry() -> None:
    """``in RecordKind`` is true for declared keys only."""
    assert "flha" in RecordKind and "nope" not in RecordKind


def test_default_frequencies_follow_the_declarations() -> None:
    """The default frequencies are each declaration's, for every kind and only those."""
    assert dict(DEFAULT_FREQUENCIES) == {s.kind: s.frequency for s in specs()}
    assert len(DEFAULT_FREQUENCIES) == len(BUILT_IN)
    assert list(DEFAULT_FREQUENCIES) == list(RecordKind)


def test_a_registered_toy_is_a_kind_until_it_is_withdrawn() -> None:
    """Registering adds the kind at the end; leaving the block removes every trace."""
    with registered(_toy()) as kind:
        assert list(RecordKind)[-1] is kind is RecordKind("head_count")
        assert (kind.label, kind.plural) == ("Head count", "Head counts")
        assert DEFAULT_FREQUENCIES[kind] is Frequency.MONTHLY
        assert spec_of_body(CountBody(counter_id="a", witness_ids=(), heads=1)).kind is kind
    assert "head_count" not in RecordKind and len(RecordKind) == len(BUILT_IN)
    with pytest.raises(ValueError):
        RecordKind("head_count")
    with pytest.raises(KeyError):
        kind.label  # noqa: B018
    with pytest.raises(KeyError):
        DEFAULT_FREQUENCIES[kind]
    with pytest.raises(LookupError, match="no record kind 'head_count'"):
        spec_for(kind)
    with pytest.raises(LookupError, match="no record kind has the body type CountBody"):
        spec_of_body(CountBody(counter_id="a", witness_ids=(), heads=1))


def test_a_kind_declared_twice_is_refused(toy: RecordKind) -> None:
    """A second declaration of a key, or of a body type, is a programming error."""
    with pytest.raises(ValueError, match="is declared twice; CountBody is already the body"):
        register(_toy())


def test_a_declaration_naming_a_missing_field_is_refused() -> None:
    """Worker fields, signer roles and the list column must be fields of the body."""
    spec = _toy(worker_fields=("boss_id",), column=ListColumn("size", "Size"))
    with pytest.raises(ValueError, match="has no field 'boss_id'; CountBody has no field 'size'"):
        register(spec)
    assert "head_count" not in RecordKind


def test_a_body_that_is_not_a_dataclass_is_refused() -> None:
    """The codec and the PDF read a body's fields, so it must be a dataclass."""
    with pytest.raises(ValueError, match="dict is not a dataclass"):
        register(_toy(body=dict))


def test_worker_refs_reads_the_declared_fields(toy: RecordKind) -> None:
    """Single ids, lists of ids and unset optional ids come back as tuples, by field."""
    body = CountBody(counter_id="a", witness_ids=("b", "c"), heads=9)
    assert worker_refs(toy, body) == {
        "counter_id": ("a",),
        "witness_ids": ("b", "c"),
        "helper_id": (),
    }


def test_required_signers_make_a_toy_count_on_the_fast_path(toy: RecordKind) -> None:
    """A kind whose only condition is its signers is decided by one set test."""
    body = CountBody(counter_id="a", witness_ids=("a", "b"), heads=9)
    assert fast_signers()[CountBody](body) == ("a",)
    assert counts(record(toy, DAY, body, signers=("a",)))
    assert not counts(record(toy, DAY, body, signers=("b",)))


def test_fast_signers_skip_unset_and_repeated_ids() -> None:
    """An unset optional role names nobody; someone in two roles is listed once."""
    spec = _toy(
        signing=SigningRule(
            (
                role("helper_id", "helper", SignatureMeaning.PERFORMED, required=True),
                role("witness_ids", "witness", SignatureMeaning.ATTENDED, required=True),
                role("counter_id", "counter", SignatureMeaning.PERFORMED, required=True),
            ),
            (),
        )
    )
    with registered(spec):
        required = fast_signers()[CountBody]
        assert required(CountBody("a", ("b", "a"), 1, helper_id=None)) == ("b", "a")
        assert required(CountBody("a", ("a",), 1, helper_id="")) == ("a",)


def test_a_toy_with_its_own_completeness_rule_leaves_the_fast_path() -> None:
    """``incomplete`` reasons are given after the signers', and the kind is never fast."""

    def no_heads(body: CountBody) -> tuple[str, ...]:
        return () if body.heads else ("nobody was counted",)

    with registered(_toy(incomplete=no_heads)) as kind:
        assert CountBody not in fast_signers()
        body = CountBody(counter_id="a", witness_ids=(), heads=0)
        assert missing_for(record(kind, DAY, body, signers=("a",)), {}) == ("nobody was counted",)
        assert not counts(record(kind, DAY, body, signers=("a",)))


def test_unregister_forgets_the_fast_path() -> None:
    """Withdrawing a kind takes its body type out of readiness' fast path."""
    kind = register(_toy())
    unregister(kind)
    assert CountBody not in fast_signers()


def test_the_codec_decodes_kinds_from_the_live_registry(toy: RecordKind) -> None:
    """A kind registered after the decoder was built still decodes; others are named."""
    decode = dict[RecordKind, int]
    assert codec.from_jsonable(decode, {"head_count": 1, "flha": 2}) == {toy: 1, "flha": 2}
    with pytest.raises(codec.DecodeError, match=r"x\.nope: 'nope' is not one of .*head_count"):
        codec.from_jsonable(decode, {"nope": 1}, "x")


def test_a_data_file_choice_reads_record_kinds() -> None:
    """Framework packs name record kinds; an unknown one is refused with the known ones."""
    assert parse_json('"flha"', "p.json", DataFileError).choice(RecordKind) is RecordKind.FLHA
    with pytest.raises(DataFileError, match="unknown value 'nope'"):
        parse_json('"nope"', "p.json", DataFileError).choice(RecordKind)


def test_signing_checks_before_signing_come_from_the_declaration() -> None:
    """A document with a template blank left cannot be signed (its declaration's check)."""
    from secor_desktop.domain.signing import not_ready_to_sign

    body = DocumentBody(DocumentType.POLICY, "1", "We {{do}} it.", "own")
    doc = Record("d", RecordKind.DOCUMENT, "Policy", DAY, None, body)
    assert [p for p, _ in not_ready_to_sign(doc)] == ["body.text"]
    assert spec_for(RecordKind.DOCUMENT).company_wide
    assert not spec_for(RecordKind.FLHA).company_wide


def test_validation_runs_the_declared_rules() -> None:
    """A toy's own rule refuses its bad body, naming the field."""
    from secor_desktop.domain.validation import Roster, validate_record

    def at_least_one(problems: list[FieldProblem], rec: Record) -> None:
        if rec.body.heads < 1:  # type: ignore[union-attr]
            problems.append(FieldProblem("body.heads", "count at least one person"))

    with registered(_toy(rules=at_least_one, worker_fields=())) as kind:
        body = CountBody(counter_id="a", witness_ids=(), heads=0)
        rec = Record("t", kind, "Count", DAY, None, body)  # type: ignore[arg-type]
        assert validate_record(rec, Roster(DAY, {}, {})) == [
            FieldProblem("body.heads", "count at least one person")
        ]


def test_flha_body_is_declared_as_flha() -> None:
    """The built-in declarations pair each body with its kind."""
    assert spec_of_body(FlhaBody("t", (), ())).kind is RecordKind.FLHA


def test_validation_checks_the_declared_worker_fields(toy: RecordKind) -> None:
    """A kind without rules of its own still has every worker it names checked."""
    from secor_desktop.domain.validation import Roster, validate_record

    body = CountBody(counter_id="ghost", witness_ids=(), heads=3)
    rec = Record("t", toy, "Count", DAY, None, body)  # type: ignore[arg-type]
    assert validate_record(rec, Roster(DAY, {}, {})) == [
        FieldProblem("body.counter_id", "is not a worker on the roster")
    ]
