"""A strict JSON reader for the program's data files (framework packs, province rules).

Errors name the file, the entry (e.g. ``elements[3].questions[2].points``) and the problem,
so a person editing a pack by hand can find and fix it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn, Protocol, TypeVar


class _Member(Protocol):
    """A member of an enum, or of an open vocabulary such as ``RecordKind``."""

    @property
    def value(self) -> Any: ...


_E = TypeVar("_E", bound=_Member)
_T = TypeVar("_T")


class DataFileError(ValueError):
    """A bundled or user data file that cannot be used; says which file, which entry, and why."""

    def __init__(self, source: str, entry: str, problem: str) -> None:
        self.source = source
        self.entry = entry
        self.problem = problem
        super().__init__(f"{source}: {entry}: {problem}" if entry else f"{source}: {problem}")


class _DuplicateKeyError(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def parse_json(text: str, source: str, error: type[DataFileError]) -> JsonField:
    """Parse JSON strictly (no repeated keys; decimals, never floats) for validation."""
    try:
        value = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise error(source, where, f"not valid JSON: {exc.msg}") from None
    except _DuplicateKeyError as exc:
        raise error(source, "", f"key {exc.args[0]!r} appears twice in one object") from None
    return JsonField(value, "", source, error)


@dataclass(frozen=True)
class JsonField:
    """One value of a parsed data file plus its path (``elements[3].questions[2].points``)."""

    value: object
    path: str
    source: str
    error: type[DataFileError]

    def fail(self, problem: str) -> NoReturn:
        raise self.error(self.source, self.path, problem)

    def child(self, key: str | int, value: object) -> JsonField:
        if isinstance(key, int):
            path = f"{self.path}[{key}]"
        else:
            path = f"{self.path}.{key}" if self.path else key
        return JsonField(value, path, self.source, self.error)

    def obj(self, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, JsonField]:
        """Check an object's keys; keys starting with ``_`` are free-form comments."""
        if not isinstance(self.value, dict):
            self.fail("must be an object ({...})")
        required, allowed = tuple(required), (*required, *optional)
        for key in required:
            if key not in self.value:
                self.fail(f"missing required key {key!r}")
        for key in self.value:
            if key not in allowed and not key.startswith("_"):
                self.child(key, None).fail(f"unknown key; expected one of {sorted(allowed)}")
        return {k: self.child(k, v) for k, v in self.value.items() if k in allowed}

    def items(self, min_items: int = 0) -> list[JsonField]:
        if not isinstance(self.value, list):
            self.fail("must be a list ([...])")
        if len(self.value) < min_items:
            self.fail(f"must list at least {min_items} entries")
        return [self.child(i, v) for i, v in enumerate(self.value)]

    def __iter__(self) -> Iterator[JsonField]:
        return iter(self.items())

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            self.fail("must be a non-empty text string")
        return self.value.strip()

    def _whole(self) -> int | None:
        value = self.value
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def positive_int(self) -> int:
        value = self._whole()
        if value is None or value <= 0:
            self.fail("must be a positive whole number")
        return value

    def count(self) -> int:
        value = self._whole()
        if value is None or value < 0:
            self.fail("must be a whole number, 0 or more")
        return value

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("must be true or false")
        return self.value

    def amount(self) -> Decimal:
        """A non-negative number (money or percent)."""
        whole = self._whole()
        value = Decimal(whole) if whole is not None else self.value
        if not isinstance(value, Decimal) or value < 0:
            self.fail("must be a number, 0 or more")
        return value

    def percent(self) -> Decimal:
        value = self.amount()
        if value > 100:
            self.fail("must be a number from 0 to 100")
        return value

    def choice(self, enum: Iterable[_E]) -> _E:
        for member in enum:
            if member.value == self.value:
                return member
        self.fail(f"unknown value {self.value!r}; expected one of {[m.value for m in enum]}")

    def unique(self, values: list[_T], what: str = "entry") -> list[_T]:
        """Reject a list naming the same thing twice (the second is almost surely a slip)."""
        for index, value in enumerate(values):
            if value in values[:index]:
                self.child(index, value).fail(f"{what} {value!s} is listed twice")
        return values
