"""The evidence pack as data: what the PDF prints, built from domain objects only.

Pure: no database, no ReportLab. Tests can assert on this model; the PDF writer only lays it
out. A record whose kind counts for several elements is listed in every such element's
register and printed in full once, in the first of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.ledger import ChainHead
from secor_desktop.domain.model import (
    Company,
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.domain.readiness_model import ElementReadiness, ReadinessReport


@dataclass(frozen=True)
class ElementSection:
    code: str
    name: str
    readiness: ElementReadiness | None
    records: tuple[Record, ...]  # in the period, date order
    printed_here: frozenset[str]  # ids of the records printed in full in this section


@dataclass(frozen=True)
class EvidencePack:
    company: Company
    framework_name: str
    framework_version: str
    period_from: date
    period_to: date
    generated_on: date
    readiness: ReadinessReport
    elements: tuple[ElementSection, ...]
    actions: tuple[CorrectiveAction, ...]
    workers: tuple[Worker, ...]
    sites: tuple[Site, ...]
    revisions: tuple[RevisionInfo, ...]  # every revision of what the pack holds, chain order
    chain_head: ChainHead
    summary_only: bool = False

    def site_name(self, site_id: str | None) -> str:
        return next((s.name for s in self.sites if s.id == site_id), "")

    def worker_name(self, worker_id: str | None) -> str:
        return next((w.name for w in self.workers if w.id == worker_id), worker_id or "")

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record in the pack once, in date order."""
        seen: dict[str, Record] = {}
        for section in self.elements:
            for record in section.records:
                seen.setdefault(record.id, record)
        return tuple(sorted(seen.values(), key=lambda r: (r.event_date, r.id)))


def _in_period(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def build_evidence_pack(
    *,
    company: Company,
    framework: FrameworkPack,
    readiness: ReadinessReport,
    records: Iterable[Record],
    workers: Sequence[Worker],
    sites: Sequence[Site],
    actions: Sequence[CorrectiveAction],
    revisions: Iterable[RevisionInfo],
    chain_head: ChainHead,
    period_from: date,
    period_to: date,
    generated_on: date,
    element_codes: Sequence[str] | None = None,
    summary_only: bool = False,
) -> EvidencePack:
    """Select what belongs to the period and the chosen elements, and group it by element.

    Raises ``KeyError`` for an element code the framework does not have.
    """
    if period_from > period_to:
        raise ValueError(f"The period starts ({period_from}) after it ends ({period_to}).")
    chosen = (
        [framework.element(code) for code in element_codes]
        if element_codes
        else list(framework.elements)
    )
    in_period = [r for r in records if _in_period(r.event_date, period_from, period_to)]
    by_code = {e.code: e for e in readiness.elements}
    printed: set[str] = set()
    sections: list[ElementSection] = []
    for element in chosen:
        mine = tuple(r for r in in_period if r.kind in element.evidence_kinds)
        here = frozenset(r.id for r in mine if r.id not in printed)
        printed.update(here)
        sections.append(
            ElementSection(element.code, element.name, by_code.get(element.code), mine, here)
        )
    record_ids = {r.id for s in sections for r in s.records}
    pack_actions = tuple(
        a
        for a in actions
        if a.created_date <= period_to
        and (a.closed_date is None or a.closed_date >= period_from)
        and (not element_codes or a.source_record_id is None or a.source_record_id in record_ids)
    )
    pack_workers = tuple(
        w
        for w in sorted(workers, key=lambda w: (w.name.casefold(), w.id))
        if w.start_date <= period_to and (w.end_date is None or w.end_date >= period_from)
    )
    wanted = (
        {("record", i) for i in record_ids}
        | {("worker", w.id) for w in pack_workers}
        | {("corrective_action", a.id) for a in pack_actions}
        | {("site", s.id) for s in sites}
        | {("company", "company")}
    )
    pack_revisions = tuple(r for r in revisions if (r.entity_type, r.entity_id) in wanted)
    return EvidencePack(
        company=company,
        framework_name=framework.name,
        framework_version=framework.version,
        period_from=period_from,
        period_to=period_to,
        generated_on=generated_on,
        readiness=readiness,
        elements=tuple(sections),
        actions=pack_actions,
        workers=pack_workers,
        sites=tuple(sites),
        revisions=pack_revisions,
        chain_head=chain_head,
        summary_only=summary_only,
    )
