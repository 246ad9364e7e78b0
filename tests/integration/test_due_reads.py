"""What is due reads the records narrowly: the newest of each kind at each site through the
stored projection, and the few registers whose every entry counts, never every record; and
the list is the same as the rule gives over every record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from secor_desktop.domain.bodies import DocumentBody, DocumentType, TrainingBody
from secor_desktop.domain.due import DueList
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.storage import entity_reads, mapping
from tests.conftest import TODAY, SmallCompany


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """How many records of each kind are decoded from their rows meanwhile."""
    seen: Counter[str] = Counter()
    real = mapping.record_from_rows

    def counting(row: Any, *args: Any, **kwargs: Any) -> Record:
        seen[str(row.kind)] += 1
        return real(row, *args, **kwargs)

    monkeypatch.setattr(mapping, "record_from_rows", counting)
    yield seen


def every_record_due(company: SmallCompany, monkeypatch: pytest.MonkeyPatch, day: date) -> DueList:
    """The due list as the rule gives it over every record (the old path: decode them all)."""
    reads = entity_reads.EntityReads
    with monkeypatch.context() as patch:
        patch.setattr(reads, "due_records", lambda uow, _day, _kinds: uow.list_records())
        return company.services.due.due(day)


def weekly_inspections(company: SmallCompany, weeks: int) -> list[Record]:
    return [
        company.inspection(f"Yard inspection {i}", TODAY - timedelta(days=7 * i))
        for i in range(weeks)
    ]


def test_today_decodes_only_the_newest_record_of_a_frequency_kind(
    company: SmallCompany, decoded: Counter[str]
) -> None:
    """Of twelve weekly inspections at one site, Today decodes one: the newest."""
    weekly_inspections(company, 12)
    decoded.clear()
    due = company.services.pages.today()
    assert due is not None
    assert decoded[str(RecordKind.INSPECTION)] == 1


def test_today_equals_the_rule_over_every_record(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ties on a day, a voided newest record, a second site, a later record, certificates and
    documents: the narrow read gives the list the rule gives over every record."""
    services = company.services
    weekly_inspections(company, 3)
    other = services.roster.add_site("North lot", "1 North Rd, Red Deer AB")
    first = company.inspection("Same day, by the lead", TODAY - timedelta(days=14))
    for inspector in (company.lead, company.worker):  # a tie on the day: greatest id is newest
        services.records.create(
            RecordKind.INSPECTION,
            title=f"North lot, by {inspector.name}",
            event_date=first.event_date,
            site_id=other.id,
            body=replace(first.body, inspector_id=inspector.id),
        )
    newest = company.inspection("Voided later", TODAY - timedelta(days=1))
    services.records.void(newest.id, "entered twice")
    services.records.create(
        RecordKind.TRAINING,
        title="Standard First Aid",
        event_date=TODAY - timedelta(days=1000),
        site_id=None,
        body=TrainingBody(company.lead.id, "Standard First Aid", "Red Cross", TODAY),
    )
    services.records.create(
        RecordKind.DOCUMENT,
        title="Health and safety policy",
        event_date=TODAY - timedelta(days=400),
        site_id=None,
        body=DocumentBody(DocumentType.POLICY, "1", "We work safely.", company.owner.id),
    )
    for day in (TODAY, TODAY - timedelta(days=10), TODAY - timedelta(days=20)):
        narrow = services.due.due(day)
        assert narrow == every_record_due(company, monkeypatch, day)
    assert any(i.site_id == other.id for i in services.due.due(TODAY).items)
