"""What every use case is given: a unit-of-work factory and a clock."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop.services.clock import Clock
from secor_desktop.storage.blobs import BlobStore

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.domain.validation import Roster
    from secor_desktop.storage.uow import SqlUnitOfWork


def random_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ServiceContext:
    """``new_id`` is a parameter so the demo company can be rebuilt identically from a seed."""

    uow: Callable[[], SqlUnitOfWork]
    clock: Clock
    blobs: BlobStore
    new_id: Callable[[], str] = random_id
    framework_dir: Path | None = None  # where the user's own framework packs live

    def now(self) -> datetime:
        """The clock's time in UTC: what is stored and hashed is always UTC, whatever the
        clock's own offset, so the tables and the ledger agree to the character."""
        return self.clock.now().astimezone(UTC)

    def reads(self) -> SqlUnitOfWork:
        """A unit of work for reading only (a page's or the dashboard's snapshot): the
        factory's reader when it has one (``DeferredUnitsOfWork.reads``: on a laptop's file it
        never waits for a writer), else an ordinary unit of work. Never write through it."""
        opener: Callable[[], SqlUnitOfWork] | None = getattr(self.uow, "reads", None)
        return opener() if opener is not None else self.uow()

    def units_opened(self) -> int:
        """How many units of work this context's factory has opened (0 when it does not
        count): tests hold a screen or an output to one read with it."""
        return int(getattr(self.uow, "opened", 0))


def clean(text: str) -> str:
    """User text as stored: NFC-normalised, so the same name typed twice hashes the same."""
    return unicodedata.normalize("NFC", text).strip()


def roster_of(uow: SqlUnitOfWork, clock: Clock) -> Roster:
    from secor_desktop.domain.validation import Roster  # not before the first window

    return Roster(
        today=clock.today(),
        workers={w.id: w for w in uow.list_workers()},
        sites={s.id: s for s in uow.list_sites()},
    )
