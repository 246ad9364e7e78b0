"""``verify`` checks intact records from plain rows, and only reads a changed one the old way.

The speed comes from not building ORM rows and domain objects for every record; these tests
would fail if the check went back to that, and check that the shortcut never hides anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from secor_desktop.domain import codec, ledger
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.canonical import canonical_bytes
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Attachment, Signature
from secor_desktop.services import integrity, verify_records
from secor_desktop.storage import verify_rows
from secor_desktop.storage.rows import Base
from secor_desktop.storage.verify_rows import AttachmentText, SignatureText
from tests import postgres_server
from tests.conftest import TODAY, SmallCompany, signature_png


@pytest.fixture
def orm_loads() -> Iterator[list[str]]:
    """The class name of every ORM row loaded while the test runs."""
    loaded: list[str] = []

    def on_load(target: Any, context: Any) -> None:
        loaded.append(type(target).__name__)

    event.listen(Base, "load", on_load, propagate=True)
    yield loaded
    event.remove(Base, "load", on_load)


@pytest.fixture
def typed_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of every record ``verify`` read the old, typed way."""
    seen: list[str] = []
    original = verify_rows.read_record

    def counting(uow: Any, record_id: str) -> verify_rows.EntityState:
        seen.append(record_id)
        return original(uow, record_id)

    monkeypatch.setattr(verify_rows, "read_record", counting)
    return seen


def _signed_records(company: SmallCompany) -> list[str]:
    """An inspection with a photo signed on its content, and a toolbox talk signed by an
    attendee on its sign-in sheet only (after a late name was added)."""
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
    png = signature_png(1)
    services.records.sign(
        record.id, signer_id=company.lead.id, meaning=SignatureMeaning.PERFORMED, image_png=png
    )
    talk = services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Monday toolbox: ladders",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id,)),
    )
    services.records.sign(
        talk.id, signer_id=company.worker.id, meaning=SignatureMeaning.ATTENDED, image_png=png
    )
    services.records.add_to_sheet(talk.id, company.owner.id)
    return [record.id, talk.id]


def test_intact_records_are_checked_without_loading_orm_rows(
    company: SmallCompany, orm_loads: list[str], typed_reads: list[str]
) -> None:
    """No record, signature or attachment row becomes an ORM object, and none is re-read."""
    _signed_records(company)
    orm_loads.clear()
    report = company.services.verify()
    assert report.ok
    assert report.entities_checked == 3 + 1 + 1 + 2  # 3 workers, 1 site, company, 2 records
    assert typed_reads == []
    assert not {"RecordRow", "SignatureRow", "AttachmentRow"} & set(orm_loads)


def test_a_changed_record_alone_is_read_the_old_way(
    company: SmallCompany, typed_reads: list[str]
) -> None:
    """Only the record whose title was edited is read again, and it is named as before."""
    _inspection, talk = _signed_records(company)
    postgres_server.edit_behind_the_program(
        company.services, f"UPDATE records SET title = 'Yard (edited)' WHERE id = '{talk}'"
    )
    report = company.services.verify()
    assert typed_reads == [talk]
    assert [p.entity_id for p in report.problems] == [talk]
    assert "changed: title" in report.problems[0].message


def test_each_intact_body_is_encoded_once(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per record at most one encoding of its body (the sheet kind's signed part aside), not
    five; none at all in Python on SQLite, whose json() hands over the canonical text."""
    _signed_records(company)
    bodies: list[object] = []
    original = verify_records._encode

    def counting(value: object) -> str:
        if isinstance(value, dict) and ("items" in value or "attendee_ids" in value):
            bodies.append(value)
        return original(value)

    monkeypatch.setattr(verify_records, "_encode", counting)
    assert company.services.verify().ok
    assert len(bodies) == (2 if postgres_server.ON_POSTGRES else 0)


def test_progress_counts_up_to_its_total(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress is told as it goes, never past its total, and last at the total."""
    _signed_records(company)
    monkeypatch.setattr(integrity, "PROGRESS_EVERY", 3)
    told: list[tuple[int, int]] = []
    report = integrity.verify(company.services.ctx, progress=lambda d, t: told.append((d, t)))
    assert report.ok
    assert len(told) >= 3
    assert all(done <= total for done, total in told)
    assert [d for d, _ in told] == sorted(d for d, _ in told)
    assert told[-1][0] == told[-1][1]


def test_plain_row_encoding_is_the_codecs() -> None:
    """Attachments and signatures built from rows encode exactly as the domain objects do."""
    for caption in ("", "aisle \u2028 «x»\t"):
        row = AttachmentText(0, "a" * 64, "yard.png", "image/png", 120, caption)
        same = Attachment("a" * 64, "yard.png", "image/png", 120, caption)
        assert verify_records._attachment(row) == _canonical(same)
    moment = datetime(2026, 11, 2, 17, 5, 1, 250, tzinfo=UTC)
    sig = SignatureText(
        0, "s1", "w1", 'Zoë "Z"\n', "attended", moment.isoformat(), "b" * 64, "c" * 64
    )
    domain = Signature(
        "s1", "w1", 'Zoë "Z"\n', SignatureMeaning.ATTENDED, moment, "b" * 64, "c" * 64
    )
    assert verify_records._signature(sig) == (_canonical(domain), moment)


def _canonical(value: object) -> str:
    return canonical_bytes(codec.to_jsonable(value)).decode("utf-8")


def test_a_revision_changed_in_the_middle_is_named_and_progress_reaches_the_end(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Among many intact records, the one revision edited in the middle is named, by its
    number and its record, and progress still counts up to its total."""
    ids = [company.inspection(f"Yard walk {n}").id for n in range(9)]
    middle = ids[4]
    postgres_server.edit_behind_the_program(
        company.services,
        "UPDATE revisions SET document = replace(document, 'Yard walk 4', 'Yard walk 44')"
        f" WHERE entity_id = '{middle}'",
    )
    monkeypatch.setattr(integrity, "PROGRESS_EVERY", 2)
    told: list[tuple[int, int]] = []
    report = integrity.verify(company.services.ctx, progress=lambda d, t: told.append((d, t)))
    assert told[-1][0] == told[-1][1] and len(told) > 3
    assert {p.entity_id for p in report.problems} == {middle}
    named = [p for p in report.problems if p.label.startswith("revision #")]
    assert len(named) == 1 and "Yard walk 4" in named[0].label
    assert "no longer matches the hash" in named[0].message


def test_intact_records_newest_documents_are_not_parsed_whole(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record whose rows give its newest data to the byte vouches for that data: only the
    envelope of its document is parsed, never the data (the company's and the few other
    items' documents are)."""
    for n in range(3):
        company.inspection(f"Walk {n}")
    whole: list[str] = []
    original = ledger.split_document

    def counting(text: str, *, parse_data: bool = True) -> Any:
        if parse_data:
            whole.append(json.loads(text)["entity"])
        return original(text, parse_data=parse_data)

    monkeypatch.setattr(ledger, "split_document", counting)
    assert company.services.verify().ok
    assert whole and "record" not in whole


def test_a_document_cut_elsewhere_is_checked_whole_with_the_same_findings(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record document whose envelope is not where the program writes it sends verify back
    to parsing every document whole; it finds and words everything as that parse does."""
    record = company.inspection("Walk")
    postgres_server.edit_behind_the_program(
        company.services,
        "UPDATE revisions SET document = replace(document, ',\"entered_at\":',"
        ' \',"x":{"y":1},"entered_at":\')'
        f" WHERE entity_id = '{record.id}'",
    )
    original = integrity._check
    passes: list[bool] = []

    def spying(uow: Any, counter: Any, *, vouch: bool) -> Any:
        passes.append(vouch)
        return original(uow, counter, vouch=vouch)

    monkeypatch.setattr(integrity, "_check", spying)
    report = company.services.verify()
    assert passes == [True, False]
    with company.services.ctx.uow() as uow:
        checked = original(uow, integrity._Counter(None, 0), vouch=False)
    assert checked is not None
    assert [str(p) for p in report.problems] == [str(p) for p in checked[2]]
    assert {p.entity_id for p in report.problems} == {record.id}
