"""Turn frozen domain dataclasses into plain JSON values and back.

One generic converter, driven by the dataclasses' type hints, serves the canonical form that is
hashed, the export bundle and the rows' JSON columns, so the three can never drift apart.
Fields at their default value are omitted (see ``_at_default``). Decimals (money, exact
percentages) are written as text for reports; they are never read back.
Supported field types: str, int, bool, date, datetime, StrEnum, nested dataclasses,
``tuple[X, ...]``, ``dict[K, V]`` with string-like keys, and ``X | None``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
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
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)  # money and percentages: exact, as text
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not _at_default(f, getattr(value, f.name))
        }
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__}")


def is_iso_date_text(text: str) -> bool:
    """Exactly YYYY-MM-DD: Python 3.11 also reads '20261102' and '2026-W45-1' as dates."""
    return (
        len(text) == 10
        and text[4] == text[7] == "-"
        and (text[:4] + text[5:7] + text[8:]).isdigit()
    )


def _at_default(f: dataclasses.Field[Any], value: Any) -> bool:
    """Fields holding their declared default are left out of the JSON.

    So a field added in a later version, with a default, does not change the canonical form
    (and hash) of anything saved before it existed.
    """
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False


def from_jsonable(tp: type[T], data: JsonValue, path: str = "") -> T:
    """Decode JSON data into ``tp``; raise DecodeError naming the path of a bad value."""
    return typing.cast(T, _decode(tp, data, path or tp.__name__))


def _decode(tp: Any, data: JsonValue, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _decode(args[0], data, path)
    if origin is tuple:
        (item_tp, _ellipsis) = get_args(tp)
        if not isinstance(data, list):
            raise DecodeError(f"{path}: expected a list")
        return tuple(_decode(item_tp, v, f"{path}[{i}]") for i, v in enumerate(data))
    if origin is dict:
        key_tp, val_tp = get_args(tp)
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object")
        return {
            _decode(key_tp, k, f"{path}.{k}"): _decode(val_tp, v, f"{path}.{k}")
            for k, v in data.items()
        }
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise DecodeError(f"{path}: expected an object")
        hints = _hints(tp)
        kwargs: dict[str, Any] = {}
        names = {f.name for f in dataclasses.fields(tp)}
        unknown = set(data) - names
        if unknown:
            raise DecodeError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{path}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise DecodeError(f"{path}.{f.name}: missing")
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise DecodeError(f"{path}: {data!r} is not one of {allowed}") from None
    if tp is datetime:
        if not isinstance(data, str):
            raise DecodeError(f"{path}: expected a date-time string")
        try:
            moment = datetime.fromisoformat(data)
        except ValueError:
            raise DecodeError(f"{path}: {data!r} is not a date-time") from None
        if moment.tzinfo is None:
            raise DecodeError(f"{path}: {data!r} has no time zone; stored times carry one")
        return moment
    if tp is date:
        if not isinstance(data, str) or not is_iso_date_text(data):
            raise DecodeError(f"{path}: expected a date as YYYY-MM-DD")
        try:
            return date.fromisoformat(data)
        except ValueError:
            raise DecodeError(f"{path}: {data!r} is not a real date") from None
    if tp is bool:
        if not isinstance(data, bool):
            raise DecodeError(f"{path}: expected true or false")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise DecodeError(f"{path}: expected a whole number")
        return data
    if tp is str:
        if not isinstance(data, str):
            raise DecodeError(f"{path}: expected text")
        return data
    raise TypeError(f"{path}: unsupported type {tp!r}")
