"""The owner's questions on the command line: readiness, eligibility, rebate, evaluations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from tests.conftest import TODAY, SmallCompany

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(company: SmallCompany) -> str:
    return str(company.services.locations.data_dir)


def test_evaluations_json_lists_a_saved_evaluation(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """After saving the hard-fail example, evaluations --json gives its score, not a crash."""
    answers = str(EXAMPLES / "answers-hard-fail.json")
    assert run(capsys, "--data-dir", folder, "score", answers, "--save")[0] == 0
    code, out, err = run(capsys, "--data-dir", folder, "evaluations", "--json")
    assert (code, err) == (0, "")
    (point,) = json.loads(out)
    assert point == {
        "eval_date": "2026-10-15",
        "audit_type": "certification",
        "overall_pct": 85.0,
        "passed": False,
    }


@pytest.mark.parametrize(
    "command", [["readiness"], ["eligibility"], ["cycle"], ["readiness", "--json"]]
)
def test_future_as_of_is_refused_in_one_sentence(
    capsys: pytest.CaptureFixture[str], folder: str, command: list[str]
) -> None:
    """--as-of 2099-01-01 is refused with exit 2, naming the option and the value."""
    code, out, err = run(capsys, "--data-dir", folder, *command, "--as-of", "2099-01-01")
    assert (code, out) == (2, "")
    assert "--as-of 2099-01-01" in err and err.count(". ") == 0 and "Traceback" not in err


def test_future_as_of_for_the_demo_is_refused_before_writing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """demo --as-of in the future is refused like the others, and no record is made."""
    data = tmp_path / "data"
    code, _, err = run(capsys, "--data-dir", str(data), "demo", "--as-of", "2099-01-01")
    assert code == 2 and "--as-of 2099-01-01" in err
    code, out, _ = run(capsys, "--data-dir", str(data), "records", "list", "--json")
    assert json.loads(out) == []


def test_as_of_today_is_accepted(capsys: pytest.CaptureFixture[str], folder: str) -> None:
    """The day judged may be today."""
    code, out, _ = run(capsys, "--data-dir", folder, "readiness", "--json", "--as-of", str(TODAY))
    assert code == 0 and json.loads(out)["as_of"] == str(TODAY)


def test_evaluations_json_marks_an_external_audit(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """An evaluation held by an external auditor says so; an internal one leaves it out."""
    answers = str(EXAMPLES / "answers-hard-fail.json")
    run(capsys, "--data-dir", folder, "score", answers, "--save", "--external")
    code, out, _ = run(capsys, "--data-dir", folder, "evaluations", "--json")
    assert code == 0 and json.loads(out)[0]["external"] is True


def test_score_shows_the_points_really_missing(
    capsys: pytest.CaptureFixture[str], folder: str, tmp_path: Path
) -> None:
    """79.98% overall (0.0185 points short) reads 79.9% and 0.02 more points, never 0.0."""
    doc = json.loads((EXAMPLES / "answers-hard-fail.json").read_text(encoding="utf-8"))
    doc["answers"].update({"7.2": "yes", "7.4": "yes", "1.1": "no", "2.1": "no", "3.1": "no"})
    doc["answers"]["2.5"] = {"positive": 4, "asked": 27}
    answers = tmp_path / "near.json"
    answers.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", folder, "score", str(answers))
    assert code == 0
    assert "Overall: 79.9%" in out and "overall needs 0.02 more point(s)" in out
    code, out, _ = run(capsys, "--data-dir", folder, "score", str(answers), "--json")
    assert json.loads(out)["points_to_overall"] == 0.02


def test_eligibility_text_says_how_it_counts_and_who_was_counted(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """The peak is the most workers on the roster on the same day; the people are named."""
    code, out, _ = run(capsys, "--data-dir", folder, "eligibility", "--as-of", str(TODAY))
    assert code == 0
    assert "most workers on the roster on the same day" in out
    assert "Counted on 2026-04-01 (3): Dana Kowalski, Sam Okafor, Zoë Tremblay" in out


def test_eligibility_json_names_the_rule_and_the_peak_day(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """--json gives the counting rule, the peak day and the people counted on it."""
    code, out, _ = run(capsys, "--data-dir", folder, "eligibility", "--json", "--as-of", str(TODAY))
    data = json.loads(out)
    assert code == 0 and data["peak_day"] == "2026-04-01"
    assert data["peak_workers"] == ["Dana Kowalski", "Sam Okafor", "Zoë Tremblay"]
    assert "same day" in data["counting_rule"]


def test_rebate_for_manitoba_shows_both_readings_with_their_sources(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """--province MB on $30,000: the seed's reading $3,000, SAFE Work Manitoba's $4,500."""
    code, out, _ = run(
        capsys, "--data-dir", folder, "rebate", "--premium", "30000", "--province", "MB"
    )
    assert code == 0
    assert "Seed article's reading (estimate): Estimated rebate: $3,000.00" in out
    assert "SAFE Work Manitoba's reading (estimate): Estimated rebate: $4,500.00" in out
    assert "Source: SAFE Work Manitoba page" in out


def test_rebate_with_a_bad_premium_is_refused_with_exit_2(
    capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """A premium that is not an amount is named, and nothing is estimated."""
    with pytest.raises(SystemExit) as exit_:
        main(["--data-dir", folder, "rebate", "--premium", "lots"])
    assert exit_.value.code == 2 and "'lots' is not an amount" in capsys.readouterr().err
