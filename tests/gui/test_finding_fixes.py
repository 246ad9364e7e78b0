"""Every readiness finding code leads to what fixes it (gui/fixes.py), checked code by code.

The codes are read from the domain's source, so a code added there without a rule (and a
scenario here) fails this test by name.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import secor_desktop.domain as domain_package
from secor_desktop.domain.bodies import DocumentBody, DocumentType, TrainingBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import Finding, Severity
from secor_desktop.gui import editors, fixes
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany


def domain_codes() -> set[str]:
    """Finding codes the domain can produce: the string after a ``Severity.X`` in a call or
    tuple (directly, in an ``a if c else b``, or through a variable assigned strings)."""
    codes: set[str] = set()
    folder = Path(domain_package.__file__).parent
    for path in folder.glob("readiness*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                        assigned.setdefault(target.id, set()).add(node.value.value)
        for node in ast.walk(tree):
            items = node.args if isinstance(node, ast.Call) else getattr(node, "elts", None)
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items[:-1]):
                if _is_severity(item):
                    codes |= _strings(items[i + 1], assigned)
    return codes


def _is_severity(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):
        return _is_severity(node.body) and _is_severity(node.orelse)
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Severity"
    )


def _strings(node: ast.expr, assigned: dict[str, set[str]]) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, assigned) | _strings(node.orelse, assigned)
    if isinstance(node, ast.Name):
        return assigned.get(node.id, set())
    return set()


@dataclass
class Expect:
    """What a finding's fix must do: open an editor of ``kind`` (new, or ``record``) with
    ``title`` and body fields, show an action, or explain with words in ``says``."""

    kind: RecordKind | None = None
    title: str = ""
    body: dict[str, Any] = field(default_factory=dict)
    record: bool = False
    action: bool = False
    says: tuple[str, ...] = ()


@dataclass
class World:
    company: SmallCompany
    record_id: str
    training_id: str
    action_id: str


Scenario = Callable[[World], tuple[Finding, Expect]]


def _world(company: SmallCompany) -> World:
    services = company.services
    record = company.inspection()
    training = services.records.create(
        RecordKind.TRAINING,
        title="Fall protection",
        event_date=TODAY - timedelta(days=1200),
        site_id=None,
        body=TrainingBody(
            company.worker.id, "Fall protection", "Prairie Safety Training", date(2026, 10, 1)
        ),
    )
    action = services.actions.raise_action(
        "Clear the pallets from the aisle",
        due_date=TODAY - timedelta(days=3),
        owner_id=company.lead.id,
        source_record_id=record.id,
        created_date=TODAY - timedelta(days=20),
    )
    return World(company, record.id, training.id, action.id)


def _f(element: str, severity: Severity, code: str, message: str, **ids: str) -> Finding:
    return Finding(element, severity, code, message, **ids)


B, W, N = Severity.BLOCKER, Severity.WARNING, Severity.NOTE
POLICY = "No signed Health and safety policy statement on record."
SCENARIOS: dict[str, Scenario] = {
    "document_missing": lambda w: (
        _f("1", B, "document_missing", POLICY),
        Expect(
            RecordKind.DOCUMENT,
            "Health and safety policy statement",
            {"doc_type": DocumentType.POLICY, "owner_id": w.company.owner.id},
        ),
    ),
    "document_stale": lambda w: (
        _f("5", B, "document_stale", "The schedule was not reviewed.", record_id=w.record_id),
        Expect(RecordKind.INSPECTION, record=True),
    ),
    "policy_not_owner": lambda w: (
        _f("1", B, "policy_not_owner", "Not signed by the owner.", record_id=w.record_id),
        Expect(RecordKind.INSPECTION, record=True),
    ),
    "not_counted": lambda w: (
        _f("5", N, "not_counted", "Inspection does not count.", record_id=w.record_id),
        Expect(RecordKind.INSPECTION, record=True),
    ),
    "no_records": lambda w: (
        _f("5", B, "no_records", "No signed, complete inspections yet: start now."),
        Expect(RecordKind.INSPECTION),
    ),
    "frequency_missed": lambda w: (
        _f("2", W, "frequency_missed", "Field-level hazard assessment: declared daily, met 1."),
        Expect(RecordKind.FLHA),
    ),
    "gap_ongoing": lambda w: (
        _f("9", W, "gap_ongoing", "Toolbox talk / safety meeting: none since 2026-09-01."),
        Expect(RecordKind.TOOLBOX_TALK),
    ),
    "frequency_lapsed": lambda w: (
        _f("5", B, "frequency_lapsed", "Inspection: none since 2026-08-01, over the limit."),
        Expect(RecordKind.INSPECTION),
    ),
    "gap": lambda w: (
        _f("5", N, "gap", "Inspection: gap of 40 days from 2026-01-02 to 2026-02-11."),
        Expect(says=("gap of 40 days", "cannot be filled", "declared frequency")),
    ),
    "span_short": lambda w: (
        _f("5", B, "span_short", "Records span 0 month(s)."),
        Expect(says=("of the 3 months a one-year certificate needs", "Keep recording")),
    ),
    "span_one_year": lambda w: (
        _f("5", N, "span_one_year", "Records span 4 month(s)."),
        Expect(says=("Keep recording", "you reach")),
    ),
    "certificate_expired": lambda w: (
        _f(
            "4",
            W,
            "certificate_expired",
            "Expired.",
            record_id=w.training_id,
            worker_id=w.company.worker.id,
        ),
        Expect(
            RecordKind.TRAINING,
            "Fall protection — Sam Okafor",
            {
                "worker_id": w.company.worker.id,
                "course": "Fall protection",
                "provider": "Prairie Safety Training",
            },
        ),
    ),
    "certificate_expiring": lambda w: (
        _f(
            "4",
            W,
            "certificate_expiring",
            "Expires soon.",
            record_id=w.training_id,
            worker_id=w.company.worker.id,
        ),
        Expect(
            RecordKind.TRAINING,
            "Fall protection — Sam Okafor",
            {"worker_id": w.company.worker.id, "course": "Fall protection"},
        ),
    ),
    "no_orientation": lambda w: (
        _f(
            "4",
            W,
            "no_orientation",
            "Sam Okafor has no signed orientation on record.",
            worker_id=w.company.worker.id,
        ),
        Expect(
            RecordKind.ORIENTATION, "Orientation — Sam Okafor", {"worker_id": w.company.worker.id}
        ),
    ),
    "action_overdue": lambda w: (
        _f("5", W, "action_overdue", "Overdue.", record_id=w.record_id, action_id=w.action_id),
        Expect(action=True),
    ),
    "action_open": lambda w: (
        _f("5", N, "action_open", "Open.", record_id=w.record_id, action_id=w.action_id),
        Expect(action=True),
    ),
    # A party's paper to renew opens the entry it names (an inspection stands in for it here).
    **{
        code: (
            lambda w, code=code: (
                _f("9", W, code, "Acme's WCB clearance letter expires.", record_id=w.record_id),
                Expect(RecordKind.INSPECTION, record=True),
            )
        )
        for code in ("party_expired", "party_expiring_30", "party_expiring_60", "party_expiring_90")
    },
}


def test_the_domain_codes_are_found() -> None:
    """The source scan sees the codes we know of (so a new one would be seen too)."""
    assert {"no_records", "span_short", "document_missing", "gap", "gap_ongoing"} <= (
        domain_codes()
    )
    assert {"certificate_expired", "certificate_expiring", "action_overdue"} <= domain_codes()


@pytest.mark.parametrize("code", sorted(domain_codes() | set(fixes.RULES)))
def test_every_finding_code_has_a_working_fix(
    qtbot: QtBot, company: SmallCompany, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each code's fix opens the right editor, prefilled, or the action, or says what to do."""
    assert code in fixes.RULES, f"add a rule for '{code}' in gui/fixes.RULES"
    assert code in SCENARIOS, f"add a scenario for '{code}' in this test"
    services = company.services
    world = _world(company)
    finding, expect = SCENARIOS[code](world)
    report = services.readiness.report(services.framework())
    ctx = fixes.FixContext(services, report, services.framework())
    fix = fixes.fix_for(finding, ctx)
    assert fix.label
    if expect.action:
        shown: list[str] = []
        assert fixes.start_fix(_parent(qtbot), services, fix, shown.append) is False
        assert shown == [world.action_id]
    elif expect.says:
        for words in expect.says:
            assert words in fix.explanation
        assert fix.new_kind is None and fix.record_id is None
    else:
        _check_editor(qtbot, services, fix, expect, finding, monkeypatch)


def _check_editor(
    qtbot: QtBot,
    services: Services,
    fix: fixes.Fix,
    expect: Expect,
    finding: Finding,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = fixes.prepared_editor(None, services, fix)
    assert isinstance(editor, RecordEditor)
    qtbot.addWidget(editor)
    assert editor.kind is expect.kind
    if expect.record:
        assert editor.record is not None and editor.record.id == finding.record_id
        opened: list[tuple[RecordKind, str | None]] = []
        monkeypatch.setattr(
            editors,
            "open_record_editor",
            lambda _p, _s, kind, rid=None: opened.append((kind, rid)) or False,
        )
        fixes.start_fix(_parent(qtbot), services, fix, lambda _a: None)
        assert opened == [(expect.kind, finding.record_id)]
    else:
        assert editor.record is None
        assert editor.title.text() == expect.title
        body = editor.form.body()
        for name, value in expect.body.items():
            assert getattr(body, name) == value, name
        assert not editor.is_dirty()  # closing it untouched asks nothing
    editor.done(0)


def _parent(qtbot: QtBot) -> Any:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_missing_emergency_plan_opens_its_starter_document(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """A missing directive document opens its starter document, filled from the profile."""
    services = company.services
    report = services.readiness.report(services.framework())
    finding = _f("7", B, "document_missing", "No signed Emergency response plan on record.")
    fix = fixes.fix_for(finding, fixes.FixContext(services, report, services.framework()))
    assert fix.new_kind is RecordKind.DOCUMENT
    assert fix.title == "Emergency response plan"
    assert fix.body_fields["covers"] == ("emergency_response_plan",)
    assert fix.body_fields["template_id"] == "emergency_response_plan"
    assert "Emergency response plan for Main yard" in fix.body_fields["text"]
    assert "{{muster_point}}" in fix.body_fields["text"]


def test_without_a_starter_a_missing_emergency_plan_opens_an_emergency_plan(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directive document kept as its own kind of record, with no starter, opens that kind."""
    services = company.services
    monkeypatch.setattr(services.program, "for_document", lambda doc_id: None)
    report = services.readiness.report(services.framework())
    finding = _f("7", B, "document_missing", "No signed Emergency response plan on record.")
    fix = fixes.fix_for(finding, fixes.FixContext(services, report, services.framework()))
    assert fix.new_kind is RecordKind.EMERGENCY_PLAN
    assert fix.title == "Emergency response plan"


def test_a_missing_document_is_prefilled_to_cover_it(company: SmallCompany) -> None:
    """The new document names the framework document it fulfils (``covers``)."""
    services = company.services
    report = services.readiness.report(services.framework())
    finding = _f("3", B, "document_missing", "No signed Safe work procedures on record.")
    fix = fixes.fix_for(finding, fixes.FixContext(services, report, services.framework()))
    assert fix.body_fields["covers"] == ("safe_work_procedures",)
    assert fix.body_fields["doc_type"] is DocumentType.SAFE_JOB_PROCEDURE


def test_an_unknown_code_falls_back_on_what_the_finding_names(company: SmallCompany) -> None:
    """A code added later with no rule still opens its record, or a record of its kind."""
    services = company.services
    report = services.readiness.report(services.framework())
    ctx = fixes.FixContext(services, report, services.framework())
    named = fixes.fix_for(_f("5", W, "brand_new", "x", record_id="r1"), ctx)
    assert named.record_id == "r1"
    kind = fixes.fix_for(_f("2", B, "brand_new", "Formal hazard assessment: lapsed."), ctx)
    assert kind.new_kind is RecordKind.HAZARD_ASSESSMENT


def test_a_missing_document_with_a_draft_opens_the_draft(company: SmallCompany) -> None:
    """A policy saved but not signed is finished, not written a second time."""
    services = company.services
    draft = services.records.create(
        RecordKind.DOCUMENT,
        title="Health and safety policy statement",
        event_date=TODAY,
        site_id=None,
        body=DocumentBody(DocumentType.POLICY, "1", "We keep everyone safe.", company.owner.id),
    )
    report = services.readiness.report(services.framework())
    policy = next(e for e in report.elements if e.code == "1")
    missing = next(f for f in policy.findings if f.code == "document_missing")
    fix = fixes.fix_for(missing, fixes.FixContext(services, report, services.framework()))
    assert fix.record_id == draft.id and fix.new_kind is None
    assert fix.label.startswith("Open the draft")
