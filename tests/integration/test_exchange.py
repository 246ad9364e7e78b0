"""Two data folders exchange both ways through files: the same records, one conflict, settled."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from secor_desktop.domain.kinds import EmploymentType, Province, SignatureMeaning
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.bundle import ImportRejected, export_bundle, import_bundle
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany, signature_png

Pair = tuple[Services, Services]


def swap(a: Services, b: Services, folder: Path, name: str) -> None:
    """a writes an exchange file, b imports it."""
    path = folder / f"{name}.secor-exchange"
    a.exchange.export(path)
    b.exchange.import_file(path)


def both_ways(a: Services, b: Services, folder: Path, round_: int) -> None:
    swap(a, b, folder, f"a-to-b-{round_}")
    swap(b, a, folder, f"b-to-a-{round_}")


def contents(s: Services) -> dict[str, str]:
    """Every record's content hash, by id: equal dicts mean the same records with the same
    content on both sides."""
    return {r.id: r.content_sha256 for r in s.records.find()}


@pytest.fixture
def pair(company: SmallCompany, make_services: Callable[[str], Services], tmp_path: Path) -> Pair:
    """Laptop A with a signed inspection; laptop B set up from A's first exchange file."""
    a = company.services
    record = company.inspection()
    a.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    company.inspection(title="Ladder check")
    b = make_services("laptop-b")
    swap(a, b, tmp_path, "setup")
    return a, b


def amend(s: Services, title: str, new_title: str) -> None:
    record = next(r for r in s.records.find() if r.title == title)
    s.records.update(
        record.id,
        title=new_title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=record.attachments,
    )


def independent_edits(company: SmallCompany, a: Services, b: Services) -> None:
    """New records on both, the same record amended on both, a new worker on each."""
    company.inspection(title="Scaffold inspection (A)")
    b_company = replace(company, services=b)
    b_company.inspection(title="Trailer inspection (B)")
    amend(a, "Ladder check", "Ladder check: two ladders tagged out")
    amend(b, "Ladder check", "Ladder check: all ladders fine")
    a.roster.add_worker(
        Worker("", "Avery Chen", "Labourer", EmploymentType.FULL_TIME, date(2026, 5, 4))
    )
    b.roster.add_worker(
        Worker("", "Jordan Blais", "Roofer", EmploymentType.SEASONAL, date(2026, 6, 1))
    )


def test_second_laptop_starts_with_the_same_records(pair: Pair) -> None:
    """The first exchange file into an empty folder brings every record, signed as it was."""
    a, b = pair
    assert contents(b) == contents(a)
    assert b.verify().ok
    assert {w.name for w in b.roster.workers()} == {w.name for w in a.roster.workers()}


def test_exchanging_both_ways_twice_gives_the_same_records_and_one_conflict(
    pair: Pair, company: SmallCompany, tmp_path: Path
) -> None:
    """Independent edits, both ways twice: same records, one conflict, verify OK, no dups."""
    a, b = pair
    independent_edits(company, a, b)
    both_ways(a, b, tmp_path, 1)
    both_ways(a, b, tmp_path, 2)
    assert set(contents(a)) == set(contents(b))
    assert len(contents(a)) == 4
    titles = sorted(r.title for r in a.records.find())
    assert len(titles) == len(set(titles))  # no duplicates
    for side in (a, b):
        conflicts = side.exchange.conflicts()
        assert len(conflicts) == 1
        assert conflicts[0].label.startswith('Record "Ladder check')
        assert sorted(s.data["title"] for s in conflicts[0].sides) == [
            "Ladder check: all ladders fine",
            "Ladder check: two ladders tagged out",
        ]
        assert conflicts[0].differs == ("title",)
        assert side.verify().ok
        names = sorted(w.name for w in side.roster.workers())
        assert names == sorted(set(names))
        assert {"Avery Chen", "Jordan Blais"} <= set(names)
    for record_id, sha in contents(a).items():
        if not a.records.get(record_id).title.startswith("Ladder check"):
            assert contents(b)[record_id] == sha


def test_settling_on_one_side_then_exchanging_leaves_no_conflict(
    pair: Pair, company: SmallCompany, tmp_path: Path
) -> None:
    """The lead keeps A's version on B; after the next exchange both agree, no conflict."""
    a, b = pair
    independent_edits(company, a, b)
    both_ways(a, b, tmp_path, 1)
    (conflict,) = b.exchange.conflicts()
    keep = next(
        n
        for n, side in enumerate(conflict.sides, start=1)
        if side.data["title"] == "Ladder check: two ladders tagged out"
    )
    b.exchange.settle(conflict.entity_type, conflict.entity_id, str(keep), "A saw the ladders")
    assert b.exchange.conflicts() == []
    both_ways(b, a, tmp_path, 2)
    assert a.exchange.conflicts() == [] and b.exchange.conflicts() == []
    assert contents(a) == contents(b)
    assert a.records.get(conflict.entity_id).title == "Ladder check: two ladders tagged out"
    history = a.records.history(conflict.entity_id)
    assert history[-1].reason == "A saw the ladders"
    assert a.verify().ok and b.verify().ok


def test_importing_the_same_file_twice_adds_nothing(pair: Pair, tmp_path: Path) -> None:
    """The second import of one file finds every revision already here."""
    a, b = pair
    path = tmp_path / "again.secor-exchange"
    a.exchange.export(path)
    before = b.verify().head
    report = b.exchange.import_file(path)
    assert report.added == {}
    assert b.verify().head == before


@pytest.mark.sqlite_only("edits the file with the sqlite3 module")
def test_verify_names_a_received_revision_whose_origin_was_edited(pair: Pair) -> None:
    """The origin document kept beside a received revision is checked against its hash."""
    _a, b = pair
    assert b.verify().ok
    with sqlite3.connect(b.locations.database) as conn:
        conn.execute("DROP TRIGGER revision_links_append_only_update")
        conn.execute(
            "UPDATE revision_links SET origin_document = "
            "replace(origin_document, 'Ladder check', 'Ladder check (edited)') "
            "WHERE origin_document LIKE '%Ladder check%'"
        )
    report = b.verify()
    assert not report.ok
    assert any(
        "no longer matches its hash there" in p.message and p.label == "Received revision"
        for p in report.problems
    )


LINK_EDITS = {
    "origin_document": "replace(origin_document, '\"revision\":', '\"revision\": ')",
    "origin_content_sha256": "substr(origin_content_sha256, 2) || 'a'",
    "origin_prev_chain_sha256": "substr(origin_prev_chain_sha256, 2) || 'a'",
    "origin_chain_sha256": "substr(origin_chain_sha256, 2) || 'a'",
    "seq": "seq + 1000",
}


@pytest.mark.sqlite_only("edits the file with the sqlite3 module")
@pytest.mark.parametrize("column", sorted(LINK_EDITS))
def test_verify_fails_when_a_received_revisions_origin_is_changed(pair: Pair, column: str) -> None:
    """Any hash-bearing column of a revision link edited with the sqlite3 shell fails verify."""
    _a, b = pair
    with sqlite3.connect(b.locations.database) as conn:
        conn.execute("DROP TRIGGER revision_links_append_only_update")
        seq = conn.execute("SELECT max(seq) FROM revision_links").fetchone()[0]
        conn.execute(
            f"UPDATE revision_links SET {column} = {LINK_EDITS[column]} WHERE seq = ?", (seq,)
        )
    report = b.verify()
    assert not report.ok
    assert any(p.label == "Received revision" for p in report.problems)


def test_moving_a_data_folder_keeps_its_head_identity_and_exchange_marks(
    pair: Pair, company: SmallCompany, make_services: Callable[[str], Services], tmp_path: Path
) -> None:
    """export + import into an empty folder: same head, same device, same links and peers;
    the moved folder goes on exchanging with A without fetching anything twice."""
    a, b = pair
    independent_edits(company, a, b)
    both_ways(a, b, tmp_path, 1)
    export_bundle(b.ctx, tmp_path / "move")
    moved = make_services("moved")
    report = import_bundle(moved.ctx, tmp_path / "move")
    assert report.mode == "replayed"
    assert moved.verify().head == b.verify().head
    assert moved.verify().ok
    assert moved.exchange.device() == b.exchange.device()
    assert moved.exchange.peers() == b.exchange.peers()
    assert [c.entity_id for c in moved.exchange.conflicts()] == [
        c.entity_id for c in b.exchange.conflicts()
    ]
    path = tmp_path / "after-move.secor-exchange"
    a.exchange.export(path)
    assert moved.exchange.import_file(path).added == {}
    assert contents(moved) == contents(b)


def test_a_record_signed_on_one_side_and_changed_on_the_other_settles_without_losing_it(
    pair: Pair, company: SmallCompany, tmp_path: Path
) -> None:
    """B signs, A changes: B refuses A's file (it would drop the signature) with a sentence
    and nothing changed; the other way round A gets the conflict, settles it keeping the
    signature, and then B takes A's file: both agree and verify."""
    a, b = pair
    ladder = next(r for r in b.records.find() if r.title == "Ladder check")
    b.records.sign(
        ladder.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(3),
    )
    amend(a, "Ladder check", "Ladder check: two ladders tagged out")
    path = tmp_path / "a-to-b.secor-exchange"
    a.exchange.export(path)
    before = b.verify().head
    with pytest.raises(ImportRejected, match=r"was changed on .* while it was signed here"):
        b.exchange.import_file(path)
    assert b.verify().head == before
    swap(b, a, tmp_path, "b-to-a")
    (conflict,) = a.exchange.conflicts()
    mine = next(
        str(n) for n, s in enumerate(conflict.sides, 1) if s.data["title"].endswith("tagged out")
    )
    a.exchange.settle("record", ladder.id, mine, "Two ladders really were tagged out")
    settled = a.records.get(ladder.id)
    assert [s.signer_id for s in settled.signatures] == [company.lead.id]
    swap(a, b, tmp_path, "a-to-b-2")
    assert contents(a) == contents(b)
    assert a.exchange.conflicts() == [] and b.exchange.conflicts() == []
    assert a.verify().ok and b.verify().ok


def test_two_laptops_set_up_apart_merge_their_rosters_and_settle_the_company_profile(
    company: SmallCompany, make_services: Callable[[str], Services], tmp_path: Path
) -> None:
    """Each laptop typed its own company profile and workers: the workers are merged, the
    profile is one conflict, settled on one side and agreed after the next exchange."""
    a = company.services
    b = make_services("set-up-apart")
    b.company.save(Company(name="Prairie Roofing Limited", province=Province.AB))
    b.roster.add_worker(
        Worker("", "Jordan Blais", "Roofer", EmploymentType.SEASONAL, date(2026, 6, 1))
    )
    both_ways(a, b, tmp_path, 1)
    names = {w.name for w in a.roster.workers()}
    assert names == {w.name for w in b.roster.workers()} and "Jordan Blais" in names
    (conflict,) = b.exchange.conflicts()
    assert conflict.entity_type == "company" and "name" in conflict.differs
    keep = next(
        str(n) for n, s in enumerate(conflict.sides, 1) if s.data["name"] == "Prairie Roofing Ltd."
    )
    b.exchange.settle("company", "company", keep, "The name on the WCB account")
    both_ways(b, a, tmp_path, 2)
    assert a.exchange.conflicts() == [] and b.exchange.conflicts() == []
    assert a.company.get().name == b.company.get().name == "Prairie Roofing Ltd."
    assert a.verify().ok and b.verify().ok
