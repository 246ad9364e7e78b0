"""The unit of work: one transaction per user action, rolled back unless committed.

It is put together from parts named for what they hold: ``entity_reads`` (the current
tables), ``ledger_reads`` (the chain of revisions), ``entity_writes`` (a row and its revision
in one transaction). ``verify`` reads plain rows (``verify_rows``).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.entity_reads import EntityReads
from secor_desktop.storage.entity_writes import EntityWrites
from secor_desktop.storage.errors import translate
from secor_desktop.storage.exchange_store import ExchangeStore
from secor_desktop.storage.ledger_reads import LedgerReads

__all__ = ["SqlUnitOfWork", "UnitOfWorkFactory"]


class SqlUnitOfWork(EntityReads, LedgerReads, EntityWrites, ExchangeStore):
    def __init__(self, engine: Engine, db_path: Path, blobs: BlobStore) -> None:
        self._engine = engine
        self._db_path = db_path
        self.blobs = blobs
        self._session = None

    def __enter__(self) -> SqlUnitOfWork:
        self._session = Session(self._engine, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, DBAPIError):
            known = translate(exc, self._db_path)
            if known is not None:
                raise known from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except DBAPIError as exc:
            self.session.rollback()
            known = translate(exc, self._db_path)
            if known is not None:
                raise known from exc
            raise


class UnitOfWorkFactory:
    """Opens units of work on one database file, and counts them.

    ``opened`` is how many were opened so far: tests read it to hold a screen or an output to
    one read ("the dashboard's load is one unit of work"). Counting costs one addition.
    """

    def __init__(self, engine: Engine, db_path: Path, blobs: BlobStore) -> None:
        self.engine = engine
        self.db_path = db_path
        self.blobs = blobs
        self.opened = 0
        # As the ``functools.partial`` this replaced held them (tests close the engine).
        self.args = (engine, db_path, blobs)

    def __call__(self) -> SqlUnitOfWork:
        self.opened += 1
        return SqlUnitOfWork(self.engine, self.db_path, self.blobs)
