"""The database engine made at the first unit of work, and the one question the desktop app
asks before its first window (is a company set up?) answered with the stdlib ``sqlite3``.

Importing SQLAlchemy and its ORM is about a third of a second: the desktop app paints its
window first. Its unit-of-work factory is ``DeferredUnitsOfWork(DeferredEngine(...), ...)``,
so the engine (and SQLAlchemy) come with the first query, which the window's pages make in
the background once it is up. ``DeferredEngine.dispose`` is what an engine's is (tests close
the file with ``services.ctx.uow.args[0].dispose()``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop.storage.dbfile import connect_read_only

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from secor_desktop.storage.blobs import BlobStore
    from secor_desktop.storage.uow import SqlUnitOfWork


class DeferredEngine:
    """``make()`` called once, by whichever thread asks first."""

    def __init__(self, make: Callable[[], Engine]) -> None:
        self._make = make
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self.companions: list[DeferredEngine] = []  # closed with this one (the reader)

    def get(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._make()
            return self._engine

    @property
    def made(self) -> bool:
        """Has a query needed the engine yet?"""
        return self._engine is not None

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
        for companion in self.companions:
            companion.dispose()


class DeferredUnitsOfWork:
    """Opens units of work on a deferred engine, and counts them, as ``UnitOfWorkFactory``
    does (tests hold a screen or an output to one read with ``opened``)."""

    def __init__(
        self,
        engine: DeferredEngine,
        db_path: Path,
        blobs: BlobStore,
        reader: DeferredEngine | None = None,
    ) -> None:
        self.opened = 0
        # As a ``functools.partial`` would hold them (tests close the engine through args[0]).
        self.args = (engine, db_path, blobs)
        self.reader = reader
        if reader is not None:
            engine.companions.append(reader)

    def __call__(self) -> SqlUnitOfWork:
        from secor_desktop.storage.uow import SqlUnitOfWork

        self.opened += 1
        engine, db_path, blobs = self.args
        return SqlUnitOfWork(engine.get(), db_path, blobs)

    def reads(self) -> SqlUnitOfWork:
        """A unit of work that only reads (a page, the dashboard), on the reader engine when
        there is one: its plain ``BEGIN`` takes no write lock, so in WAL mode it never waits
        for a save, an import or an exchange holding the file's write lock."""
        from secor_desktop.storage.uow import SqlUnitOfWork

        self.opened += 1
        engine, db_path, blobs = self.args
        return SqlUnitOfWork((self.reader or engine).get(), db_path, blobs)


def company_saved(db_path: Path) -> bool | None:
    """Has a company been set up in this database (opened and migrated just before)? Read
    only; None when it cannot be told this way (the caller then asks through the services)."""
    try:
        conn = connect_read_only(db_path)
    except Exception:  # any refusal is the services' to tell, as before
        return None
    try:
        return conn.execute("SELECT 1 FROM company WHERE id = 1").fetchone() is not None
    except sqlite3.Error:
        return None
    finally:
        conn.close()
