"""What is due for the demo company on three fixed days, against a list written by hand.

The demo is built once on a real SQLite file (as of Monday 2 November 2026), then set up so
that each case exists: a certificate date whose maintenance-audit window is open on
2 November; Lakeview closed by its last day (``active_to``, with the switch left on) so
nothing is due there; a first-aid certificate expiring exactly 30 days after the Monday.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.cli import build_parser, run
from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import EmploymentType, RecordKind
from secor_desktop.domain.model import Worker
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.facade import Services

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)
MONDAY = date(2026, 10, 19)
FRIDAY_BEFORE_THANKSGIVING = date(2026, 10, 9)
IN_AUDIT_WINDOW = date(2026, 11, 2)
CERTIFICATE = date(2025, 12, 30)  # year-2 window: 2026-10-31 to 2027-01-20
LAKEVIEW_LAST_DAY = date(2026, 5, 8)
NEW_HIRE_START = date(2026, 10, 21)  # Sam Okafor, hired with no orientation yet


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    folder = tmp_path_factory.mktemp("due-demo")
    services = open_services(AppPaths(folder / "data"), FixedClock(NOW))
    build_demo(services, seed=1)
    company = services.company.get()
    assert company is not None
    services.company.save(replace(company, certificate_date=CERTIFICATE))
    lakeview = next(s for s in services.roster.sites() if s.name.startswith("Lakeview"))
    services.roster.save_site(replace(lakeview, active=True, active_to=LAKEVIEW_LAST_DAY))
    services.roster.add_worker(
        Worker("", "Sam Okafor", "Labourer", EmploymentType.SEASONAL, NEW_HIRE_START)
    )
    ana = next(w for w in services.roster.workers() if w.name == "Ana Reyes")
    services.records.create(
        RecordKind.TRAINING,
        title="Standard First Aid for Ana Reyes",
        event_date=date(2023, 11, 18),
        site_id=None,
        body=TrainingBody(ana.id, "Standard First Aid", "St. John Ambulance", date(2026, 11, 18)),
    )
    return services


def due_json(services: Services, *argv: str) -> dict[str, Any]:
    out = io.StringIO()
    args = build_parser().parse_args(["due", "--json", *argv])
    assert run(args, services, out) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def listed(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Each item as (bucket, due, what, site or worker)."""
    return [(i["bucket"], i["due"], i["what"], i["site"] or i["worker"]) for i in data["items"]]


SHOP, GASOLINE = "Shop and yard", "Gasoline Alley retail renovation"
MARIE, GORD, OWEN = "Marie-Hélène Tremblay", "Gord Halvorsen", "Owen MacLeod"
FLHA, INSPECTION, TALK = (
    "Field-level hazard assessment",
    "Inspection",
    "Toolbox talk / safety meeting",
)
WHMIS = "Renew WHMIS 2015 annual refresher"
CREW = ("Ana Reyes", GORD, "Jaspreet Sandhu", MARIE, OWEN, "Tyler Whitehorse")
# The program documents written on the demo's first day (2025-09-02), a year old.
YEAR_OLD_DOCUMENTS = [
    ("overdue", "2026-09-02", f"Review {title}", "")
    for title in (
        "Company safety rules",
        "Health and safety policy",
        "Safe job procedure: operating the skid steer",
        "Safe work practice: ladders",
        "Safe work practice: working at heights",
        "Safety program manual",
    )
]
OPEN_ACTIONS = [
    ("overdue", "2026-09-30", "Corrective action: Re-post the muster point sign", MARIE),
    ("overdue", "2026-10-05", "Corrective action: Add grip strips to the ramp", MARIE),
    (
        "overdue",
        "2026-10-07",
        "Corrective action: Hold and document make-up talks for the missed month",
        MARIE,
    ),
]
OWEN_FIT_TEST = "Corrective action: Owen MacLeod's respirator fit test has expired: book one "
OWEN_FIT_TEST += "before dusty work"
RIDGELINE = "Ridgeline Framing Ltd."
# The demo's framing subcontractor: a worker's ticket and the WCB clearance letter to renew.
CERTIFICATES_AHEAD = [
    ("later", "2026-11-18", "Renew Standard First Aid", "Ana Reyes"),
    *(("later", "2026-11-21", WHMIS, name) for name in CREW),
    ("later", "2026-11-27", f"Renew Marco Silva's Fall protection ticket ({RIDGELINE})", RIDGELINE),
    ("later", "2026-12-22", "Renew Respirator fit test", "Jaspreet Sandhu"),
    ("later", "2026-12-22", f"Renew {RIDGELINE}'s WCB clearance letter", RIDGELINE),
]

EXPECTED = {
    # A Monday: the shop has had no FLHA (the crews are at Gasoline Alley, which had its
    # FLHA this morning); Sam starts Wednesday; Ana's first aid expires in exactly 30 days;
    # nothing at Lakeview (closed on 2026-05-08); the audit window is not open yet.
    MONDAY: [
        *YEAR_OLD_DOCUMENTS,
        *OPEN_ACTIONS,
        ("overdue", "2026-10-10", "Renew Respirator fit test", OWEN),
        ("today", "2026-10-19", FLHA, SHOP),
        ("upcoming", "2026-10-20", OWEN_FIT_TEST, GORD),
        ("upcoming", "2026-10-20", FLHA, GASOLINE),
        ("upcoming", "2026-10-21", "Orientation", "Sam Okafor"),
        ("upcoming", "2026-10-23", INSPECTION, GASOLINE),
        ("upcoming", "2026-10-23", INSPECTION, SHOP),
        ("upcoming", "2026-10-23", TALK, SHOP),
        *CERTIFICATES_AHEAD,
    ],
    # Friday before Thanksgiving (Monday 12 October): Gasoline Alley's next FLHA is due on
    # Tuesday; the shop's weekly inspection was done today, its talk was not.
    FRIDAY_BEFORE_THANKSGIVING: [
        *YEAR_OLD_DOCUMENTS,
        *OPEN_ACTIONS,
        ("today", "2026-10-09", FLHA, SHOP),
        ("today", "2026-10-09", TALK, SHOP),
        ("upcoming", "2026-10-10", "Renew Respirator fit test", OWEN),
        ("upcoming", "2026-10-13", FLHA, GASOLINE),
        (
            "upcoming",
            "2026-10-14",
            "Corrective action: Cover the scissor lift in the working-at-heights practice",
            GORD,
        ),
        ("upcoming", "2026-10-16", INSPECTION, GASOLINE),
        ("upcoming", "2026-10-16", INSPECTION, SHOP),
        ("upcoming", "2026-10-16", TALK, GASOLINE),
        *CERTIFICATES_AHEAD,
    ],
    # Inside the year-2 maintenance-audit window (opened 2026-10-31), the PIR registration
    # reminder open (60 days before 31 December), Sam's orientation now overdue.
    IN_AUDIT_WINDOW: [
        *YEAR_OLD_DOCUMENTS,
        *OPEN_ACTIONS,
        ("overdue", "2026-10-10", "Renew Respirator fit test", OWEN),
        ("overdue", "2026-10-20", OWEN_FIT_TEST, GORD),
        ("overdue", "2026-10-21", "Orientation", "Sam Okafor"),
        # October's hours: the demo's owner enters a month's hours early the next month.
        ("overdue", "2026-10-30", "Hours worked", ""),
        ("today", "2026-11-02", FLHA, SHOP),
        ("upcoming", "2026-11-03", FLHA, GASOLINE),
        ("upcoming", "2026-11-03", "Review Safe work practice: cold weather", ""),
        ("upcoming", "2026-11-06", INSPECTION, GASOLINE),
        ("upcoming", "2026-11-06", INSPECTION, SHOP),
        ("upcoming", "2026-11-06", TALK, SHOP),
        *CERTIFICATES_AHEAD,
        (
            "later",
            "2026-12-31",
            "Register for WCB-Alberta's Partnership in Injury Reduction (PIR) for next year",
            "",
        ),
        ("later", "2027-01-20", "Year 2 maintenance audit", ""),
        ("later", "2027-01-21", "Renew Respirator fit test", "Tyler Whitehorse"),
    ],
}


@pytest.mark.parametrize("day", list(EXPECTED), ids=lambda d: d.isoformat())
def test_due_json_lists_exactly_the_expected_items(services: Services, day: date) -> None:
    """`due --json --as-of DAY` lists exactly the hand-made expectation, in order."""
    assert listed(due_json(services, "--as-of", day.isoformat())) == EXPECTED[day]


def test_a_closed_site_has_nothing_due_even_with_its_switch_on(services: Services) -> None:
    """Lakeview, switched on but past its last day, appears on none of the three days."""
    for day in EXPECTED:
        data = due_json(services, "--as-of", day.isoformat())
        assert not [i for i in data["items"] if i["site"].startswith("Lakeview")]


def test_the_certificate_at_exactly_30_days_says_so(services: Services) -> None:
    """On the Monday, Ana's first aid (expiring in 30 days) is in its 30-day warning."""
    data = due_json(services, "--as-of", MONDAY.isoformat())
    item = next(i for i in data["items"] if i["what"] == "Renew Standard First Aid")
    assert item["why"] == "Expires within 30 days (30 days left)."
    assert item["start"]["kind"] == "training"
    assert item["start"]["fields"]["course"] == "Standard First Aid"


def test_the_audit_item_starts_a_maintenance_evaluation(services: Services) -> None:
    """In the window, the audit item says when it opened and starts a maintenance audit."""
    data = due_json(services, "--as-of", IN_AUDIT_WINDOW.isoformat())
    item = next(i for i in data["items"] if i["category"] == "audit")
    assert (item["since"], item["start"]["audit_type"]) == ("2026-10-31", "maintenance")


def test_a_future_as_of_is_refused(services: Services) -> None:
    """Asking about a day after today is refused with a sentence (exit 2 in main)."""
    with pytest.raises(UserError, match="--as-of 2026-11-03 is after today"):
        due_json(services, "--as-of", "2026-11-03")


def test_main_exits_2_for_a_future_as_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`secor-desktop due --as-of <future>` prints one sentence and exits 2, no traceback."""
    from secor_desktop.app.main import main

    code = main(["--data-dir", str(tmp_path / "data"), "due", "--as-of", "2999-01-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--as-of 2999-01-01 is after today" in err and "Traceback" not in err


# --- the calendar file -----------------------------------------------------------------------


def read_events(path: Path) -> dict[str, tuple[date, str]]:
    """UID -> (start date, summary) of each event, parsed back with icalendar."""
    calendar = Calendar.from_ical(path.read_bytes())
    events = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        assert isinstance(start, date) and not isinstance(start, datetime)  # all-day
        assert event.decoded("dtend") == start + timedelta(days=1)
        events[str(event["uid"])] = (start, str(event["summary"]))
    return events


def test_ics_events_match_due_json(services: Services, tmp_path: Path) -> None:
    """One all-day event per item, each on the item's due date."""
    path = tmp_path / "due.ics"
    data = due_json(services, "--as-of", IN_AUDIT_WINDOW.isoformat(), "--ics", str(path))
    events = read_events(path)
    assert len(events) == len(data["items"])
    assert sorted(start.isoformat() for start, _ in events.values()) == sorted(
        i["due"] for i in data["items"]
    )
    audit = next(e for e in events.values() if e[1] == "Year 2 maintenance audit")
    assert audit[0] == date(2027, 1, 20)


def test_a_second_export_keeps_the_same_event_ids(services: Services, tmp_path: Path) -> None:
    """Exporting twice gives the same UIDs, so a phone updates events instead of adding copies."""
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    due_json(services, "--as-of", MONDAY.isoformat(), "--ics", str(first))
    due_json(services, "--as-of", MONDAY.isoformat(), "--ics", str(second))
    assert read_events(first) == read_events(second)
    assert set(tmp_path.iterdir()) == {first, second}  # no temporary file left behind


def test_an_item_keeps_its_uid_from_one_day_to_the_next(services: Services, tmp_path: Path) -> None:
    """An overdue action exported on two different days is the same event both times."""
    monday, later = tmp_path / "m.ics", tmp_path / "l.ics"
    due_json(services, "--as-of", MONDAY.isoformat(), "--ics", str(monday))
    due_json(services, "--as-of", IN_AUDIT_WINDOW.isoformat(), "--ics", str(later))
    action = "Corrective action: Re-post the muster point sign — " + MARIE
    uid = {e[1]: u for u, e in read_events(monday).items()}[action]
    assert read_events(later)[uid][1] == action


def test_ics_into_a_missing_folder_is_refused(services: Services, tmp_path: Path) -> None:
    """A calendar file in a folder that does not exist is refused, naming the folder."""
    from secor_desktop.services.due import DueRefused

    with pytest.raises(DueRefused, match="does not exist"):
        due_json(services, "--ics", str(tmp_path / "nowhere" / "due.ics"))
