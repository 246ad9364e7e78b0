"""Decoded records kept between calls: only what the ledger says changed is read again.

No page reads it any more: readiness and the dashboard read the stored projection
(``facts_cache``), and Today the newest records and a few registers (``due``). It stays for
callers that want every record decoded. Reading and
decoding 100,000 records takes seconds; asking the ledger what changed takes a millisecond.
Every change to a record (save, signature, amendment, void) appends a revision, and records
are never deleted, so the records revised after the last revision seen are exactly the ones to
read again. The chain hash of that last revision is remembered too: if the file now holds a
different history (a backup was restored), everything is read again.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from typing import TYPE_CHECKING

from secor_desktop.domain.canonical import ENTITY_RECORD, GENESIS
from secor_desktop.domain.model import Record

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork

# Past this many changed records one full read is quicker than a long IN list.
DELTA_LIMIT = 2_000

_in_date_order = attrgetter("event_date", "id")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Read a great many objects without the garbage collector running over and over.

    Each full collection walks every live object while holding the interpreter lock, so while
    100,000 records are decoded (on a background thread) the window would freeze for a moment
    again and again. The decoded records hold no reference cycles and live as long as the
    cache, so afterwards they are moved out of the collector's sight (``gc.freeze``).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class RecordCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, Record] = {}
        self._ordered: list[Record] = []
        self._seq = 0
        self._head = GENESIS
        self.full_reads = 0  # how often everything was read (for tests and benchmarks)
        self.delta_reads = 0

    def records(self, uow: SqlUnitOfWork) -> list[Record]:
        """Every record in date order, as the database holds them now (do not change the list)."""
        with self._lock:
            seq, head = uow.last_revision()
            if (seq, head) == (self._seq, self._head):
                return self._ordered
            changed = None
            if self._seq and uow.chain_hash_at(self._seq) == self._head:
                changed = uow.entities_revised_after(self._seq, ENTITY_RECORD)
            if changed is not None and len(changed) <= DELTA_LIMIT:
                for record in uow.list_records(ids=changed) if changed else ():
                    self._by_id[record.id] = record
                self._ordered = sorted(self._by_id.values(), key=_in_date_order)
                self.delta_reads += 1
            else:
                with _collector_paused():
                    self._ordered = uow.list_records()
                self._by_id = {r.id: r for r in self._ordered}
                self.full_reads += 1
            self._seq, self._head = seq, head
            return self._ordered
