"""Are we ready for the audit, and if not, what is missing and when will we be?

``compute_readiness`` is a pure function from the company's records to a report; the dashboard,
the CLI and the evidence pack all show this same object. Rules, in brief (docs/readiness.md):

* A record counts when it is signed, not void, and complete (``completeness``); those that do
  not, voided ones included, are listed with the reason.
* The program must be **in use now**: only counting records dated in the 12-month window (from
  the same day 12 months before the day judged, that day included) count toward a span.
* An element's **span** runs from its first to its latest counting record in the window, in
  calendar months (``months``), or from the window's first day when the records ran into the
  window without a gap: 3 months meets the one-year certificate, 12 the three-year one
  (figures from the framework pack). Only field activity is span-bound: an element none of
  whose kinds is declared daily, weekly, monthly or quarterly (incidents "as needed", a policy
  reviewed yearly) has no span to meet; it is judged on its directive documents and records.
* **Blockers** make an element not ready whatever its span: no counting record at all (for a
  span element), a declared frequency lapsed up to the day judged (the gap since the last
  record is longer than its limit), a directive document missing or not reviewed in the last
  12 months, a policy not signed by the current owner. Everything else is a warning or a note.
* The **projected date** is when the span will be met if the company keeps its declared
  frequencies from now on (after a lapse: once it resumes); the weakest element decides.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from operator import attrgetter

from secor_desktop.domain.bodies import DocumentBody, DocumentType
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.frameworks import DirectiveDocument, Element, FrameworkPack
from secor_desktop.domain.frequency import GAP_LIMIT_DAYS, FrequencyResult, measure
from secor_desktop.domain.kinds import Frequency, RecordKind
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Worker
from secor_desktop.domain.months import add_months, months_between
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.parties import party_findings
from secor_desktop.domain.readiness_findings import action_findings, people_findings
from secor_desktop.domain.readiness_model import (
    ORDER,
    DocumentCheck,
    ElementReadiness,
    Finding,
    KindFrequency,
    ReadinessReport,
    Severity,
    Status,
)
from secor_desktop.domain.registry import fast_signers

WINDOW_MONTHS = 12  # "12 months of documentation in the previous 12-month period"
DOCUMENT_REVIEW_MONTHS = 12  # directive documents are reviewed at least yearly
# Kinds that show the program in use, week by week: only these make an element span-bound.
SPAN_FREQUENCIES = frozenset(
    {Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.QUARTERLY}
)


@dataclass(frozen=True)
class _Context:
    company: Company
    pack: FrameworkPack
    as_of: date
    window_first: date  # the first day whose records count toward a span
    audit_date: date | None
    names: dict[str, str]
    owners: frozenset[str]
    counted: dict[RecordKind, list[Record]]
    dates: dict[RecordKind, list[date]]  # sorted event dates of the counted records
    not_counted: dict[RecordKind, list[tuple[Record, tuple[str, ...]]]]


def compute_readiness(
    company: Company,
    pack: FrameworkPack,
    workers: Sequence[Worker],
    records: Sequence[Record],
    actions: Sequence[CorrectiveAction],
    as_of: date,
    audit_date: date | None = None,
) -> ReadinessReport:
    names = {w.id: w.name for w in workers}
    counted: dict[RecordKind, list[Record]] = defaultdict(list)
    not_counted: dict[RecordKind, list[tuple[Record, tuple[str, ...]]]] = defaultdict(list)
    signers_of = fast_signers().get  # the kinds whose only condition is their signers
    for record in records:
        if record.event_date > as_of:
            continue
        # Fast path, inlined (this loop sees every record): see completeness.counts.
        required = signers_of(type(record.body))
        if required is not None and record.void_reason is None:
            content = record.content_sha256
            sheet = record.sheet_sha256
            sigs = record.signatures
            must_sign = required(record.body)
            for person in must_sign:
                for sig in sigs:
                    if sig.signer_id == person and (
                        sig.content_sha256 == content or sig.content_sha256 == sheet
                    ):
                        break
                else:
                    break  # someone has not signed this content: ask missing_for
            else:
                if must_sign:
                    counted[record.kind].append(record)
                    continue
        reasons = missing_for(record, names)
        if reasons:
            not_counted[record.kind].append((record, reasons))
        else:
            counted[record.kind].append(record)
    event_date = attrgetter("event_date")
    dates = {kind: sorted(map(event_date, rs)) for kind, rs in counted.items()}
    ctx = _Context(
        company=company,
        pack=pack,
        as_of=as_of,
        window_first=add_months(as_of, -WINDOW_MONTHS),
        audit_date=audit_date,
        names=names,
        owners=frozenset(w.id for w in workers if w.is_owner and w.active_on(as_of)),
        counted=counted,
        dates=dates,
        not_counted=not_counted,
    )
    sources = {a.source_record_id for a in actions if a.source_record_id}
    by_record = {r.id: r for r in records if r.id in sources}
    by_action = action_findings(actions, by_record, pack, as_of, names)
    people = people_findings(ctx.pack, ctx.as_of, ctx.audit_date, ctx.names, ctx.counted, workers)
    # The register warns whether an entry is signed or not: a lapsed letter is a fact.
    party = RecordKind(PARTY_KIND)
    register = [*counted.get(party, []), *(r for r, _ in not_counted.get(party, []))]
    parties = party_findings(pack, register, as_of)
    elements = tuple(
        _element(
            ctx,
            element,
            by_action.get(element.code, []) + people[element.code] + parties[element.code],
        )
        for element in pack.elements
    )
    worst = min(ORDER[e.status] for e in elements)
    status = next(s for s, rank in ORDER.items() if rank == worst)
    one = max(e.ready_one_year_on for e in elements)
    three = max(e.ready_three_year_on for e in elements)
    at_audit = None
    if audit_date is not None:
        blocked = any(e.status is Status.NOT_READY and not _span_only(e) for e in elements)
        at_audit = (
            Status.NOT_READY
            if blocked or audit_date < one
            else Status.ONE_YEAR
            if audit_date < three
            else Status.THREE_YEAR
        )
    return ReadinessReport(
        as_of=as_of,
        audit_date=audit_date,
        framework_id=pack.id,
        framework_version=pack.version,
        one_year_months=pack.record_span.one_year_months,
        three_year_months=pack.record_span.three_year_months,
        status=status,
        weakest_elements=tuple(e.code for e in elements if ORDER[e.status] == worst),
        elements=elements,
        findings=(*by_action.get("", []), *parties.get("", [])),
        ready_one_year_on=one,
        ready_three_year_on=three,
        ready_at_audit_date=at_audit,
        window_first=ctx.window_first,
    )


def _span_only(element: ElementReadiness) -> bool:
    """Not ready only because the span is short (time will fix it), no other blocker."""
    blockers = [f for f in element.findings if f.severity is Severity.BLOCKER]
    return all(f.code == "span_short" for f in blockers)


def _element(ctx: _Context, element: Element, extra: list[Finding]) -> ElementReadiness:
    span_cfg = ctx.pack.record_span
    kinds = element.evidence_kinds
    freq = {k: ctx.company.frequency_of(k) for k in kinds}
    span_required = any(f in SPAN_FREQUENCIES for f in freq.values())
    every = sorted(chain.from_iterable(ctx.dates.get(k, ()) for k in kinds))
    dates = every[bisect_left(every, ctx.window_first) :]  # the span counts these only
    first = dates[0] if dates else None
    last = dates[-1] if dates else None
    span_from = first
    if first is not None and _runs_into_window(ctx, kinds, freq):
        span_from = ctx.window_first
    findings: list[Finding] = []
    code = element.code
    # Frequencies over the window, from the element's first record on; gaps from real records.
    period_start = max(every[0], ctx.window_first) if every else ctx.window_first
    frequencies = []
    lapsed = False
    for kind in kinds:
        kind_dates = ctx.dates.get(kind, [])
        result = measure(kind_dates, freq[kind], period_start, ctx.as_of)
        frequencies.append(KindFrequency(kind, len(kind_dates), result))
        if result is not None and every:
            bound = span_required and freq[kind] in SPAN_FREQUENCIES
            kind_findings = _frequency_findings(code, kind, result, bound, bool(kind_dates))
            lapsed = lapsed or any(f.code == "frequency_lapsed" for f in kind_findings)
            findings.extend(kind_findings)
    # The span runs to the day judged while the program is in use (no declared frequency has
    # lapsed: the latest record is within its limit of today); after a lapse, to the latest
    # record. So records kept up to yesterday over the whole window make 12 months, as the
    # projected dates below say.
    end = last if lapsed or not span_required else ctx.as_of
    span = months_between(span_from, end) if span_from and end else 0
    if span_from is None:
        one = add_months(ctx.as_of, span_cfg.one_year_months)
        three = add_months(ctx.as_of, span_cfg.three_year_months)
    else:
        one = max(add_months(span_from, span_cfg.one_year_months), ctx.as_of)
        three = max(add_months(span_from, span_cfg.three_year_months), ctx.as_of)
    # Projected dates assume the declared frequencies are kept from now on: after a lapse,
    # that means resuming first (waiting alone never gets there).
    going = "once the lapsed records resume" if lapsed else "if you keep going"
    meets_one = first is not None and span >= span_cfg.one_year_months
    meets_three = first is not None and span >= span_cfg.three_year_months
    # With older records but none in the window, every span-bound kind has lapsed: say that.
    if span_required and first is None and not lapsed:
        findings.append(
            Finding(
                code,
                Severity.BLOCKER,
                "no_records",
                f"No signed, complete {_kind_names(kinds)} yet: start now; with your declared "
                f"frequencies the {span_cfg.one_year_months}-month mark is {one.isoformat()}.",
            )
        )
    elif span_required and first is not None and not meets_one:
        findings.append(
            Finding(
                code,
                Severity.BLOCKER,
                "span_short",
                f"Records span {span} month(s) from {span_from}; {span_cfg.one_year_months} are "
                f"needed for a one-year certificate (on {one.isoformat()} {going}).",
            )
        )
    elif span_required and first is not None and not meets_three:
        findings.append(
            Finding(
                code,
                Severity.NOTE,
                "span_one_year",
                f"Records span {span} month(s): enough for a one-year certificate; "
                f"{span_cfg.three_year_months} months (on {three.isoformat()} {going}) for "
                "three.",
            )
        )
    documents = [_document(ctx, doc) for doc in element.directive_documents]
    for doc in documents:
        if doc.record_id is None:
            findings.append(
                Finding(
                    code, Severity.BLOCKER, "document_missing", f"No signed {doc.name} on record."
                )
            )
        elif not doc.current:
            findings.append(
                Finding(
                    code,
                    Severity.BLOCKER,
                    "document_stale",
                    f"The {doc.name} was not signed or reviewed in the last "
                    f"{DOCUMENT_REVIEW_MONTHS} months.",
                    record_id=doc.record_id,
                )
            )
    if "policy" in {d.id for d in documents}:
        owner = _policy_owner(ctx, code)
        findings.extend(owner)
        # `current` agrees with the blocker: a policy the current owner has not signed is not.
        documents = [
            replace(d, record_id=owner[0].record_id, current=False)
            if owner and d.id == "policy"
            else d
            for d in documents
        ]
    not_counted = [rc for k in kinds for rc in ctx.not_counted.get(k, [])]
    for record, reasons in sorted(not_counted, key=lambda rc: rc[0].event_date):
        findings.append(
            Finding(
                code,
                Severity.NOTE,
                "not_counted",
                f"{record.kind.label} '{record.title}' of {record.event_date} does not "
                f"count: {'; '.join(reasons)}.",
                record_id=record.id,
            )
        )
    findings.extend(extra)
    blocked = any(f.severity is Severity.BLOCKER for f in findings)
    if blocked:
        status = Status.NOT_READY
    elif meets_three or not span_required:
        status = Status.THREE_YEAR
    else:
        status = Status.ONE_YEAR
    rank = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.NOTE: 2}
    findings.sort(key=lambda f: rank[f.severity])
    return ElementReadiness(
        code=code,
        name=element.name,
        status=status,
        span_required=span_required,
        first_record=first,
        last_record=last,
        span_months=span,
        meets_one_year=meets_one,
        meets_three_year=meets_three,
        counted=len(every),
        not_counted=len(not_counted),
        frequencies=tuple(frequencies),
        documents=tuple(documents),
        findings=tuple(findings),
        ready_one_year_on=one if span_required else ctx.as_of,
        ready_three_year_on=three if span_required else ctx.as_of,
        span_from=span_from,
    )


def _runs_into_window(
    ctx: _Context, kinds: Sequence[RecordKind], freq: dict[RecordKind, Frequency]
) -> bool:
    """Did a kind's records run into the window with no gap (so its span starts on day one)?

    The record just before the window does not count itself; it shows the program was already
    in use on the window's first day when the next record is within the kind's gap limit.
    """
    for kind in kinds:
        if freq[kind] not in SPAN_FREQUENCIES:
            continue
        kind_dates = ctx.dates.get(kind, [])
        i = bisect_left(kind_dates, ctx.window_first)
        limit = GAP_LIMIT_DAYS[freq[kind]]
        if 0 < i < len(kind_dates) and (kind_dates[i] - kind_dates[i - 1]).days <= limit:
            return True
    return False


def _kind_names(kinds: Sequence[RecordKind]) -> str:
    return " or ".join(k.label.lower() + "s" for k in kinds)


def _frequency_findings(
    code: str, kind: RecordKind, result: FrequencyResult, span_bound: bool, has_records: bool
) -> list[Finding]:
    findings = []
    if result.periods_total and result.periods_met * 100 < result.periods_total * 80:
        unit = {
            "daily": "working days",
            "weekly": "weeks",
            "monthly": "months",
            "quarterly": "quarters",
            "yearly": "years",
        }[result.frequency.value]
        findings.append(
            Finding(
                code,
                Severity.WARNING,
                "frequency_missed",
                f"{kind.label}: declared {result.frequency.value}, met in "
                f"{result.periods_met} of {result.periods_total} {unit}.",
            )
        )
    for gap in result.gaps:
        declared = result.frequency.value
        if gap.ongoing and span_bound:
            # The program is not in use: only doing the work fixes it, not waiting.
            text = (
                f"{kind.plural}: none since {gap.after} ({gap.days} days); you declared "
                f"{declared}. Resume them to be ready."
                if has_records
                else f"{kind.plural}: none on record, though you declared {declared} "
                f"({gap.days} days since {gap.after}). Start them to be ready."
            )
            findings.append(Finding(code, Severity.BLOCKER, "frequency_lapsed", text))
        elif gap.ongoing:
            text = (
                f"{kind.label}: none since {gap.after} ({gap.days} days): the declared "
                f"{declared} frequency has lapsed."
            )
            findings.append(Finding(code, Severity.WARNING, "gap_ongoing", text))
        else:
            text = f"{kind.label}: gap of {gap.days} days from {gap.after} to {gap.until}."
            findings.append(Finding(code, Severity.NOTE, "gap", text))
    return findings


def _document(ctx: _Context, doc: DirectiveDocument) -> DocumentCheck:
    """The newest counting record that fulfils a directive document, and whether it is current."""
    candidates: list[Record] = []
    for record in ctx.counted.get(RecordKind.DOCUMENT, []):
        body = record.body
        if isinstance(body, DocumentBody) and (
            doc.id in body.covers or (doc.id == "policy" and body.doc_type is DocumentType.POLICY)
        ):
            candidates.append(record)
    for kind in doc.record_kinds:
        candidates.extend(ctx.counted.get(kind, []))
    if not candidates:
        return DocumentCheck(doc.id, doc.name, None, False)
    newest = max(candidates, key=_reviewed_on)
    current = _reviewed_on(newest) > add_months(ctx.as_of, -DOCUMENT_REVIEW_MONTHS)
    return DocumentCheck(doc.id, doc.name, newest.id, current)


def _reviewed_on(record: Record) -> date:
    signed = [s.signed_at.date() for s in record.current_signatures]
    return max([record.event_date, *signed])


def _policy_owner(ctx: _Context, code: str) -> list[Finding]:
    policies = [
        r
        for r in ctx.counted.get(RecordKind.DOCUMENT, [])
        if isinstance(r.body, DocumentBody)
        and r.body.doc_type is DocumentType.POLICY
        and _reviewed_on(r) > add_months(ctx.as_of, -DOCUMENT_REVIEW_MONTHS)
    ]
    if not policies:
        return []
    if any(s.signer_id in ctx.owners for p in policies for s in p.current_signatures):
        return []
    return [
        Finding(
            code,
            Severity.BLOCKER,
            "policy_not_owner",
            "The health and safety policy is not signed by the current owner.",
            record_id=max(policies, key=_reviewed_on).id,
        )
    ]
