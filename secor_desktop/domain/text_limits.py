"""Which fields of a record body hold text, worked out once per body type.

``validation`` holds every text of a body to a limit (``SHORT_TEXT`` for ids and versions,
``LONG_TEXT`` for the rest). Walking every value of every body generically (a path string
built for each, every dataclass's fields looked up again) was most of the rule checks'
time when a bundle of 100,000 records is imported. Here each body type gets a plan from its
type hints, once: only the fields that can hold text, each with its limit, and the plans of
the dataclasses nested in it. ``within_limits`` answers the common question (is every text
within its limit?) without building a path; only when it says no, or meets a value its
plan does not expect, does validation walk the body generically to name each problem.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Hashable
from enum import Enum
from functools import cache
from typing import Any

SHORT_TEXT = 200  # names, titles, topics
LONG_TEXT = 100_000  # notes, procedures, policy text

# How a field's value is checked: one text, a tuple of texts, one nested dataclass, a tuple
# of them, or nothing to check (numbers, dates, flags, enums of numbers, dicts: the
# generic walk does not look into those either).
TEXT, TEXTS, NESTED, NESTED_MANY, GENERIC = "text", "texts", "nested", "nested_many", "generic"
Step = tuple[str, str, int, Any]  # field name, how, limit, nested type


def limit_for(path: str) -> int:
    """The limit of a text at ``path`` (``body.items[2].text``): short for ids and versions."""
    return SHORT_TEXT if path.endswith(("_id", "version")) else LONG_TEXT


@cache
def text_plan(tp: Any) -> tuple[Step, ...]:
    """The steps that check every text of a ``tp`` (a dataclass), from its type hints."""
    hints = typing.get_type_hints(tp)
    steps: list[Step] = []
    for f in dataclasses.fields(tp):
        how, nested = _how(hints[f.name])
        if how is not None:
            steps.append((f.name, how, limit_for(f.name), nested))
    return tuple(steps)


def _how(hint: Any) -> tuple[str | None, Any]:
    """How a value of type ``hint`` is checked, and the dataclass nested in it if any."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _how(inner[0]) if len(inner) == 1 else (GENERIC, None)
    if typing.get_origin(hint) is tuple:
        item = args[0] if len(args) == 2 and args[1] is Ellipsis else None
        how, nested = _how(item) if item is not None else (GENERIC, None)
        if how == TEXT:
            return TEXTS, None
        if how == NESTED:
            return NESTED_MANY, nested
        return (None, None) if how is None else (GENERIC, None)
    if typing.get_origin(hint) is dict:
        return None, None
    if isinstance(hint, type):
        if issubclass(hint, str):
            return TEXT, None
        if dataclasses.is_dataclass(hint):
            return NESTED, hint
        if issubclass(hint, (int, float, bool, Enum)) or hint.__module__ == "datetime":
            return None, None
    return GENERIC, None


def within_limits(value: Any) -> bool:
    """Whether every text of ``value`` (a dataclass) is within its limit, as its plan says;
    False also when a value is not of the type its plan expects (the caller then walks)."""
    for name, how, limit, nested in text_plan(typing.cast(Hashable, type(value))):
        field_value = getattr(value, name)
        if how == TEXT:
            if field_value is not None and not _text_ok(field_value, limit):
                return False
        elif how == TEXTS:
            if type(field_value) is not tuple:
                return False
            for item in field_value:
                if not _text_ok(item, LONG_TEXT):
                    return False
        elif how == NESTED:
            if field_value is not None and not _nested_ok(field_value, nested):
                return False
        elif how == NESTED_MANY:
            if type(field_value) is not tuple:
                return False
            for item in field_value:
                if not _nested_ok(item, nested):
                    return False
        else:
            return False
    return True


def _text_ok(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _nested_ok(value: Any, expected: type) -> bool:
    return type(value) is expected and within_limits(value)
