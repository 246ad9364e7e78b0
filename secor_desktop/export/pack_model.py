"""The evidence pack as data: what the PDF prints, built from domain objects only.

Pure: no database, no ReportLab. Tests can assert on this model; the PDF writer only lays it
out. A record whose kind counts for several elements is listed in every such element's
register and printed in full once, in the first of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from secor_desktop.domain.eligibility import EligibilityReport
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.frameworks import AuditType, FrameworkPack, Thresholds
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.ledger import FLAG_LATE_ENTRY, ChainHead
from secor_desktop.domain.model import (
    Attachment,
    Company,
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.parties import PartyRegister, party_register
from secor_desktop.domain.readiness_model import ElementReadiness, ReadinessReport
from secor_desktop.domain.scoring import ScoreReport, ScoringError, score_evaluation
from secor_desktop.domain.statistics import StatisticsTable
from secor_desktop.domain.training import TrainingMatrix, training_matrix

PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class DirectiveLine:
    """One directive document an element expects, and the record that fulfils it, if any."""

    name: str
    record_id: str | None
    record_title: str
    record_date: date | None
    current: bool


@dataclass(frozen=True)
class ElementSection:
    code: str
    name: str
    readiness: ElementReadiness | None
    records: tuple[Record, ...]  # in the period, date order
    printed_here: frozenset[str]  # ids of the records printed in full in this section
    documents: tuple[DirectiveLine, ...] = ()
    # The register of other workplace parties, for an element that takes it as evidence.
    parties: PartyRegister | None = None


@dataclass(frozen=True)
class AttachedPdf:
    """A PDF attached to one or more records printed in the pack: appended once, naming all."""

    attachment: Attachment
    records: tuple[Record, ...]

    @property
    def sha256(self) -> str:
        return self.attachment.sha256


@dataclass(frozen=True)
class ScoredEvaluation:
    """A saved self-evaluation (or audit) with its score, recomputed from its answers."""

    evaluation: SelfEvaluation
    score: ScoreReport


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
    include_photos: bool = True
    audit_type: AuditType = AuditType.CERTIFICATION
    thresholds: Thresholds | None = None  # the pass marks for ``audit_type``
    eligibility: EligibilityReport | None = None
    training: TrainingMatrix | None = None
    evaluations: tuple[ScoredEvaluation, ...] = ()  # oldest first
    # Why the database failed ``verify`` when an UNVERIFIED pack was asked for (else empty).
    unverified: tuple[str, ...] = ()
    # Drafts and voided records of the period and elements, left out of the element sections;
    # printed in an appendix only when ``include_left_out``.
    left_out: tuple[Record, ...] = ()
    include_left_out: bool = False
    # Every draft and voided record of the company, in the period or not: readiness notes
    # naming one are not printed unless the record itself is (its title may be junk).
    not_evidence: frozenset[str] = frozenset()
    # The injury statistics table, printed in the section of the element whose evidence
    # includes hours worked (``statistics_element``); None when the pack has no such element.
    statistics: StatisticsTable | None = None
    statistics_element: str = ""

    def site_name(self, site_id: str | None) -> str:
        return next((s.name for s in self.sites if s.id == site_id), "")

    def worker_name(self, worker_id: str | None) -> str:
        return self._worker_names.get(worker_id or "", worker_id or "")

    @cached_property
    def _worker_names(self) -> dict[str, str]:
        return {w.id: w.name for w in self.workers}

    @cached_property
    def records(self) -> tuple[Record, ...]:
        """Every record the pack prints once, in date order (the appendix's drafts included)."""
        seen: dict[str, Record] = {}
        for section in self.elements:
            for record in section.records:
                seen.setdefault(record.id, record)
        for record in self.appendix_records:
            seen.setdefault(record.id, record)
        return tuple(sorted(seen.values(), key=lambda r: (r.event_date, r.id)))

    @property
    def appendix_records(self) -> tuple[Record, ...]:
        """The drafts and voided records printed in their appendix (none unless asked for)."""
        return self.left_out if self.include_left_out else ()

    @cached_property
    def left_out_counts(self) -> tuple[int, int]:
        """How many drafts and how many voided records of the period are not in the sections."""
        drafts = sum(1 for r in self.left_out if r.status is RecordStatus.DRAFT)
        return drafts, len(self.left_out) - drafts

    @cached_property
    def attached_pdfs(self) -> tuple[AttachedPdf, ...]:
        """The PDFs attached to the records printed in full in the element sections, each
        file once (by SHA-256) in the order the records are printed; none in a summary pack."""
        if self.summary_only:
            return ()
        found: dict[str, tuple[Attachment, list[Record]]] = {}
        for section in self.elements:
            for record in section.records:
                if record.id not in section.printed_here:
                    continue
                for a in record.attachments:
                    if a.media_type == PDF_MEDIA_TYPE:
                        holders = found.setdefault(a.sha256, (a, []))[1]
                        if all(r.id != record.id for r in holders):
                            holders.append(record)
        return tuple(AttachedPdf(a, tuple(rs)) for a, rs in found.values())

    @cached_property
    def record_titles(self) -> dict[str, str]:
        return {r.id: r.title for r in self.records}

    @cached_property
    def _actions_by_record(self) -> dict[str, tuple[CorrectiveAction, ...]]:
        grouped: dict[str, list[CorrectiveAction]] = defaultdict(list)
        for action in self.actions:
            if action.source_record_id:
                grouped[action.source_record_id].append(action)
        return {k: tuple(v) for k, v in grouped.items()}

    def actions_for(self, record_id: str) -> tuple[CorrectiveAction, ...]:
        """The corrective actions raised from a record, oldest first."""
        return self._actions_by_record.get(record_id, ())

    @cached_property
    def _history(self) -> dict[tuple[str, str], tuple[RevisionInfo, ...]]:
        grouped: dict[tuple[str, str], list[RevisionInfo]] = defaultdict(list)
        for rev in self.revisions:
            grouped[(rev.entity_type, rev.entity_id)].append(rev)
        return {k: tuple(v) for k, v in grouped.items()}

    def history(self, entity_type: str, entity_id: str) -> tuple[RevisionInfo, ...]:
        """Every revision of one entity in the pack, oldest first."""
        return self._history.get((entity_type, entity_id), ())

    @cached_property
    def late_entries(self) -> tuple[RevisionInfo, ...]:
        """Revisions flagged as entered long after their event: listed, never hidden."""
        return tuple(r for r in self.revisions if FLAG_LATE_ENTRY in r.flags)


def _in_period(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def _directive_lines(
    readiness: ElementReadiness | None, by_id: dict[str, Record]
) -> tuple[DirectiveLine, ...]:
    if readiness is None:
        return ()
    lines = []
    for doc in readiness.documents:
        record = by_id.get(doc.record_id or "")
        lines.append(
            DirectiveLine(
                doc.name,
                doc.record_id,
                record.title if record else "",
                record.event_date if record else None,
                doc.current,
            )
        )
    return tuple(lines)


def _scored(
    framework: FrameworkPack, evaluations: Iterable[SelfEvaluation], until: date
) -> tuple[ScoredEvaluation, ...]:
    """Evaluations of this framework up to the end of the period, scored; unscorable skipped."""
    out = []
    for ev in sorted(evaluations, key=lambda e: (e.eval_date, e.id)):
        if ev.framework_id != framework.id or ev.eval_date > until:
            continue
        try:
            score = score_evaluation(
                framework,
                ev.scoring_answers(),
                owner_operator_only=ev.owner_operator_only,
                audit_type=ev.audit_type,
            )
        except ScoringError:
            continue  # saved against another version of the questions
        out.append(ScoredEvaluation(ev, score))
    return tuple(out)


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
    include_photos: bool = True,
    audit_type: AuditType = AuditType.CERTIFICATION,
    eligibility: EligibilityReport | None = None,
    evaluations: Iterable[SelfEvaluation] = (),
    unverified: Sequence[str] = (),
    include_drafts_and_voids: bool = False,
) -> EvidencePack:
    """Select what belongs to the period and the chosen elements, and group it by element.

    Only signed records go into the element sections: drafts and voided records are counted
    (``left_out``) and printed in an appendix only with ``include_drafts_and_voids``.

    Raises ``KeyError`` for an element code the framework does not have.
    """
    if period_from > period_to:
        raise ValueError(f"The period starts ({period_from}) after it ends ({period_to}).")
    chosen = (
        [framework.element(code) for code in element_codes]
        if element_codes
        else list(framework.elements)
    )
    every = list(records)
    by_id = {r.id: r for r in every}
    in_period = sorted(
        (r for r in every if _in_period(r.event_date, period_from, period_to)),
        key=lambda r: (r.event_date, r.id),
    )
    chosen_kinds = {kind for element in chosen for kind in element.evidence_kinds}
    left_out = tuple(
        r for r in in_period if r.status is not RecordStatus.SIGNED and r.kind in chosen_kinds
    )
    in_period = [r for r in in_period if r.status is RecordStatus.SIGNED]
    by_code = {e.code: e for e in readiness.elements}
    # The register as it stands at the period's end: signed entries only (what is printed
    # was signed), whatever their date, each in the integrity appendix.
    register = party_register(
        (
            r
            for r in every
            if r.kind == PARTY_KIND
            and r.status is RecordStatus.SIGNED
            and r.event_date <= period_to
        ),
        (
            r
            for r in every
            if r.kind is RecordKind.ORIENTATION
            and r.status is RecordStatus.SIGNED
            and r.event_date <= period_to
        ),
        period_to,
    )
    printed: set[str] = set()
    sections: list[ElementSection] = []
    for element in chosen:
        mine = tuple(r for r in in_period if r.kind in element.evidence_kinds)
        here = frozenset(r.id for r in mine if r.id not in printed)
        printed.update(here)
        er = by_code.get(element.code)
        takes_register = PARTY_KIND in element.evidence_kinds
        sections.append(
            ElementSection(
                element.code,
                element.name,
                er,
                mine,
                here,
                _directive_lines(er, by_id),
                register if takes_register else None,
            )
        )
    record_ids = {r.id for s in sections for r in s.records}
    record_ids |= {e.record.id for s in sections if s.parties for e in s.parties.entries}
    if include_drafts_and_voids:
        record_ids |= {r.id for r in left_out}
    pack_actions = tuple(
        a
        for a in actions
        if a.source_record_id in record_ids
        or (
            a.created_date <= period_to
            and (a.closed_date is None or a.closed_date >= period_from)
            and (not element_codes or a.source_record_id is None)
        )
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
    scored = _scored(framework, evaluations, period_to)
    wanted |= {("self_evaluation", e.evaluation.id) for e in scored}
    pack_revisions = tuple(r for r in revisions if (r.entity_type, r.entity_id) in wanted)
    training = training_matrix(
        pack_workers, (r for r in every if r.kind is RecordKind.TRAINING), period_to
    )
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
        include_photos=include_photos,
        audit_type=audit_type,
        thresholds=framework.thresholds.for_audit(audit_type),
        eligibility=eligibility,
        training=training,
        evaluations=scored,
        unverified=tuple(unverified),
        left_out=left_out,
        include_left_out=include_drafts_and_voids,
        not_evidence=frozenset(r.id for r in every if r.status is not RecordStatus.SIGNED),
    )
