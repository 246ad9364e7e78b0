"""What readiness reads of the records, judged on one day: dates, a few projections, reasons.

Most records matter to readiness only by their kind and date once it is known that they
count, so that is all ``RecordFacts`` holds of them; the kinds readiness looks into (training,
orientations, directive documents) and the records that do not count are kept whole, as
projections (``domain/projection``). Two roads lead here and must give the same facts: the
stored projection read with SQL (the dashboard, the CLI), and ``facts_of`` over decoded
records (the evidence pack, which holds them anyway, and the tests that compare the two).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.projection import Projection, project
from secor_desktop.domain.registry import fast_signers


@dataclass(frozen=True)
class RecordFacts:
    """The records as readiness needs them on ``as_of`` (only records dated up to that day,
    except ``source_kinds``), each list in the records' order: by event date, then id."""

    dates: Mapping[RecordKind, Sequence[date]]  # sorted event dates of the counting records
    counted: Mapping[RecordKind, Sequence[Projection]]  # counting records of ``detail_kinds``
    not_counted: Sequence[Projection]  # records that do not count, with the reasons
    source_kinds: Mapping[str, RecordKind] = field(default_factory=dict)
    """The kind of each record a corrective action came from, whatever its date."""
    register: Sequence[Record] = ()
    """The register of other workplace parties, decoded (a handful of entries, signed or
    not: a lapsed clearance letter is warned about either way)."""


def detail_kinds(pack: FrameworkPack) -> frozenset[RecordKind]:
    """The kinds whose counting records readiness looks into, beyond their dates."""
    named = (
        kind
        for element in pack.elements
        for doc in element.directive_documents
        for kind in doc.record_kinds
    )
    return frozenset({RecordKind.DOCUMENT, RecordKind.TRAINING, RecordKind.ORIENTATION, *named})


def facts_of(
    records: Iterable[Record],
    as_of: date,
    details: Collection[RecordKind],
    sources: Collection[str] = (),
) -> RecordFacts:
    """``RecordFacts`` from decoded records (in the order given).

    A record of a kind whose only condition is its signers is decided with one set test
    (``completeness.counts``, inlined: this loop sees every record); any other is projected.
    """
    dates: dict[RecordKind, list[date]] = defaultdict(list)
    counted: dict[RecordKind, list[Projection]] = defaultdict(list)
    not_counted: list[Projection] = []
    source_kinds: dict[str, RecordKind] = {}
    signers_of = fast_signers().get
    register: list[Record] = []
    for record in records:
        if record.id in sources:
            source_kinds[record.id] = record.kind
        if record.event_date > as_of:
            continue
        kind = record.kind
        if kind == PARTY_KIND:
            register.append(record)
        required = signers_of(type(record.body))
        if kind not in details and required is not None and _surely_counts(record, required):
            dates[kind].append(record.event_date)
            continue
        p = project(record)
        if not p.counts:
            not_counted.append(p)
            continue
        dates[kind].append(record.event_date)
        if kind in details:
            counted[kind].append(p)
    for kind_dates in dates.values():
        kind_dates.sort()
    return RecordFacts(dates, counted, not_counted, source_kinds, tuple(register))


def _surely_counts(record: Record, required: Callable[[Any], tuple[str, ...]]) -> bool:
    """Every required signer has signed the record as it stands (and there is one)."""
    if record.void_reason is not None:
        return False
    must_sign = required(record.body)
    if not must_sign:
        return False
    content, sheet = record.content_sha256, record.sheet_sha256
    sigs = record.signatures
    for person in must_sign:
        for sig in sigs:
            if sig.signer_id == person and (
                sig.content_sha256 == content or sig.content_sha256 == sheet
            ):
                break
        else:
            return False
    return True
