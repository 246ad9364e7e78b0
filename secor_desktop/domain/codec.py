"""Turn frozen domain dataclasses into plain JSON values and back.

One generic converter, driven by the dataclasses' type hints, serves the canonical form that is
hashed, the export bundle and the rows' JSON columns, so the three can never drift apart.
Fields at their default value are omitted (see ``_dataclass_encoder``). Decimals (money, exact
percentages) are written as text for reports; they are never read back.
Supported field types: str, int, bool, date, datetime, StrEnum, an open vocabulary such as
``RecordKind`` (a str subclass whose class iterates its values), nested dataclasses,
``tuple[X, ...]``, ``dict[K, V]`` with string-like keys, and ``X | None``.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar, get_args, get_origin

T = TypeVar("T")

JsonValue = Any


class DecodeError(ValueError):
    """A JSON value does not fit the domain type; the message names the path."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def to_jsonable(value: Any) -> JsonValue:
    """Encode a domain value as JSON-ready data (dicts, lists, str, int, bool, None)."""
    tp: Any = type(value)
    if tp is str or tp is int or tp is bool or value is None:
        return value
    return _encoder(tp)(value)


Encoder = Callable[[Any], JsonValue]


@cache
def _encoder(tp: Any) -> Encoder:
    """How to encode a value of exactly this type, worked out once per type.

    Saving, hashing and verifying encode every field of every record: deciding what a type
    is once, instead of once per value, makes that several times faster.
    """
    if issubclass(tp, Enum):
        return _enum_value
    if issubclass(tp, bool | int | str):
        return _same
    if issubclass(tp, Decimal):
        return str  # money and percentages: exact, as text
    if issubclass(tp, date):  # a datetime is a date too
        return _isoformat
    if dataclasses.is_dataclass(tp):
        return _dataclass_encoder(tp)
    if issubclass(tp, tuple | list):
        return _sequence
    if issubclass(tp, dict):
        return _mapping
    raise TypeError(f"cannot encode {tp.__name__}")


def _enum_value(value: Enum) -> JsonValue:
    return value.value


def _same(value: Any) -> JsonValue:
    return value


def _isoformat(value: date) -> str:
    return value.isoformat()


def _sequence(value: tuple[Any, ...] | list[Any]) -> list[JsonValue]:
    return [to_jsonable(v) for v in value]


def _mapping(value: dict[Any, Any]) -> dict[str, JsonValue]:
    return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}


def _dataclass_encoder(tp: Any) -> Encoder:
    """Fields holding their declared default are left out of the JSON.

    So a field added in a later version, with a default, does not change the canonical form
    (and hash) of anything saved before it existed.
    """
    plan: list[tuple[str, bool, Any]] = []
    for f in dataclasses.fields(tp):
        if f.default is not dataclasses.MISSING:
            plan.append((f.name, True, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            plan.append((f.name, True, f.default_factory()))
        else:
            plan.append((f.name, False, None))

    def encode(value: Any) -> dict[str, JsonValue]:
        out: dict[str, JsonValue] = {}
        for name, has_default, default in plan:
            field_value = getattr(value, name)
            if not (has_default and field_value == default):
                out[name] = to_jsonable(field_value)
        return out

    return encode


def is_iso_date_text(text: str) -> bool:
    """Exactly YYYY-MM-DD: Python 3.11 also reads '20261102' and '2026-W45-1' as dates."""
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and (text[:4] + text[5:7] + text[8:]).isdigit()
    )


def from_jsonable(tp: type[T], data: JsonValue, path: str = "") -> T:
    """Decode JSON data into ``tp``; raise DecodeError naming the path of a bad value."""
    decode = _decoder(typing.cast(Hashable, tp))
    try:
        return typing.cast(T, decode(data))
    except _Bad as bad:
        where = (path or tp.__name__) + "".join(reversed(bad.trail))
        raise DecodeError(f"{where}: {bad.message}") from None


class _Bad(Exception):
    """A value that does not fit, deep inside: the path to it is built on the way out
    (each container adds its step), so a value that fits costs no path string at all.
    Loading 100,000 records decodes millions of values, and building "record.body.items[3]
    .text" for each was a third of the time."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.trail: list[str] = []  # innermost step first

    def at(self, step: str) -> _Bad:
        self.trail.append(step)
        return self


Decoder = Callable[[JsonValue], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A decoding function for ``tp``, worked out once from its type hints.

    Loading 100,000 records decodes millions of values: looking at the type hints once per
    type instead of once per value makes that several times faster.
    """
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in get_args(tp) if a is not type(None)]
        return _optional(_decoder(inner))
    if origin is tuple:
        (item_tp, _ellipsis) = get_args(tp)
        return _tuple_of(_decoder(item_tp))
    if origin is dict:
        key_tp, val_tp = get_args(tp)
        return _dict_of(_decoder(key_tp), _decoder(val_tp))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum(tp)
    if isinstance(tp, type) and issubclass(tp, str) and hasattr(type(tp), "__iter__"):
        return _vocabulary(tp)
    simple = _SIMPLE.get(tp)
    if simple is None:
        raise TypeError(f"unsupported type {tp!r}")
    return simple


def _optional(inner: Decoder) -> Decoder:
    def decode(data: JsonValue) -> Any:
        return None if data is None else inner(data)

    return decode


def _tuple_of(item: Decoder) -> Decoder:
    def decode(data: JsonValue) -> Any:
        if not isinstance(data, list):
            raise _Bad("expected a list")
        out = []
        for i, v in enumerate(data):
            try:
                out.append(item(v))
            except _Bad as bad:
                raise bad.at(f"[{i}]") from None
        return tuple(out)

    return decode


def _dict_of(key: Decoder, value: Decoder) -> Decoder:
    def decode(data: JsonValue) -> Any:
        if not isinstance(data, dict):
            raise _Bad("expected an object")
        out = {}
        for k, v in data.items():
            try:
                out[key(k)] = value(v)
            except _Bad as bad:
                raise bad.at(f".{k}") from None
        return out

    return decode


def _dataclass(tp: type) -> Decoder:
    hints = _hints(tp)
    fields = dataclasses.fields(tp)
    names = frozenset(f.name for f in fields)
    plan = [
        (
            f.name,
            _field_decoder(tp, f.name, hints[f.name]),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            f".{f.name}",
        )
        for f in fields
    ]

    def decode(data: JsonValue) -> Any:
        if not isinstance(data, dict):
            raise _Bad("expected an object")
        if not names.issuperset(data):
            unknown = sorted(set(data) - names)
            raise _Bad(f"unknown field(s) {', '.join(unknown)}")
        kwargs: dict[str, Any] = {}
        for name, field_decoder, required, step in plan:
            if name in data:
                try:
                    kwargs[name] = field_decoder(data[name])
                except _Bad as bad:
                    raise bad.at(step) from None
            elif required:
                raise _Bad("missing").at(step)
        return tp(**kwargs)

    return decode


def _field_decoder(owner: type, name: str, tp: Any) -> Decoder:
    try:
        return _decoder(tp)
    except TypeError as exc:  # a programming error: say which field, once, at the innermost
        if str(exc).startswith("unsupported type"):
            raise TypeError(f"{owner.__name__}.{name}: {exc}") from None
        raise


def _enum(tp: type[Enum]) -> Decoder:
    members = {m.value: m for m in tp}
    allowed = ", ".join(str(m.value) for m in tp)

    def decode(data: JsonValue) -> Any:
        try:
            return members[data]
        except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
            raise _Bad(f"{data!r} is not one of {allowed}") from None

    return decode


def _vocabulary(tp: type[str]) -> Decoder:
    """An open vocabulary (``RecordKind``): a class that iterates its values, which may grow
    after this decoder is made, so they are looked up when a value is decoded."""

    def decode(data: JsonValue) -> Any:
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(value) for value in typing.cast(Iterable[str], tp))
            raise _Bad(f"{data!r} is not one of {allowed}") from None

    return decode


def _datetime(data: JsonValue) -> datetime:
    if not isinstance(data, str):
        raise _Bad("expected a date-time string")
    try:
        moment = datetime.fromisoformat(data)
    except ValueError:
        raise _Bad(f"{data!r} is not a date-time") from None
    if moment.tzinfo is None:
        raise _Bad(f"{data!r} has no time zone; stored times carry one")
    return moment


def _date(data: JsonValue) -> date:
    if not isinstance(data, str) or not is_iso_date_text(data):
        raise _Bad("expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(data)
    except ValueError:
        raise _Bad(f"{data!r} is not a real date") from None


def _bool(data: JsonValue) -> bool:
    if not isinstance(data, bool):
        raise _Bad("expected true or false")
    return data


def _int(data: JsonValue) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise _Bad("expected a whole number")
    return typing.cast(int, data)


def _str(data: JsonValue) -> str:
    if not isinstance(data, str):
        raise _Bad("expected text")
    # Short texts repeat across records (worker ids, hazards, controls, answers): one shared
    # copy each keeps a year of decoded records several times smaller in memory.
    return sys.intern(data) if len(data) <= INTERN_LIMIT else data


INTERN_LIMIT = 200  # characters; longer text (notes, descriptions) is rarely repeated


_SIMPLE: dict[Any, Decoder] = {
    datetime: _datetime,
    date: _date,
    bool: _bool,
    int: _int,
    str: _str,
}
