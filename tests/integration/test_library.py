"""The libraries through the service: bundled plus the company's own file in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from secor_desktop.services.errors import ValidationError
from secor_desktop.services.library import LibraryService


def test_a_company_topic_is_added_and_read_back(tmp_path: Path) -> None:
    """add_topic writes DATA_DIR/library/toolbox-topics.json; the next load lists it."""
    service = LibraryService(tmp_path)
    before = len(service.load().topics)
    added = service.add_topic(
        "Our forklift rules", ["Certified drivers only", "Horn at corners", "Forks low"]
    )
    library = service.load()
    assert len(library.topics) == before + 1
    found = next(t for t in library.topics if t.id == added.id)
    assert found.own and found.points == ("Certified drivers only", "Horn at corners", "Forks low")
    assert (tmp_path / "library" / "toolbox-topics.json").is_file()
    again = service.add_topic("Our forklift rules", ["a", "b", "c"])
    assert again.id != added.id  # two topics, two ids


def test_a_company_topic_needs_three_to_five_points(tmp_path: Path) -> None:
    """Two points: refused naming the points, and no file is written."""
    service = LibraryService(tmp_path)
    with pytest.raises(ValidationError, match="write 3 to 5 talking points"):
        service.add_topic("Short", ["one", "", "two"])
    with pytest.raises(ValidationError, match="give the topic a title"):
        service.add_topic(" ", ["a", "b", "c"])
    assert not (tmp_path / "library").exists()


def test_a_broken_company_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    """A hand-edited file with a mistake: the bundled library still loads; adding refuses
    rather than overwrite it."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "toolbox-topics.json").write_text('{"format": "secor-toolbox-topics"', "utf-8")
    (folder / "hazards.json").write_text(
        '{"format": "nope", "version": "1", "trades": []}', "utf-8"
    )
    service = LibraryService(tmp_path)
    library = service.load()
    assert len(library.topics) >= 50 and len(library.broken) == 2
    with pytest.raises(ValidationError, match="fix or move that file first"):
        service.add_topic("Ours", ["a", "b", "c"])
    assert (folder / "toolbox-topics.json").read_text(
        "utf-8"
    ) == '{"format": "secor-toolbox-topics"'


def test_company_hazards_are_added_to_the_bundled_ones(tmp_path: Path) -> None:
    """A company hazards.json adds its trade's tasks after the bundled ones."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "hazards.json").write_text(
        '{"format": "secor-hazard-library", "version": "ours-1", "trades": [{"trade": "Painting",'
        ' "tasks": [{"task": "Spray painting", "hazards": [{"hazard": "Solvent vapour",'
        ' "severity": 3, "likelihood": 3, "controls": [{"level": "engineering",'
        ' "text": "Fans"}]}]}]}]}',
        "utf-8",
    )
    library = LibraryService(tmp_path).load()
    assert (
        library.tasks[-1].trade == "Painting" and library.versions["own hazards.json"] == "ours-1"
    )
