"""The training matrix: statuses at their boundary days, and which certificate a cell shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import EmploymentType, RecordKind
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.training import TrainingStatus, training_matrix, training_status

AS_OF = date(2026, 11, 2)
ANA = Worker("ana", "Ana Reyes", "Labourer", EmploymentType.PART_TIME, date(2023, 2, 7))
ZOE = Worker("zoe", "Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME, date(2021, 3, 1))


def training(
    worker: Worker,
    course: str,
    completed: date,
    expiry: date | None,
    *,
    record_id: str = "",
    void: bool = False,
) -> Record:
    return Record(
        id=record_id or f"{worker.id}-{course}-{completed.isoformat()}",
        kind=RecordKind.TRAINING,
        title=f"{course} for {worker.name}",
        event_date=completed,
        site_id=None,
        body=TrainingBody(worker_id=worker.id, course=course, provider="", expiry=expiry),
        void_reason="entered twice" if void else None,
        voided_at=datetime(2026, 1, 1) if void else None,
    )


def in_days(days: int) -> date:
    return AS_OF + timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (-1, TrainingStatus.EXPIRED),
        (0, TrainingStatus.WITHIN_30),
        (30, TrainingStatus.WITHIN_30),
        (31, TrainingStatus.WITHIN_60),
        (60, TrainingStatus.WITHIN_60),
        (61, TrainingStatus.WITHIN_90),
        (90, TrainingStatus.WITHIN_90),
        (91, TrainingStatus.CURRENT),
    ],
)
def test_status_at_each_boundary_day(days: int, status: TrainingStatus) -> None:
    """Expiring in exactly 30, 60 or 90 days falls in that window; one day more, the next."""
    assert training_status(in_days(days), AS_OF) is status


def test_expired_yesterday_is_expired() -> None:
    """A certificate whose expiry was yesterday is expired today."""
    assert training_status(AS_OF - timedelta(days=1), AS_OF) is TrainingStatus.EXPIRED


def test_expiring_today_is_still_valid_but_urgent() -> None:
    """A certificate is valid through its expiry day, in the 30-day warning window."""
    assert training_status(AS_OF, AS_OF) is TrainingStatus.WITHIN_30


def test_no_expiry_date_means_no_expiry() -> None:
    """A course that never expires has its own status."""
    assert training_status(None, AS_OF) is TrainingStatus.NO_EXPIRY


def test_cell_is_none_for_a_course_never_taken() -> None:
    """A worker who never took a course another worker took has an empty cell."""
    matrix = training_matrix(
        [ANA, ZOE], [training(ZOE, "Fall protection", date(2026, 1, 5), None)], AS_OF
    )
    assert matrix.cell(ANA.id, "Fall protection") is None
    assert matrix.cell(ZOE.id, "Fall protection") is not None


def test_renewal_supersedes_the_earlier_certificate() -> None:
    """The latest completion is the one shown, even when an older one expired."""
    old = training(ANA, "Standard First Aid", date(2023, 4, 6), in_days(-10))
    new = training(ANA, "Standard First Aid", date(2026, 10, 20), date(2029, 10, 20))
    matrix = training_matrix([ANA], [new, old], AS_OF)
    cell = matrix.cell(ANA.id, "Standard First Aid")
    assert cell is not None
    assert (cell.record_id, cell.status) == (new.id, TrainingStatus.CURRENT)


def test_void_training_records_are_ignored() -> None:
    """A voided certificate does not count in the matrix."""
    matrix = training_matrix(
        [ANA], [training(ANA, "WHMIS", date(2026, 1, 5), None, void=True)], AS_OF
    )
    assert matrix.courses == ()
    assert matrix.cell(ANA.id, "WHMIS") is None


def test_course_names_differing_in_case_and_spacing_are_one_column() -> None:
    """'Fall  protection' and 'fall protection' are the same course."""
    records = [
        training(ANA, "Fall  protection", date(2025, 1, 5), in_days(200)),
        training(ZOE, "fall protection", date(2026, 2, 5), in_days(400)),
    ]
    matrix = training_matrix([ANA, ZOE], records, AS_OF)
    assert matrix.courses == ("fall protection",)
    assert matrix.cell(ANA.id, "Fall protection") is not None


def test_courses_sorted_and_workers_kept_in_given_order() -> None:
    """Columns are alphabetical; rows follow the roster order passed in."""
    records = [
        training(ZOE, "WHMIS", date(2026, 1, 5), in_days(45)),
        training(ANA, "Fall protection", date(2026, 1, 5), in_days(10)),
    ]
    matrix = training_matrix([ZOE, ANA], records, AS_OF)
    assert matrix.courses == ("Fall protection", "WHMIS")
    assert [w.id for w in matrix.workers] == ["zoe", "ana"]


def test_records_of_workers_not_listed_are_left_out() -> None:
    """A former worker left out of the rows brings no course columns."""
    matrix = training_matrix([ANA], [training(ZOE, "WHMIS", date(2026, 1, 5), None)], AS_OF)
    assert matrix.courses == ()


def test_counts_by_status() -> None:
    """The summary counts each status across the matrix."""
    records = [
        training(ANA, "A", date(2025, 1, 1), in_days(-1)),
        training(ANA, "B", date(2025, 1, 1), in_days(30)),
        training(ZOE, "A", date(2025, 1, 1), in_days(90)),
        training(ZOE, "B", date(2025, 1, 1), None),
    ]
    counts = training_matrix([ANA, ZOE], records, AS_OF).counts()
    assert counts[TrainingStatus.EXPIRED] == 1
    assert counts[TrainingStatus.WITHIN_30] == 1
    assert counts[TrainingStatus.WITHIN_90] == 1
    assert counts[TrainingStatus.NO_EXPIRY] == 1
    assert counts[TrainingStatus.CURRENT] == 0


def test_days_left_is_negative_once_expired() -> None:
    """A cell carries the days left to its expiry (negative when past)."""
    matrix = training_matrix([ANA], [training(ANA, "A", date(2025, 1, 1), in_days(-3))], AS_OF)
    cell = matrix.cell(ANA.id, "A")
    assert cell is not None
    assert cell.days_left == -3


def test_same_day_certificate_without_expiry_wins() -> None:
    """Of two certificates completed the same day, the one that never expires is shown."""
    lasting = training(ANA, "WHMIS", date(2026, 1, 5), None, record_id="lasting")
    expiring = training(ANA, "WHMIS", date(2026, 1, 5), in_days(100), record_id="expiring")
    for order in ([lasting, expiring], [expiring, lasting]):
        cell = training_matrix([ANA], order, AS_OF).cell(ANA.id, "WHMIS")
        assert cell is not None and cell.record_id == "lasting"


def test_same_day_certificates_show_the_later_expiry() -> None:
    """Of two certificates completed the same day, the one expiring later is shown."""
    sooner = training(ANA, "WHMIS", date(2026, 1, 5), in_days(100), record_id="sooner")
    later = training(ANA, "WHMIS", date(2026, 1, 5), in_days(400), record_id="later")
    for order in ([sooner, later], [later, sooner]):
        cell = training_matrix([ANA], order, AS_OF).cell(ANA.id, "WHMIS")
        assert cell is not None and cell.record_id == "later"


def test_certificate_with_a_blank_course_is_left_out() -> None:
    """A training record whose course is only spaces makes no column and no cell."""
    matrix = training_matrix([ANA], [training(ANA, "   ", date(2026, 1, 5), None)], AS_OF)
    assert (matrix.courses, dict(matrix.cells)) == ((), {})


def test_each_status_has_its_own_label() -> None:
    """Every status reads as words, and no two statuses read the same."""
    labels = [status.label for status in TrainingStatus]
    assert TrainingStatus.WITHIN_60.label == "Expires within 60 days"
    assert len(set(labels)) == len(TrainingStatus)
