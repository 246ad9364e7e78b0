"""Weekly activity per element, from a real database: voided records and old days left out."""

from __future__ import annotations

from datetime import date, timedelta

from secor_desktop.domain.activity import week_start
from secor_desktop.domain.kinds import RecordKind
from tests.conftest import TODAY, SmallCompany


def test_activity_counts_inspections_for_each_of_their_elements(company: SmallCompany) -> None:
    services = company.services
    pack = services.framework()
    codes = services.evidence_elements()[RecordKind.INSPECTION]
    assert codes, "the default pack counts inspections for at least one element"
    company.inspection("This week", TODAY)
    company.inspection("This week again", TODAY - timedelta(days=TODAY.weekday()))
    company.inspection("Three weeks ago", TODAY - timedelta(weeks=3))
    voided = company.inspection("Voided", TODAY - timedelta(weeks=1))
    services.records.void(voided.id, "entered twice")
    company.inspection("Too old", TODAY - timedelta(weeks=60))

    grid = services.readiness.activity(pack, weeks=8)

    assert grid.weeks[-1] == week_start(TODAY)
    assert len(grid.weeks) == 8
    assert grid.elements == tuple(e.code for e in pack.elements)
    for code in codes:
        assert grid.count(code, TODAY) == 2
        assert grid.count(code, TODAY - timedelta(weeks=1)) == 0  # the voided one
        assert grid.count(code, TODAY - timedelta(weeks=3)) == 1
        assert grid.total(code) == 3
    for code in set(grid.elements) - set(codes):  # only inspections were recorded
        assert grid.total(code) == 0


def test_activity_ends_on_the_given_day(company: SmallCompany) -> None:
    services = company.services
    company.inspection("Later", TODAY)
    grid = services.readiness.activity(services.framework(), weeks=2, last_day=date(2026, 10, 1))
    assert all(grid.total(code) == 0 for code in grid.elements)
    assert grid.weeks[-1] == date(2026, 9, 28)
