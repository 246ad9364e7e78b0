"""Rebate estimates from the province rules file.

The owner wants to know whether certification pays for itself (the seed's example: a $15,000
premium at 20% gives $3,000). The real rebate is set by the WCB each year, so everything this
module returns is labelled an estimate and carries the source of the rule it used; where the
rules give no figure (a yearly amount, or no SECOR program) it says why instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import Province
from secor_desktop.domain.provinces import ProvinceRules, RebateOption

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


def money(amount: Decimal) -> str:
    """Dollars with thousands separators and cents, e.g. ``$3,000.00``."""
    return f"${amount:,.2f}"


class UnknownRebateOption(UserError):
    """An option the province's rebate rule does not have (typed on the command line)."""


@dataclass(frozen=True)
class RebateEstimate:
    """An estimated rebate, or the reason none can be given; never a promise."""

    province: Province
    program: str
    premium: Decimal
    option_id: str | None
    option_label: str | None
    amount: Decimal | None
    """Rounded to cents; None when no single figure can be given (see ``reason``)."""
    reason: str | None
    up_to: bool
    """True when the rule is a ceiling ("up to 20%"), so the actual rebate may be lower."""
    basis: str
    source: str
    alternatives: tuple[RebateEstimate, ...] = ()
    """The figures behind a None amount when the rules give several (situations or sources)."""

    @property
    def caption(self) -> str:
        """A one-line label for screens and reports that always says it is an estimate."""
        if self.amount is None:
            return f"Estimated rebate: no single figure. {self.reason}"
        prefix = "up to " if self.up_to else ""
        return f"Estimated rebate: {prefix}{money(self.amount)} ({self.basis})"


def _compute(premium: Decimal, option: RebateOption) -> tuple[Decimal, str]:
    amount = premium * option.percent / _HUNDRED
    basis = f"{option.percent}% of {money(premium)} premium"
    if option.minimum_amount is not None and amount < option.minimum_amount:
        amount = option.minimum_amount
        basis += f", raised to the {money(option.minimum_amount)} minimum"
    if option.maximum_amount is not None and amount > option.maximum_amount:
        amount = option.maximum_amount
        basis += f", limited to {money(option.maximum_amount)}"
    if option.maximum_pct_of_premium is not None:
        cap = premium * option.maximum_pct_of_premium / _HUNDRED
        if amount > cap:
            amount = cap
            basis += f", capped at {option.maximum_pct_of_premium}% of premium"
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP), basis


def estimate_rebate(
    premium: Decimal,
    rules: ProvinceRules,
    province: Province,
    option: str | None = None,
) -> RebateEstimate:
    """Estimate the rebate on ``premium`` (the annual premium, in dollars) for ``province``.

    ``option`` picks one way of working it out (e.g. Alberta's "first_time"). Without it, a
    province with a single rule gets that rule's figure; one with several gets no single amount
    but one estimate per option in ``alternatives``, with the rules' note on why they differ.
    """
    if not isinstance(premium, Decimal) or not premium.is_finite():
        raise ValueError(f"premium must be a finite Decimal amount, got {premium!r}")
    if premium < 0:
        raise ValueError(f"premium must not be negative, got {premium}")
    rebate = rules.get(province).rebate

    def one(chosen: RebateOption) -> RebateEstimate:
        amount, basis = _compute(premium, chosen)
        return RebateEstimate(
            province=province,
            program=rebate.program,
            premium=premium,
            option_id=chosen.id,
            option_label=chosen.label,
            amount=amount,
            reason=None,
            up_to=chosen.up_to,
            basis=basis,
            source=chosen.source,
        )

    if option is not None:
        try:
            return one(rebate.option(option))
        except KeyError:
            known = [o.id for o in rebate.options]
            raise UnknownRebateOption(
                f"option {option!r} is not a rebate option for {province.value}; "
                f"expected one of {known}"
            ) from None
    if len(rebate.options) == 1:
        return one(rebate.options[0])
    reason = rebate.no_estimate if not rebate.options else rebate.when_several
    return RebateEstimate(
        province=province,
        program=rebate.program,
        premium=premium,
        option_id=None,
        option_label=None,
        amount=None,
        reason=reason,
        up_to=False,
        basis="no single figure",
        source=rebate.source,
        alternatives=tuple(one(o) for o in rebate.options),
    )
