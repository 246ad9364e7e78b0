"""The record kinds a SECOR program produces, and the vocabularies they share.

Which audit element a kind counts for is *not* decided here: that mapping lives in the
framework pack data files, so a certifying partner's framework can be swapped without code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import ClassVar


class _KindMeta(type):
    """Makes the class itself a sequence of the registered kinds, in declaration order, as an
    enum class is: ``for kind in RecordKind``, ``len(RecordKind)``, ``"flha" in RecordKind``."""

    def __iter__(cls) -> Iterator[RecordKind]:
        ensure_loaded()
        return iter(tuple(_REGISTERED.values()))

    def __len__(cls) -> int:
        ensure_loaded()
        return len(_REGISTERED)

    def __contains__(cls, value: object) -> bool:
        ensure_loaded()
        return value in _REGISTERED


class RecordKind(str, metaclass=_KindMeta):
    """Every kind of field or program record the safety lead logs.

    An *open* vocabulary: the kinds are those declared in ``domain/record_kinds`` (and any a
    test registers through ``domain/registry``), not a closed enum. Each value is interned, so
    ``RecordKind("flha") is RecordKind.FLHA``; the stored string is the kind's key, so the
    canonical form (and every hash) is what it was when this was an enum.
    """

    __slots__ = ()

    HAZARD_ASSESSMENT: ClassVar[RecordKind]
    FLHA: ClassVar[RecordKind]
    INSPECTION: ClassVar[RecordKind]
    TOOLBOX_TALK: ClassVar[RecordKind]
    TRAINING: ClassVar[RecordKind]
    ORIENTATION: ClassVar[RecordKind]
    INCIDENT: ClassVar[RecordKind]
    EMERGENCY_PLAN: ClassVar[RecordKind]
    DRILL: ClassVar[RecordKind]
    DOCUMENT: ClassVar[RecordKind]
    FIRST_AID: ClassVar[RecordKind]
    ADMIN: ClassVar[RecordKind]

    def __new__(cls, value: str) -> RecordKind:
        kind = _REGISTERED.get(value) if isinstance(value, str) else None
        if kind is None:
            ensure_loaded()
            try:
                kind = _REGISTERED[value]
            except (KeyError, TypeError):  # TypeError: an unhashable value, such as a list
                raise ValueError(f"{value!r} is not a RecordKind") from None
        return kind

    def __repr__(self) -> str:
        return f"RecordKind.{self.name}"

    @property
    def value(self) -> str:
        """The stored key, as a plain string (what the enum's ``value`` was)."""
        return str.__str__(self)

    @property
    def name(self) -> str:
        return self.value.upper()

    @property
    def label(self) -> str:
        return _vocabulary(self)[0]

    @property
    def plural(self) -> str:
        """The label for several records, as a sentence starts: "Inspections: none since ..."."""
        return _vocabulary(self)[1]


# Every kind ever named, registered or not (so one key is always one object), and the
# registered ones in declaration order with their words: filled by ``domain/registry``.
_INTERNED: dict[str, RecordKind] = {}
_REGISTERED: dict[str, RecordKind] = {}
_WORDS: dict[str, tuple[str, str]] = {}
_loaded = False


def intern_kind(key: str) -> RecordKind:
    """The one object for this key, made on first use (registration is separate)."""
    kind = _INTERNED.get(key)
    if kind is None:
        kind = _INTERNED[key] = str.__new__(RecordKind, key)
    return kind


def enrol(kind: RecordKind, label: str, plural: str, frequency: Frequency) -> None:
    """Make a kind known (called by ``registry.register`` only)."""
    _REGISTERED[kind] = kind
    _WORDS[kind] = (label, plural)
    _FREQUENCIES[kind] = frequency


def withdraw(kind: RecordKind) -> None:
    """Forget a registered kind (called by ``registry.unregister`` only)."""
    del _REGISTERED[kind]
    del _WORDS[kind]
    del _FREQUENCIES[kind]


def _vocabulary(kind: RecordKind) -> tuple[str, str]:
    words = _WORDS.get(kind)
    if words is None:
        ensure_loaded()
        words = _WORDS[kind]
    return words


def ensure_loaded() -> None:
    """Import the built-in declarations once, on first use of the vocabulary.

    They live in ``domain/record_kinds``, which needs the bodies and rules that themselves
    name ``RecordKind``: loading them on first use breaks that cycle. The flag is set only
    once the import is done: another thread asking meanwhile waits on the import lock rather
    than seeing half the kinds (a call from inside that import gets the partial module).
    """
    global _loaded
    if not _loaded:
        import secor_desktop.domain.record_kinds  # noqa: F401  (registers on import)

        _loaded = True


for _attr in (
    "HAZARD_ASSESSMENT",
    "FLHA",
    "INSPECTION",
    "TOOLBOX_TALK",
    "TRAINING",
    "ORIENTATION",
    "INCIDENT",
    "EMERGENCY_PLAN",
    "DRILL",
    "DOCUMENT",
    "FIRST_AID",
    "ADMIN",
):
    setattr(RecordKind, _attr, intern_kind(_attr.lower()))


class Frequency(StrEnum):
    """How often the company declares it produces a record kind (its own program's promise)."""

    DAILY = "daily"  # every working day (Monday to Friday)
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"  # per event: per hire, per incident, per new job


class _DefaultFrequencies(Mapping[RecordKind, Frequency]):
    """Each registered kind's default frequency, read live from its declaration."""

    def __getitem__(self, kind: RecordKind) -> Frequency:
        frequency = _FREQUENCIES.get(kind)
        if frequency is None:
            ensure_loaded()
            frequency = _FREQUENCIES[kind]
        return frequency

    def __iter__(self) -> Iterator[RecordKind]:
        return iter(RecordKind)

    def __len__(self) -> int:
        return len(RecordKind)


_FREQUENCIES: dict[str, Frequency] = {}
DEFAULT_FREQUENCIES: Mapping[RecordKind, Frequency] = _DefaultFrequencies()


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    SEASONAL = "seasonal"
    TEMPORARY = "temporary"
    OWNER_OPERATOR = "owner_operator"
    FAMILY = "family"
    VOLUNTEER = "volunteer"


class SignatureMeaning(StrEnum):
    """What a signer attests to (21 CFR 11 asks that a signature carry its meaning)."""

    PERFORMED = "performed"
    REVIEWED = "reviewed"
    ACKNOWLEDGED = "acknowledged"
    ATTENDED = "attended"


class RecordStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    VOID = "void"


class ActionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Province(StrEnum):
    AB = "AB"
    BC = "BC"
    SK = "SK"
    MB = "MB"
    ON = "ON"
