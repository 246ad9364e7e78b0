"""Switching framework packs on the demo company: every record kept, readiness worked out again.

The demo is built once for the module on a real SQLite file; each test switches to the pack it
needs first, so the order they run in does not matter.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer
from secor_desktop.domain.frameworks import AuditType, Technique
from secor_desktop.domain.kept_head import KeptHead
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.errors import Refused
from secor_desktop.services.facade import Services

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)
NEW_PACKS = ["alberta-8-element", "alberta-2019-10-element"]


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    folder = tmp_path_factory.mktemp("demo") / "data"
    services = open_services(AppPaths(folder), FixedClock(NOW))
    build_demo(services, seed=1)
    return services


def switch(services: Services, pack_id: str) -> None:
    """Choose a pack as the settings page does: save the profile with the new framework id."""
    company = services.company.get()
    assert company is not None
    services.company.save(replace(company, framework_id=pack_id))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("pack_id", NEW_PACKS)
def test_readiness_has_one_result_per_element_of_the_new_pack(
    services: Services, pack_id: str
) -> None:
    """After a switch, readiness is judged element by element against the chosen pack."""
    switch(services, pack_id)
    pack = services.framework()
    report = services.readiness.report(pack)
    assert pack.id == report.framework_id == pack_id
    assert [(e.code, e.name) for e in report.elements] == [(e.code, e.name) for e in pack.elements]
    assert all(e.counted > 0 for e in report.elements), "every element has demo records"


@pytest.mark.parametrize("pack_id", NEW_PACKS)
def test_switching_keeps_every_record_and_the_chain_before_it(
    services: Services, pack_id: str
) -> None:
    """Records are untouched; the only new revision is the profile, on top of the old head."""
    switch(services, "secor-9-element")
    before, records = services.info(), services.records.find()
    switch(services, pack_id)
    after = services.info()
    assert services.records.find() == records
    assert after.record_counts == before.record_counts
    assert after.revisions == before.revisions + 1
    kept = services.check_kept_head(KeptHead(before.chain_head, before.revisions))
    assert kept.ok, str(kept)


def test_switching_changes_the_elements_and_switching_back_restores_them(
    services: Services,
) -> None:
    """Nine generic elements, then Alberta's ten, then the same nine results again."""
    switch(services, "secor-9-element")
    nine = services.readiness.report(services.framework())
    switch(services, "alberta-2019-10-element")
    ten = services.readiness.report(services.framework())
    switch(services, "secor-9-element")
    again = services.readiness.report(services.framework())
    assert len(nine.elements) == 9 and len(ten.elements) == 10
    assert ten.elements[-1].name == "Other workplace parties"
    assert again == nine


def test_the_data_still_verifies_after_switches(services: Services) -> None:
    """Every record and the profile revisions check out against their hashes."""
    switch(services, "alberta-8-element")
    switch(services, "cor-14-element")
    assert services.verify().ok


@pytest.mark.parametrize("pack_id", NEW_PACKS)
def test_cli_readiness_works_with_each_new_pack(
    services: Services, pack_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`readiness --json` names the pack and gives its elements, with no error output."""
    switch(services, pack_id)
    folder = str(services.locations.data_dir)
    code, out, err = run_cli(capsys, "--data-dir", folder, "readiness", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["framework_id"] == pack_id
    codes = [e.code for e in services.framework().elements]
    assert [e["code"] for e in report["elements"]] == codes


def evaluation_with_the_generic_pack(services: Services) -> str:
    """Save a generic-pack evaluation answering no (1 of 4 in interviews); return its id."""
    switch(services, "secor-9-element")
    pack = services.framework()
    answers = {
        qid: StoredAnswer(AnswerKind.INTERVIEW, positive=1, asked=4)
        if question.technique is Technique.INTERVIEW
        else StoredAnswer(AnswerKind.NO)
        for qid, (_, question) in pack.questions().items()
    }
    evaluation, _ = services.evaluations.save(
        pack, answers, AuditType.MAINTENANCE, NOW.date(), auditor="Internal auditor"
    )
    return evaluation.id


def test_evaluations_from_another_pack_are_kept_and_left_unscored(services: Services) -> None:
    """They keep their own pack id: listed, not scored or charted by the new pack."""
    saved = evaluation_with_the_generic_pack(services)
    switch(services, "alberta-8-element")
    pack = services.framework()
    history = {s.evaluation.id: s for s in services.evaluations.history(pack)}
    assert history[saved].evaluation.framework_id == "secor-9-element"
    assert history[saved].report is None
    assert services.evaluations.trend(pack) == []
    snapshot = services.pages.evaluations()
    assert [s.report for s in snapshot.history if s.evaluation.id == saved] == [None]


def test_actions_are_not_raised_from_another_packs_evaluation(services: Services) -> None:
    """Question 1.1 of one pack is not 1.1 of another: the request is refused, none raised."""
    saved = evaluation_with_the_generic_pack(services)
    switch(services, "alberta-8-element")
    actions = services.actions.all()
    with pytest.raises(Refused, match="made with the secor-9-element pack"):
        services.evaluations.actions_from_no(
            saved, services.framework(), owner_id=None, due_date=NOW.date()
        )
    assert services.actions.all() == actions


def test_cli_evaluations_says_other_packs_evaluations_are_kept(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a switch the owner is told the earlier evaluations exist, not that there are none."""
    evaluation_with_the_generic_pack(services)
    switch(services, "alberta-2019-10-element")
    folder = str(services.locations.data_dir)
    code, out, err = run_cli(capsys, "--data-dir", folder, "evaluations")
    assert (code, err) == (0, "")
    assert "No saved evaluations with the alberta-2019-10-element pack yet" in out
    assert "made with another pack (secor-9-element) are kept" in out
