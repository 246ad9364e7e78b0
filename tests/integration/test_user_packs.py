"""A company can use a framework pack of its own, dropped in DATA_DIR/frameworks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.frameworks import bundled_packs_dir
from tests.conftest import SmallCompany


def _own_pack(folder: Path) -> None:
    source = Path(str(bundled_packs_dir() / "secor-9-element.json"))
    doc = json.loads(source.read_text("utf-8"))
    doc["id"], doc["name"] = "partner-secor", "Our partner's SECOR tool"
    doc["elements"] = doc["elements"][:3]
    folder.mkdir(exist_ok=True)
    (folder / "partner.json").write_text(json.dumps(doc), "utf-8")


def test_own_pack_is_listed_chosen_and_used(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack file in the data folder can be chosen, and readiness follows its elements."""
    folder = company.services.locations.data_dir
    _own_pack(folder / "frameworks")
    assert main(["--data-dir", str(folder), "company", "set", "--framework", "partner-secor"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "readiness", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["framework_id"] == "partner-secor"
    assert [e["code"] for e in report["elements"]] == ["1", "2", "3"]


def test_broken_own_pack_is_named_and_the_rest_still_work(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack with a bad entry is reported with file, entry and problem; others load."""
    folder = company.services.locations.data_dir
    (folder / "frameworks").mkdir()
    (folder / "frameworks" / "bad.json").write_text('{"id": "x"}', "utf-8")
    assert main(["--data-dir", str(folder), "frameworks"]) == 0
    out = capsys.readouterr().out
    assert "secor-9-element" in out
    assert "Could not use:" in out and "bad.json" in out
