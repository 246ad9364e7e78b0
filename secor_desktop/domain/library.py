"""Libraries kept as data: toolbox-talk topics and hazards with their controls, by trade.

They start a record instead of a blank form: a talk's topic and talking points, an FLHA's
hazard lines with ratings and controls already by the hierarchy. The bundled files are ours
(written for this program, not copied from partners' material) and versioned; a company adds
its own in a file of the same format in its data folder. Errors name the file and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from secor_desktop.domain.bodies import Control, ControlLevel, HazardItem
from secor_desktop.domain.datafile import DataFileError, JsonField, parse_json

TOPICS_FORMAT = "secor-toolbox-topics"
HAZARDS_FORMAT = "secor-hazard-library"
MIN_POINTS, MAX_POINTS = 3, 5


class LibraryError(DataFileError):
    """A library file that cannot be used."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A toolbox-talk topic: a title and a few plain talking points."""

    id: str
    title: str
    points: tuple[str, ...]
    source: str = ""  # where a requirement comes from, when one is named
    own: bool = False  # the company's own, added by the user

    def notes(self) -> str:
        """The talking points as the talk's notes, one line each."""
        return "\n".join(f"- {p}" for p in self.points)


@dataclass(frozen=True, slots=True)
class HazardTask:
    """The usual hazards of one task of a trade, each rated and with its usual controls."""

    trade: str
    task: str
    hazards: tuple[HazardItem, ...]


@dataclass(frozen=True, slots=True)
class Library:
    version: str
    topics: tuple[Topic, ...]
    tasks: tuple[HazardTask, ...] = ()


def parse_topics(text: str, source: str, *, own: bool = False) -> Library:
    """A toolbox-topics file: ``{"format", "version", "topics": [{id, title, points}]}``."""
    root = _root(text, source, TOPICS_FORMAT, "topics")
    entries = root["topics"].items()
    topics = []
    for entry in entries:
        fields = entry.obj(("id", "title", "points"), ("source",))
        points = tuple(p.text() for p in fields["points"].items())
        if not MIN_POINTS <= len(points) <= MAX_POINTS:
            fields["points"].fail(f"must list {MIN_POINTS} to {MAX_POINTS} talking points")
        source_note = fields["source"].text() if "source" in fields else ""
        topics.append(Topic(fields["id"].text(), fields["title"].text(), points, source_note, own))
    root["topics"].unique([t.id for t in topics], "topic id")
    return Library(root["version"].text(), tuple(topics))


def parse_hazards(text: str, source: str) -> Library:
    """A hazard library: ``{"format", "version", "trades": [{trade, tasks: [{task,
    hazards: [{hazard, severity, likelihood, controls: [{level, text}]}]}]}]}``."""
    root = _root(text, source, HAZARDS_FORMAT, "trades")
    tasks = []
    for trade_entry in root["trades"].items(min_items=1):
        trade_fields = trade_entry.obj(("trade", "tasks"))
        trade = trade_fields["trade"].text()
        for task_entry in trade_fields["tasks"].items(min_items=1):
            task_fields = task_entry.obj(("task", "hazards"))
            task = task_fields["task"].text()
            items = tuple(_hazard(h, task) for h in task_fields["hazards"].items(min_items=1))
            tasks.append(HazardTask(trade, task, items))
    return Library(root["version"].text(), (), tuple(tasks))


def _root(text: str, source: str, form: str, key: str) -> dict[str, JsonField]:
    root = parse_json(text, source, LibraryError).obj(("format", "version", key))
    if root["format"].value != form:
        root["format"].fail(f"must be {form!r}")
    return root


def _hazard(entry: JsonField, task: str) -> HazardItem:
    fields = entry.obj(("hazard", "severity", "likelihood", "controls"))
    ratings = []
    for name in ("severity", "likelihood"):
        value = fields[name].positive_int()
        if value > 5:
            fields[name].fail("must be a rating from 1 to 5")
        ratings.append(value)
    controls = []
    for control in fields["controls"].items(min_items=1):
        parts = control.obj(("level", "text"))
        controls.append(Control(parts["level"].choice(ControlLevel), parts["text"].text()))
    return HazardItem(task, fields["hazard"].text(), ratings[0], ratings[1], tuple(controls))


def search_topics(topics: tuple[Topic, ...], words: str) -> tuple[Topic, ...]:
    """Topics whose title or points hold every typed word, in any case; those whose title
    holds them all come first ("heat stress" finds Heat stress before Cold stress)."""
    wanted = words.casefold().split()
    found = [
        t for t in topics if all(w in f"{t.title} {' '.join(t.points)}".casefold() for w in wanted)
    ]
    return tuple(sorted(found, key=lambda t: not all(w in t.title.casefold() for w in wanted)))
