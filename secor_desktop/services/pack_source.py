"""Where the evidence pack's content comes from: the newest hashed revision of each item.

The working tables are what the program edits; the revision documents are what was hashed and
signed. The pack prints the documents, decoded with the same code import uses, so an edit made
to the tables behind the program's back can never reach a printed page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_COMPANY,
    ENTITY_EVALUATION,
    ENTITY_RECORD,
    ENTITY_SITE,
    ENTITY_WORKER,
    Entity,
    entity_from_data,
)
from secor_desktop.domain.eligibility import EligibilityReport, WorkerSpan, assess_eligibility
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.parties import party_spans
from secor_desktop.domain.provinces import load_bundled_province_rules
from secor_desktop.services.integrity import IntegrityProblem


class UnverifiedDatabase(UserError):
    """The database fails ``verify``: no pack is written unless UNVERIFIED is asked for."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"The database fails the integrity check, so no evidence pack was written "
            f"({len(problems)} problem(s)):\n{lines}\nRestore the latest backup, or allow an "
            "UNVERIFIED pack to print anyway with every page marked UNVERIFIED."
        )


@dataclass
class Snapshot:
    """Every item decoded from its newest revision document, in the order the pack lists them."""

    company: Company | None = None
    sites: list[Site] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    actions: list[CorrectiveAction] = field(default_factory=list)
    evaluations: list[SelfEvaluation] = field(default_factory=list)
    by_key: dict[tuple[str, str], Entity] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def decode_latest(latest: Mapping[tuple[str, str], str]) -> Snapshot:
    """Decode each newest document; one that cannot be read is a problem naming it, not a crash."""
    snap = Snapshot()
    for (entity_type, entity_id), document in sorted(latest.items()):
        try:
            entity = entity_from_data(entity_type, json.loads(document)["data"])
        except (ValueError, KeyError, TypeError) as exc:
            snap.problems.append(
                f"{entity_type} {entity_id}: its newest revision cannot be read ({exc})"
            )
            continue
        snap.by_key[(entity_type, entity_id)] = entity
        if entity_type == ENTITY_COMPANY and isinstance(entity, Company):
            snap.company = entity
        elif entity_type == ENTITY_SITE and isinstance(entity, Site):
            snap.sites.append(entity)
        elif entity_type == ENTITY_WORKER and isinstance(entity, Worker):
            snap.workers.append(entity)
        elif entity_type == ENTITY_RECORD and isinstance(entity, Record):
            snap.records.append(entity)
        elif entity_type == ENTITY_ACTION and isinstance(entity, CorrectiveAction):
            snap.actions.append(entity)
        elif entity_type == ENTITY_EVALUATION and isinstance(entity, SelfEvaluation):
            snap.evaluations.append(entity)
    snap.sites.sort(key=lambda s: (s.name, s.id))
    snap.workers.sort(key=lambda w: (w.name, w.id))
    snap.records.sort(key=lambda r: (r.event_date, r.id))
    snap.actions.sort(key=lambda a: (a.due_date, a.id))
    snap.evaluations.sort(key=lambda e: (e.eval_date, e.id))
    return snap


def _saved_as(entity: Entity) -> str:
    if isinstance(entity, Record):
        return f"'{entity.title}' of {entity.event_date.isoformat()}"
    if isinstance(entity, Worker | Site):
        return f"'{entity.name}'"
    if isinstance(entity, CorrectiveAction):
        return f"'{entity.description[:60]}'"
    return ""


def describe_problems(problems: Iterable[IntegrityProblem], snapshot: Snapshot) -> list[str]:
    """One line per problem, naming the item as the tables show it and as it was saved."""
    lines = []
    for p in problems:
        saved = snapshot.by_key.get((p.entity_type, p.entity_id))
        text = str(p)
        label = _saved_as(saved) if saved is not None else ""
        if label and label not in p.label:
            text += f" (saved and signed as {label})"
        lines.append(text)
    return lines


def eligibility_of(
    company: Company, workers: Iterable[Worker], as_of: date, records: Iterable[Record] = ()
) -> EligibilityReport:
    """The eligibility report for the pack, from the same decoded workers and register
    entries (other workplace parties) it prints."""
    spans = [WorkerSpan(w.id, w.name, w.employment_type, w.start_date, w.end_date) for w in workers]
    parties = party_spans(r for r in records if r.event_date <= as_of)
    rules = load_bundled_province_rules()
    return assess_eligibility(spans, rules, company.province, as_of, parties)
