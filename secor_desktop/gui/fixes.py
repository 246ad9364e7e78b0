"""From a readiness finding to what fixes it: one rule per finding code.

The dashboard asks ``fix_for(finding, context)`` for a ``Fix`` (what to do, in words, and
how: a new record of some kind with fields filled in, an existing record, a corrective
action, or only an explanation) and ``start_fix`` carries it out. The rules are data: a new
finding code is one line in ``RULES`` pointing at one of the rule functions below. A code with
no rule still gets a sensible fix from what the finding names (its action, its record, the
kind of record its message starts with), so a code added to the domain is never a dead end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from secor_desktop.domain.bodies import DocumentBody, DocumentType, TrainingBody
from secor_desktop.domain.frameworks import DirectiveDocument, FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.readiness_model import (
    ElementReadiness,
    Finding,
    ReadinessReport,
)
from secor_desktop.gui import notify
from secor_desktop.gui.forms.dates import to_qdate
from secor_desktop.gui.pages._forms import open_record
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.facade import Services
from secor_desktop.services.program import ProgramFacts

# The document type a framework's directive document is written as (others are "Other").
DOCUMENT_TYPES = {
    "policy": DocumentType.POLICY,
    "safe_work_practices": DocumentType.SAFE_WORK_PRACTICE,
    "safe_work_procedures": DocumentType.SAFE_JOB_PROCEDURE,
}


@dataclass(frozen=True)
class Fix:
    """What fixes one finding. Exactly one way is set: ``new_kind`` (a new record, with
    ``title`` and ``body_fields`` filled in), ``record_id`` (open it), ``action_id`` (show
    that corrective action) or ``explanation`` only."""

    label: str  # the button's words, e.g. "Record a new training…"
    new_kind: RecordKind | None = None
    title: str = ""
    body_fields: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None
    action_id: str | None = None
    explanation: str = ""
    site_id: str = ""  # a new record's site, when it is known (the Today page's items)
    event_date: date | None = None  # a new record's date (never after today)


@dataclass(frozen=True)
class FixContext:
    """What a rule may look at besides the finding itself.

    A page that read a snapshot passes its ``facts`` and ``records``: describing a fix then
    reads nothing (the dashboard describes several while it shows). Without them the rules
    ask the services."""

    services: Services
    report: ReadinessReport
    pack: FrameworkPack
    facts: ProgramFacts | None = None
    records: Sequence[Record] = ()

    def element(self, finding: Finding) -> ElementReadiness | None:
        return next((e for e in self.report.elements if e.code == finding.element), None)

    @cached_property
    def program_facts(self) -> ProgramFacts:
        return self.facts or self.services.program.facts()

    @cached_property
    def _records_by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}

    def record(self, record_id: str) -> Record:
        """The record a finding names (NotFoundError when there is none)."""
        found = self._records_by_id.get(record_id)
        return found if found is not None else self.services.records.get(record_id)

    def names(self) -> dict[str, str]:
        return {w.id: w.name for w in self.program_facts.workers}

    def owner_id(self) -> str:
        today = self.services.ctx.clock.today()
        owners = [w for w in self.program_facts.workers if w.is_owner and w.active_on(today)]
        return owners[0].id if owners else ""


Rule = Callable[[Finding, FixContext], Fix]


# --- the rules ---------------------------------------------------------------------------


def new_document(finding: Finding, ctx: FixContext) -> Fix:
    """A missing directive document: a new document (or emergency plan) record of that name."""
    element = ctx.element(finding)
    docs = [
        d for e in ctx.pack.elements if e.code == finding.element for d in e.directive_documents
    ]
    missing = {d.id for d in element.documents if d.record_id is None} if element else set()
    doc = next((d for d in docs if d.name in finding.message), None) or next(
        (d for d in docs if d.id in missing), None
    )
    if doc is None:
        return new_record_of_kind(finding, ctx)
    draft = _unsigned_draft_of(doc, element, ctx)
    if draft is not None:
        name = doc.name[:1].lower() + doc.name[1:]
        return Fix(f"Open the draft {name} to sign it…", record_id=draft)
    starter = _starter_fix(doc, ctx)
    if starter is not None:
        return starter
    if doc.record_kinds and RecordKind.DOCUMENT not in doc.record_kinds:
        kind = doc.record_kinds[0]
        return Fix(f"Write the {doc.name.lower()}…", new_kind=kind, title=doc.name)
    fields: dict[str, Any] = {
        "doc_type": DOCUMENT_TYPES.get(doc.id, DocumentType.OTHER),
        "covers": (doc.id,),
    }
    if owner := ctx.owner_id():
        fields["owner_id"] = owner
    return Fix(
        f"Write the {doc.name[:1].lower() + doc.name[1:]}…",
        new_kind=RecordKind.DOCUMENT,
        title=doc.name,
        body_fields=fields,
    )


def _starter_fix(doc: DirectiveDocument, ctx: FixContext) -> Fix | None:
    """The starter document for it, filled from the profile, in a new (unsaved) editor."""
    template = ctx.services.program.for_document(doc.id)
    if template is None:
        return None
    _, body = ctx.services.program.draft(template.id, facts=ctx.program_facts)
    fields = {f.name: getattr(body, f.name) for f in dataclasses.fields(body)}
    name = doc.name[:1].lower() + doc.name[1:]
    return Fix(
        f"Write the {name}…",  # the editor opens on the starter document, filled in
        new_kind=RecordKind.DOCUMENT,
        title=doc.name,
        body_fields=fields,
    )


def _unsigned_draft_of(
    doc: DirectiveDocument, element: ElementReadiness | None, ctx: FixContext
) -> str | None:
    """A saved but not yet counting record of this document (a draft): finish that one
    rather than start a second."""
    labels = tuple(k.label for k in (RecordKind.DOCUMENT, *doc.record_kinds))
    for finding in element.findings if element else ():
        # Only records of a kind that can stand for the document are read (their message
        # starts with the kind's name), so a long list of unsigned inspections costs nothing.
        if finding.code != "not_counted" or not finding.record_id:
            continue
        if not finding.message.startswith(labels):
            continue
        try:
            record = ctx.record(finding.record_id)
        except NotFoundError:
            continue
        body = record.body
        if record.kind in doc.record_kinds or record.title.strip() == doc.name:
            return record.id
        if isinstance(body, DocumentBody) and (
            doc.id in body.covers or (doc.id == "policy" and body.doc_type is DocumentType.POLICY)
        ):
            return record.id
    return None


def new_training(finding: Finding, ctx: FixContext) -> Fix:
    """An expired or expiring certificate: a new training record for that worker and course."""
    worker = finding.worker_id or ""
    course = provider = ""
    if finding.record_id:
        try:
            body = ctx.record(finding.record_id).body
        except NotFoundError:
            body = None
        if isinstance(body, TrainingBody):
            worker, course, provider = worker or body.worker_id, body.course, body.provider
    name = ctx.names().get(worker, "")
    fields = {"worker_id": worker, "course": course, "provider": provider}
    title = " — ".join(t for t in (course, name) if t)
    return Fix("Record the renewed training…", RecordKind.TRAINING, title, fields)


def new_orientation(finding: Finding, ctx: FixContext) -> Fix:
    """A worker with no orientation: a new orientation for that worker."""
    name = ctx.names().get(finding.worker_id or "", "")
    title = f"Orientation — {name}" if name else "Orientation"
    fields = {"worker_id": finding.worker_id or ""}
    return Fix(f"Record {name or 'the'} orientation…", RecordKind.ORIENTATION, title, fields)


def new_record_of_kind(finding: Finding, ctx: FixContext) -> Fix:
    """No records, or records not kept as often as declared: a new record of that kind."""
    kind = kind_named(finding, ctx)
    if kind is None:
        return explain(finding, ctx)
    return Fix(f"Add a new {kind.label.lower()}…", new_kind=kind)


def open_named_record(label: str) -> Rule:
    """The finding names the record to work on (complete it, sign it, review it)."""

    def rule(finding: Finding, ctx: FixContext) -> Fix:
        if not finding.record_id:
            return explain(finding, ctx)
        return Fix(label, record_id=finding.record_id)

    return rule


def show_action(finding: Finding, ctx: FixContext) -> Fix:
    """An open or overdue corrective action: show that action."""
    if not finding.action_id:
        return explain(finding, ctx)
    return Fix("Open the corrective action…", action_id=finding.action_id)


def wait_for_span(finding: Finding, ctx: FixContext) -> Fix:
    """Records do not span long enough yet: nothing to fix now, say how long and what to do."""
    element = ctx.element(finding)
    if element is None:
        return explain(finding, ctx)
    report = ctx.report
    one_year = not element.meets_one_year
    needed = report.one_year_months if one_year else report.three_year_months
    on = element.ready_one_year_on if one_year else element.ready_three_year_on
    which = "one-year" if one_year else "three-year"
    keep = [
        f"{f.kind.label.lower()}s {f.result.frequency.value}"
        for f in element.frequencies
        if f.result is not None
    ]
    doing = "; ".join(keep) if keep else "these records as you do the work"
    text = (
        f"{element.code}. {element.name}: your records cover {element.span_months} of the "
        f"{needed} months a {which} certificate needs. There is nothing to fix: time does it. "
        f"Keep recording {doing}, and you reach {needed} months on {on.isoformat()} "
        f"({_months_away(on, report.as_of)})."
    )
    return Fix("How long to wait?", explanation=text)


def past_gap(finding: Finding, ctx: FixContext) -> Fix:
    """A gap in the past cannot be filled (records are never back-dated)."""
    return Fix(
        "What to do about it?",
        explanation=(
            f"{finding.message} A past gap cannot be filled: records are never back-dated. "
            "Keep to your declared frequency from now on. If the auditor asks, say why there "
            "was a gap (a shutdown, the winter season); a line in the next record is enough."
        ),
    )


def explain(finding: Finding, _ctx: FixContext) -> Fix:
    return Fix("What to do?", explanation=finding.message)


RULES: dict[str, Rule] = {
    "document_missing": new_document,
    "document_stale": open_named_record("Open it to review and sign again…"),
    "policy_not_owner": open_named_record("Open the policy for the owner to sign…"),
    "not_counted": open_named_record("Open the record to finish it…"),
    "no_records": new_record_of_kind,
    "frequency_missed": new_record_of_kind,
    "gap_ongoing": new_record_of_kind,
    "frequency_lapsed": new_record_of_kind,  # the lapsed-frequency blocker (name assumed)
    "gap": past_gap,
    "span_short": wait_for_span,
    "span_one_year": wait_for_span,
    "certificate_expired": new_training,
    "certificate_expiring": new_training,
    "no_orientation": new_orientation,
    "action_overdue": show_action,
    "action_open": show_action,
    # Other workplace parties: a letter, policy or ticket is renewed by amending the entry.
    **dict.fromkeys(
        ("party_expired", "party_expiring_30", "party_expiring_60", "party_expiring_90"),
        open_named_record("Open the party's entry to renew it…"),
    ),
}
TIME_FIXES = frozenset(c for c, rule in RULES.items() if rule is wait_for_span)


def fix_for(finding: Finding, ctx: FixContext) -> Fix:
    """The fix for a finding; a code with no rule falls back on what the finding names."""
    rule = RULES.get(finding.code)
    if rule is not None:
        return rule(finding, ctx)
    if finding.action_id:
        return show_action(finding, ctx)
    if finding.record_id:
        return open_named_record("Open the record…")(finding, ctx)
    if finding.worker_id and RecordKind.ORIENTATION.label.lower() in finding.message.lower():
        return new_orientation(finding, ctx)
    return new_record_of_kind(finding, ctx)


def kind_named(finding: Finding, ctx: FixContext) -> RecordKind | None:
    """The kind a finding is about: the one its message starts with (as "Inspection: …"),
    else the element's first kind kept at a declared frequency, else its first kind."""
    element = ctx.element(finding)
    kinds = [f.kind for f in element.frequencies] if element else list(RecordKind)
    for kind in sorted(kinds, key=lambda k: -len(k.label)):
        if finding.message.startswith(kind.label + ":"):
            return kind
    if element is None:
        return None
    timed = [f.kind for f in element.frequencies if f.result is not None]
    return next(iter(timed or kinds), None)


def _months_away(day: date, today: date) -> str:
    days = (day - today).days
    if days <= 0:
        return "today"
    if days < 45:
        return f"in {days} day{'s' if days != 1 else ''}"
    return f"in about {round(days / 30.4)} months"


# --- carrying a fix out -------------------------------------------------------------------


def prepared_editor(parent: QWidget | None, services: Services, fix: Fix) -> QWidget | None:
    """The editor a fix opens, filled in and not yet shown (None for other kinds of fix).

    The filled-in form counts as the editor's starting point: closing it untouched asks
    nothing and leaves no draft behind.
    """
    from secor_desktop.gui.editors.base import RecordEditor

    if fix.new_kind is not None:
        editor = RecordEditor(parent, services, fix.new_kind)
        if fix.title:
            editor.title.setText(fix.title)
        if fix.event_date is not None:
            editor.event_date.setDate(to_qdate(fix.event_date))
        if fix.site_id and editor.site.findData(fix.site_id) >= 0:
            editor.site.setCurrentIndex(editor.site.findData(fix.site_id))
        if fix.body_fields:
            body = editor.form.body()
            wanted = {k: v for k, v in fix.body_fields.items() if hasattr(body, k)}
            editor.form.load(replace(body, **wanted))
        editor._clean = editor.snapshot()  # the prefilled form is the starting point
        _focus_first_empty(editor)
        return editor
    if fix.record_id is not None:
        return RecordEditor(parent, services, _kind_of(services, fix.record_id), fix.record_id)
    return None


def _focus_first_empty(editor: QWidget) -> None:
    """The keyboard starts in the first text field the prefill left empty."""
    for field_widget in editor.findChildren(QWidget):
        if isinstance(field_widget, QLineEdit):
            empty = not field_widget.text()
        elif isinstance(field_widget, QPlainTextEdit):
            empty = not field_widget.toPlainText()
        else:
            continue
        if empty and not field_widget.isReadOnly() and field_widget.isEnabled():
            field_widget.setFocus()
            return
    # Nothing left empty (a starter document comes filled in): start at its first blank.
    from secor_desktop.gui.editors.base import RecordEditor
    from secor_desktop.gui.editors.document import DocumentForm

    if isinstance(editor, RecordEditor) and isinstance(editor.form, DocumentForm):
        editor.form.marks.select_next_blank()


def _kind_of(services: Services, record_id: str) -> RecordKind:
    return services.records.get(record_id).kind


def start_fix(
    parent: QWidget,
    services: Services,
    fix: Fix,
    open_action: Callable[[str], None],
) -> bool:
    """Carry out a fix (modally for an editor); True when something was saved."""
    if fix.action_id is not None:
        open_action(fix.action_id)
        return False
    if fix.explanation:
        notify.info(fix.explanation, parent)
        return False
    if fix.record_id is not None:
        try:
            kind = _kind_of(services, fix.record_id)
        except NotFoundError as exc:
            notify.warning(f"This record cannot be opened: {exc}", parent)
            return False
        return open_record(parent, services, kind, fix.record_id)
    editor = prepared_editor(parent, services, fix)
    if editor is None:
        return False
    from secor_desktop.gui.editors.base import RecordEditor

    assert isinstance(editor, RecordEditor)
    editor.exec()
    saved = editor.saved_any
    editor.deleteLater()
    return saved
