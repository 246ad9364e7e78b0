"""The demo's health and safety representative: designated at the start, meeting quarterly.

Jaspreet, chosen by the crew, is the representative; the owner designates him. Each quarter
he meets the owner and the supervisor; the minutes link the quarter's latest site inspection
and any incident investigated since the last meeting.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from secor_desktop.domain.bodies import InspectionBody, InspectionType
from secor_desktop.domain.hs_bodies import (
    HsArrangement,
    HsChosenHow,
    HsDesignationBody,
    HsMeetingBody,
    Recommendation,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.demo.calendar import months_between, nth_weekday, work_on_or_after
from secor_desktop.services.demo.core import ACKNOWLEDGED, ATTENDED, PERFORMED, DemoCore

DESIGNATION = RecordKind("hs_designation")
MEETING = RecordKind("hs_meeting")
REPRESENTATIVE = "jas"


class CommitteeRecords(DemoCore):
    def plan_committee(self) -> None:
        start = work_on_or_after(self.first + timedelta(days=7))
        self.on(start, 15, 0, partial(self.designation, start))
        for year, month in months_between(self.first, self.as_of):
            if month in (2, 5, 8, 11):
                day = work_on_or_after(nth_weekday(year, month, 1, 2))  # second Tuesday
                if day > start:
                    self.on(day, 15, 10, partial(self.hs_meeting, day))

    def designation(self, day: date) -> None:
        body = HsDesignationBody(
            HsArrangement.REPRESENTATIVE,
            self.wid("owner"),
            (self.wid(REPRESENTATIVE),),
            HsChosenHow.CHOSEN_BY_WORKERS,
            term_end=date(day.year + 2, day.month, 1),
            training="Health and safety representative course (two days), before designation.",
        )
        rec = self.create(DESIGNATION, "H&S representative: Jaspreet Sandhu", day, None, body)
        self.sign(rec, [("owner", PERFORMED), (REPRESENTATIVE, ACKNOWLEDGED)])

    def hs_meeting(self, day: date) -> None:
        since = day - timedelta(days=92)
        inspections = [
            r
            for r in self.records.find(RecordKind.INSPECTION)
            if since <= r.event_date <= day
            and isinstance(r.body, InspectionBody)
            and r.body.inspection_type is InspectionType.SITE
            and r.void_reason is None
        ]
        incidents = [
            r
            for r in self.records.find(RecordKind.INCIDENT)
            if since <= r.event_date <= day and r.void_reason is None
        ]
        attendees = ("owner", "super", REPRESENTATIVE)
        nxt = work_on_or_after(nth_weekday(*_three_months_on(day), 1, 2))
        body = HsMeetingBody(
            attendee_ids=tuple(map(self.wid, attendees)),
            agenda="Concerns from the crew; inspections and incidents since the last meeting; "
            "open corrective actions.",
            discussion="Went through the quarter's inspection findings and the actions still "
            "open. The representative walked the latest site inspection with the supervisor.",
            concerns="Lighting in the laydown area at the end of the day.",
            recommendations=(
                Recommendation(
                    "Add two light towers at the laydown area",
                    "Agreed: rented from the first of next month",
                ),
            ),
            inspection_ids=tuple(r.id for r in inspections[-1:]),
            investigation_ids=tuple(r.id for r in incidents[-2:]),
            next_meeting=nxt,
        )
        title = f"H&S meeting, {day:%B %Y}"
        rec = self.create(MEETING, title, day, None, body)
        self.sign(rec, [("owner", ATTENDED), ("super", ATTENDED), (REPRESENTATIVE, ATTENDED)])


def _three_months_on(day: date) -> tuple[int, int]:
    month = day.month + 3
    return day.year + (month > 12), (month - 1) % 12 + 1
