"""The demo builder's base: the event timeline, helpers over the services, and who works where.

Everything goes through the real services on a context derived from the caller's: a fixed
clock moved forward event by event and ids drawn from a seeded generator.
"""

from __future__ import annotations

import heapq
import itertools
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.services.actions import ActionService
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo.calendar import (
    SPAN_DAYS,
    Event,
    at_local,
    work_on_or_after,
    work_on_or_before,
)
from secor_desktop.services.demo.content import Person, people_for
from secor_desktop.services.demo.pictures import photo_jpeg, signature_png
from secor_desktop.services.facade import Services
from secor_desktop.services.records import RecordService
from secor_desktop.services.roster import CompanyService, RosterService

PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED
ATTENDED = SignatureMeaning.ATTENDED


def seeded_ids(seed: int) -> Callable[[], str]:
    """Ids shaped like ``uuid4().hex``, drawn from ``random.Random(seed)``."""
    rng = random.Random(seed)

    def new_id() -> str:
        return uuid.UUID(int=rng.getrandbits(128), version=4).hex

    return new_id


class DemoCore:
    """The timeline (events planned, then played in time order through the services), the
    helpers every kind of record uses, and who works where on a given day."""

    def __init__(self, services: Services, seed: int, as_of: date) -> None:
        self.seed, self.as_of = seed, as_of
        self.first = work_on_or_after(as_of - timedelta(days=SPAN_DAYS))
        self.last_date = self.first
        self.clock = FixedClock(at_local(self.first, 5))
        ctx = replace(services.ctx, clock=self.clock, new_id=seeded_ids(seed))
        self.company = CompanyService(ctx)
        self.roster = RosterService(ctx)
        self.records = RecordService(ctx)
        self.actions = ActionService(ctx)
        self.rng = random.Random(f"secor-demo:{seed}")
        self.queue: list[Event] = []
        self.sequence = itertools.count()
        self.ids: dict[str, str] = {}  # person or site key -> id
        self.signature_images: dict[str, bytes] = {}
        self.present_cache: dict[date, list[Person]] = {}
        self.recent_topics: list[str] = []
        self.docs: list[Record] = []
        self.photos = 0
        self.inspection_photos = 0
        self.lakeview_ha: Record | None = None
        self.voided = False
        self.lakeview_end = work_on_or_before(self.first + timedelta(days=250))
        self.gasoline_start = work_on_or_after(self.lakeview_end - timedelta(days=16))
        self.people = people_for(as_of)
        self.by_key = {p.key: p for p in self.people}

    # --- timeline ---------------------------------------------------------------------

    def on(self, day: date, hour: int, minute: int, run: Callable[[], object]) -> None:
        """Plan ``run`` for a local time; the demo stops at 8 a.m. on the as-of day."""
        when = at_local(day, hour, minute)
        if self.first <= day and when <= at_local(self.as_of, 8):
            heapq.heappush(self.queue, Event(when, next(self.sequence), run))

    def play(self) -> None:
        """Each event starts at its time, or a minute after the last one ended if later."""
        while self.queue:
            event = heapq.heappop(self.queue)
            self.clock.set(max(event.when, self.clock.now() + timedelta(minutes=1)))
            event.run()

    # --- helpers over the services ----------------------------------------------------

    def wid(self, key: str) -> str:
        return self.ids[key]

    def create(
        self,
        kind: RecordKind,
        title: str,
        day: date,
        site: str | None,
        body: Body,
        attachments: tuple[Attachment, ...] = (),
    ) -> Record:
        self.last_date = max(self.last_date, day)
        site_id = self.ids[site] if site else None
        return self.records.create(
            kind, title=title, event_date=day, site_id=site_id, body=body, attachments=attachments
        )

    def sign(self, record: Record, signers: Sequence[tuple[str, SignatureMeaning]]) -> Record:
        for key, meaning in signers:
            if key not in self.signature_images:
                rng = random.Random(f"signature:{self.seed}:{key}")
                self.signature_images[key] = signature_png(rng)
            self.clock.advance(timedelta(seconds=40))
            record = self.records.sign(
                record.id,
                signer_id=self.ids[key],
                meaning=meaning,
                image_png=self.signature_images[key],
            )
        return record

    def photo(self, name: str, caption: str) -> tuple[Attachment, ...]:
        self.photos += 1
        raw = photo_jpeg(random.Random(f"photo:{self.seed}:{self.photos}"))
        return (self.records.attach_photo(raw, name, caption),)

    def action(
        self,
        source: Record | None,
        description: str,
        owner: str,
        due_days: int,
        closure: str = "",
        close_after: int | None = None,
    ) -> None:
        today = self.clock.today()
        action = self.actions.raise_action(
            description,
            due_date=today + timedelta(days=due_days),
            owner_id=self.ids[owner],
            source_record_id=source.id if source else None,
        )
        if close_after is not None:
            day = work_on_or_after(today + timedelta(days=close_after))
            self.on(
                day, 15, 45, partial(self.actions.close, action.id, closed_date=day, note=closure)
            )

    def routine_action(self, source: Record, description: str, owner: str, closure: str) -> None:
        """Most close within the week, some late; recent ones may still be open."""
        roll = self.rng.random()
        recent = (self.as_of - self.clock.today()).days < 45
        after: int | None = None
        if roll < 0.7:
            after = self.rng.randint(1, 6)
        elif roll < 0.85 or not recent:
            after = self.rng.randint(10, 17)
        self.action(source, description, owner, 7, closure, after)

    def present(self, day: date) -> list[Person]:
        """Who works that day: the owner now and then, the others unless away."""
        if day not in self.present_cache:
            crew: list[Person] = []
            for p in self.people:
                working = p.on_roster(day) and day.weekday() in p.weekdays
                if working and self.rng.random() >= (0.65 if p.is_owner else 0.05):
                    crew.append(p)
            self.present_cache[day] = crew
        return self.present_cache[day]

    def field_sites(self, day: date) -> list[str]:
        sites = ["lakeview"] if day <= self.lakeview_end else []
        return sites + (["gasoline"] if day >= self.gasoline_start else [])

    def main_site(self, day: date) -> str:
        return self.field_sites(day)[-1]

    def crews(self, day: date) -> dict[str, list[str]]:
        """Each field site's crew, leader first; two crews while the projects overlap."""
        keys = [p.key for p in self.present(day)]
        sites = self.field_sites(day)
        groups = (
            {sites[0]: keys} if len(sites) == 1 else {sites[0]: keys[1::2], sites[1]: keys[::2]}
        )
        result: dict[str, list[str]] = {}
        for site, crew in groups.items():
            if crew:
                lead = next((k for k in ("super", "jas", "tyler") if k in crew), crew[0])
                result[site] = [lead, *(k for k in crew if k != lead)]
        return result

    def people_on(self, day: date, prefer: str = "") -> list[str]:
        """Crew (not the owner) at work on ``day`` and still on the roster today."""
        today = self.clock.today()
        keys = [p.key for p in self.present(day) if not p.is_owner and p.on_roster(today)]
        return sorted(keys or ["super"], key=lambda k: k != prefer)
