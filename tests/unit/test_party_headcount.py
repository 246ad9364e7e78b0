"""Other workplace parties in the SECOR headcount: counted when the province rule says so."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from secor_desktop.domain.eligibility import PartySpan, WorkerSpan, assess_eligibility
from secor_desktop.domain.kinds import EmploymentType, Province
from secor_desktop.domain.provinces import (
    ProvinceRulesError,
    bundled_province_rules_path,
    load_bundled_province_rules,
    load_province_rules_text,
)

AS_OF = date(2026, 12, 5)
RULES = load_bundled_province_rules()
CREW = [
    WorkerSpan(f"w{i}", f"Worker {i}", EmploymentType.FULL_TIME, date(2025, 1, 1)) for i in range(7)
]
FRAMERS = PartySpan("p1", "Acme Framing", ("Jo Roy", "Al Ng"), date(2026, 3, 1))


def test_bundled_rules_count_parties_in_alberta_not_in_bc() -> None:
    """The rule is data, with a source, for every province."""
    ab, bc = RULES.get(Province.AB), RULES.get(Province.BC)
    assert ab.other_parties_count.value is True and bc.other_parties_count.value is False
    assert all(RULES.get(p).other_parties_count.source for p in Province)


def test_a_counted_partys_people_raise_the_peak() -> None:
    """Alberta counts them: 7 workers + 2 subcontractor workers make a peak of 9."""
    report = assess_eligibility(CREW, RULES, Province.AB, AS_OF, [FRAMERS])
    assert report.peak_headcount == 9
    assert "Jo Roy (Acme Framing)" in report.peak_workers
    assert report.parties_counted == ("Acme Framing",)
    assert "other workplace parties (Acme Framing)" in report.counting_rule


def test_a_party_is_left_out_where_the_rule_does_not_count_it() -> None:
    """BC does not count them: the peak is the roster's 7, and the party is named as left out."""
    report = assess_eligibility(CREW, RULES, Province.BC, AS_OF, [FRAMERS])
    assert report.peak_headcount == 7
    assert report.not_counted == ("Acme Framing (other workplace party)",)
    assert report.parties_counted == ()


def test_the_companys_own_answer_overrides_the_rule_both_ways() -> None:
    """Marked 'does not count' in Alberta, or 'counts' in BC, the mark wins."""
    no = PartySpan("p1", "Acme Framing", ("Jo Roy",), date(2026, 3, 1), counts=False)
    yes = PartySpan("p2", "Solo Electric", (), date(2026, 3, 1), counts=True)
    ab = assess_eligibility(CREW, RULES, Province.AB, AS_OF, [no])
    bc = assess_eligibility(CREW, RULES, Province.BC, AS_OF, [yes])
    assert ab.peak_headcount == 7
    assert (bc.peak_headcount, bc.parties_counted) == (8, ("Solo Electric",))
    assert "Solo Electric" in bc.peak_workers  # no one listed: the party itself, one person


def test_a_party_that_left_before_the_window_does_not_count() -> None:
    """Only parties on the sites within the 12-month lookback are in the peak."""
    gone = PartySpan("p1", "Acme Framing", ("Jo Roy",), date(2024, 1, 1), date(2025, 1, 1))
    report = assess_eligibility(CREW, RULES, Province.AB, AS_OF, [gone])
    assert report.peak_headcount == 7


@pytest.fixture(scope="module")
def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bundled_province_rules_path().read_text(encoding="utf-8"))
    return data


def test_a_rules_file_without_the_party_rule_does_not_count_them(
    bundled_data: dict[str, Any],
) -> None:
    """An older or hand-made rules file still loads; parties then do not count."""
    data = copy.deepcopy(bundled_data)
    del data["provinces"]["AB"]["other_parties_count"]
    rules = load_province_rules_text(json.dumps(data), "rules.json")
    assert rules.get(Province.AB).other_parties_count.value is False
    report = assess_eligibility(CREW, rules, Province.AB, AS_OF, [FRAMERS])
    assert report.peak_headcount == 7


def test_a_party_rule_that_is_not_true_or_false_is_refused(bundled_data: dict[str, Any]) -> None:
    """The file names the value that is wrong."""
    data = copy.deepcopy(bundled_data)
    data["provinces"]["AB"]["other_parties_count"]["value"] = "yes"
    with pytest.raises(
        ProvinceRulesError, match=r"other_parties_count\.value: must be true or false"
    ):
        load_province_rules_text(json.dumps(data), "rules.json")
