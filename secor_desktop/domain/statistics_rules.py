"""The figures the injury statistics table is worked out with, read from a data file.

Hours per person-year, the hours a frequency rate is expressed per, and the fewest
person-years a rate is worked out for live in ``resources/statistics.json``, each with a
source note the table shows, so a partner's different figure is a data edit, not a release.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from secor_desktop.domain.datafile import DataFileError, JsonField, parse_json


class StatisticsRulesError(DataFileError):
    """The statistics data file is missing a key or holds a value that makes no sense."""


@dataclass(frozen=True, slots=True)
class StatisticsRules:
    hours_per_person_year: int
    rate_base_hours: int
    minimum_person_years: int
    # Why each figure is what it is, in the file's words (shown beside the table).
    minimum_source: str
    source: str


def _sourced(node: JsonField) -> tuple[int, str]:
    keys = node.obj(required=("value", "source"))
    return keys["value"].positive_int(), keys["source"].text()


def load_statistics_rules_text(text: str, source_name: str) -> StatisticsRules:
    root = parse_json(text, source_name, StatisticsRulesError)
    keys = root.obj(
        required=(
            "version",
            "source",
            "hours_per_person_year",
            "rate_base_hours",
            "minimum_person_years",
        )
    )
    keys["version"].text()
    per_year, _ = _sourced(keys["hours_per_person_year"])
    base, _ = _sourced(keys["rate_base_hours"])
    minimum, minimum_source = _sourced(keys["minimum_person_years"])
    return StatisticsRules(
        hours_per_person_year=per_year,
        rate_base_hours=base,
        minimum_person_years=minimum,
        minimum_source=minimum_source,
        source=keys["source"].text(),
    )


def load_statistics_rules(path: str | os.PathLike[str] | Traversable) -> StatisticsRules:
    resource: Traversable = Path(path) if isinstance(path, str | os.PathLike) else path
    try:
        text = resource.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StatisticsRulesError(str(resource), "", f"could not be read ({exc})") from exc
    return load_statistics_rules_text(text, str(resource))


def load_bundled_statistics_rules() -> StatisticsRules:
    """The figures shipped with the program."""
    return load_statistics_rules(files("secor_desktop") / "resources" / "statistics.json")
