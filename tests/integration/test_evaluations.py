"""Self-evaluations through the services and the CLI: score, save, trend, actions, cycle."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.evaluation import parse_answers
from secor_desktop.domain.frameworks import AuditType, load_bundled_pack
from secor_desktop.services.errors import NotFoundError, ValidationError
from tests.conftest import SmallCompany

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"
PACK = load_bundled_pack("secor-9-element")


def _answers(path: Path = EXAMPLE) -> dict:  # type: ignore[type-arg]
    return parse_answers(path.read_text("utf-8"), path.name, PACK).answers


def test_hard_fail_case_fails_and_names_the_element(company: SmallCompany) -> None:
    """85% overall with Emergency response at 45%: fail, naming element 7."""
    report = company.services.evaluations.score(PACK, _answers(), AuditType.CERTIFICATION)
    assert report.overall_pct == pytest.approx(85.0)
    assert [e.code for e in report.failing_elements] == ["7"]
    assert not report.passed


def test_unanswered_question_is_named(company: SmallCompany) -> None:
    """Scoring with a question left out names the first unanswered question."""
    answers = _answers()
    del answers["3.3"]
    with pytest.raises(ValidationError, match=r"answers\.3\.3: is not answered"):
        company.services.evaluations.score(PACK, answers, AuditType.CERTIFICATION)


def test_saved_evaluation_is_in_the_chain_and_the_trend(company: SmallCompany) -> None:
    """A saved evaluation appears in the trend with its date and type, and verify passes."""
    services = company.services
    services.evaluations.save(
        PACK,
        _answers(),
        AuditType.CERTIFICATION,
        date(2026, 10, 15),
        external=True,
        auditor="Pat Auditor",
    )
    (point,) = services.evaluations.trend(PACK)
    assert (point.eval_date, point.audit_type, point.external, point.passed) == (
        date(2026, 10, 15),
        AuditType.CERTIFICATION,
        True,
        False,
    )
    assert services.verify().ok


def test_evaluation_dated_in_the_future_is_refused(company: SmallCompany) -> None:
    """An audit cannot be saved with a date after today."""
    with pytest.raises(ValidationError, match="date: 2027-01-01 is in the future"):
        company.services.evaluations.save(PACK, _answers(), AuditType.MAINTENANCE, date(2027, 1, 1))
    assert company.services.evaluations.all() == []


def test_no_answers_become_corrective_actions(company: SmallCompany) -> None:
    """Each 'no' answer of a saved evaluation can become a corrective action."""
    services = company.services
    evaluation, _ = services.evaluations.save(
        PACK, _answers(), AuditType.CERTIFICATION, date(2026, 10, 15)
    )
    raised = services.evaluations.actions_from_no(
        evaluation.id, PACK, owner_id=company.lead.id, due_date=date(2026, 12, 1)
    )
    noes = [q for q, a in evaluation.answers.items() if a.kind.value == "no"]
    assert len(raised) == len(noes) == 8
    assert any("question 7.2" in a.description for a in raised)


def test_cycle_needs_a_certificate_date(company: SmallCompany) -> None:
    """Without a certificate date the cycle says what to set."""
    with pytest.raises(NotFoundError, match="certificate date"):
        company.services.evaluations.cycle()


def test_cycle_counts_a_saved_maintenance_audit(company: SmallCompany) -> None:
    """Certified in 2025: a maintenance audit near the 2026 anniversary is marked done."""
    from dataclasses import replace

    services = company.services
    profile = services.company.get()
    assert profile is not None
    services.company.save(replace(profile, certificate_date=date(2025, 11, 10)))
    services.evaluations.save(PACK, _answers(), AuditType.MAINTENANCE, date(2026, 10, 20))
    report = services.evaluations.cycle(date(2026, 11, 2))
    first = report.slots[0]
    assert first.held_on == date(2026, 10, 20) and first.status.value == "done"


def test_score_cli_prints_fail_and_the_element(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """secor-desktop score prints FAIL naming the element under the floor."""
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Overall: 85.0%" in out and "FAIL: element 7 (Emergency response) is at 45.0%" in out


def test_score_cli_json_is_documented_shape(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """score --json gives passed, failing_elements and each element's pct."""
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "score", str(EXAMPLE), "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["passed"] is False and view["failing_elements"] == ["7"]
    assert {e["code"]: e["pct"] for e in view["elements"]}["7"] == 45.0


def test_all_na_element_is_not_scored(company: SmallCompany) -> None:
    """With every question of an element N/A where allowed, it is 'not scored', not 0 or 100."""
    from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer
    from secor_desktop.domain.frameworks import load_pack_text

    doc = json.loads(
        (
            Path(__file__).parents[2]
            / "secor_desktop"
            / "resources"
            / "frameworks"
            / "secor-9-element.json"
        ).read_text("utf-8")
    )
    for q in doc["elements"][5]["questions"]:
        q["na_allowed"] = True
    pack = load_pack_text(json.dumps(doc), "edited.json")
    answers = _answers()
    for q in doc["elements"][5]["questions"]:
        answers[q["id"]] = StoredAnswer(AnswerKind.NA)
    report = company.services.evaluations.score(pack, answers, AuditType.CERTIFICATION)
    six = next(e for e in report.elements if e.code == "6")
    assert six.pct is None and "6" in [e.code for e in report.not_scored]


def test_broken_answers_file_names_file_and_entry(
    company: SmallCompany, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An unknown question id exits 2 naming the file and the entry."""
    bad = tmp_path / "answers.json"
    bad.write_text('{"answers": {"99.9": "yes"}}', "utf-8")
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "answers.json" in err and "answers.99.9" in err


def test_readiness_json_matches_the_engine(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """readiness --json gives one entry per element of the pack, with status and span."""
    company.inspection()
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "readiness", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["code"] for e in data["elements"]] == [e.code for e in PACK.elements]
    assert {"status", "span_months", "findings", "frequencies"} <= set(data["elements"][0])
    assert data["status"] == "not_ready"


def test_eligibility_and_rebate_cli(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """eligibility reports the peak headcount; rebate labels its figure an estimate."""
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "eligibility", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["peak_headcount"] == 3
    assert (
        main(
            ["--data-dir", folder, "rebate", "--premium", "15000", "--option", "claims_performance"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Estimated rebate" in out and "$3,000.00" in out


@pytest.mark.sqlite_only("migrates a file made at schema 0001 (servers start at the head)")
def test_upgrade_from_schema_0001_keeps_every_record(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data saved under schema 0001 is copied aside, upgraded to head, and still verifies."""
    from alembic import command

    from secor_desktop.storage.database import alembic_config, head_revision

    company.inspection()
    db = company.services.locations.database
    before = company.services.info()
    command.downgrade(alembic_config(f"sqlite:///{db}"), "0001")
    folder = str(db.parent)
    assert main(["--data-dir", folder, "info", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["schema_revision"] == head_revision()
    assert after["chain_head"] == before.chain_head
    assert after["records_by_kind"]["inspection"] == 1
    assert len(list(db.parent.glob("secor.before-migration-*.sqlite3"))) == 1
    assert main(["--data-dir", folder, "verify"]) == 0


def test_unknown_framework_is_refused_and_not_saved(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """company set --framework with no such pack exits 2 and leaves the profile as it was."""
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "company", "set", "--framework", "nope"]) == 2
    assert "framework_id: there is no framework pack 'nope'" in capsys.readouterr().err
    profile = company.services.company.get()
    assert profile is not None and profile.framework_id == "secor-9-element"


def test_company_set_changes_dates_and_frequencies(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """company set updates the certificate date and a declared frequency."""
    folder = str(company.services.locations.data_dir)
    args = [
        "--data-dir",
        folder,
        "company",
        "set",
        "--certificate-date",
        "2025-11-20",
        "--frequency",
        "inspection=monthly",
    ]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--data-dir", folder, "company", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["certificate_date"] == "2025-11-20"
    assert data["frequencies"]["inspection"] == "monthly"
