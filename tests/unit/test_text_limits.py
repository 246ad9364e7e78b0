"""The per-kind text plan: it finds every text over its limit the generic walk would find."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import Any, Literal

from secor_desktop.domain.text_limits import (
    GENERIC,
    LONG_TEXT,
    NESTED,
    NESTED_MANY,
    SHORT_TEXT,
    TEXT,
    TEXTS,
    limit_for,
    text_plan,
    within_limits,
)


class Colour(Enum):
    RED = 1


class Word(StrEnum):
    YES = "yes"


@dataclass(frozen=True)
class Leaf:
    text: str
    owner_id: str | None = None


@dataclass(frozen=True)
class Sample:
    title: str = "t"
    note: str | None = None
    tags: tuple[str, ...] = ()
    leaf: Leaf | None = None
    leaves: tuple[Leaf, ...] = ()
    count: int = 0
    ratio: float = 0.0
    done: bool = False
    colour: Colour = Colour.RED
    word: Word = Word.YES
    day: date = date(2026, 1, 1)
    extra: dict[str, str] = field(default_factory=dict)
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Odd:
    either: int | str = 0
    pairs: tuple[str, int] = ("a", 1)
    nested_lists: tuple[tuple[str, ...], ...] = ()
    anything: Any = None
    blob: bytes = b""
    choice: Literal["a", "b"] = "a"


def test_plan_lists_only_the_fields_that_hold_text() -> None:
    """Numbers, dates, flags, number enums and dicts get no step; texts and nesting do."""
    plan = {name: (how, limit, nested) for name, how, limit, nested in text_plan(Sample)}
    assert plan == {
        "title": (TEXT, LONG_TEXT, None),
        "note": (TEXT, LONG_TEXT, None),
        "tags": (TEXTS, LONG_TEXT, None),
        "leaf": (NESTED, LONG_TEXT, Leaf),
        "leaves": (NESTED_MANY, LONG_TEXT, Leaf),
        "word": (TEXT, LONG_TEXT, None),
    }


def test_ids_and_versions_have_the_short_limit() -> None:
    """A field named ..._id or ...version is held to the short limit, as the walk holds it."""
    assert dict((n, limit) for n, _h, limit, _n in text_plan(Leaf))["owner_id"] == SHORT_TEXT
    assert limit_for("body.framework_version") == SHORT_TEXT
    assert limit_for("body.items[0]") == LONG_TEXT


def test_types_the_plan_cannot_follow_are_walked() -> None:
    """Unions of several types, fixed tuples, nested tuples, Any, bytes and literals are left
    to the walk."""
    assert {how for _n, how, _l, _t in text_plan(Odd)} == {GENERIC}
    assert not within_limits(Odd())


def test_texts_within_their_limits_pass() -> None:
    """Every text within its limit, nested or in tuples, passes without a walk."""
    sample = Sample(note="n", tags=("a",), leaf=Leaf("x", "w1"), leaves=(Leaf("y"),))
    assert within_limits(sample)


def test_a_long_text_anywhere_fails() -> None:
    """A text over its limit fails whether direct, optional, in a tuple or nested."""
    long = "x" * (LONG_TEXT + 1)
    assert not within_limits(Sample(title=long))
    assert not within_limits(Sample(note=long))
    assert not within_limits(Sample(tags=("a", long)))
    assert not within_limits(Sample(leaf=Leaf("a", "w" * (SHORT_TEXT + 1))))
    assert not within_limits(Sample(leaves=(Leaf("a"), Leaf(long))))


def test_values_unlike_their_hints_fail() -> None:
    """A value of another type than its hint sends the body to the walk."""
    assert not within_limits(Sample(title=3))  # type: ignore[arg-type]
    assert not within_limits(Sample(tags=["a"]))  # type: ignore[arg-type]
    assert not within_limits(Sample(leaf="leaf"))  # type: ignore[arg-type]
    assert not within_limits(Sample(leaves=[Leaf("a")]))  # type: ignore[arg-type]
    assert not within_limits(Sample(leaves=("leaf",)))  # type: ignore[arg-type]
