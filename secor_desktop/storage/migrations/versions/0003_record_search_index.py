"""full-text search index over records (SQLite FTS5, trigram)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

``records_fts`` holds, for each record (same rowid), its title, its site's name and the text
values of its body: the same values the list search has always matched (every text value,
except the roster ids in ``*_id`` fields and ``*_ids`` lists), one per line. The trigram
tokenizer makes a quoted phrase match any substring of three characters or more, case-folded,
so the index answers exactly what ``LIKE '%needle%'`` did, without reading every record.

On PostgreSQL (an office database) ``records_fts`` is a plain table with the same columns,
kept by PL/pgSQL triggers; ``secor_body_text`` picks the same text values out of the body.
There is no trigram index there: a search reads that table with a plain case-folded substring
test (``storage.fulltext``), which answers the same question for any length of text.

Triggers keep it in step with ``records`` and with site names, inside the same transaction as
the write; records are never deleted (``records_no_delete``). Existing records are indexed
here, once. A bulk writer may set ``records_fts_state.deferred`` inside its transaction and
index what it inserted with one statement before committing (``storage.fulltext``): FTS5 is
several times slower fed one row per trigger than one statement over many rows.
"""

from __future__ import annotations

from alembic import op

from secor_desktop.storage.migrations.pg import is_postgres

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The body's searchable text. Written out here, not imported, so this migration stays what it
# was when it ran.
_BODY_TEXT = r"""(SELECT group_concat(j.value, char(10)) FROM json_tree({body}) AS j
    WHERE j.type = 'text'
    AND rtrim(j.fullkey, '"') NOT LIKE '%\_id' ESCAPE '\'
    AND rtrim(j.path, '"') NOT LIKE '%\_ids' ESCAPE '\')"""


def _values(alias: str) -> str:
    return (
        f"{alias}.rowid, {alias}.title, "
        f"(SELECT name FROM sites WHERE sites.id = {alias}.site_id), "
        + _BODY_TEXT.format(body=f"{alias}.body_json")
    )


STATEMENTS = [
    "CREATE VIRTUAL TABLE records_fts USING fts5(title, site, body, tokenize = 'trigram')",
    """CREATE TABLE records_fts_state (
        id INTEGER NOT NULL CONSTRAINT pk_records_fts_state PRIMARY KEY
            CONSTRAINT ck_records_fts_state_single_row CHECK (id = 1),
        deferred BOOLEAN NOT NULL
    )""",
    "INSERT INTO records_fts_state (id, deferred) VALUES (1, 0)",
    f"""CREATE TRIGGER records_fts_insert AFTER INSERT ON records
    WHEN NOT (SELECT deferred FROM records_fts_state WHERE id = 1)
    BEGIN
        INSERT INTO records_fts (rowid, title, site, body) VALUES ({_values("NEW")});
    END""",
    f"""CREATE TRIGGER records_fts_update AFTER UPDATE OF title, site_id, body_json ON records
    BEGIN
        DELETE FROM records_fts WHERE rowid = OLD.rowid;
        INSERT INTO records_fts (rowid, title, site, body) VALUES ({_values("NEW")});
    END""",
    """CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
        DELETE FROM records_fts WHERE rowid = OLD.rowid;
    END""",
    """CREATE TRIGGER records_fts_site_name AFTER UPDATE OF name ON sites BEGIN
        UPDATE records_fts SET site = NEW.name
        WHERE rowid IN (SELECT rowid FROM records WHERE site_id = NEW.id);
    END""",
    f"INSERT INTO records_fts (rowid, title, site, body) SELECT {_values('r')} FROM records AS r",
]


_PG_VALUES = """{alias}.rowid, {alias}.title,
    (SELECT name FROM sites WHERE sites.id = {alias}.site_id),
    secor_body_text({alias}.body_json::jsonb)"""

PG_STATEMENTS = [
    r"""CREATE FUNCTION secor_body_text(doc jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    WITH RECURSIVE t(key, parent_key, value) AS (
        SELECT NULL::text, NULL::text, doc
        UNION ALL
        SELECT c.key, t.key, c.value FROM t, LATERAL (
            SELECT e.key, e.value FROM jsonb_each(
                CASE WHEN jsonb_typeof(t.value) = 'object' THEN t.value ELSE '{}' END) AS e
            UNION ALL
            SELECT NULL, a.value FROM jsonb_array_elements(
                CASE WHEN jsonb_typeof(t.value) = 'array' THEN t.value ELSE '[]' END) AS a
        ) AS c
    )
    SELECT string_agg(t.value #>> '{}', chr(10)) FROM t
    WHERE jsonb_typeof(t.value) = 'string'
    AND coalesce(t.key NOT LIKE '%\_id', true)
    AND (t.key IS NOT NULL OR coalesce(t.parent_key NOT LIKE '%\_ids', true))
    $$""",
    """CREATE TABLE records_fts (
        rowid BIGINT NOT NULL CONSTRAINT pk_records_fts PRIMARY KEY,
        title TEXT, site TEXT, body TEXT
    )""",
    f"""CREATE FUNCTION records_fts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO records_fts (rowid, title, site, body)
        VALUES ({_PG_VALUES.format(alias="NEW")});
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION records_fts_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM records_fts WHERE rowid = OLD.rowid;
        INSERT INTO records_fts (rowid, title, site, body)
        VALUES ({_PG_VALUES.format(alias="NEW")});
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION records_fts_site_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE records_fts SET site = NEW.name
        WHERE rowid IN (SELECT rowid FROM records WHERE site_id = NEW.id);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER records_fts_insert AFTER INSERT ON records
    FOR EACH ROW EXECUTE FUNCTION records_fts_insert()""",
    """CREATE TRIGGER records_fts_update AFTER UPDATE OF title, site_id, body_json ON records
    FOR EACH ROW EXECUTE FUNCTION records_fts_update()""",
    """CREATE TRIGGER records_fts_site_name AFTER UPDATE OF name ON sites
    FOR EACH ROW EXECUTE FUNCTION records_fts_site_name()""",
    "INSERT INTO records_fts (rowid, title, site, body) SELECT "
    + _PG_VALUES.format(alias="r")
    + " FROM records AS r",
]


def upgrade() -> None:
    for statement in PG_STATEMENTS if is_postgres() else STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if is_postgres():
        op.execute("DROP TABLE IF EXISTS records_fts")
        op.execute("DROP TRIGGER IF EXISTS records_fts_site_name ON sites")
        for name in ("records_fts_update", "records_fts_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON records")
        for name in ("records_fts_site_name", "records_fts_update", "records_fts_insert"):
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute("DROP FUNCTION IF EXISTS secor_body_text(jsonb)")
        return
    for name in (
        "records_fts_site_name",
        "records_fts_delete",
        "records_fts_update",
        "records_fts_insert",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS records_fts_state")
    op.execute("DROP TABLE IF EXISTS records_fts")
