"""The dashboard's record aggregates kept between refreshes, patched with what a save changed.

The dashboard shows, after every save, readiness (counting records per kind and day, and the
projection rows it reads whole), the weekly activity (records per kind and day) and the
records per kind. Each is an aggregate over every record: at 100,000 records the queries take
about 80 ms, and at a million ten times that. A save changes one record, or none (a site, a
worker, an action). So the aggregates are kept, keyed by the ledger's last revision like
``RecordCache``, and a refresh asks the ledger which records were revised since:

* none (a roster or action save, or nothing at all): the aggregates stand as they are;
* only records that are new since, or whose previous projection row the cache holds (a
  record that did not count, such as a draft about to be signed; a certificate, document or
  orientation): the old row's share is taken out and the new row's put in;
* anything else (a counting record amended or voided, a backup restored, another day, many
  changes): everything is read again, as at the first refresh.

What the dashboard shows is the same either way: the tests compare a patched cache with a
fresh read after each kind of change.
"""

from __future__ import annotations

import gc
import threading
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.canonical import ENTITY_RECORD, GENESIS
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.projection import Projection
from secor_desktop.domain.readiness_input import RecordFacts
from secor_desktop.services.gc_pause import collector_paused

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork

# Past this many changed records one full read is quicker than patching.
DELTA_LIMIT = 500

Key = tuple[RecordKind, date]


@dataclass
class _State:
    """The aggregates on one day for one set of detail kinds, as of ledger revision ``seq``."""

    as_of: date
    details: frozenset[RecordKind]
    since: date  # the first day the activity counts
    seq: int = 0
    head: str = GENESIS
    counting: Counter[Key] = field(default_factory=Counter)  # counting records, up to as_of
    held: dict[str, Projection] = field(default_factory=dict)  # rows read whole, up to as_of
    activity: Counter[Key] = field(default_factory=Counter)  # records not void, from since
    by_kind: Counter[str] = field(default_factory=Counter)  # every record


@dataclass(frozen=True)
class Aggregates:
    """What the dashboard reads of the records, from the cache."""

    facts: RecordFacts  # without ``source_kinds`` and ``register`` (read each time)
    activity: list[tuple[str, date, int]]
    by_kind: dict[str, int]


class FactsCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: _State | None = None
        self.full_reads = 0  # how often everything was read (for tests and benchmarks)
        self.delta_reads = 0

    def read(
        self, uow: SqlUnitOfWork, as_of: date, details: Collection[RecordKind], since: date
    ) -> Aggregates:
        """The aggregates as the database holds them now, inside the caller's unit of work."""
        with self._lock:
            seq, head = uow.last_revision()
            state = self._state
            wanted = (as_of, frozenset(details), since)
            if state is None or not self._usable(uow, state, wanted, (seq, head)):
                with collector_paused():  # no full collection holding the GUI back meanwhile
                    gc.unfreeze()  # what the last full read kept may be garbage now
                    state = self._full(uow, *wanted)
                    # What is kept here lives until the next full read: leave it out of every
                    # later collection (each one scanned it all, freezing the window ~150 ms
                    # at 1,000,000 records). It is still freed as usual when dropped.
                    gc.freeze()
            state.seq, state.head = seq, head
            self._state = state
            with collector_paused():  # lists of every counting day: as above
                return _aggregates(state)

    def _usable(
        self,
        uow: SqlUnitOfWork,
        state: _State,
        wanted: tuple[date, frozenset[RecordKind], date],
        last: tuple[int, str],
    ) -> bool:
        """Whether ``state`` answers for ``wanted`` now (patched with the changes if need be)."""
        if (state.as_of, state.details, state.since) != wanted:
            return False
        return last == (state.seq, state.head) or self._patched(uow, state)

    def _full(
        self, uow: SqlUnitOfWork, as_of: date, details: frozenset[RecordKind], since: date
    ) -> _State:
        state = _State(as_of, details, since)
        grouped, state.held = uow.fact_parts(as_of, details)
        state.counting.update(grouped)
        for kind, day, n in uow.count_records_by_kind_and_day(since):
            state.activity[(RecordKind(kind), day)] += n
        state.by_kind.update(uow.count_records_by_kind())
        self.full_reads += 1
        return state

    def _patched(self, uow: SqlUnitOfWork, state: _State) -> bool:
        """Apply the records revised since ``state.seq``; False when it cannot be done (then
        the caller reads everything again)."""
        if uow.chain_hash_at(state.seq) != state.head:
            return False  # another history (a backup restored)
        changed = uow.entities_revised_after(state.seq, ENTITY_RECORD)
        if len(changed) > DELTA_LIMIT:
            return False
        if changed:
            existed = uow.revised_by(state.seq, ENTITY_RECORD, changed)
            if any(i not in state.held for i in existed):
                return False  # its previous share is not known here
            rows = uow.projections(changed)
            if set(rows) != changed:
                return False  # a record without a row: verify reports it; read it all
            for record_id in existed:
                _take(state, state.held.pop(record_id), -1)
            for record_id in changed - existed:
                state.by_kind[str(rows[record_id].kind)] += 1
            for row in rows.values():
                _take(state, row, +1)
        self.delta_reads += 1
        return True


def _take(state: _State, row: Projection, sign: int) -> None:
    """Add (``sign`` +1) or take out (-1) one record's share of the aggregates."""
    key = (row.kind, row.event_date)
    if not row.void and row.event_date >= state.since:
        state.activity[key] += sign
    if row.event_date > state.as_of:
        return
    if row.counts:
        state.counting[key] += sign
    if sign > 0 and (not row.counts or row.kind in state.details):
        state.held[row.record_id] = row


def _aggregates(state: _State) -> Aggregates:
    dates: dict[RecordKind, list[date]] = defaultdict(list)
    for kind, day in sorted(k for k, n in state.counting.items() if n > 0):
        dates[kind].extend([day] * state.counting[(kind, day)])
    in_order = sorted(state.held.values(), key=lambda p: (p.event_date, p.record_id))
    counted: dict[RecordKind, list[Projection]] = defaultdict(list)
    for p in in_order:
        if p.counts:
            counted[p.kind].append(p)
    facts = RecordFacts(dict(dates), dict(counted), [p for p in in_order if not p.counts])
    activity = [(str(kind), day, n) for (kind, day), n in state.activity.items() if n > 0]
    return Aggregates(facts, activity, {k: n for k, n in state.by_kind.items() if n > 0})
