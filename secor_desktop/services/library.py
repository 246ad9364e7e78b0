"""The topic and hazard libraries: the bundled files plus the company's own.

The company's own live in DATA_DIR/library (``toolbox-topics.json``, ``hazards.json``), in the
bundled files' format, so a person can also edit them by hand. A broken company file never
hides the bundled library: it is reported (``broken``) and left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from secor_desktop.domain.library import (
    MAX_POINTS,
    MIN_POINTS,
    TOPICS_FORMAT,
    HazardTask,
    LibraryError,
    Topic,
    parse_hazards,
    parse_topics,
)
from secor_desktop.domain.validation import SHORT_TEXT, FieldProblem, raise_if
from secor_desktop.services.context import clean
from secor_desktop.storage.atomic import atomic_write_text

TOPICS_FILE = "toolbox-topics.json"
HAZARDS_FILE = "hazards.json"
POINT_LIMIT = 500


@dataclass(frozen=True)
class Libraries:
    topics: tuple[Topic, ...]
    tasks: tuple[HazardTask, ...]
    versions: dict[str, str]  # file name -> its version, bundled and own
    broken: tuple[LibraryError, ...]


class LibraryService:
    def __init__(self, data_dir: Path) -> None:
        self.own_dir = data_dir / "library"

    def load(self) -> Libraries:
        """Bundled topics and hazards, then the company's own (a topic id of theirs that
        matches a bundled one replaces it)."""
        bundled = files("secor_desktop") / "resources" / "library"
        topics = parse_topics((bundled / TOPICS_FILE).read_text("utf-8"), f"bundled {TOPICS_FILE}")
        hazards = parse_hazards(
            (bundled / HAZARDS_FILE).read_text("utf-8"), f"bundled {HAZARDS_FILE}"
        )
        versions = {TOPICS_FILE: topics.version, HAZARDS_FILE: hazards.version}
        by_id = {t.id: t for t in topics.topics}
        tasks = list(hazards.tasks)
        broken: list[LibraryError] = []
        own_topics = self._read(TOPICS_FILE, broken)
        if own_topics is not None:
            try:
                own = parse_topics(own_topics, str(self.own_dir / TOPICS_FILE), own=True)
                by_id.update({t.id: t for t in own.topics})
                versions[f"own {TOPICS_FILE}"] = own.version
            except LibraryError as exc:
                broken.append(exc)
        own_hazards = self._read(HAZARDS_FILE, broken)
        if own_hazards is not None:
            try:
                own_lib = parse_hazards(own_hazards, str(self.own_dir / HAZARDS_FILE))
                tasks.extend(own_lib.tasks)
                versions[f"own {HAZARDS_FILE}"] = own_lib.version
            except LibraryError as exc:
                broken.append(exc)
        ordered = sorted(by_id.values(), key=lambda t: t.title.casefold())
        return Libraries(tuple(ordered), tuple(tasks), versions, tuple(broken))

    def _read(self, name: str, broken: list[LibraryError]) -> str | None:
        path = self.own_dir / name
        if not path.is_file():
            return None
        try:
            return path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            broken.append(LibraryError(str(path), "", f"cannot be read ({exc})"))
            return None

    def add_topic(self, title: str, points: Sequence[str]) -> Topic:
        """Add one of the company's own topics (kept in DATA_DIR/library). Refused, with the
        field named, when the title is empty or the points are not 3 to 5 lines."""
        title = clean(title)
        kept = [clean(p) for p in points if clean(p)]
        problems: list[FieldProblem] = []
        if not title:
            problems.append(FieldProblem("title", "give the topic a title"))
        elif len(title) > SHORT_TEXT:
            problems.append(FieldProblem("title", f"is longer than {SHORT_TEXT} characters"))
        if not MIN_POINTS <= len(kept) <= MAX_POINTS:
            problems.append(
                FieldProblem(
                    "points",
                    f"write {MIN_POINTS} to {MAX_POINTS} talking points, one per line "
                    f"(there are {len(kept)})",
                )
            )
        if any(len(p) > POINT_LIMIT for p in kept):
            problems.append(FieldProblem("points", f"keep each point under {POINT_LIMIT} chars"))
        raise_if(problems)
        path = self.own_dir / TOPICS_FILE
        text = self._read(TOPICS_FILE, [])
        if text is None:
            data: dict[str, object] = {"format": TOPICS_FORMAT, "version": "own", "topics": []}
        else:
            try:
                parse_topics(text, str(path), own=True)  # never overwrite what we cannot read
            except LibraryError as exc:
                raise_if([FieldProblem("library", f"{exc}; fix or move that file first")])
            data = json.loads(text)
        entries = data["topics"]
        assert isinstance(entries, list)
        taken = {str(e.get("id")) for e in entries if isinstance(e, dict)}
        topic_id = _new_id(title, taken)
        entries.append({"id": topic_id, "title": title, "points": kept})
        atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        return Topic(topic_id, title, tuple(kept), own=True)


def _new_id(title: str, taken: set[str]) -> str:
    base = "own-" + (re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-") or "topic")
    topic_id, n = base, 2
    while topic_id in taken:
        topic_id, n = f"{base}-{n}", n + 1
    return topic_id
