"""Province rules: the bundled figures with their sources, and clear errors for a broken file."""

from __future__ import annotations

import copy
import json
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from secor_desktop.domain.kinds import EmploymentType, Province
from secor_desktop.domain.provinces import (
    ProvinceRulesError,
    bundled_province_rules_path,
    load_bundled_province_rules,
    load_province_rules,
    load_province_rules_text,
)


@pytest.fixture(scope="module")
def bundled_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bundled_province_rules_path().read_text(encoding="utf-8"))
    return data


def error_for(data: dict[str, Any]) -> str:
    with pytest.raises(ProvinceRulesError) as info:
        load_province_rules_text(json.dumps(data), "rules.json")
    return str(info.value)


def changed(data: dict[str, Any], edit: Any) -> dict[str, Any]:
    """A deep copy of ``data`` after ``edit`` changed it."""
    copied = copy.deepcopy(data)
    edit(copied)
    return copied


def test_bundled_rules_cover_every_province() -> None:
    """AB, BC, SK, MB and ON are all described."""
    rules = load_bundled_province_rules()
    assert set(rules.provinces) == set(Province)
    assert rules.version and rules.source


@pytest.mark.parametrize(
    ("province", "limit"),
    [(Province.AB, 10), (Province.BC, 19), (Province.SK, 9), (Province.MB, 9), (Province.ON, None)],
)
def test_secor_worker_limits(province: Province, limit: int | None) -> None:
    """The limits the domain notes give, Ontario having none."""
    assert load_bundled_province_rules().get(province).secor_worker_limit.value == limit


def test_manitoba_limit_explains_it_varies_by_partner() -> None:
    """The stored 9 comes from CSAM's 'less than 10' and the note says so."""
    source = load_bundled_province_rules().get(Province.MB).secor_worker_limit.source
    assert "CSAM" in source and "less than 10" in source


def test_every_employment_type_counts_everywhere() -> None:
    """Per ACSA's wording, owners, family and volunteers count too."""
    rules = load_bundled_province_rules()
    for province in Province:
        assert rules.get(province).counted_employment_types.value == frozenset(EmploymentType)


def test_every_bundled_value_has_a_source_note() -> None:
    """No figure is shown without saying where it comes from."""
    rules = load_bundled_province_rules()
    for province in Province:
        rule = rules.get(province)
        for sourced in (
            rule.program,
            rule.secor_worker_limit,
            rule.above_limit,
            rule.near_limit_margin,
            rule.counted_employment_types,
            rule.headcount_lookback_months,
        ):
            assert sourced.source.strip()
        assert rule.rebate.source.strip()
        assert all(o.source.strip() for o in rule.rebate.options)


def test_alberta_rebate_has_three_situations() -> None:
    """Holding 5%, first-time 10%, claims performance up to 20%."""
    rebate = load_bundled_province_rules().get(Province.AB).rebate
    found = {o.id: (o.percent, o.up_to) for o in rebate.options}
    assert found == {
        "holding": (Decimal(5), False),
        "first_time": (Decimal(10), False),
        "claims_performance": (Decimal(20), True),
    }


def test_manitoba_keeps_both_disagreeing_readings() -> None:
    """The seed caps at 50% of premium, SAFE Work Manitoba at 75%."""
    rebate = load_bundled_province_rules().get(Province.MB).rebate
    caps = {o.id: o.maximum_pct_of_premium for o in rebate.options}
    assert caps == {"seed": Decimal(50), "safe_work_manitoba": Decimal(75)}
    assert rebate.when_several is not None


def test_saskatchewan_and_ontario_give_no_rebate_figure() -> None:
    """SK varies by year; ON has no SECOR: both say why."""
    rules = load_bundled_province_rules()
    for province in (Province.SK, Province.ON):
        rebate = rules.get(province).rebate
        assert rebate.options == ()
        assert rebate.no_estimate


def test_unknown_rebate_option_lookup_raises_key_error() -> None:
    """Looking up an option the rule lacks is a programming error."""
    with pytest.raises(KeyError):
        load_bundled_province_rules().get(Province.BC).rebate.option("nope")


def test_rules_load_from_a_path(tmp_path: Path, bundled_data: dict[str, Any]) -> None:
    """A user copy of the rules file loads and remembers its origin."""
    path = tmp_path / "provinces.json"
    path.write_text(json.dumps(bundled_data), encoding="utf-8")
    assert load_province_rules(path).origin == str(path)


def test_missing_rules_file_is_reported(tmp_path: Path) -> None:
    """A path that does not exist names the file."""
    with pytest.raises(ProvinceRulesError, match=r"nothing\.json: could not be read"):
        load_province_rules(str(tmp_path / "nothing.json"))


def test_missing_province_is_named(bundled_data: dict[str, Any]) -> None:
    """Every province must be present so lookups never fail later."""
    data = changed(bundled_data, lambda d: d["provinces"].pop("SK"))
    assert error_for(data) == "rules.json: provinces: missing required key 'SK'"


def test_negative_limit_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A worker limit must be a positive whole number or null."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["AB"]["secor_worker_limit"].update(value=-1)
    )
    assert "provinces.AB.secor_worker_limit.value: must be a positive whole number" in error_for(
        data
    )


def test_negative_margin_is_rejected(bundled_data: dict[str, Any]) -> None:
    """The near-limit margin may be 0 but not negative."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["BC"]["near_limit_margin"].update(value=-2)
    )
    assert "near_limit_margin.value: must be a whole number, 0 or more" in error_for(data)


def test_unknown_employment_type_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A typo in who counts would silently shrink the headcount."""
    data = changed(
        bundled_data,
        lambda d: d["provinces"]["AB"]["counted_employment_types"]["value"].append("contractor"),
    )
    assert "counted_employment_types.value[7]: unknown value 'contractor'" in error_for(data)


def test_rebate_percent_over_100_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A rebate cannot exceed the whole premium."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["AB"]["rebate"]["options"][0].update(percent=120)
    )
    assert "rebate.options[0].percent: must be a number from 0 to 100" in error_for(data)


def test_negative_rebate_amount_is_rejected(bundled_data: dict[str, Any]) -> None:
    """Money limits are never negative."""
    data = changed(
        bundled_data,
        lambda d: d["provinces"]["BC"]["rebate"]["options"][0].update(maximum_amount=-5),
    )
    assert "options[0].maximum_amount: must be a number, 0 or more" in error_for(data)


def test_non_boolean_up_to_is_rejected(bundled_data: dict[str, Any]) -> None:
    """'up_to' is true or false."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["AB"]["rebate"]["options"][2].update(up_to="yes")
    )
    assert "options[2].up_to: must be true or false" in error_for(data)


def test_duplicate_rebate_option_id_is_rejected(bundled_data: dict[str, Any]) -> None:
    """Options are chosen by id, so ids are unique."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["AB"]["rebate"]["options"][1].update(id="holding")
    )
    assert "options[1]: option id holding is listed twice" in error_for(data)


def test_rebate_without_options_must_say_why(bundled_data: dict[str, Any]) -> None:
    """No figure is acceptable only with a reason."""
    data = changed(bundled_data, lambda d: d["provinces"]["SK"]["rebate"].pop("no_estimate"))
    assert "provinces.SK.rebate.options: is empty, so 'no_estimate' must say why" in error_for(data)


def test_several_rebate_options_must_say_how_they_differ(bundled_data: dict[str, Any]) -> None:
    """Several figures need a note on why there are several."""
    data = changed(bundled_data, lambda d: d["provinces"]["MB"]["rebate"].pop("when_several"))
    assert "provinces.MB.rebate.options: has several options" in error_for(data)


def test_rules_error_is_a_value_error() -> None:
    """Callers can catch ValueError."""
    with pytest.raises(ValueError, match=r"rules\.json: line 1 column 1: not valid JSON"):
        load_province_rules_text("", "rules.json")


def test_rules_load_from_inside_a_zip_archive(tmp_path: Path, bundled_data: dict[str, Any]) -> None:
    """Resources may be zipped in an installed app."""
    archive = tmp_path / "resources.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("provinces.json", json.dumps(bundled_data))
    rules = load_province_rules(zipfile.Path(archive, "provinces.json"))
    assert rules.get(Province.AB).secor_worker_limit.value == 10


@pytest.mark.parametrize(
    ("province", "zone"),
    [
        (Province.AB, "America/Edmonton"),
        (Province.BC, "America/Vancouver"),
        (Province.SK, "America/Regina"),
        (Province.MB, "America/Winnipeg"),
        (Province.ON, "America/Toronto"),
    ],
)
def test_each_province_has_its_time_zone(province: Province, zone: str) -> None:
    """The pack prints times in the zone of the company's province."""
    rule = load_bundled_province_rules().get(province)
    assert rule.time_zone.value == zone and rule.zone().key == zone


def test_an_unknown_time_zone_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A misspelt zone name is refused when the file loads, not when a pack is printed."""
    data = changed(
        bundled_data, lambda d: d["provinces"]["MB"]["time_zone"].update(value="America/Winipeg")
    )
    assert "provinces.MB.time_zone.value: 'America/Winipeg' is not a time zone name" in error_for(
        data
    )


def test_a_malformed_time_zone_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A value zoneinfo refuses outright (a path) is reported the same way."""
    data = changed(bundled_data, lambda d: d["provinces"]["ON"]["time_zone"].update(value="../x"))
    assert "provinces.ON.time_zone.value: '../x' is not a time zone name" in error_for(data)


def test_alberta_pir_registration_deadline_is_data_with_a_source() -> None:
    """Alberta's PIR registration deadline (31 December) is in the bundled rules, sourced."""
    (deadline,) = load_bundled_province_rules().get(Province.AB).deadlines
    assert (deadline.month, deadline.day) == (12, 31)
    assert "PIR" in deadline.label and "31 December" in deadline.source


def test_a_deadline_on_a_day_not_every_year_has_is_rejected(bundled_data: dict[str, Any]) -> None:
    """February 29 (or 31) is refused: a yearly deadline needs a day every year has."""

    def edit(d: dict[str, Any]) -> None:
        d["provinces"]["AB"]["deadlines"][0]["month"] = 2
        d["provinces"]["AB"]["deadlines"][0]["day"] = 29

    assert "is not a day of month 2 in every year" in error_for(changed(bundled_data, edit))


def test_alberta_holidays_in_2026() -> None:
    """The bundled Alberta holidays fall on the right days in 2026 (Good Friday, Victoria Day)."""
    days = load_bundled_province_rules().get(Province.AB).days_off(2026, 2026)
    assert date(2026, 4, 3) in days and date(2026, 5, 18) in days
    assert date(2026, 10, 12) in days and date(2026, 2, 16) in days and len(days) == 10


def test_an_unknown_holiday_rule_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A holiday rule the program does not know is named with the known ones."""

    def edit(d: dict[str, Any]) -> None:
        d["provinces"]["AB"]["holidays"]["value"][0]["rule"] = "full_moon"

    assert "must be one of fixed, nth_weekday" in error_for(changed(bundled_data, edit))


def test_a_holiday_that_gives_no_date_is_rejected(bundled_data: dict[str, Any]) -> None:
    """A fixed holiday on February 30 is refused."""

    def edit(d: dict[str, Any]) -> None:
        d["provinces"]["AB"]["holidays"]["value"][0].update(month=2, day=30)

    assert "does not give a date every year" in error_for(changed(bundled_data, edit))


def test_provinces_without_holidays_have_no_days_off() -> None:
    """A province whose rules list no holidays has none."""
    assert load_bundled_province_rules().get(Province.BC).days_off(2026, 2027) == frozenset()
