"""Searching records through the full-text index (FTS5, migration 0003) on real SQLite."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from secor_desktop.domain.bodies import (
    Control,
    ControlLevel,
    FlhaBody,
    HazardItem,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.listing import RecordQuery
from secor_desktop.storage import fulltext
from tests.conftest import TODAY, SmallCompany


def talk(company: SmallCompany, title: str, topic: str, notes: str = "") -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic=topic,
            presenter_id=company.lead.id,
            attendee_ids=(company.worker.id,),
            notes=notes,
        ),
    )


def flha(company: SmallCompany, title: str, task: str, control: str) -> Record:
    hazard = HazardItem(task, "Fall", 4, 2, (Control(ControlLevel.PPE, control),))
    return company.services.records.create(
        RecordKind.FLHA,
        title=title,
        event_date=TODAY - timedelta(days=1),
        site_id=None,
        body=FlhaBody(task, (hazard,), (company.worker.id,)),
    )


def titles(records: list[Record]) -> set[str]:
    return {r.title for r in records}


@pytest.fixture
def library(company: SmallCompany) -> list[Record]:
    return [
        talk(company, "Ladder safety", "Ladders", notes="Three points of contact"),
        talk(company, "Causerie : « Échafaudage »", "Échafaudage", notes="Garde-corps"),
        talk(company, "Heat stress", "Water and shade", notes="100% attendance"),
        flha(company, "Chimney flashing", "Chimney", "Harness tied off"),
        flha(company, "Tear-off", "Tear-off, north slope", "Guardrails"),
        company.inspection("Weekly yard inspection"),
    ]


def index_rows(company: SmallCompany) -> int:
    with sqlite3.connect(company.services.locations.database) as conn:
        return int(conn.execute("SELECT count(*) FROM records_fts").fetchone()[0])


@pytest.mark.sqlite_only("reads the FTS5 index's rows with the sqlite3 module")
def test_every_saved_record_is_indexed(company: SmallCompany, library: list[Record]) -> None:
    """Each record saved through the services has its row in the index, in the same commit."""
    assert index_rows(company) == len(library)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("chimney", {"Chimney flashing"}),
        ("HARNESS", {"Chimney flashing"}),  # a control's description, in the body
        ("north sl", {"Tear-off"}),  # the middle of a value, across a space
        ("échafaudage", {"Causerie : « Échafaudage »"}),  # folded accented capital
        ("100%", {"Heat stress"}),  # a literal percent sign
        ("pallets", {"Weekly yard inspection"}),  # a checklist note
        ("Main yard", {"Weekly yard inspection"}),  # inspected target (body), not site
        ("ladders", {"Ladder safety"}),
        ("zzz", set()),
    ],
)
def test_list_search_answers_from_the_index_as_the_scan_did(
    company: SmallCompany, library: list[Record], needle: str, expected: set[str]
) -> None:
    """The list's search finds the same records with the index as the LIKE scan finds."""
    listing = company.services.listing
    assert fulltext.usable(needle)
    found = titles(listing.page(RecordQuery(text=needle), 0, 50))
    assert found == expected
    assert listing.count(RecordQuery(text=needle)) == len(expected)


def test_roster_ids_in_a_body_are_not_searchable(
    company: SmallCompany, library: list[Record]
) -> None:
    """A worker's id, held in a body, finds nothing: only text people wrote counts."""
    listing = company.services.listing
    assert listing.count(RecordQuery(text=company.worker.id[:12])) == 0


@pytest.mark.sqlite_only("the trigram index's limit; the server's search table has none")
def test_short_text_is_searched_without_the_index(
    company: SmallCompany, library: list[Record]
) -> None:
    """Two characters are below a trigram: the scan answers, with the same rules."""
    results = company.services.search.search("«")
    assert not results.indexed
    assert titles(results.records) == {"Causerie : « Échafaudage »"}
    assert company.services.listing.count(RecordQuery(text="«")) == 1


def test_search_covers_site_names_and_all_kinds(
    company: SmallCompany, library: list[Record]
) -> None:
    """The global search finds records by their site's name, across kinds, newest first."""
    results = company.services.search.search("main YARD")
    assert results.indexed
    expected = {"Ladder safety", "Causerie : « Échafaudage »", "Heat stress"}
    assert titles(results.records) == expected | {"Weekly yard inspection"}
    assert results.total == 4
    assert results.records[0].title == "Weekly yard inspection"  # the last one entered
    inspections = company.services.search.search("main yard", kind=RecordKind.INSPECTION)
    assert titles(inspections.records) == {"Weekly yard inspection"}


def test_search_limit_keeps_the_total(company: SmallCompany, library: list[Record]) -> None:
    """Asking for 2 results gives the 2 newest and still counts all matches."""
    results = company.services.search.search("a", limit=2)
    assert len(results.records) == 2 and results.total == 6


@pytest.mark.sqlite_only("reads the FTS5 index's rows with the sqlite3 module")
def test_editing_a_record_moves_it_in_the_index(
    company: SmallCompany, library: list[Record]
) -> None:
    """After a change of title, the new words find it and the old ones no longer do."""
    record = library[0]
    company.services.records.update(
        record.id,
        title="Stepladder inspection",
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=record.attachments,
    )
    search = company.services.search
    assert titles(search.search("stepladder").records) == {"Stepladder inspection"}
    assert search.search("ladder safety").total == 0
    assert index_rows(company) == len(library)


def test_renaming_a_site_reindexes_its_records(
    company: SmallCompany, library: list[Record]
) -> None:
    """A site's new name finds its records; its old name finds none of them."""
    company.services.roster.save_site(replace(company.site, name="Riverside depot"))
    search = company.services.search
    assert search.search("riverside").total == 4
    assert search.search("main yard").total == 1  # the inspection's own text still says it


def test_search_refuses_a_bad_limit(company: SmallCompany) -> None:
    """A limit beyond 500 is a validation error naming 'limit'."""
    with pytest.raises(ValidationError) as caught:
        company.services.search.search("ladder", limit=10_000)
    assert caught.value.problems[0].field == "limit"


def test_blank_search_finds_nothing(company: SmallCompany, library: list[Record]) -> None:
    """Spaces only: no results, no error."""
    results = company.services.search.search("   ")
    assert (results.total, results.records) == (0, [])


def test_quotes_in_the_text_are_literal(company: SmallCompany) -> None:
    """A double quote or FTS operator words are searched as text, never as query syntax."""
    talk(company, 'The "NEAR" talk', "Operators", notes="AND OR NOT")
    search = company.services.search
    assert titles(search.search('"NEAR"').records) == {'The "NEAR" talk'}
    assert search.search("AND OR NOT").total == 1
    assert search.search("OR N").total == 1


def test_pages_read_from_the_end_match_pages_read_from_the_start(
    company: SmallCompany,
) -> None:
    """Given the total, the last pages come in the same order as walking from the start."""
    for i in range(9):
        company.inspection(f"Inspection {i}", TODAY - timedelta(days=i % 4))
    listing = company.services.listing
    query = RecordQuery(kind=RecordKind.INSPECTION)
    forward = [r.id for offset in range(0, 9, 2) for r in listing.page(query, offset, 2)]
    backward = [r.id for offset in range(0, 9, 2) for r in listing.page(query, offset, 2, total=9)]
    assert backward == forward and len(forward) == 9


@pytest.mark.sqlite_only("FTS5's deferred indexing; the server's triggers index every row")
def test_deferred_indexing_indexes_a_bulk_insert_once_at_the_end(
    company: SmallCompany, library: list[Record]
) -> None:
    """Bulk writers pause the per-row trigger; the block's end indexes every new record."""
    columns = "kind, event_date, site_id, body_json, status, void_reason, voided_at"
    with company.services.ctx.uow() as uow:
        conn = uow.session.connection()
        with fulltext.deferred_indexing(conn):
            conn.exec_driver_sql(
                f"INSERT INTO records (id, title, content_sha256, {columns}) "
                f"SELECT 'copy-' || id, 'Copied ' || title, content_sha256, {columns} "
                "FROM records"
            )
            assert fulltext.index_size(conn) == len(library)  # nothing indexed yet
        assert fulltext.index_size(conn) == 2 * len(library)
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?",
            (fulltext.match_expression("copied chimney"),),
        ).scalar()
        assert found == 1
        assert conn.exec_driver_sql("SELECT deferred FROM records_fts_state").scalar() == 0
