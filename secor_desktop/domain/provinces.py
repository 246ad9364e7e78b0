"""Province rules (SECOR worker limit, who counts, rebate) read from a data file.

These figures change by province, certifying partner and year, and sources sometimes disagree,
so they live in ``resources/provinces.json``, each with a source note the program shows next to
any number it derives. Nothing here decides eligibility; it only describes the published rules.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from secor_desktop.domain.datafile import DataFileError, JsonField, parse_json
from secor_desktop.domain.kinds import EmploymentType, Province

_T = TypeVar("_T")


class ProvinceRulesError(DataFileError):
    """A province rules file that cannot be used as it stands."""


@dataclass(frozen=True)
class Sourced(Generic[_T]):
    """A published value and where it comes from, so the UI can always cite it."""

    value: _T
    source: str


@dataclass(frozen=True)
class RebateOption:
    """One way a rebate is worked out.

    amount = ``percent`` of the premium, raised to ``minimum_amount`` ("greater of"), then
    limited to ``maximum_amount`` and to ``maximum_pct_of_premium`` ("lesser of", "capped at").
    ``up_to`` marks a ceiling: the real rebate may be lower.
    """

    id: str
    label: str
    percent: Decimal
    source: str
    minimum_amount: Decimal | None = None
    maximum_amount: Decimal | None = None
    maximum_pct_of_premium: Decimal | None = None
    up_to: bool = False


@dataclass(frozen=True)
class RebateRule:
    """The rebate a certificate may earn.

    With no options there is no figure to give, and ``no_estimate`` says why. With several,
    ``when_several`` says why they differ (different situations, or sources that disagree).
    """

    program: str
    source: str
    options: tuple[RebateOption, ...]
    no_estimate: str | None = None
    when_several: str | None = None

    def option(self, option_id: str) -> RebateOption:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class Deadline:
    """A date that comes back every year (e.g. a rebate registration), shown as due from
    ``remind_days_before`` days ahead, with its source."""

    id: str
    label: str
    month: int
    day: int
    remind_days_before: int
    source: str


HOLIDAY_RULES = ("fixed", "nth_weekday", "monday_before", "good_friday")


@dataclass(frozen=True)
class Holiday:
    """A general holiday, as a rule that gives its date in any year.

    ``fixed``: ``month``/``day``; ``nth_weekday``: the ``n``-th ``weekday`` (0 = Monday) of
    ``month``; ``monday_before``: the last Monday before ``month``/``day`` (Victoria Day is the
    Monday before May 25); ``good_friday``: two days before Easter Sunday.
    """

    name: str
    rule: str
    month: int = 0
    day: int = 0
    weekday: int = 0
    n: int = 0

    def on(self, year: int) -> date:
        if self.rule == "fixed":
            return date(year, self.month, self.day)
        if self.rule == "nth_weekday":
            first = date(year, self.month, 1)
            return first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.n - 1))
        if self.rule == "monday_before":
            limit = date(year, self.month, self.day) - timedelta(days=1)
            return limit - timedelta(days=limit.weekday())
        return easter(year) - timedelta(days=2)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


@dataclass(frozen=True)
class ProvinceRule:
    province: Province
    name: str
    program: Sourced[str]
    secor_worker_limit: Sourced[int | None]
    """Highest headcount that still qualifies for SECOR; None where there is no SECOR."""
    above_limit: Sourced[str]
    near_limit_margin: Sourced[int]
    counted_employment_types: Sourced[frozenset[EmploymentType]]
    headcount_lookback_months: Sourced[int]
    rebate: RebateRule
    time_zone: Sourced[str]
    """The IANA zone the pack prints times in (a name ``zoneinfo`` knows)."""

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone.value)

    deadlines: tuple[Deadline, ...] = ()
    holidays: Sourced[tuple[Holiday, ...]] = Sourced((), "")
    other_parties_count: Sourced[bool] = Sourced(False, "")
    """Whether other workplace parties (subcontractors, self-employed workers) count toward
    the SECOR worker limit, unless the company says otherwise for a party."""

    def days_off(self, first_year: int, last_year: int) -> frozenset[date]:
        """The general holidays of the years from ``first_year`` to ``last_year``."""
        return frozenset(
            h.on(year) for year in range(first_year, last_year + 1) for h in self.holidays.value
        )


@dataclass(frozen=True)
class ProvinceRules:
    """The whole rules file: one rule per province, all provinces present."""

    version: str
    source: str
    provinces: Mapping[Province, ProvinceRule]
    origin: str = ""

    def get(self, province: Province) -> ProvinceRule:
        return self.provinces[province]


def _sourced_text(node: JsonField) -> Sourced[str]:
    keys = node.obj(required=("value", "source"))
    return Sourced(keys["value"].text(), keys["source"].text())


def _sourced_count(node: JsonField, *, positive: bool) -> Sourced[int]:
    keys = node.obj(required=("value", "source"))
    value = keys["value"].positive_int() if positive else keys["value"].count()
    return Sourced(value, keys["source"].text())


def _limit(node: JsonField) -> Sourced[int | None]:
    keys = node.obj(required=("value", "source"))
    value = None if keys["value"].value is None else keys["value"].positive_int()
    return Sourced(value, keys["source"].text())


def _employment_types(node: JsonField) -> Sourced[frozenset[EmploymentType]]:
    keys = node.obj(required=("value", "source"))
    types = keys["value"].unique([n.choice(EmploymentType) for n in keys["value"]])
    return Sourced(frozenset(types), keys["source"].text())


def _time_zone(node: JsonField) -> Sourced[str]:
    keys = node.obj(required=("value", "source"))
    name = keys["value"].text()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        keys["value"].fail(f"'{name}' is not a time zone name such as America/Edmonton")
    return Sourced(name, keys["source"].text())


def _rebate_option(node: JsonField) -> RebateOption:
    keys = node.obj(
        required=("id", "label", "percent", "source"),
        optional=("minimum_amount", "maximum_amount", "maximum_pct_of_premium", "up_to"),
    )
    return RebateOption(
        id=keys["id"].text(),
        label=keys["label"].text(),
        percent=keys["percent"].percent(),
        source=keys["source"].text(),
        minimum_amount=keys["minimum_amount"].amount() if "minimum_amount" in keys else None,
        maximum_amount=keys["maximum_amount"].amount() if "maximum_amount" in keys else None,
        maximum_pct_of_premium=(
            keys["maximum_pct_of_premium"].percent() if "maximum_pct_of_premium" in keys else None
        ),
        up_to=keys["up_to"].flag() if "up_to" in keys else False,
    )


def _rebate(node: JsonField) -> RebateRule:
    keys = node.obj(
        required=("program", "source", "options"), optional=("no_estimate", "when_several")
    )
    options = [_rebate_option(n) for n in keys["options"]]
    keys["options"].unique([o.id for o in options], what="option id")
    no_estimate = keys["no_estimate"].text() if "no_estimate" in keys else None
    when_several = keys["when_several"].text() if "when_several" in keys else None
    if not options and no_estimate is None:
        keys["options"].fail("is empty, so 'no_estimate' must say why no rebate can be estimated")
    if len(options) > 1 and when_several is None:
        keys["options"].fail("has several options, so 'when_several' must say how they differ")
    return RebateRule(
        program=keys["program"].text(),
        source=keys["source"].text(),
        options=tuple(options),
        no_estimate=no_estimate,
        when_several=when_several,
    )


def _deadline(node: JsonField) -> Deadline:
    keys = node.obj(required=("id", "label", "month", "day", "remind_days_before", "source"))
    month, day = keys["month"].positive_int(), keys["day"].positive_int()
    try:
        date(2001, month, day)  # a day every year has (no February 29)
    except ValueError:
        keys["day"].fail(f"is not a day of month {month} in every year")
    return Deadline(
        id=keys["id"].text(),
        label=keys["label"].text(),
        month=month,
        day=day,
        remind_days_before=keys["remind_days_before"].count(),
        source=keys["source"].text(),
    )


def _holiday(node: JsonField) -> Holiday:
    keys = node.obj(required=("name", "rule"), optional=("month", "day", "weekday", "n"))
    rule = keys["rule"].text()
    if rule not in HOLIDAY_RULES:
        keys["rule"].fail(f"must be one of {', '.join(HOLIDAY_RULES)}")
    numbers = {k: keys[k].count() for k in ("month", "day", "weekday", "n") if k in keys}
    holiday = Holiday(keys["name"].text(), rule, **numbers)
    try:
        holiday.on(2001)
    except ValueError:
        node.fail("does not give a date every year: check its month, day, weekday and n")
    return holiday


def _sourced_flag(node: JsonField) -> Sourced[bool]:
    keys = node.obj(required=("value", "source"))
    return Sourced(keys["value"].flag(), keys["source"].text())


def _holidays(node: JsonField) -> Sourced[tuple[Holiday, ...]]:
    keys = node.obj(required=("value", "source"))
    return Sourced(tuple(_holiday(n) for n in keys["value"]), keys["source"].text())


_PROVINCE_KEYS = (
    "name",
    "program",
    "secor_worker_limit",
    "above_limit",
    "near_limit_margin",
    "counted_employment_types",
    "headcount_lookback_months",
    "rebate",
    "time_zone",
)


def _province(province: Province, node: JsonField) -> ProvinceRule:
    keys = node.obj(
        required=_PROVINCE_KEYS, optional=("deadlines", "holidays", "other_parties_count")
    )
    deadlines = [_deadline(n) for n in keys["deadlines"]] if "deadlines" in keys else []
    if "deadlines" in keys:
        keys["deadlines"].unique([d.id for d in deadlines], what="deadline id")
    return ProvinceRule(
        province=province,
        name=keys["name"].text(),
        program=_sourced_text(keys["program"]),
        secor_worker_limit=_limit(keys["secor_worker_limit"]),
        above_limit=_sourced_text(keys["above_limit"]),
        near_limit_margin=_sourced_count(keys["near_limit_margin"], positive=False),
        counted_employment_types=_employment_types(keys["counted_employment_types"]),
        headcount_lookback_months=_sourced_count(keys["headcount_lookback_months"], positive=True),
        rebate=_rebate(keys["rebate"]),
        time_zone=_time_zone(keys["time_zone"]),
        deadlines=tuple(deadlines),
        holidays=_holidays(keys["holidays"]) if "holidays" in keys else Sourced((), ""),
        other_parties_count=(
            _sourced_flag(keys["other_parties_count"])
            if "other_parties_count" in keys
            else Sourced(False, "")
        ),
    )


def load_province_rules_text(text: str, source_name: str) -> ProvinceRules:
    """Parse and validate province rules from JSON text; every province must be present."""
    root = parse_json(text, source_name, ProvinceRulesError)
    keys = root.obj(required=("version", "source", "provinces"))
    entries = keys["provinces"].obj(required=[p.value for p in Province])
    rules = {p: _province(p, entries[p.value]) for p in Province}
    return ProvinceRules(
        version=keys["version"].text(),
        source=keys["source"].text(),
        provinces=MappingProxyType(rules),
        origin=source_name,
    )


def load_province_rules(path: str | os.PathLike[str] | Traversable) -> ProvinceRules:
    """Read and validate a province rules file."""
    resource: Traversable = Path(path) if isinstance(path, str | os.PathLike) else path
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvinceRulesError(str(resource), "", f"could not be read ({exc})") from exc
    return load_province_rules_text(text, str(resource))


def bundled_province_rules_path() -> Traversable:
    return files("secor_desktop") / "resources" / "provinces.json"


def load_bundled_province_rules() -> ProvinceRules:
    """The rules shipped with the program."""
    return load_province_rules(bundled_province_rules_path())
