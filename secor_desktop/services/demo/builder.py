"""The demo builder: the plan of the company's days, its setup and roster, and build_demo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial

from secor_desktop.domain.bodies import AdminType
from secor_desktop.domain.kinds import DEFAULT_FREQUENCIES, Province
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.demo.calendar import is_working_day, nth_weekday
from secor_desktop.services.demo.committee import CommitteeRecords
from secor_desktop.services.demo.content import DOCUMENTS, SITES, Person
from secor_desktop.services.demo.core import ACKNOWLEDGED, PERFORMED
from secor_desktop.services.demo.incidents import IncidentRecords
from secor_desktop.services.demo.program import ProgramRecords
from secor_desktop.services.errors import Refused
from secor_desktop.services.facade import Services


@dataclass(frozen=True)
class DemoSummary:
    workers: int
    sites: int
    records_by_kind: dict[str, int]
    actions: int
    first_date: date
    last_date: date


class _Demo(IncidentRecords, ProgramRecords, CommitteeRecords):
    """The whole demo: plans every event on the timeline, then plays them in order."""

    # --- the plan ---------------------------------------------------------------------

    def plan(self) -> None:
        self.on(self.first, 5, 30, self.setup)
        for p in self.people:
            if p.start > self.first:
                self.on(p.start, 6, 30, partial(self.hire, p))
            if p.end is not None:
                self.on(p.end, 16, 30, partial(self.leave, p))
        self.on(self.gasoline_start, 6, 20, self.open_gasoline)
        self.on(self.lakeview_end, 16, 40, self.close_lakeview)
        day = self.first
        while day <= self.as_of:
            if is_working_day(day):
                self.plan_day(day)
            day += timedelta(days=1)
        self.plan_training()
        self.plan_incidents()
        self.plan_program()
        self.plan_committee()

    def plan_day(self, day: date) -> None:
        # Three weeks in January without inspections (the owner was away), and a July
        # without toolbox talks (the busiest month of the season).
        year = self.first.year + (self.first.month > 1)
        no_inspections = nth_weekday(year, 1, 0, 3)
        inspect = not no_inspections <= day < no_inspections + timedelta(days=21)
        talk_gap = (self.first.year + (self.first.month > 7), 7)
        monday = day - timedelta(days=day.weekday())
        first_of_week = not any(
            is_working_day(monday + timedelta(days=i)) for i in range(day.weekday())
        )
        if first_of_week and (day.year, day.month) != talk_gap and day != self.first:
            self.on(day, 7, 10, partial(self.toolbox_talk, day))
        if self.rng.random() > 0.06 or day in (self.first, self.as_of):
            self.on(day, 7, 40, partial(self.flhas, day))
            if self.rng.random() < 0.3:  # the crew changed task after lunch
                self.on(day, 12, 40, partial(self.flhas, day))
        if inspect and day.weekday() == 2:
            for site in self.field_sites(day):
                self.on(day, 13, 30, partial(self.site_inspection, day, site))
        if inspect and day.weekday() == 4:
            self.on(day, 14, 30, partial(self.shop_inspection, day, day.isocalendar()[1] % 2 == 0))
        if day.month in (1, 4, 7, 10) and day.day <= 7 and day.weekday() == 1:
            for site in self.field_sites(day):
                self.on(day, 11, 0, partial(self.hazard_assessment, day, site, "Quarterly review"))
        if day.month in (2, 5, 8, 11) and 8 <= day.day <= 14 and day.weekday() == 3:
            late = day.month == 5  # entered two weeks after the drill
            when = day + timedelta(days=14 if late else 0)
            self.on(when, 16 if late else 11, 20, partial(self.drill, day))

    # --- setup and roster -------------------------------------------------------------

    def setup(self) -> None:
        self.company.save(
            Company(
                name="Aspen Ridge Builders Ltd.",
                province=Province.AB,
                wcb_account="7741902",
                certifying_partner="Alberta Construction Safety Association",
                framework_id="secor-9-element",
                frequencies=dict(DEFAULT_FREQUENCIES),
            )
        )
        for key in ("shop", "lakeview"):
            self.ids[key] = self.roster.add_site(*SITES[key]).id
        crew = [p for p in self.people if p.on_roster(self.first)]
        for p in crew:
            self.add_worker(p)
        day = self.first
        self.docs = [self.document(day, *doc) for doc in DOCUMENTS]
        summary = (
            "Owner: resources, yearly program review, internal audit. Supervisor: daily "
            "FLHAs, weekly inspections and talks, incident investigation. Workers: follow "
            "procedures, report hazards and near misses, use PPE, refuse unsafe work."
        )
        keys = [p.key for p in crew]
        rec = self.admin(day, AdminType.RESPONSIBILITIES, "Safety responsibilities", summary, keys)
        self.sign(rec, [("owner", PERFORMED)] + [(k, ACKNOWLEDGED) for k in keys])
        for p in crew:
            self.orientation(day, p, "Program launch: orientation for the existing crew.")
        for site in ("shop", "lakeview"):
            self.emergency_plan(day, site)
            self.hazard_assessment(day, site, "Initial assessment at program launch")

    def add_worker(self, p: Person) -> None:
        worker = Worker("", p.name, p.role, p.kind, p.start, is_owner=p.is_owner)
        self.ids[p.key] = self.roster.add_worker(worker).id

    def hire(self, p: Person) -> None:
        self.add_worker(p)
        self.orientation(p.start, p, "First day, before starting work.")

    def leave(self, p: Person) -> None:
        worker = self.roster.get_worker(self.wid(p.key))
        self.roster.save_worker(replace(worker, end_date=p.end))

    def open_gasoline(self) -> None:
        self.ids["gasoline"] = self.roster.add_site(*SITES["gasoline"]).id
        self.emergency_plan(self.gasoline_start, "gasoline")
        self.hazard_assessment(self.gasoline_start, "gasoline", "New project")

    def close_lakeview(self) -> None:
        site = next(s for s in self.roster.sites() if s.id == self.wid("lakeview"))
        self.roster.save_site(replace(site, active=False))


def build_demo(services: Services, *, seed: int = 1, as_of: date | None = None) -> DemoSummary:
    """Fill an empty data folder with the demo company; refuse one that already has data."""
    existing = services.company.get()
    if existing is not None:
        raise Refused(
            f"This data folder already has a company ({existing.name}); the demo can only be "
            "built in an empty one."
        )
    info = services.info()
    if info.revisions:
        raise Refused(
            f"This data folder already holds {info.revisions} saved entries; the demo can only "
            "be built in an empty one."
        )
    today = services.ctx.clock.today()
    as_of = as_of or today
    if as_of > today:
        raise Refused(f"The demo cannot end on {as_of.isoformat()}: that is after today.")
    demo = _Demo(services, seed, as_of)
    demo.plan()
    demo.play()
    after = services.info()
    return DemoSummary(
        workers=after.workers,
        sites=after.sites,
        records_by_kind=dict(sorted(after.record_counts.items())),
        actions=after.corrective_actions,
        first_date=demo.first,
        last_date=demo.last_date,
    )
