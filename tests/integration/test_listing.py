"""Paged, filtered, sorted record lists on a real SQLite database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.listing import ListingService, RecordQuery, SortKey, StatusFilter
from tests.conftest import TODAY, SmallCompany, signature_png


def talk(company: SmallCompany, title: str, day: date, topic: str = "Ladders") -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=day,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic=topic, presenter_id=company.lead.id, attendee_ids=(company.worker.id,)
        ),
    )


def titles(records: list[Record]) -> list[str]:
    return [r.title for r in records]


@pytest.fixture
def listing(company: SmallCompany) -> ListingService:
    return ListingService(company.services.ctx)


def test_pages_split_the_matching_records_in_date_order(
    company: SmallCompany, listing: ListingService
) -> None:
    """Three pages of two cover five inspections, newest first, with none twice."""
    for i in range(5):
        company.inspection(f"Inspection {i}", TODAY - timedelta(days=i))
    query = RecordQuery(kind=RecordKind.INSPECTION)
    pages = [listing.page(query, offset, 2) for offset in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert titles([r for p in pages for r in p]) == [f"Inspection {i}" for i in range(5)]
    assert listing.count(query) == 5


def test_kind_filter_leaves_out_other_kinds(company: SmallCompany, listing: ListingService) -> None:
    """A toolbox-talk list shows no inspections."""
    company.inspection()
    talk(company, "Ladder safety", TODAY)
    assert titles(listing.page(RecordQuery(kind=RecordKind.TOOLBOX_TALK), 0, 10)) == [
        "Ladder safety"
    ]


def test_date_range_includes_both_ends(company: SmallCompany, listing: ListingService) -> None:
    """From and to dates are inclusive."""
    for i in range(5):
        company.inspection(f"Day {i}", TODAY - timedelta(days=i))
    query = RecordQuery(date_from=TODAY - timedelta(days=3), date_to=TODAY - timedelta(days=1))
    assert titles(listing.page(query, 0, 10)) == ["Day 1", "Day 2", "Day 3"]


def test_a_reversed_date_range_is_refused(listing: ListingService) -> None:
    """A 'to' date before the 'from' date is a validation error naming date_to."""
    with pytest.raises(ValidationError) as caught:
        listing.count(RecordQuery(date_from=TODAY, date_to=TODAY - timedelta(days=1)))
    assert caught.value.problems[0].field == "date_to"


def test_site_filter(company: SmallCompany, listing: ListingService) -> None:
    """Only records of the chosen site are listed."""
    company.inspection("At the yard")
    other = company.services.roster.add_site("Lakeview job")
    company.services.records.create(
        RecordKind.INSPECTION,
        title="At Lakeview",
        event_date=TODAY,
        site_id=other.id,
        body=company.inspection().body,
    )
    assert titles(listing.page(RecordQuery(site_id=other.id), 0, 10)) == ["At Lakeview"]


def test_worker_filter_finds_named_and_signed_records(
    company: SmallCompany, listing: ListingService
) -> None:
    """A worker's records are those whose body names them or that they signed."""
    named = talk(company, "Sam attended", TODAY)
    signed = company.inspection("Signed by the owner")
    company.services.records.sign(
        signed.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.REVIEWED,
        image_png=signature_png(),
    )
    company.inspection("Nobody relevant")
    assert titles(listing.page(RecordQuery(worker_id=company.worker.id), 0, 10)) == [named.title]
    assert titles(listing.page(RecordQuery(worker_id=company.owner.id), 0, 10)) == [signed.title]


def test_status_filters(company: SmallCompany, listing: ListingService) -> None:
    """Draft, signed and void each list their own records."""
    draft = company.inspection("Draft one")
    signed = company.inspection("Signed one")
    company.services.records.sign(
        signed.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    void = company.inspection("Void one")
    company.services.records.void(void.id, "Entered twice")
    for status, expected in (
        (StatusFilter.DRAFT, draft),
        (StatusFilter.SIGNED, signed),
        (StatusFilter.VOID, void),
    ):
        assert titles(listing.page(RecordQuery(status=status), 0, 10)) == [expected.title]


def test_open_actions_filter_and_counts(company: SmallCompany, listing: ListingService) -> None:
    """Only records with an open action match, and the count says how many are open."""
    with_action = company.inspection("Pallets in the aisle")
    company.inspection("All fine")
    services = company.services
    for text in ("Move the pallets", "Mark the aisle"):
        services.actions.raise_action(
            text, due_date=TODAY, owner_id=company.lead.id, source_record_id=with_action.id
        )
    closed = services.actions.raise_action(
        "Sweep", due_date=TODAY, owner_id=company.lead.id, source_record_id=with_action.id
    )
    services.actions.close(closed.id, closed_date=TODAY, note="Swept")
    found = listing.page(RecordQuery(status=StatusFilter.OPEN_ACTIONS), 0, 10)
    assert titles(found) == ["Pallets in the aisle"]
    assert listing.open_action_counts([r.id for r in found]) == {with_action.id: 2}


def test_text_search_is_case_insensitive_in_titles_and_contents(
    company: SmallCompany, listing: ListingService
) -> None:
    """'PALLETS' finds a checklist note; 'yard' finds a title."""
    company.inspection("Weekly yard inspection")
    talk(company, "Talk", TODAY, topic="Harness care")
    assert titles(listing.page(RecordQuery(text="PALLETS"), 0, 10)) == ["Weekly yard inspection"]
    assert titles(listing.page(RecordQuery(text="Yard"), 0, 10)) == ["Weekly yard inspection"]


def test_text_search_folds_accented_capitals(
    company: SmallCompany, listing: ListingService
) -> None:
    """'ÉCHELLE' finds « Échelle » in a French title, which SQLite's LIKE alone would miss."""
    talk(company, "Causerie : « échelle » et ça", TODAY)
    talk(company, "Ladders", TODAY)
    assert titles(listing.page(RecordQuery(text="ÉCHELLE"), 0, 10)) == [
        "Causerie : « échelle » et ça"
    ]
    assert listing.count(RecordQuery(text="«")) == 1


def test_search_wildcards_are_literal(company: SmallCompany, listing: ListingService) -> None:
    """A '%' typed in the search box matches a percent sign, not everything."""
    talk(company, "Talk at 100% attendance", TODAY)
    talk(company, "Other talk", TODAY)
    assert titles(listing.page(RecordQuery(text="100%"), 0, 10)) == ["Talk at 100% attendance"]
    assert listing.count(RecordQuery(text="_")) == 0


def test_sort_by_title_ascending(company: SmallCompany, listing: ListingService) -> None:
    """Titles sort alphabetically regardless of case."""
    for title in ("beta", "Alpha", "gamma"):
        company.inspection(title)
    query = RecordQuery(sort=SortKey.TITLE, descending=False)
    assert titles(listing.page(query, 0, 10)) == ["Alpha", "beta", "gamma"]


def test_sort_by_signers_orders_by_current_signature_count(
    company: SmallCompany, listing: ListingService
) -> None:
    """A record with two signatures comes before one with none when sorting descending."""
    company.inspection("Unsigned")
    two = company.inspection("Two signers")
    for i, who in enumerate((company.lead, company.owner)):
        company.services.records.sign(
            two.id, signer_id=who.id, meaning=SignatureMeaning.REVIEWED, image_png=signature_png(i)
        )
    assert titles(listing.page(RecordQuery(sort=SortKey.SIGNERS), 0, 10)) == [
        "Two signers",
        "Unsigned",
    ]


def test_sort_by_worker_detail_uses_worker_names(
    company: SmallCompany, listing: ListingService
) -> None:
    """Training sorted by its detail column orders by the trainee's name, not their id."""
    from secor_desktop.domain.bodies import TrainingBody

    for worker in (company.worker, company.owner, company.lead):
        company.services.records.create(
            RecordKind.TRAINING,
            title=f"WHMIS: {worker.name}",
            event_date=TODAY,
            site_id=None,
            body=TrainingBody(worker_id=worker.id, course="WHMIS", provider="ACSA"),
        )
    query = RecordQuery(kind=RecordKind.TRAINING, sort=SortKey.BODY_FIELD, descending=False)
    assert titles(listing.page(query, 0, 10)) == [
        "WHMIS: Dana Kowalski",
        "WHMIS: Sam Okafor",
        "WHMIS: Zoë Tremblay",
    ]


def test_page_size_is_bounded(listing: ListingService) -> None:
    """Asking for a negative offset or a huge page is refused."""
    with pytest.raises(ValidationError):
        listing.page(RecordQuery(), -1, 10)
    with pytest.raises(ValidationError):
        listing.page(RecordQuery(), 0, 1_000_000)


def test_pages_carry_signatures(company: SmallCompany, listing: ListingService) -> None:
    """Listed records are complete: their signatures come with them."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    (listed,) = listing.page(RecordQuery(), 0, 10)
    assert [s.signer_name for s in listed.current_signatures] == ["Zoë Tremblay"]
    assert listed == company.services.records.get(record.id)
