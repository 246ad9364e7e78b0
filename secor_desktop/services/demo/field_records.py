"""Day-to-day field records: documents, orientations, emergency plans, hazard assessments,
FLHAs, toolbox talks, inspections and drills."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    DocumentBody,
    DocumentType,
    DrillBody,
    EmergencyPlanBody,
    FlhaBody,
    HazardAssessmentBody,
    InspectionBody,
    InspectionType,
    OrientationBody,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.services.demo.calendar import season_of
from secor_desktop.services.demo.content import (
    CONCERNS,
    DRILLS,
    EQUIPMENT,
    EQUIPMENT_ITEMS,
    HAZARDS,
    JOBS,
    SEASON_HAZARDS,
    SITE_ITEMS,
    SITES,
    TALKS,
    TASKS,
    VEHICLE_ITEMS,
    VEHICLES,
    Check,
    Person,
)
from secor_desktop.services.demo.core import ACKNOWLEDGED, ATTENDED, PERFORMED, REVIEWED, DemoCore


class FieldRecords(DemoCore):
    """Records the crew makes in the field, and the documents they acknowledge."""

    def document(
        self,
        day: date,
        doc_type: DocumentType,
        title: str,
        text: str,
        covers: tuple[str, ...] = (),
    ) -> Record:
        version = "1.0" if day == self.first else f"{day.year}.1"
        body = DocumentBody(doc_type, version, text, self.wid("owner"), covers)
        return self.sign(
            self.create(RecordKind.DOCUMENT, title, day, None, body), [("owner", REVIEWED)]
        )

    def orientation(self, day: date, p: Person, note: str) -> None:
        body = OrientationBody(
            self.wid(p.key), self.wid("owner"), True, True, True, True, True, True, note
        )
        rec = self.create(RecordKind.ORIENTATION, f"Orientation: {p.name}", day, "shop", body)
        self.sign(rec, [(p.key, ACKNOWLEDGED), ("owner", PERFORMED)])
        if not p.is_owner:
            for doc in self.docs:
                self.sign(doc, [(p.key, ACKNOWLEDGED)])

    def emergency_plan(self, day: date, site: str, review: bool = False) -> None:
        title = f"Emergency response plan: {SITES[site][0]}" + (
            " (annual review)" if review else ""
        )
        body = EmergencyPlanBody(
            muster_point="Front of the shop office"
            if site == "shop"
            else "Front gate, by the sign",
            emergency_contacts="911 (fire, ambulance, police); Gord Halvorsen 403-555-0142; "
            "Marie-Hélène Tremblay 403-555-0178",
            procedures="Stop work and make the area safe; call 911; send someone to meet "
            "responders at the gate; headcount at the muster point; notify the owner. Serious "
            "injuries and incidents are reported to Alberta OHS.",
            nearest_medical="Red Deer Regional Hospital Centre (emergency department)",
        )
        rec = self.create(RecordKind.EMERGENCY_PLAN, title, day, site, body)
        self.sign(rec, [("owner", PERFORMED), ("super", ACKNOWLEDGED)])

    def hazard_assessment(self, day: date, site: str, reason: str) -> None:
        job, keys = JOBS[site]
        hazards = tuple(HAZARDS[k] for k in keys + SEASON_HAZARDS[season_of(day)])
        body = HazardAssessmentBody(job, hazards, self.wid("super"), reason)
        rec = self.create(
            RecordKind.HAZARD_ASSESSMENT, f"Hazard assessment: {SITES[site][0]}", day, site, body
        )
        rec = self.sign(rec, [("super", PERFORMED), ("owner", REVIEWED)])
        if site == "lakeview" and self.lakeview_ha is None:
            self.lakeview_ha = rec

    def flhas(self, day: date) -> None:
        for site, crew in self.crews(day).items():
            task, keys = self.rng.choice(TASKS[site])
            picked = self.rng.sample(keys, k=min(2, len(keys)))
            picked += SEASON_HAZARDS[season_of(day)][:1]
            body = FlhaBody(task, tuple(HAZARDS[k] for k in picked), tuple(map(self.wid, crew)))
            rec = self.create(RecordKind.FLHA, f"FLHA: {task}", day, site, body)
            if day == self.as_of and site == self.main_site(day):
                continue  # today's FLHA is still going round the crew: a draft
            self.sign(rec, [(crew[0], PERFORMED)] + [(k, ATTENDED) for k in crew[1:]])

    def toolbox_talk(self, day: date) -> None:
        site = self.main_site(day)
        crew = self.crews(day).get(site, [])
        if len(crew) < 2:
            return
        season = season_of(day)
        talks = [t for t in TALKS if t[0] in ("any", season) and t[1] not in self.recent_topics]
        _, topic, notes = self.rng.choice(talks)
        self.recent_topics = [*self.recent_topics, topic][-12:]
        concern = self.rng.choice(CONCERNS) if self.rng.random() < 0.1 else None
        presenter = "owner" if "owner" in crew and self.rng.random() < 0.5 else crew[0]
        others = [k for k in crew if k != presenter]
        body = ToolboxTalkBody(
            topic,
            self.wid(presenter),
            tuple(map(self.wid, others)),
            notes,
            concern[0] if concern else "",
        )
        rec = self.create(RecordKind.TOOLBOX_TALK, f"Toolbox talk: {topic}", day, site, body)
        rec = self.sign(rec, [(presenter, PERFORMED)] + [(k, ATTENDED) for k in others])
        if concern:
            self.routine_action(rec, concern[1], "super", concern[2])

    def inspection(
        self,
        day: date,
        site: str,
        kind: InspectionType,
        target: str,
        inspector: str,
        checks: Sequence[Check],
    ) -> Record:
        items: list[ChecklistItem] = []
        faults: list[Check] = []
        for check in checks:
            if self.rng.random() < 0.03:
                items.append(ChecklistItem(check[0], ChecklistResult.DEFICIENT, check[1]))
                faults.append(check)
            elif self.rng.random() < 0.04:
                items.append(ChecklistItem(check[0], ChecklistResult.NA, "Not in use this week"))
            else:
                items.append(ChecklistItem(check[0], ChecklistResult.OK))
        photos: tuple[Attachment, ...] = ()
        if faults and self.inspection_photos < 3:
            self.inspection_photos += 1
            photos = self.photo(f"inspection-{day.isoformat()}.jpg", faults[0][1])
        body = InspectionBody(kind, target, self.wid(inspector), tuple(items))
        title = f"{kind.value.capitalize()} inspection: {target}"
        rec = self.create(RecordKind.INSPECTION, title, day, site, body, photos)
        rec = self.sign(rec, [(inspector, PERFORMED)])
        owner = "super" if kind is InspectionType.SITE else inspector
        for fault in faults:
            self.routine_action(rec, fault[2], owner, fault[3])
        return rec

    def site_inspection(self, day: date, site: str) -> None:
        crew = self.crews(day).get(site, [])
        inspector = "owner" if "owner" in crew or not crew else crew[0]
        rec = self.inspection(day, site, InspectionType.SITE, SITES[site][0], inspector, SITE_ITEMS)
        if not self.voided and (day - self.first).days > 140:
            self.voided = True
            copy = self.create(rec.kind, rec.title, day, site, rec.body, rec.attachments)
            self.sign(copy, [(inspector, PERFORMED)])
            self.clock.advance(timedelta(minutes=12))
            reason = "Duplicate: the paper checklist was entered twice; the first entry is kept."
            self.records.void(copy.id, reason)

    def shop_inspection(self, day: date, equipment: bool) -> None:
        present = [p.key for p in self.present(day)]
        if equipment:
            target, checks, kind = (
                self.rng.choice(EQUIPMENT),
                EQUIPMENT_ITEMS,
                InspectionType.EQUIPMENT,
            )
            inspector = "owen" if "owen" in present else "super"
        else:
            target, checks, kind = self.rng.choice(VEHICLES), VEHICLE_ITEMS, InspectionType.VEHICLE
            inspector = "super" if "super" in present else "jas"
        self.inspection(day, "shop", kind, target, inspector, checks)

    def drill(self, day: date) -> None:
        site = self.main_site(day)
        today = self.clock.today()
        crew = [k for k in self.crews(day).get(site, []) if self.by_key[k].on_roster(today)]
        if not crew:
            return
        scenario, minutes, lessons = DRILLS[(day.month - 2) // 3 % len(DRILLS)]
        body = DrillBody(scenario, tuple(map(self.wid, crew)), minutes, lessons)
        rec = self.create(RecordKind.DRILL, f"Drill: {scenario.split(':')[0]}", day, site, body)
        self.sign(rec, [(crew[0], PERFORMED)] + [(k, ATTENDED) for k in crew[1:]])
