"""Rebate estimates: always labelled, always sourced, never a guess where no rule gives one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from secor_desktop.domain.kinds import Province
from secor_desktop.domain.provinces import ProvinceRules, load_bundled_province_rules
from secor_desktop.domain.rebate import UnknownRebateOption, estimate_rebate, money


@pytest.fixture(scope="module")
def rules() -> ProvinceRules:
    return load_bundled_province_rules()


def test_seed_example_15000_premium_at_20_percent_is_3000(rules: ProvinceRules) -> None:
    """The seed's example: $15,000 x 20% = $3,000, as a ceiling."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.AB, "claims_performance")
    assert estimate.amount == Decimal("3000.00")
    assert estimate.up_to
    assert estimate.caption.startswith("Estimated rebate: up to $3,000.00")


def test_alberta_first_time_is_10_percent(rules: ProvinceRules) -> None:
    """A first certificate earns 10% of the premium."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.AB, "first_time")
    assert estimate.amount == Decimal("1500.00")
    assert not estimate.up_to


def test_alberta_without_option_gives_each_situation(rules: ProvinceRules) -> None:
    """Without knowing the situation there is no single figure, but all three are shown."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.AB)
    assert estimate.amount is None
    assert estimate.reason is not None and "pick" in estimate.reason
    assert [a.amount for a in estimate.alternatives] == [
        Decimal("750.00"),
        Decimal("1500.00"),
        Decimal("3000.00"),
    ]
    assert estimate.caption.startswith("Estimated rebate: no single figure.")


def test_bc_small_premium_gives_75_percent(rules: ProvinceRules) -> None:
    """75% of a $1,000 premium is below the $1,000 limit."""
    estimate = estimate_rebate(Decimal(1000), rules, Province.BC)
    assert estimate.amount == Decimal("750.00")


def test_bc_large_premium_is_limited_to_1000(rules: ProvinceRules) -> None:
    """The lesser of $1,000 or 75% of premium."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.BC)
    assert estimate.amount == Decimal("1000.00")
    assert "limited to $1,000.00" in estimate.basis


def test_manitoba_gives_both_readings(rules: ProvinceRules) -> None:
    """On a $4,000 premium the seed's reading gives 15% ($600), SAFE Work Manitoba's $3,000."""
    estimate = estimate_rebate(Decimal(4000), rules, Province.MB)
    assert estimate.amount is None
    readings = {a.option_id: a.amount for a in estimate.alternatives}
    assert readings == {"seed": Decimal("600.00"), "safe_work_manitoba": Decimal("3000.00")}


def test_manitoba_seed_reading_is_15_percent_at_most_3000(rules: ProvinceRules) -> None:
    """The seed's words: 15%, up to $3,000: on $30,000 that is $3,000, not $4,500."""
    estimate = estimate_rebate(Decimal(30000), rules, Province.MB, "seed")
    assert estimate.amount == Decimal("3000.00")
    assert "limited to $3,000.00" in estimate.basis


def test_manitoba_seed_reading_caps_at_half_the_premium(rules: ProvinceRules) -> None:
    """15% never reaches the 50% cap, and nothing raises it: $10,000 gives $1,500."""
    estimate = estimate_rebate(Decimal(10000), rules, Province.MB, "seed")
    assert estimate.amount == Decimal("1500.00")


def test_manitoba_readings_are_labelled_estimates_with_their_sources(
    rules: ProvinceRules,
) -> None:
    """Each reading says it is an estimate and where it comes from."""
    estimate = estimate_rebate(Decimal(10000), rules, Province.MB)
    for reading in estimate.alternatives:
        assert reading.option_label is not None and "estimate" in reading.option_label
        assert reading.caption.startswith("Estimated rebate")
    sources = {a.option_id: a.source for a in estimate.alternatives}
    assert sources["seed"].startswith("Seed article")
    assert sources["safe_work_manitoba"].startswith("SAFE Work Manitoba")


def test_safe_work_manitoba_minimum_applies_under_the_cap(rules: ProvinceRules) -> None:
    """SAFE Work Manitoba's reading: 15% of $10,000 is $1,500, raised to the $3,000 minimum."""
    estimate = estimate_rebate(Decimal(10000), rules, Province.MB, "safe_work_manitoba")
    assert estimate.amount == Decimal("3000.00")
    assert "raised to the $3,000.00 minimum" in estimate.basis


def test_manitoba_large_premium_gives_15_percent(rules: ProvinceRules) -> None:
    """On $100,000 both readings agree on 15%."""
    estimate = estimate_rebate(Decimal(100000), rules, Province.MB, "safe_work_manitoba")
    assert estimate.amount == Decimal("15000.00")


def test_saskatchewan_gives_no_figure_and_says_why(rules: ProvinceRules) -> None:
    """The rebate varies by year, so no estimate is made up."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.SK)
    assert estimate.amount is None
    assert estimate.reason is not None and "each year" in estimate.reason
    assert estimate.alternatives == ()


def test_ontario_gives_no_figure(rules: ProvinceRules) -> None:
    """Ontario has no SECOR rebate."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.ON)
    assert estimate.amount is None
    assert estimate.reason is not None and "no SECOR" in estimate.reason


def test_amount_is_rounded_to_cents_half_up(rules: ProvinceRules) -> None:
    """5% of $100.10 is $5.005, shown as $5.01."""
    estimate = estimate_rebate(Decimal("100.10"), rules, Province.AB, "holding")
    assert estimate.amount == Decimal("5.01")


def test_zero_premium_gives_zero(rules: ProvinceRules) -> None:
    """No premium, no rebate, even with a minimum amount (the cap wins)."""
    estimate = estimate_rebate(Decimal(0), rules, Province.MB, "seed")
    assert estimate.amount == Decimal("0.00")


def test_estimate_carries_the_rule_source(rules: ProvinceRules) -> None:
    """The figure can always be traced to where it comes from."""
    estimate = estimate_rebate(Decimal(15000), rules, Province.BC)
    assert estimate.source == "Seed article: lesser of $1,000 or 75% of premium."
    assert estimate.program == "WorkSafeBC COR rebate"


def test_negative_premium_is_rejected(rules: ProvinceRules) -> None:
    """A negative premium is an input mistake."""
    with pytest.raises(ValueError, match="premium must not be negative"):
        estimate_rebate(Decimal(-1), rules, Province.AB, "holding")


@pytest.mark.parametrize("premium", [Decimal("NaN"), Decimal("Infinity"), 1500.0])
def test_premium_must_be_a_finite_decimal(rules: ProvinceRules, premium: object) -> None:
    """Floats and non-finite values are refused, naming the premium."""
    with pytest.raises(ValueError, match="premium must be a finite Decimal"):
        estimate_rebate(premium, rules, Province.AB, "holding")  # type: ignore[arg-type]


def test_unknown_option_is_rejected_with_the_choices(rules: ProvinceRules) -> None:
    """A wrong option names the ones that exist."""
    with pytest.raises(UnknownRebateOption, match=r"option 'bonus' .* \['holding', 'first_time'"):
        estimate_rebate(Decimal(15000), rules, Province.AB, "bonus")


def test_money_formats_dollars_and_cents() -> None:
    """Thousands separators and two decimals."""
    assert money(Decimal("1234567.5")) == "$1,234,567.50"


def test_safe_work_manitoba_caps_a_small_premium_at_75_percent(rules: ProvinceRules) -> None:
    """On $2,000 the $3,000 minimum is over 75% of the premium: capped at $1,500."""
    estimate = estimate_rebate(Decimal(2000), rules, Province.MB, "safe_work_manitoba")
    assert estimate.amount == Decimal("1500.00")
    assert "capped at 75% of premium" in estimate.basis
