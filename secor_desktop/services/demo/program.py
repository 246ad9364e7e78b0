"""Program administration: training certificates, reviews, meetings, statistics, the
internal audit, document updates, and the drafts left open on the as-of day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from secor_desktop.domain.bodies import (
    AdminBody,
    AdminType,
    DocumentType,
    HazardAssessmentBody,
    PartyTicket,
    PartyType,
    TrainingBody,
    WorkplacePartyBody,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.services.demo.calendar import (
    months_between,
    nth_weekday,
    plus_years,
    work_on_or_after,
    work_on_or_before,
)
from secor_desktop.services.demo.content import COLD_WEATHER, DOCUMENTS, HAZARDS
from secor_desktop.services.demo.core import ACKNOWLEDGED, ATTENDED, PERFORMED, REVIEWED
from secor_desktop.services.demo.field_records import FieldRecords


class ProgramRecords(FieldRecords):
    """Training and the owner's program administration."""

    # --- training ---------------------------------------------------------------------

    def plan_training(self) -> None:
        """Certificates timed so some lapse 90, 60 and 30 days after as-of, and one before."""
        first, as_of = self.first, self.as_of
        whmis = work_on_or_before(as_of - timedelta(days=345))
        for p in self.people:
            self.training(whmis, p.key, "WHMIS 2015 annual refresher", "In-house", 1)
        for key, back in (("jas", 315), ("tyler", 285), ("owen", 385)):
            day = work_on_or_before(as_of - timedelta(days=back))
            self.training(day, key, "Respirator fit test", "Central Alberta Fit Testing", 1)
        for key, after in (("jas", 20), ("super", 190), ("owen", 190)):
            day = work_on_or_after(first + timedelta(days=after))
            self.training(day, key, "Standard First Aid, CPR level C", "St. John Ambulance", 3)
        fall = work_on_or_after(first + timedelta(days=30))
        for key in ("owner", "jas", "tyler"):
            self.training(fall, key, "Fall protection", "Prairie Safety Training", 3)
        day = work_on_or_after(first + timedelta(days=55))
        self.training(day, "owner", "SECOR internal auditor training", "ACSA", 0)
        day = work_on_or_after(first + timedelta(days=100))
        self.training(day, "owen", "Skid steer operator", "Equipment dealer", 0)
        for key in ("liam", "priya"):
            start = self.by_key[key].start
            day = work_on_or_after(start + timedelta(days=1))
            self.training(day, key, "WHMIS 2015", "In-house", 1)
            day = work_on_or_after(start + timedelta(days=8))
            self.training(day, key, "Fall protection", "Prairie Safety Training", 3)

    def training(self, day: date, key: str, course: str, provider: str, years: int) -> None:
        if self.by_key[key].on_roster(day):
            self.on(day, 9, 30, partial(self.training_record, day, key, course, provider, years))

    def training_record(self, day: date, key: str, course: str, provider: str, years: int) -> None:
        expiry = plus_years(day, years) if years else None
        number = f"{course[:4].upper()}-{day:%y%m%d}-{self.rng.randint(100, 999)}"
        name = self.by_key[key].name
        body = TrainingBody(self.wid(key), course, provider, expiry, number)
        rec = self.create(RecordKind.TRAINING, f"{course}: {name}", day, None, body)
        rec = self.sign(rec, [(key, ATTENDED), ("owner", REVIEWED)])
        if expiry is not None and expiry < self.as_of and "fit test" in course:
            description = f"{name}'s respirator fit test has expired: book one before dusty work"
            lapse = partial(self.action, rec, description, "owner", 7)
            self.on(work_on_or_after(expiry), 8, 0, lapse)

    # --- program administration -------------------------------------------------------

    def plan_program(self) -> None:
        for year, month in months_between(self.first, self.as_of):
            if month in (3, 6, 9, 12):
                last_friday = nth_weekday(year, month, 4, 4)
                if (last_friday + timedelta(days=7)).month == month:
                    last_friday += timedelta(days=7)
                day = work_on_or_before(min(last_friday, date(year, 12, 19)))
                self.on(day, 15, 30, partial(self.program_review, day))
            if month in (1, 4, 7, 10):
                day = work_on_or_after(nth_weekday(year, month, 0, 3))
                self.on(day, 15, 30, partial(self.meeting, day))
            if month == 1:
                day = work_on_or_after(date(year, 1, 5))
                self.on(day, 15, 50, partial(self.statistics, day))
        cold = work_on_or_after(date(self.first.year + (self.first.month > 10), 11, 3))
        self.on(cold, 6, 40, partial(self.new_document, cold, COLD_WEATHER))
        review = work_on_or_after(self.first + timedelta(days=365))
        self.on(review, 6, 40, partial(self.new_document, review, DOCUMENTS[0], True))
        self.on(review, 10, 45, partial(self.emergency_plan, review, "shop", True))
        self.on(review, 11, 15, partial(self.hazard_assessment, review, "shop", "Yearly review"))
        entered = work_on_or_before(self.as_of - timedelta(days=100))
        self.on(entered, 12, 10, partial(self.workplace_parties, entered))
        audit = work_on_or_before(self.as_of - timedelta(days=40))
        self.on(audit, 15, 0, partial(self.internal_audit, audit))
        self.on(work_on_or_before(self.as_of - timedelta(days=3)), 11, 40, self.draft_assessment)
        self.on(work_on_or_before(self.as_of - timedelta(days=1)), 16, 0, self.draft_review)

    def workplace_parties(self, day: date) -> None:
        """The register: a framing sub whose letter and a ticket come up for renewal, and a
        supplier; neither counts toward the headcount, as the partner confirmed."""
        as_of = self.as_of
        framing = WorkplacePartyBody(
            "Ridgeline Framing Ltd.",
            PartyType.SUBCONTRACTOR,
            contact="Marco Silva, 403-555-0142",
            clearance_number="CL-4471920",
            clearance_issued=day,
            clearance_expiry=as_of + timedelta(days=50),
            insurer="Prairie Mutual Insurance",
            policy_number="CGL-88213",
            insurance_issued=day - timedelta(days=120),
            insurance_expiry=as_of + timedelta(days=165),
            counts_toward_headcount=False,
            tickets=(
                PartyTicket(
                    "Marco Silva",
                    "Fall protection",
                    day - timedelta(days=1070),
                    as_of + timedelta(days=25),
                ),
                PartyTicket(
                    "Dev Patel", "WHMIS 2015", day - timedelta(days=60), as_of + timedelta(days=300)
                ),
            ),
            notes="Holds its own COR; our certifying partner confirmed its crew is not "
            "counted in our headcount.",
        )
        supplier = WorkplacePartyBody(
            "Foothills Lumber Supply",
            PartyType.SUPPLIER,
            contact="Yard desk, 403-555-0188",
            insurer="Western General",
            policy_number="WG-5502",
            insurance_expiry=as_of + timedelta(days=240),
            counts_toward_headcount=False,
            notes="Deliveries to the yard only; the driver signs in at the gate.",
        )
        for body in (framing, supplier):
            rec = self.create(RecordKind("workplace_party"), body.name, day, None, body)
            self.sign(rec, [("owner", REVIEWED)])

    def admin(
        self, day: date, atype: AdminType, title: str, summary: str, keys: Sequence[str]
    ) -> Record:
        body = AdminBody(atype, summary, tuple(map(self.wid, keys)))
        return self.create(RecordKind.ADMIN, title, day, None, body)

    def program_review(self, day: date) -> None:
        rec = self.admin(
            day,
            AdminType.PROGRAM_REVIEW,
            f"Program review Q{(day.month - 1) // 3 + 1} {day.year}",
            "Counted FLHAs, inspections and toolbox talks against our declared frequencies; "
            "reviewed open corrective actions and training expiries.",
            ["owner", "super"],
        )
        self.sign(rec, [("owner", PERFORMED), ("super", ATTENDED)])

    def meeting(self, day: date) -> None:
        keys = ["owner", *(p.key for p in self.present(day) if not p.is_owner)]
        rec = self.admin(
            day,
            AdminType.MEETING_MINUTES,
            f"Safety meeting minutes, {day:%B %Y}",
            "Reviewed last quarter's incidents and near misses, open actions and the work "
            "ahead. The crew asked for better lighting in the laydown area.",
            keys,
        )
        self.sign(rec, [("owner", PERFORMED)] + [(k, ATTENDED) for k in keys[1:]])

    def statistics(self, day: date) -> None:
        year = day.year - 1
        rec = self.admin(
            day,
            AdminType.STATISTICS,
            f"Safety statistics {year}",
            f"{year}: no lost-time or WCB claims; first-aid cases and near misses logged and "
            "investigated; about 15,600 hours worked.",
            ["owner"],
        )
        self.sign(rec, [("owner", PERFORMED)])

    def internal_audit(self, day: date) -> None:
        rec = self.admin(
            day,
            AdminType.INTERNAL_AUDIT,
            f"Internal audit {day.year} (SECOR self-evaluation)",
            "Self-evaluation by the trained internal auditor: documents, worker interviews and "
            "a site observation. Gaps: a month without toolbox talks; fit tests lapsing.",
            ["owner", "super"],
        )
        rec = self.sign(rec, [("owner", PERFORMED), ("super", ATTENDED)])
        self.action(rec, "Hold and document make-up talks for the missed month", "super", 14)
        self.action(
            rec,
            "Cover the scissor lift in the working-at-heights practice",
            "owner",
            21,
            "Practice updated and re-issued.",
            18,
        )
        self.action(rec, "Record hours worked every month for the statistics", "owner", 60)
        company = self.company.get()
        assert company is not None
        audit = work_on_or_after(self.as_of + timedelta(days=30))
        self.company.save(replace(company, planned_audit_date=audit))

    def new_document(
        self,
        day: date,
        doc: tuple[DocumentType, str, str, tuple[str, ...]],
        review: bool = False,
    ) -> None:
        doc_type, title, text, covers = doc
        full_title = title + (" (annual review)" if review else "")
        rec = self.document(day, doc_type, full_title, text, covers)
        self.docs = [d for d in self.docs if not (review and d.title == title)] + [rec]
        keys = [p.key for p in self.people if p.on_roster(day) and not p.is_owner]
        self.sign(rec, [(k, ACKNOWLEDGED) for k in keys])

    def draft_assessment(self) -> None:
        day = self.clock.today()
        body = HazardAssessmentBody(
            "Tarped enclosure heated with propane",
            (HAZARDS["cold"], HAZARDS["ice"]),
            self.wid("super"),
            "New work method; carbon monoxide controls still to be added",
        )
        title = "Hazard assessment: winter enclosure"
        self.create(RecordKind.HAZARD_ASSESSMENT, title, day, self.main_site(day), body)

    def draft_review(self) -> None:
        day = self.clock.today()
        self.admin(
            day,
            AdminType.PROGRAM_REVIEW,
            "Pre-audit program review (in progress)",
            "Checking every element against the records before the certification audit.",
            ["owner", "super"],
        )
