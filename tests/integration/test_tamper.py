"""``verify`` names any record whose stored content was changed with another tool.

Every column of every table, the ledger (``revisions``) included, is edited the way a
determined person with the sqlite3 shell would: dropping the triggers that refuse it and
switching off CHECK constraints when they are in the way.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from secor_desktop.domain.evaluation import parse_answers
from secor_desktop.domain.frameworks import AuditType, load_bundled_pack
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.storage.rows import Base
from tests.conftest import TODAY, SmallCompany, signature_png

pytestmark = pytest.mark.sqlite_only(
    "edits the file with the sqlite3 module; the server's case is in test_postgres_office.py"
)

# The exchange's tables are checked in test_exchange.py (they are empty here): ``device`` and
# ``exchange_peers`` are bookkeeping a user may change, ``revision_links`` needs an exchange.
EXCHANGE_TABLES = ("device", "exchange_peers", "revision_links")
COLUMNS = [
    (table.name, column.name)
    for table in Base.metadata.sorted_tables
    if table.name not in EXCHANGE_TABLES
    for column in table.columns
]
KNOWN_VALUES = {
    ("revisions", "flags"): "late_entry",
    ("records", "kind"): "flha",
    ("records", "status"): "draft",
    ("signatures", "meaning"): "reviewed",
    ("corrective_actions", "status"): "closed",
    ("workers", "employment_type"): "seasonal",
    ("company", "province"): "BC",
    ("company", "frequencies_json"): '{"flha": "weekly"}',
    ("records", "body_json"): '{"inspection_type": "vehicle"}',
    ("self_evaluations", "audit_type"): "maintenance",
    ("self_evaluations", "answers_json"): '{"1.1": {"kind": "no"}}',
}


def _mutated(table: str, column: str, value: object, other_ids: dict[str, str]) -> object:
    if (table, column) in KNOWN_VALUES:
        return KNOWN_VALUES[(table, column)]
    if column in ("site_id",):
        return other_ids["site"]
    if column in ("signer_id", "owner_id"):
        return other_ids["worker"]
    if value is None:
        dated = column.endswith(("date", "_at")) or column in ("active_from", "active_to")
        return "2026-01-05" if dated else "added later"
    if column == "seq":
        return int(str(value)) + 1000  # moved to the end of the chain
    if isinstance(value, int):
        return value + 1 if column not in ("active", "is_owner") else 1 - value
    text = str(value)
    if len(text) == 10 and text[4] == "-":
        return "2026-01-05" if text != "2026-01-05" else "2026-01-06"
    if "T" in text and text[:4].isdigit():
        return text.replace(text[:4], str(int(text[:4]) - 1), 1)
    if len(text) == 64:
        return text[:-1] + ("0" if text[-1] != "0" else "1")
    return text + "x"


@pytest.fixture
def signed_company(company: SmallCompany) -> SmallCompany:
    services = company.services
    record = company.inspection()
    photo = services.records.attach_photo(signature_png(7), "yard.png", "aisle")
    record = services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(photo,),
    )
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )
    services.actions.raise_action(
        "Clear the pallets from the aisle",
        due_date=TODAY + timedelta(days=7),
        owner_id=company.lead.id,
        source_record_id=record.id,
    )
    services.roster.add_site("Second site")
    example = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"
    pack = load_bundled_pack()
    answers = parse_answers(example.read_text("utf-8"), example.name, pack).answers
    services.evaluations.save(pack, answers, AuditType.CERTIFICATION, TODAY)
    assert services.verify().ok
    return company


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_any_changed_field_fails_verify_and_is_named(
    signed_company: SmallCompany, table: str, column: str
) -> None:
    """Changing one field of one row with the sqlite3 shell makes verify fail, naming it."""
    services = signed_company.services
    db = services.locations.database
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        # For the ledger: the newest revision of the signed record (not the chain's last).
        where = "WHERE entity_type = 'record' ORDER BY seq DESC" if table == "revisions" else ""
        row = conn.execute(f"SELECT rowid AS _rid, * FROM {table} {where} LIMIT 1").fetchone()
        other_site = conn.execute(
            "SELECT id FROM sites WHERE id != (SELECT site_id FROM records LIMIT 1)"
        ).fetchone()[0]
        other_worker = signed_company.owner.id
        new = _mutated(table, column, row[column], {"site": other_site, "worker": other_worker})
        assert new != row[column]
        _edit_as_an_attacker(
            conn, f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (new, row["_rid"])
        )
        # An integer primary key is the rowid itself: the row now lives at its new value.
        rid = new if isinstance(new, int) and column in ("id", "seq") else row["_rid"]
        changed = conn.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (rid,))
        assert tuple(changed.fetchone()) == (new,)
    report = services.verify()
    assert not report.ok
    named = {p.entity_id for p in report.problems}
    if table == "records":
        expected = {row["id"], new}
    elif table in ("signatures", "attachments", "record_projection"):
        expected = {row["record_id"], new}
    elif table == "company":
        expected = {"company"}
    elif table == "revisions":
        expected = {row["entity_id"], new}
    else:
        expected = {row["id"], new}
    assert named & expected, [str(p) for p in report.problems]


def _edit_as_an_attacker(conn: sqlite3.Connection, update: str, params: tuple[object, ...]) -> None:
    """Run the update; when a trigger or a CHECK constraint refuses it, remove the obstacle."""
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        conn.execute(update, params)
    except sqlite3.IntegrityError:
        # A trigger refused it: a determined editor drops the triggers and tries again.
        triggers = conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        for (name,) in triggers.fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(update, params)


def test_replaced_photo_file_fails_verify(signed_company: SmallCompany) -> None:
    """A photo file swapped on disk is named with the record it belongs to."""
    services = signed_company.services
    (record,) = services.records.find()
    path = services.ctx.blobs.path_for(record.attachments[0].sha256)
    path.write_bytes(b"another picture")
    report = services.verify()
    assert not report.ok
    assert any("attachment yard" in p.label for p in report.problems)


def test_rewritten_revision_breaks_the_chain(signed_company: SmallCompany) -> None:
    """A revision edited after dropping the trigger is caught by its hash."""
    db = signed_company.services.locations.database
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER revisions_append_only_update")
        conn.execute("UPDATE revisions SET document = replace(document, 'Weekly', 'Daily')")
    report = signed_company.services.verify()
    assert any("no longer matches the hash" in p.message for p in report.problems)


def test_untouched_database_passes_verify_and_integrity_check(
    signed_company: SmallCompany,
) -> None:
    """With nothing changed, verify and SQLite's own integrity check both pass."""
    services = signed_company.services
    report = services.verify()
    assert report.ok and report.head.count > 0 and report.files_checked == 2
    with sqlite3.connect(services.locations.database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize(
    ("table", "column"),
    [("records", "event_date"), ("signatures", "signed_at"), ("workers", "start_date")],
)
def test_text_that_is_not_a_date_is_named_not_fatal(
    signed_company: SmallCompany, table: str, column: str
) -> None:
    """Garbage in a date column (CHECKs switched off) is a named problem, not a traceback."""
    services = signed_company.services
    with sqlite3.connect(services.locations.database) as conn:
        row = conn.execute(f"SELECT rowid, * FROM {table} LIMIT 1").fetchone()
        _edit_as_an_attacker(
            conn, f"UPDATE {table} SET {column} = ? WHERE rowid = ?", ("added later", row[0])
        )
    report = services.verify()
    assert not report.ok
    assert any(
        f"its {column} holds 'added later', which is not a date" in p.message
        for p in report.problems
    ), [str(p) for p in report.problems]
