"""Shared fixtures: a fixed clock, and services on a real SQLite file in a temporary folder."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import ENV_DATABASE_URL, AppPaths
from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    InspectionBody,
    InspectionType,
)
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Record, Site, Worker
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests import postgres_server

TODAY = date(2026, 11, 2)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
        if postgres_server.ON_POSTGRES and (marker := item.get_closest_marker("sqlite_only")):
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.args[0]}"))
        if not postgres_server.ON_POSTGRES and item.get_closest_marker("postgres_only"):
            item.add_marker(pytest.mark.skip(reason="needs the PostgreSQL test server"))
    postgres_server.select_for_postgres(config, items)


def pytest_report_header() -> str:
    where = postgres_server.SERVER_URL if postgres_server.ON_POSTGRES else "a file per test"
    return f"database: {postgres_server.DATABASE} ({where})"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 17, 0, tzinfo=UTC))


@pytest.fixture
def make_services(tmp_path: Path, clock: FixedClock) -> Iterator[Callable[[str], Services]]:
    """Services on a new data folder: a SQLite file in it, or on the PostgreSQL pass a fresh
    database on the test server (see tests/postgres_server.py). There, the first one made is
    also what the command line opens (SECOR_DESKTOP_DATABASE_URL), as an office's would."""
    opened: list[tuple[Services, str]] = []

    def make(name: str = "data") -> Services:
        if not postgres_server.ON_POSTGRES:
            return open_services(AppPaths(tmp_path / name), clock)
        url = postgres_server.fresh_database(tmp_path)
        made = open_services(AppPaths(tmp_path / name, database_url=url), clock)
        if not opened:  # set by hand: a test's own monkeypatch.undo() must not take it away
            os.environ[ENV_DATABASE_URL] = url
        opened.append((made, url))
        return made

    yield make
    os.environ.pop(ENV_DATABASE_URL, None)
    for made, url in opened:
        made.ctx.uow.args[0].dispose()
        postgres_server.drop_database(url)


@pytest.fixture
def services(make_services: Callable[[str], Services]) -> Services:
    return make_services("data")


def signature_png(seed: int = 0) -> bytes:
    image = Image.new("L", (240, 80), 255)
    for x in range(20, 220):
        image.putpixel((x, 40 + ((x * (seed + 3)) % 17) - 8), 0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@dataclass
class SmallCompany:
    services: Services
    owner: Worker
    lead: Worker
    worker: Worker
    site: Site

    def inspection(self, title: str = "Weekly yard inspection", day: date = TODAY) -> Record:
        return self.services.records.create(
            RecordKind.INSPECTION,
            title=title,
            event_date=day,
            site_id=self.site.id,
            body=InspectionBody(
                inspection_type=InspectionType.SITE,
                target="Main yard",
                inspector_id=self.lead.id,
                items=(
                    ChecklistItem("Fire extinguisher charged and tagged", ChecklistResult.OK),
                    ChecklistItem(
                        "Walkways clear", ChecklistResult.DEFICIENT, "pallets in the aisle"
                    ),
                ),
            ),
        )


@pytest.fixture
def company(services: Services) -> SmallCompany:
    services.company.save(
        Company(name="Prairie Roofing Ltd.", province=Province.AB, wcb_account="1234567")
    )
    owner = services.roster.add_worker(
        Worker(
            "",
            "Dana Kowalski",
            "Owner",
            EmploymentType.OWNER_OPERATOR,
            date(2020, 1, 6),
            is_owner=True,
        )
    )
    lead = services.roster.add_worker(
        Worker("", "Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME, date(2021, 3, 1))
    )
    worker = services.roster.add_worker(
        Worker("", "Sam Okafor", "Roofer", EmploymentType.SEASONAL, date(2026, 4, 1))
    )
    site = services.roster.add_site("Main yard", "12 Industrial Rd, Red Deer AB")
    return SmallCompany(services, owner, lead, worker, site)
