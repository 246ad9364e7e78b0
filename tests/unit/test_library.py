"""The topic and hazard libraries: the bundled files load and hold what they promise; a broken
file names the entry and the problem."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from secor_desktop.domain.bodies import ControlLevel
from secor_desktop.domain.library import (
    LibraryError,
    Topic,
    parse_hazards,
    parse_topics,
    search_topics,
)

BUNDLED = files("secor_desktop") / "resources" / "library"
TRADES = {
    "Roofing",
    "Framing",
    "Electrical",
    "Plumbing",
    "Landscaping",
    "Snow removal",
    "Small oilfield service",
    "General",
}


def _topics(*entries: object) -> str:
    return json.dumps({"format": "secor-toolbox-topics", "version": "1", "topics": list(entries)})


def _hazards(hazard: object) -> str:
    return json.dumps(
        {
            "format": "secor-hazard-library",
            "version": "1",
            "trades": [{"trade": "Roofing", "tasks": [{"task": "Tear-off", "hazards": [hazard]}]}],
        }
    )


GOOD_HAZARD = {
    "hazard": "Fall",
    "severity": 5,
    "likelihood": 2,
    "controls": [{"level": "ppe", "text": "Harness"}],
}


def test_bundled_topics_are_at_least_fifty_with_three_to_five_points() -> None:
    """At least 50 topics, unique ids, each with 3 to 5 talking points."""
    library = parse_topics((BUNDLED / "toolbox-topics.json").read_text("utf-8"), "bundled")
    assert len(library.topics) >= 50 and library.version
    assert all(3 <= len(t.points) <= 5 for t in library.topics)
    titles = " ".join(t.title.casefold() for t in library.topics)
    for subject in ("ladder", "silica", "working alone", "whmis", "right to refuse", "scaffold"):
        assert subject in titles


def test_bundled_hazards_cover_the_trades_with_valid_ratings_and_levels() -> None:
    """Every trade asked for is there; every hazard rated 1-5 with controls by level."""
    library = parse_hazards((BUNDLED / "hazards.json").read_text("utf-8"), "bundled")
    assert {t.trade for t in library.tasks} == TRADES
    items = [h for t in library.tasks for h in t.hazards]
    assert all(1 <= h.severity <= 5 and 1 <= h.likelihood <= 5 for h in items)
    assert all(
        h.controls and all(isinstance(c.level, ControlLevel) for c in h.controls) for h in items
    )
    assert all(h.task == t.task for t in library.tasks for h in t.hazards)


def test_a_topic_with_two_points_is_refused_naming_it() -> None:
    """Two talking points: refused, with the entry's path."""
    text = _topics({"id": "a", "title": "A", "points": ["one", "two"]})
    with pytest.raises(LibraryError, match=r"topics\[0\]\.points: must list 3 to 5"):
        parse_topics(text, "own")


def test_a_topic_id_listed_twice_is_refused() -> None:
    """The same id twice is almost surely a slip."""
    entry = {"id": "a", "title": "A", "points": ["1", "2", "3"]}
    with pytest.raises(LibraryError, match="topic id a is listed twice"):
        parse_topics(_topics(entry, entry), "own")


def test_a_topic_keeps_its_source_note_and_owner() -> None:
    """The optional source note is read; own topics are marked as the company's."""
    entry = {"id": "a", "title": "A", "points": ["1", "2", "3"], "source": "OHS Code Part 9"}
    (topic,) = parse_topics(_topics(entry), "own", own=True).topics
    assert (topic.source, topic.own, topic.notes()) == ("OHS Code Part 9", True, "- 1\n- 2\n- 3")


def test_a_file_of_the_wrong_format_is_refused() -> None:
    """A hazard file given as a topics file: the format key says which it must be."""
    with pytest.raises(LibraryError, match="format: must be 'secor-toolbox-topics'"):
        parse_topics(_hazards(GOOD_HAZARD).replace('"trades"', '"topics"'), "own")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"severity": 6}, "severity: must be a rating from 1 to 5"),
        ({"likelihood": 0}, "likelihood: must be a positive whole number"),
        ({"controls": [{"level": "luck", "text": "Hope"}]}, "unknown value 'luck'"),
        ({"controls": []}, "must list at least 1 entries"),
    ],
)
def test_a_bad_hazard_is_refused_naming_the_field(change: dict[str, object], message: str) -> None:
    """A rating out of 1-5, an unknown control level, or no control: refused, in words."""
    with pytest.raises(LibraryError, match=message):
        parse_hazards(_hazards({**GOOD_HAZARD, **change}), "own")


def test_search_finds_topics_by_every_word_in_title_or_points() -> None:
    """Typed words narrow the list; each must appear in the title or a point, any case."""
    topics = (
        Topic("a", "Ladder safety", ("Three points of contact", "x", "y")),
        Topic("b", "Heat stress", ("Drink water", "x", "y")),
    )
    assert search_topics(topics, "LADDER contact") == (topics[0],)
    assert search_topics(topics, "water") == (topics[1],)
    assert search_topics(topics, "") == topics


def test_search_puts_title_matches_first() -> None:
    """A topic whose title holds the words comes before one that only mentions them."""
    cold = Topic("c", "Cold stress", ("Warm up in a heated truck", "x", "y"))
    heat = Topic("h", "Heat stress", ("Drink water", "x", "y"))
    assert search_topics((cold, heat), "heat stress") == (heat, cold)
