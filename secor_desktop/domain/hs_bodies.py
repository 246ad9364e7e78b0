"""What the health and safety representative's or joint committee's records hold.

Two kinds: the designation (who represents the workers, chosen how, until when, for which
sites) and the minutes of each meeting (who attended, what was raised and recommended, and
which inspections and investigations the representative or committee took part in). Their
declarations are in ``domain/record_kinds/committee.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class HsArrangement(StrEnum):
    """A single representative (smaller workplaces) or a joint committee (larger ones)."""

    REPRESENTATIVE = "representative"
    COMMITTEE = "committee"


class HsChosenHow(StrEnum):
    CHOSEN_BY_WORKERS = "chosen_by_workers"
    APPOINTED = "appointed"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class HsDesignationBody:
    """The record's date is the day the designation took effect.

    ``worker_member_ids`` holds the representative (or the committee's worker members),
    ``employer_member_ids`` a committee's employer members, ``co_chair_ids`` its co-chairs
    (one from each side, among the members). ``site_ids`` are the sites covered (empty: all).
    """

    arrangement: HsArrangement
    designated_by_id: str
    worker_member_ids: tuple[str, ...]
    chosen_how: HsChosenHow
    employer_member_ids: tuple[str, ...] = ()
    co_chair_ids: tuple[str, ...] = ()
    term_end: date | None = None
    training: str = ""
    site_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation the meeting made to the employer, and the employer's answer."""

    text: str
    response: str = ""


@dataclass(frozen=True, slots=True)
class HsMeetingBody:
    """Minutes of one meeting; ``inspection_ids`` and ``investigation_ids`` are the ids of
    the inspection and incident records the representative or committee took part in."""

    attendee_ids: tuple[str, ...]
    agenda: str
    discussion: str = ""
    concerns: str = ""
    recommendations: tuple[Recommendation, ...] = ()
    inspection_ids: tuple[str, ...] = ()
    investigation_ids: tuple[str, ...] = ()
    next_meeting: date | None = None
