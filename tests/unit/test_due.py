"""What is due: each rule of domain/due.py, at its boundary days."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pytest

from secor_desktop.domain.bodies import (
    DocumentBody,
    DocumentType,
    FlhaBody,
    InspectionBody,
    InspectionType,
    OrientationBody,
    TrainingBody,
)
from secor_desktop.domain.due import (
    Bucket,
    Category,
    DueInputs,
    DueItem,
    due_items,
)
from secor_desktop.domain.due_periods import period_bounds
from secor_desktop.domain.due_text import due_json
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.kinds import (
    ActionStatus,
    EmploymentType,
    Frequency,
    Province,
    RecordKind,
)
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.provinces import Deadline

MONDAY = date(2026, 11, 30)
WEDNESDAY = date(2026, 12, 2)
FRIDAY = date(2026, 12, 4)
ANA = Worker("ana", "Ana Reyes", "Labourer", EmploymentType.FULL_TIME, date(2024, 1, 8))
BOSS = Worker("boss", "Gord", "Owner", EmploymentType.FULL_TIME, date(2020, 1, 1), is_owner=True)
GONE = Worker(
    "gone", "Old Hand", "Labourer", EmploymentType.SEASONAL, date(2023, 5, 1), date(2023, 9, 1)
)
NONE_DUE = {kind: Frequency.AS_NEEDED for kind in RecordKind}
YARD = Site("yard", "Yard")


def company(**frequencies: Frequency) -> Company:
    declared = dict(NONE_DUE)
    declared.update({RecordKind(k): f for k, f in frequencies.items()})
    return Company("Acme", Province.AB, frequencies=declared)


def record(
    kind: RecordKind, day: date, body: object, *, site: str | None = "yard", **kw: object
) -> Record:
    return Record(
        id=f"{kind.value}-{day.isoformat()}-{kw.get('id', '')}",
        kind=kind,
        title=str(kw.get("title", kind.label)),
        event_date=day,
        site_id=site,
        body=body,  # type: ignore[arg-type]
        void_reason=str(kw["void"]) if "void" in kw else None,
        voided_at=datetime(2026, 1, 1) if "void" in kw else None,
    )


def flha(day: date, crew: tuple[str, ...] = ("ana",), site: str | None = "yard") -> Record:
    return record(RecordKind.FLHA, day, FlhaBody("dig", (), crew), site=site)


def inspection(day: date, inspector: str = "ana") -> Record:
    body = InspectionBody(InspectionType.SITE, "yard", inspector, ())
    return record(RecordKind.INSPECTION, day, body)


def inputs(
    comp: Company,
    *,
    sites: tuple[Site, ...] = (YARD,),
    workers: tuple[Worker, ...] = (ANA, BOSS),
    records: tuple[Record, ...] = (),
    actions: tuple[CorrectiveAction, ...] = (),
    audits: tuple[tuple[date, AuditType], ...] = (),
    deadlines: tuple[Deadline, ...] = (),
) -> DueInputs:
    # Ana has had her orientation, so only the rule under test adds items.
    oriented = record(
        RecordKind.ORIENTATION,
        date(2024, 1, 8),
        OrientationBody("ana", "boss", True, True, True, True, True, True),
        site=None,
    )
    return DueInputs(comp, sites, workers, (oriented, *records), actions, audits, deadlines)


def only(items: tuple[DueItem, ...]) -> DueItem:
    assert len(items) == 1, items
    return items[0]


# --- periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "frequency", "bounds"),
    [
        (date(2026, 12, 5), Frequency.DAILY, (date(2026, 12, 7), date(2026, 12, 7))),
        (WEDNESDAY, Frequency.WEEKLY, (MONDAY, FRIDAY)),
        (date(2026, 1, 15), Frequency.MONTHLY, (date(2026, 1, 1), date(2026, 1, 30))),
        (date(2026, 5, 9), Frequency.QUARTERLY, (date(2026, 4, 1), date(2026, 6, 30))),
    ],
)
def test_period_bounds(day: date, frequency: Frequency, bounds: tuple[date, date]) -> None:
    """A period starts on its first day and is due by its last working day (Saturday rolls on)."""
    assert period_bounds(day, frequency) == bounds


# --- frequencies per site ------------------------------------------------------------------


def test_daily_with_no_record_is_due_today() -> None:
    """A daily kind never recorded is owed today, at each active site, with no people."""
    item = only(due_items(inputs(company(flha=Frequency.DAILY)), MONDAY).items)
    assert (item.bucket, item.due, item.site, item.category) == (
        Bucket.TODAY,
        MONDAY,
        "Yard",
        Category.FREQUENCY,
    )
    assert item.start.kind is RecordKind.FLHA and item.start.site_id == "yard"
    assert item.start.people == () and "none on record" in item.why


def test_daily_done_today_is_next_due_on_the_next_working_day() -> None:
    """A Friday FLHA makes the next one due Monday, carrying the crew still on the roster."""
    done = flha(FRIDAY, crew=("ana", "gone"))
    item = only(due_items(inputs(company(flha=Frequency.DAILY), records=(done,)), FRIDAY).items)
    assert (item.bucket, item.due) == (Bucket.UPCOMING, date(2026, 12, 7))
    assert item.start.fields == {"crew_ids": ("ana",)} and item.start.people == ("ana",)


def test_missed_days_give_one_overdue_item_since_the_first_missed_day() -> None:
    """Last FLHA on Monday, nothing since: overdue from Tuesday, one item, not one per day."""
    due = due_items(inputs(company(flha=Frequency.DAILY), records=(flha(MONDAY),)), FRIDAY)
    item = only(due.items)
    assert (item.bucket, item.due, item.since) == (
        Bucket.OVERDUE,
        date(2026, 12, 1),
        date(2026, 12, 1),
    )
    assert item.start.event_date == FRIDAY


def test_void_and_future_records_do_not_count() -> None:
    """A void record and one dated after the day leave the period unmet."""
    void = record(RecordKind.FLHA, MONDAY, FlhaBody("dig", (), ()), void="wrong day")
    later = flha(FRIDAY)
    due = due_items(inputs(company(flha=Frequency.DAILY), records=(void, later)), MONDAY)
    assert only(due.items).due == MONDAY


def test_weekly_is_due_by_friday_and_a_single_id_person_is_kept() -> None:
    """A weekly inspection last week is due this Friday, the inspector carried over."""
    item = only(
        due_items(
            inputs(company(inspection=Frequency.WEEKLY), records=(inspection(date(2026, 11, 27)),)),
            WEDNESDAY,
        ).items
    )
    assert (item.due, item.since) == (FRIDAY, MONDAY)
    assert item.start.fields == {"inspector_id": "ana"}


def test_a_period_that_ended_before_the_program_started_is_not_owed() -> None:
    """Set up on a Saturday: the first weekly inspection is due next Friday, not yesterday;
    without a known start, the week that just ended is owed (overdue since Monday)."""
    saturday = date(2026, 12, 5)
    new = replace(inputs(company(inspection=Frequency.WEEKLY)), program_start=saturday)
    item = only(due_items(new, saturday).items)
    assert (item.since, item.due) == (date(2026, 12, 7), date(2026, 12, 11))
    old = only(due_items(inputs(company(inspection=Frequency.WEEKLY)), saturday).items)
    assert (old.since, old.due) == (MONDAY, FRIDAY)
    long_ago = replace(inputs(company(inspection=Frequency.WEEKLY)), program_start=MONDAY)
    assert only(due_items(long_ago, saturday).items).due == FRIDAY  # started before Friday


def test_a_person_who_left_is_not_carried_over() -> None:
    """An inspector no longer on the roster leaves the field empty."""
    comp = company(inspection=Frequency.WEEKLY)
    item = only(
        due_items(inputs(comp, records=(inspection(date(2026, 11, 27), "gone"),)), WEDNESDAY).items
    )
    assert item.start.fields == {}


def test_next_period_beyond_the_horizon_is_not_listed() -> None:
    """A monthly kind met this month is not listed with a 7-day horizon."""
    comp = company(toolbox_talk=Frequency.MONTHLY)
    talk = record(RecordKind.TOOLBOX_TALK, MONDAY, FlhaBody("x", (), ()))
    assert due_items(inputs(comp, records=(talk,)), WEDNESDAY).items == ()


def test_yearly_is_due_a_year_after_the_last_one() -> None:
    """A yearly kind shows when its anniversary falls inside the horizon, or never recorded."""
    comp = company(emergency_plan=Frequency.YEARLY)
    plan = record(RecordKind.EMERGENCY_PLAN, date(2025, 12, 3), FlhaBody("x", (), ()))
    assert only(due_items(inputs(comp, records=(plan,)), WEDNESDAY).items).due == date(2026, 12, 3)
    assert due_items(inputs(comp, records=(plan,)), MONDAY, days=2).items == ()
    never = only(due_items(inputs(comp), WEDNESDAY).items)
    assert (never.bucket, never.since) == (Bucket.TODAY, WEDNESDAY)


def test_a_closed_site_owes_nothing() -> None:
    """A site closed before the day, or switched off, has nothing due."""
    comp = company(flha=Frequency.DAILY)
    closed = replace(YARD, active_to=date(2026, 11, 27))
    off = Site("off", "Off", active=False)
    assert (
        due_items(
            inputs(comp, sites=(closed, off), records=(flha(date(2026, 11, 2)),)), MONDAY
        ).items
        == ()
    )


def test_a_site_not_yet_open_is_due_from_its_first_day() -> None:
    """A site opening Thursday owes its first FLHA on Thursday."""
    opening = replace(YARD, active_from=date(2026, 12, 3))
    item = only(due_items(inputs(company(flha=Frequency.DAILY), sites=(opening,)), MONDAY).items)
    assert item.due == date(2026, 12, 3) and item.bucket is Bucket.UPCOMING


def test_a_site_closing_midweek_is_due_by_its_last_day() -> None:
    """A weekly inspection at a site closing Wednesday is due by Wednesday."""
    closing = replace(YARD, active_to=WEDNESDAY)
    item = only(
        due_items(inputs(company(inspection=Frequency.WEEKLY), sites=(closing,)), MONDAY).items
    )
    assert item.due == WEDNESDAY


def test_site_kinds_without_any_site_are_owed_by_the_company() -> None:
    """With no sites at all, a site kind is owed once, for no particular site."""
    item = only(due_items(inputs(company(flha=Frequency.DAILY), sites=()), MONDAY).items)
    assert item.site_id is None and item.key == f"flha|-|{MONDAY.isoformat()}"


def test_company_kinds_are_owed_once_whatever_the_sites() -> None:
    """A quarterly program review is owed by the company, not per site."""
    comp = company(admin=Frequency.QUARTERLY)
    due = due_items(inputs(comp, sites=(YARD, Site("b", "B"))), date(2026, 12, 28))
    assert only(due.items).due == date(2026, 12, 31)


# --- certificates, actions, documents, orientations ----------------------------------------


def training(worker: str, course: str, done: date, expiry: date | None) -> Record:
    return record(
        RecordKind.TRAINING, done, TrainingBody(worker, course, "Red Cross", expiry), site=None
    )


@pytest.mark.parametrize(
    ("expiry", "bucket", "why"),
    [
        (date(2026, 12, 30), Bucket.LATER, "Expires within 30 days (30 days left)."),
        (date(2027, 2, 27), Bucket.LATER, "Expires within 90 days (89 days left)."),
        (date(2026, 11, 29), Bucket.OVERDUE, "Expired on 2026-11-29."),
        (date(2026, 12, 1), Bucket.UPCOMING, "Expires within 30 days (1 day left)."),
    ],
)
def test_certificates_show_from_90_days_before_expiry(
    expiry: date, bucket: Bucket, why: str
) -> None:
    """A certificate shows with its warning window, prefilled for its renewal."""
    rec = training("ana", "First Aid", date(2024, 1, 1), expiry)
    item = only(due_items(inputs(company(), records=(rec,)), MONDAY).items)
    assert (item.bucket, item.why, item.worker) == (bucket, why, "Ana Reyes")
    assert item.start.fields == {"worker_id": "ana", "course": "First Aid", "provider": "Red Cross"}


def test_certificates_far_off_or_without_expiry_are_not_listed() -> None:
    """91 days ahead, or no expiry, nothing shows."""
    far = training("ana", "First Aid", date(2024, 1, 1), date(2027, 3, 1))
    none = training("ana", "WHMIS", date(2024, 1, 1), None)
    assert due_items(inputs(company(), records=(far, none)), date(2026, 11, 29)).items == ()


def action(**kw: object) -> CorrectiveAction:
    base = CorrectiveAction("a1", "Fix the guard", WEDNESDAY, date(2026, 11, 1), owner_id="ana")
    return replace(base, **kw)  # type: ignore[arg-type]


def test_open_actions_by_due_date_closed_and_far_ones_left_out() -> None:
    """An open action within the horizon shows; a closed one or one due later does not."""
    due = due_items(
        inputs(
            company(),
            actions=(
                action(),
                action(id="a2", status=ActionStatus.CLOSED, closed_date=MONDAY),
                action(id="a3", due_date=date(2027, 1, 1)),
                action(id="a4", owner_id=None, due_date=MONDAY),
            ),
        ),
        MONDAY,
    )
    first, second = due.items
    assert (first.key, first.bucket, first.worker) == ("action|a4", Bucket.TODAY, "")
    assert (second.key, second.start.action_id, second.worker) == ("action|a1", "a1", "Ana Reyes")


def document(day: date, title: str = "Policy", owner: str = "boss") -> Record:
    body = DocumentBody(DocumentType.POLICY, "1", "text", owner, ("policy",))
    return record(RecordKind.DOCUMENT, day, body, site=None, title=title, id=title)


def test_documents_are_due_for_review_a_year_after_their_latest_version() -> None:
    """Only the latest version of a document counts; a year old, it is overdue."""
    due = due_items(
        inputs(company(), records=(document(date(2024, 11, 1)), document(date(2025, 11, 20)))),
        MONDAY,
    )
    item = only(due.items)
    assert (item.due, item.bucket, item.category) == (
        date(2026, 11, 20),
        Bucket.OVERDUE,
        Category.DOCUMENT_REVIEW,
    )
    assert item.start.fields == {"doc_type": "policy", "covers": ("policy",), "owner_id": "boss"}
    assert item.start.people == ("boss",)


@dataclass(frozen=True, slots=True)
class ReviewedDocument(DocumentBody):
    review_date: date | None = None


def test_a_document_with_its_own_review_date_uses_it() -> None:
    """A body carrying a review date is due then, not a year after; no owner means no people."""
    body = ReviewedDocument(DocumentType.POLICY, "1", "t", "", (), review_date=WEDNESDAY)
    rec = record(RecordKind.DOCUMENT, date(2026, 6, 1), body, site=None)
    item = only(due_items(inputs(company(), records=(rec,)), MONDAY).items)
    assert (item.due, item.why.split(".")[0], item.start.people) == (
        WEDNESDAY,
        "Its review date",
        (),
    )
    later = replace(rec, body=replace(body, review_date=date(2027, 6, 1)))
    assert due_items(inputs(company(), records=(later,)), MONDAY).items == ()


def test_orientations_are_owed_to_workers_without_one_from_their_first_day() -> None:
    """A worker with no orientation is owed one; the owner, the oriented and the gone are not."""
    new = Worker("new", "New Hire", "Labourer", EmploymentType.SEASONAL, date(2026, 12, 3))
    later = Worker("later", "Later", "Labourer", EmploymentType.SEASONAL, date(2027, 3, 1))
    done = record(
        RecordKind.ORIENTATION,
        date(2024, 1, 8),
        OrientationBody("ana", "boss", True, True, True, True, True, True),
    )
    due = due_items(
        inputs(company(), workers=(ANA, BOSS, GONE, new, later), records=(done,)), MONDAY
    )
    item = only(due.items)
    assert (item.worker, item.due, item.bucket) == ("New Hire", date(2026, 12, 3), Bucket.UPCOMING)
    assert item.start.fields == {"worker_id": "new"} and item.start.event_date == MONDAY


# --- audit window and province deadlines ---------------------------------------------------


def test_the_maintenance_audit_window_shows_once_open() -> None:
    """Inside the window around the anniversary, the maintenance audit is due by its last day."""
    comp = replace(company(), certificate_date=date(2025, 12, 15))
    item = only(due_items(inputs(comp), MONDAY).items)
    assert (item.category, item.due, item.since, item.bucket) == (
        Category.AUDIT,
        date(2027, 1, 5),
        date(2026, 10, 16),
        Bucket.LATER,
    )
    assert item.start.audit_type is AuditType.MAINTENANCE


def test_a_held_audit_or_a_closed_window_shows_nothing() -> None:
    """No certificate, an audit held in the window, or a window not yet open: nothing due."""
    comp = replace(company(), certificate_date=date(2025, 12, 15))
    held = ((date(2026, 11, 20), AuditType.MAINTENANCE),)
    assert due_items(inputs(comp, audits=held), MONDAY).items == ()
    assert due_items(inputs(comp), date(2026, 6, 1)).items == ()
    assert due_items(inputs(company()), MONDAY).items == ()


PIR = Deadline("pir", "Register for PIR", 12, 31, 60, "WCB page")


def test_a_province_deadline_shows_from_its_reminder_date_and_rolls_to_next_year() -> None:
    """60 days ahead the deadline shows; the day after it, next year's is not yet listed."""
    item = only(due_items(inputs(company(), deadlines=(PIR,)), MONDAY).items)
    assert (item.due, item.since, item.why) == (
        date(2026, 12, 31),
        date(2026, 11, 1),
        "Source: WCB page",
    )
    assert due_items(inputs(company(), deadlines=(PIR,)), date(2027, 1, 1)).items == ()


# --- the list ----------------------------------------------------------------------------


def test_items_are_sorted_by_bucket_then_date_and_json_round_trips_the_fields() -> None:
    """Overdue first, then today; the JSON names each field, dates as ISO text."""
    comp = company(flha=Frequency.DAILY)
    due = due_items(
        inputs(
            comp, records=(flha(date(2026, 11, 26)),), actions=(action(due_date=date(2026, 11, 2)),)
        ),
        MONDAY,
        days=3,
    )
    assert [i.bucket for i in due.items] == [Bucket.OVERDUE, Bucket.OVERDUE]
    data = due_json(due)
    assert data["horizon"] == "2026-12-03" and data["days"] == 3
    items = data["items"]
    assert isinstance(items, list)
    assert items[0]["start"]["action_id"] == "a1" and items[0]["start"]["kind"] is None
    assert items[1]["start"] == {
        "kind": "flha",
        "title": "",
        "site_id": "yard",
        "date": "2026-11-30",
        "people": ["ana"],
        "fields": {"crew_ids": ["ana"]},
        "action_id": None,
        "audit_type": None,
    }
    assert due.in_bucket(Bucket.TODAY) == () and Bucket.UPCOMING.label == "This week"


def test_days_out_of_range_is_refused() -> None:
    """A negative or over-a-year horizon is a programming error, refused loudly."""
    with pytest.raises(ValueError, match="days"):
        due_items(inputs(company()), MONDAY, days=-1)


def test_a_deadline_already_past_this_year_is_next_years() -> None:
    """The day after a March 31 deadline, the next one is next March 31."""
    march = Deadline("m", "March filing", 3, 31, 366, "source")
    item = only(due_items(inputs(company(), deadlines=(march,)), date(2026, 4, 1)).items)
    assert item.due == date(2027, 3, 31) and item.key == "deadline|m|2027-03-31"


def test_a_site_works_on_days_inside_its_dates_while_switched_on() -> None:
    """Site.active_on: the switch and both dates must all allow the day."""
    dated = Site("s", "S", active_from=MONDAY, active_to=FRIDAY)
    assert dated.active_on(MONDAY) and dated.active_on(FRIDAY)
    assert not dated.active_on(date(2026, 11, 29)) and not dated.active_on(date(2026, 12, 5))
    assert not replace(dated, active=False).active_on(WEDNESDAY)
    assert Site("o", "Open").active_on(date(1990, 1, 1))


def test_an_action_raised_after_the_day_or_closed_after_it_is_judged_as_it_stood() -> None:
    """Looking back: an action raised later is left out; one closed later was still open."""
    later = action(id="later", created_date=WEDNESDAY)
    closed_later = action(id="cl", status=ActionStatus.CLOSED, closed_date=FRIDAY)
    due = due_items(inputs(company(), actions=(later, closed_later)), MONDAY)
    assert [i.key for i in due.items] == ["action|cl"]


def test_an_audit_held_after_the_day_does_not_count_yet() -> None:
    """On a day before the audit was held, the audit is still due."""
    comp = replace(company(), certificate_date=date(2025, 12, 15))
    held = ((date(2026, 12, 20), AuditType.MAINTENANCE),)
    assert only(due_items(inputs(comp, audits=held), MONDAY).items).category is Category.AUDIT


THANKSGIVING = date(2026, 10, 12)


def test_after_a_friday_before_a_long_weekend_the_next_daily_record_is_due_tuesday() -> None:
    """With the Monday a holiday, Friday's FLHA makes the next one due Tuesday."""
    friday = date(2026, 10, 9)
    comp = company(flha=Frequency.DAILY)
    due = due_items(
        replace(inputs(comp, records=(flha(friday),)), days_off=frozenset({THANKSGIVING})), friday
    )
    assert only(due.items).due == date(2026, 10, 13)


def test_a_weekly_record_in_a_week_ending_on_a_holiday_is_due_the_day_before() -> None:
    """Good Friday off: the weekly inspection is due by Thursday."""
    good_friday = date(2026, 4, 3)
    bounds = period_bounds(date(2026, 3, 31), Frequency.WEEKLY, frozenset({good_friday}))
    assert bounds == (date(2026, 3, 30), date(2026, 4, 2))


def test_a_week_with_no_working_day_owes_nothing() -> None:
    """A shutdown week is skipped: the weekly record is next due the week after."""
    shutdown = frozenset(date(2026, 12, 21) + timedelta(days=i) for i in range(5))
    comp = company(inspection=Frequency.WEEKLY)
    done = inspection(date(2026, 12, 18))
    due = due_items(
        replace(inputs(comp, records=(done,)), days_off=shutdown), date(2026, 12, 21), days=14
    )
    assert only(due.items).due == date(2027, 1, 1)


def test_a_site_closing_before_it_opens_is_refused() -> None:
    """A site's last day before its first day names the field; equal days are fine."""
    from secor_desktop.domain.validation import validate_site

    problems = validate_site(Site("s", "S", active_from=FRIDAY, active_to=MONDAY))
    assert [(p.field, p.message) for p in problems] == [
        ("active_to", "is before the first day at the site")
    ]
    assert validate_site(Site("s", "S", active_from=FRIDAY, active_to=FRIDAY)) == []


def test_a_site_at_its_default_dates_hashes_as_it_did_before_them() -> None:
    """Sites saved before active dates existed keep their stored form (so their hashes)."""
    from secor_desktop.domain.canonical import entity_data

    assert entity_data(Site("s", "Shop", "1 Main St")) == {
        "id": "s",
        "name": "Shop",
        "address": "1 Main St",
    }
    dated = entity_data(Site("s", "Shop", active_to=FRIDAY))
    assert dated["active_to"] == "2026-12-04" and "active_from" not in dated
