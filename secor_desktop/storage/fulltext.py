"""The full-text index over records (``records_fts``, migration 0003), and searching it.

The index is an FTS5 table with the trigram tokenizer: a quoted phrase of three characters or
more matches wherever it occurs inside a value, with case folded, so it gives the same answers
as the ``LIKE '%needle%'`` scan it replaces, from the index instead of every record. Shorter
text, and text whose case folding differs between Python and SQLite (``ß`` folds to ``ss`` in
Python only), is left to the scan: ``usable`` says which.

On PostgreSQL (migration 0003's other path) the index is a plain table of the same values with
no trigram index: every search reads it with a case-folded substring test (``secor_fold`` on
both sides, ``strpos``), whatever the needle's length. That is a scan of one short row per
record, fine for an office's records; ``usable`` is then true for any needle.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, column, literal_column, text

FTS_TABLE = "records_fts"
TRIGRAM = 3
COLUMNS = ("title", "site", "body")

# What a record puts in the index: as the triggers of migration 0003 do it.
_INDEXED_VALUES = r"""r.rowid, r.title, (SELECT name FROM sites WHERE sites.id = r.site_id),
    (SELECT group_concat(j.value, char(10)) FROM json_tree(r.body_json) AS j
     WHERE j.type = 'text'
     AND rtrim(j.fullkey, '"') NOT LIKE '%\_id' ESCAPE '\'
     AND rtrim(j.path, '"') NOT LIKE '%\_ids' ESCAPE '\')"""


def is_index_table(name: str | None) -> bool:
    """The FTS table and the shadow tables FTS5 keeps for it (for schema comparisons)."""
    return bool(name) and (name == FTS_TABLE or str(name).startswith(f"{FTS_TABLE}_"))


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic autogenerate hook: the index is created by hand in 0003, not from the rows."""
    return not (type_ == "table" and is_index_table(name))


def normalise(needle: str) -> str:
    return unicodedata.normalize("NFC", needle).strip()


def is_postgres(bound: Any) -> bool:
    """Is this connection or session on PostgreSQL?"""
    bind = bound.get_bind() if hasattr(bound, "get_bind") else bound
    return bool(bind.dialect.name == "postgresql")


def usable(needle: str, postgres: bool = False) -> bool:
    """Can the index answer a search for ``needle`` exactly as the scan would?"""
    needle = normalise(needle)
    if postgres:
        return bool(needle)
    return len(needle) >= TRIGRAM and needle.casefold() == needle.lower() and "\n" not in needle


def match_expression(needle: str, columns: Sequence[str] = COLUMNS) -> str:
    """An FTS5 query: the needle as one literal phrase, within the given columns."""
    for name in columns:
        if name not in COLUMNS:
            raise ValueError(f"not a column of the search index: {name!r}")
    phrase = '"' + normalise(needle).replace('"', '""') + '"'
    return "{" + " ".join(columns) + "} : " + phrase


def _pg_where(columns: Sequence[str]) -> str:
    for name in columns:
        if name not in COLUMNS:
            raise ValueError(f"not a column of the search index: {name!r}")
    return " OR ".join(f"strpos(secor_fold({c}), secor_fold(:needle)) > 0" for c in columns)


def matching_rowids(
    needle: str, columns: Sequence[str] = COLUMNS, postgres: bool = False
) -> ColumnElement[bool]:
    """``records.rowid IN (...)`` for the records whose indexed text contains ``needle``."""
    if postgres:
        pg_found = (
            text(f"SELECT rowid FROM {FTS_TABLE} WHERE {_pg_where(columns)}")
            .bindparams(needle=normalise(needle))
            .columns(column("rowid", Integer))
        )
        return literal_column("records.rowid").in_(pg_found)
    found = (
        text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_query")
        .bindparams(fts_query=match_expression(needle, columns))
        .columns(column("rowid", Integer))
    )
    return literal_column("records.rowid").in_(found)


def count_matches(connection: Connection, needle: str) -> int:
    """How many records hold ``needle`` anywhere they are indexed (title, site, body)."""
    if is_postgres(connection):
        sql = text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {_pg_where(COLUMNS)}")
        return int(connection.execute(sql, {"needle": normalise(needle)}).scalar() or 0)
    found = connection.exec_driver_sql(
        f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
        (match_expression(needle),),
    ).scalar()
    return int(found or 0)


def newest_matches(connection: Connection, needle: str, limit: int) -> list[int]:
    """The rowids of the ``limit`` most recently entered records holding ``needle``."""
    if is_postgres(connection):
        sql = text(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {_pg_where(COLUMNS)} "
            "ORDER BY rowid DESC LIMIT :limit"
        )
        found = connection.execute(sql, {"needle": normalise(needle), "limit": limit})
        return [int(r[0]) for r in found]
    rows = connection.exec_driver_sql(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?",
        (match_expression(needle), limit),
    )
    return [int(r[0]) for r in rows]


@contextmanager
def deferred_indexing(connection: Connection) -> Iterator[None]:
    """For bulk inserts of records: index them with one statement at the end, not per row.

    Use inside the writing transaction (the flag and the index change with it, so no other
    connection ever sees the flag set); if the block raises, roll that transaction back.
    """
    if is_postgres(connection):  # its triggers index every row; nothing to defer
        yield
        return
    first = connection.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM records").scalar()
    connection.exec_driver_sql(f"UPDATE {FTS_TABLE}_state SET deferred = 1 WHERE id = 1")
    yield
    connection.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE} (rowid, title, site, body) SELECT {_INDEXED_VALUES} "
        f"FROM records AS r WHERE r.rowid > ? "
        f"AND r.rowid NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE rowid > ?)",
        (first, first),
    )
    connection.exec_driver_sql(f"UPDATE {FTS_TABLE}_state SET deferred = 0 WHERE id = 1")


def index_size(connection: Connection) -> int:
    """Rows in the index (one per record when it is complete)."""
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {FTS_TABLE}").scalar() or 0)
