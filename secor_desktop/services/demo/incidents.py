"""Incidents and first aid: near misses, an injury, investigations and their actions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from secor_desktop.domain.bodies import (
    FirstAidBody,
    HazardAssessmentBody,
    HoursBody,
    IncidentBody,
    IncidentClass,
    IncidentType,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.services.demo.calendar import (
    is_working_day,
    months_between,
    work_on_or_after,
    work_on_or_before,
)
from secor_desktop.services.demo.content import FIRST_AID_CASES, HAZARDS
from secor_desktop.services.demo.core import ACKNOWLEDGED, PERFORMED, REVIEWED, DemoCore


class IncidentRecords(DemoCore):
    """Incidents and first aid, each investigated and followed up as a real program would."""

    def plan_incidents(self) -> None:
        first, liam = self.first, self.by_key["liam"]
        self.on(work_on_or_after(first + timedelta(days=40)), 10, 15, self.plywood_near_miss)
        day = work_on_or_after(max(liam.start + timedelta(days=30), first + timedelta(days=60)))
        self.on(day + timedelta(days=12), 16, 10, partial(self.reversing_near_miss, day))
        day = work_on_or_after(max(liam.start + timedelta(days=75), first + timedelta(days=90)))
        self.on(day, 14, 50, partial(self.knife_injury, day))
        for i, back in enumerate((380, 300, 220, 150, 60)):
            day = work_on_or_before(self.as_of - timedelta(days=back))
            entered = day + timedelta(days=10 if i == 2 else 0)  # one written up late
            self.on(entered, 15, 20, partial(self.first_aid, day, FIRST_AID_CASES[i]))
        self.on(work_on_or_before(self.as_of - timedelta(days=1)), 15, 40, self.draft_near_miss)
        self.plan_hours()

    def plan_hours(self) -> None:
        """Each month's hours, entered by the owner early the next month (8 hours a day for
        everyone on the roster who works that weekday: no dice, so the demo stays the same)."""
        for year, month in months_between(self.first, self.as_of):
            start = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            entered = work_on_or_after(following + timedelta(days=2))
            if entered < self.as_of:
                self.on(entered, 9, 0, partial(self.month_hours, start, following))

    def month_hours(self, start: date, following: date) -> None:
        day, total = max(start, self.first), 0
        while day < following:
            if is_working_day(day):
                total += 8 * sum(
                    1 for p in self.people if p.on_roster(day) and day.weekday() in p.weekdays
                )
            day += timedelta(days=1)
        month = start.strftime("%Y-%m")
        last = following - timedelta(days=1)
        rec = self.create(HOURS, f"Hours worked {month}", last, None, HoursBody(month, total))
        self.sign(rec, [("owner", PERFORMED)])

    def incident(
        self,
        day: date,
        itype: IncidentType,
        title: str,
        what: str,
        people: Sequence[str],
        photos: tuple[Attachment, ...] = (),
        classification: IncidentClass | None = None,
    ) -> Record:
        body = IncidentBody(
            itype, what, tuple(map(self.wid, people)), classification=classification
        )
        return self.create(RecordKind.INCIDENT, title, day, self.main_site(day), body, photos)

    def investigate(
        self, rec: Record, immediate: str, root: str, actions: Sequence[tuple[str, str]]
    ) -> None:
        assert isinstance(rec.body, IncidentBody)
        body = replace(
            rec.body,
            immediate_causes=immediate,
            root_causes=root,
            investigated_by_id=self.wid("super"),
            investigation_date=self.clock.today(),
        )
        rec = self.records.update(
            rec.id,
            title=rec.title,
            event_date=rec.event_date,
            site_id=rec.site_id,
            body=body,
            attachments=rec.attachments,
        )
        reporter = next(k for k, v in self.ids.items() if v == body.people_ids[0])
        signers = [(reporter, PERFORMED), ("owner", REVIEWED)]
        rec = self.sign(rec, signers if reporter == "super" else [("super", PERFORMED), *signers])
        for description, closure in actions:
            self.action(rec, description, "super", 14, closure, self.rng.randint(4, 12))

    def plywood_near_miss(self) -> None:
        day = self.clock.today()
        rec = self.incident(
            day,
            IncidentType.NEAR_MISS,
            "Near miss: sheet of plywood blown off the deck",
            "A gust lifted an unsecured sheet of plywood off the second-floor deck; it landed "
            "2 m from a worker in the laydown area.",
            self.people_on(day, "tyler")[:2],
            self.photo("plywood-near-miss.jpg", "Where the sheet landed"),
        )
        self.clock.advance(timedelta(hours=2))
        self.investigate(
            rec,
            "Sheet left loose at the deck edge as the wind rose.",
            "No rule for securing sheet goods on windy days.",
            [("Tie down sheet goods; stop sheathing in gusts over 40 km/h", "Rule added.")],
        )
        self.on(work_on_or_after(day + timedelta(days=3)), 16, 0, self.amend_assessment)

    def amend_assessment(self) -> None:
        """A signed record changed with a reason, then signed again."""
        assert self.lakeview_ha is not None
        rec = self.records.get(self.lakeview_ha.id)
        assert isinstance(rec.body, HazardAssessmentBody)
        rec = self.records.update(
            rec.id,
            title=rec.title,
            event_date=rec.event_date,
            site_id=rec.site_id,
            body=replace(rec.body, hazards=(*rec.body.hazards, HAZARDS["wind"])),
            attachments=rec.attachments,
            reason="Added the wind hazard and its controls after the plywood near miss.",
        )
        self.sign(rec, [("super", PERFORMED), ("owner", REVIEWED)])

    def reversing_near_miss(self, day: date) -> None:
        """Written up twelve days late: it will carry the late-entry flag."""
        people = [k for k in self.people_on(day, "liam") if k != "owen"][:1]
        people += ["owen"] if "owen" in self.people_on(day) else []
        rec = self.incident(
            day,
            IncidentType.NEAR_MISS,
            "Near miss: skid steer reversed toward a labourer",
            "The skid steer reversed toward a labourer carrying lumber; the backup alarm could "
            "not be heard over the saws. The labourer stepped aside.",
            people,
        )
        self.investigate(
            rec,
            "Backup alarm too quiet; no spotter.",
            "Spotter rule not followed; alarm not on the pre-use checklist.",
            [
                ("Replace the skid steer backup alarm", "Louder alarm fitted."),
                ("Spotter for every reversing move: cover at a toolbox talk", "Talk held."),
            ],
        )

    def knife_injury(self, day: date) -> None:
        hurt = self.people_on(day, "liam")[0]
        aider = "jas" if hurt == "super" else "super"
        what = "Cut to the back of the left hand, 2 cm"
        rec = self.incident(
            day,
            IncidentType.INJURY,
            "First-aid injury: cut to the left hand",
            f"{what}, from a utility knife while cutting house wrap. Treated on site; the "
            "worker went back to work.",
            [hurt],
            self.photo("knife-cut-area.jpg", "Work area where the cut happened"),
            IncidentClass.FIRST_AID,
        )
        body = FirstAidBody(
            self.wid(hurt), what, "Cleaned, steri-strips, dressing", self.wid(aider)
        )
        aid = self.create(
            RecordKind.FIRST_AID, "First aid: cut hand", day, self.main_site(day), body
        )
        self.sign(aid, [(hurt, ACKNOWLEDGED), (aider, PERFORMED)])
        investigation = partial(
            self.investigate,
            rec,
            "Fixed-blade knife; cutting toward the hand.",
            "Self-retracting knives were not provided; no cut-resistant gloves.",
            [
                (
                    "Replace fixed-blade knives with self-retracting ones",
                    "Done; old ones collected.",
                ),
                ("Supply cut-resistant gloves for cutting wrap", "Gloves issued to everyone."),
            ],
        )
        self.on(work_on_or_after(day + timedelta(days=1)), 15, 0, investigation)

    def first_aid(self, day: date, case: tuple[str, str]) -> None:
        hurt = self.people_on(day)[0]
        aider = "owner" if hurt == "super" else "super"
        body = FirstAidBody(self.wid(hurt), case[0], case[1], self.wid(aider))
        rec = self.create(RecordKind.FIRST_AID, f"First aid: {case[0].lower()}", day, None, body)
        self.sign(rec, [(hurt, ACKNOWLEDGED), (aider, PERFORMED)])

    def draft_near_miss(self) -> None:
        day = self.clock.today()
        self.incident(
            day,
            IncidentType.NEAR_MISS,
            "Near miss: ladder slid on frost",
            "An extension ladder's feet slid on frost at the back entrance; the worker was on the "
            "second rung and stepped off. Investigation to follow.",
            self.people_on(day, "priya")[:1],
        )
