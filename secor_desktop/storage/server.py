"""An office database on a PostgreSQL server: opening it, bringing it to the schema, and
keeping appends to the chain in one line.

The data folder still holds the log and the attached files; the records, the roster and the
chain of revisions live on the server. The same Alembic migrations build the schema there
(their PostgreSQL statements are in ``migrations/pg.py``). Every write that appends to the
chain first takes one transaction-level advisory lock (``serialise_appends``), so several
people saving at once each extend the chain from the head the one before them left: nothing
forks, nothing is lost. The lock is released when the transaction ends, commit or rollback.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from secor_desktop.storage.errors import KnownError, MigrationFailed, NewerDatabase
from secor_desktop.storage.schema import HEAD_REVISION, REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")

# Advisory lock keys (any two bigints no other program on the server uses for its own locks).
CHAIN_LOCK = 0x5EC0_C4A1
MIGRATION_LOCK = 0x5EC0_0DB0


LOCK_TIMEOUT_MS = 15_000


class ServerUnreachable(KnownError):
    """The database server cannot be reached, or refused the login."""


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(SCHEMES)


def engine_url(url: str, password: str | None = None) -> URL:
    """The URL SQLAlchemy opens: psycopg (version 3) as the driver; a password from the
    keyring put in (never written anywhere)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    parsed = parsed.set(drivername="postgresql+psycopg")
    if password is not None and parsed.password is None:
        parsed = parsed.set(password=password)
    return parsed


def has_password(url: str) -> bool:
    """Does ``url`` carry a password (which settings must never keep)?"""
    from sqlalchemy.engine import make_url

    return make_url(url).password is not None


def shown(url: str) -> str:
    """The URL as it may be shown or logged: never its password."""
    from sqlalchemy.engine import make_url

    return str(make_url(url).render_as_string(hide_password=True))


def make_server_engine(url: str, password: str | None = None) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(
        engine_url(url, password),
        hide_parameters=True,  # an error's text never carries what a record says
        pool_pre_ping=True,  # a server restarted overnight: reconnect, not a crash
        connect_args={
            "connect_timeout": 10,
            "application_name": "secor-desktop",
            # As SQLite's busy timeout: a save waiting this long for another one's lock is told
            # "busy, try again" (errors.translate) rather than waiting forever.
            "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
        },
    )


def serialise_appends(session: Session) -> None:
    """On PostgreSQL, wait for (then hold, until this transaction ends) the chain's lock.

    Call before reading the chain's head for an append. SQLite needs nothing: every writer
    begins with ``BEGIN IMMEDIATE``, which already lets one writer at a time in.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def prepare_server_database(url: str, password: str | None = None) -> None:
    """Bring the server's database to this program's schema, in one transaction.

    Refuses a database a newer program has migrated. Two programs starting at once: the
    second waits on the migration lock, then finds nothing left to do.
    """
    from alembic import command
    from sqlalchemy.exc import DBAPIError

    from secor_desktop.storage.database import alembic_config

    engine = make_server_engine(url, password)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            found = current_revision(conn)
            if found == HEAD_REVISION:
                return
            if found is not None and found not in REVISIONS:
                raise NewerDatabase(
                    f"The database at {shown(url)} was updated by a newer version of "
                    f"secor-desktop (schema {found}). Install that version to open it."
                )
            log.info("migrating %s from %s to %s", shown(url), found, HEAD_REVISION)
            cfg = alembic_config("postgresql+psycopg://")  # runs on conn, not this URL
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except KnownError:
        raise
    except DBAPIError as exc:
        raise unreachable(url, exc) or MigrationFailed(
            f"Updating the database at {shown(url)} failed: {exc.orig}"
        ) from exc
    finally:
        engine.dispose()


def unreachable(url: str, exc: BaseException) -> ServerUnreachable | None:
    """A connection or login failure, told in one sentence with what to check."""
    inner: Any = getattr(exc, "orig", exc)
    if type(inner).__name__ != "OperationalError":
        return None
    first = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return ServerUnreachable(
        f"The database server at {shown(url)} cannot be reached or refused the login "
        f"({first}). Check the address, that the server is running, and the password "
        "(in the system keyring or ~/.pgpass; see docs/postgresql.md)."
    )
