"""What the migrations write differently on PostgreSQL (an office database on a server).

The migrations were written for SQLite and their SQLite statements stay exactly as they ran;
on PostgreSQL they call these instead. Written out here, not taken from the application code,
so a migration stays what it was when it ran.

- Dates: SQLite checks ``x IS date(x, '+0 days')`` (an ISO date that round-trips, or NULL);
  ``secor_is_date(x)`` answers the same on PostgreSQL.
- Append-only rules: one PL/pgSQL trigger function, ``secor_refuse``, raises the message it is
  given as an integrity violation, so a refused change fails as it does on SQLite.
- ``records.rowid``: SQLite gives every row one; on PostgreSQL an identity column of that name
  gives the same "order entered" and the same key for the search table.
- ``secor_fold`` and ``json_extract``: the two SQL functions the record list calls, so its
  queries read the same on both engines.
"""

from __future__ import annotations

from alembic import op


def is_postgres() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def is_date(column: str) -> str:
    """The date check on a column, for the engine the migration runs on."""
    if is_postgres():
        return f"secor_is_date({column})"
    return f"{column} IS date({column}, '+0 days')"


FUNCTIONS = [
    r"""CREATE FUNCTION secor_is_date(value text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
        IF value IS NULL THEN RETURN true; END IF;
        IF value !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN false; END IF;
        RETURN to_char(to_date(value, 'YYYY-MM-DD'), 'YYYY-MM-DD') = value;
    EXCEPTION WHEN others THEN
        RETURN false;
    END $$""",
    """CREATE FUNCTION secor_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    """CREATE FUNCTION secor_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT lower(normalize(value, NFC)) $$""",
    """CREATE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
        SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.')
    $$""",
]


def create_functions() -> None:
    for statement in FUNCTIONS:
        op.execute(statement)


def drop_functions() -> None:
    for signature in (
        "secor_is_date(text)",
        "secor_refuse()",
        "secor_fold(text)",
        "json_extract(text, text)",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")


def refuse(name: str, when: str, table: str, message: str) -> str:
    """A trigger refusing ``when`` (UPDATE or DELETE) on ``table`` with ``message``."""
    quoted = message.replace("'", "''")
    return (
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW "
        f"EXECUTE FUNCTION secor_refuse('{quoted}')"
    )
