"""Hostile input: random, mutated and deliberately forged bundles, random field values. A
documented error or success, never a crash, and a refused input changes nothing: every bundle
goes both into an empty data folder and into the company it came from (a folder holding a
different company would refuse everything on the company alone and prove nothing)."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.bundle import ImportRejected, import_bundle
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services
from tests.integration.bundle_tools import (
    CLOCK,
    export_to,
    load,
    make_source,
    snapshot,
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real company's data folder and the bundle exported from it."""
    root = tmp_path_factory.mktemp("hostile")
    folder = make_source(root)
    return folder, export_to(folder, root / "bundle")


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty data folder, copied for each import that needs an empty one."""
    folder = tmp_path_factory.mktemp("empty") / "data"
    open_services(AppPaths(folder), CLOCK, startup_backup=False)
    return folder


@pytest.fixture(scope="module")
def same_company(source: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Services:
    """A data folder holding the very company the bundle came from."""
    folder = tmp_path_factory.mktemp("same") / "data"
    shutil.copytree(source[0], folder)
    return open_services(AppPaths(folder), CLOCK, startup_backup=False)


def fresh_empty(template: Path) -> Services:
    folder = Path(tempfile.mkdtemp(prefix="secor-empty-")) / "data"
    shutil.copytree(template, folder)
    return open_services(AppPaths(folder), CLOCK, startup_backup=False)


def state(services: Services) -> tuple[list[str], dict[str, str], list[str]]:
    return snapshot(services.locations.data_dir)


def try_import(services: Services, bundle: Path, text: str | bytes) -> None:
    """Import a bundle folder whose bundle.json is ``text``: refused means unchanged."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "b"
        shutil.copytree(bundle, folder)
        path = folder / "bundle.json"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        before = state(services)
        try:
            import_bundle(services.ctx, folder)
        except ImportRejected as exc:
            assert exc.rejected and state(services) == before
            return
    assert services.verify().ok


def both_targets(
    source: tuple[Path, Path], template: Path, same: Services, text: str | bytes
) -> None:
    """The same bundle into an empty folder and into the company it came from."""
    empty = fresh_empty(template)
    try:
        try_import(empty, source[1], text)
    finally:
        shutil.rmtree(empty.locations.data_dir.parent, ignore_errors=True)
    try_import(same, source[1], text)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_are_refused(
    source: tuple[Path, Path], empty_template: Path, same_company: Services, data: bytes
) -> None:
    """Any bytes as bundle.json: refused with a report, nothing changed."""
    both_targets(source, empty_template, same_company, data)


@SETTINGS
@given(doc=json_values)
def test_random_json_is_refused(
    source: tuple[Path, Path], empty_template: Path, same_company: Services, doc: Any
) -> None:
    """Random JSON, even with the right format tag, is refused or harmless."""
    if isinstance(doc, dict):
        doc["format"] = "secor-bundle/1"
    both_targets(source, empty_template, same_company, json.dumps(doc))


def mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace the node reached by following ``path`` (indexes modulo size) with ``value``."""
    if not path or not isinstance(doc, dict | list) or not doc:
        return value
    keys = sorted(doc) if isinstance(doc, dict) else list(range(len(doc)))
    key = keys[path[0] % len(keys)]
    doc[key] = mutate(doc[key], path[1:], value)
    return doc


@SETTINGS
@given(
    path=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=6),
    value=json_values,
)
def test_mutated_bundle_is_refused_or_imported_cleanly(
    source: tuple[Path, Path],
    empty_template: Path,
    same_company: Services,
    path: list[int],
    value: Any,
) -> None:
    """A real bundle with one node replaced: refused and unchanged, or imported and verified."""
    doc = load(source[1])
    both_targets(source, empty_template, same_company, json.dumps(mutate(doc, path, value)))


@SETTINGS
@given(
    data=st.data(),
    position=st.integers(min_value=0),
    replacement=st.text(min_size=1, max_size=3),
)
def test_edited_bundle_text_is_refused_or_imported_cleanly(
    source: tuple[Path, Path],
    empty_template: Path,
    same_company: Services,
    data: st.DataObject,
    position: int,
    replacement: str,
) -> None:
    """A few characters changed anywhere in the JSON text: never a crash."""
    text = (source[1] / "bundle.json").read_text(encoding="utf-8")
    at = position % len(text)
    edited = text[:at] + replacement + text[at + len(replacement) :]
    both_targets(source, empty_template, same_company, edited)


any_text = st.text(max_size=300)


@SETTINGS
@given(name=any_text, role=any_text, start=st.dates(), end=st.none() | st.dates())
def test_random_worker_is_saved_or_refused(
    same_company: Services, name: str, role: str, start: date, end: date | None
) -> None:
    """Any worker input: saved, or a ValidationError and nothing written."""
    target = same_company
    before = state(target)
    try:
        target.roster.add_worker(Worker("", name, role, EmploymentType.SEASONAL, start, end))
    except ValidationError as exc:
        assert exc.problems and state(target) == before


@SETTINGS
@given(title=any_text, topic=any_text, notes=st.text(max_size=2000), day=st.dates())
def test_random_record_is_saved_or_refused(
    same_company: Services, title: str, topic: str, notes: str, day: date
) -> None:
    """Any toolbox talk input: saved, or a ValidationError naming a field and nothing written."""
    target = same_company
    lead = target.roster.workers()
    presenter = lead[0].id if lead else "nobody"
    before = state(target)
    try:
        target.records.create(
            RecordKind.TOOLBOX_TALK,
            title=title,
            event_date=day,
            site_id=None,
            body=ToolboxTalkBody(topic, presenter, (presenter,), notes=notes),
        )
    except ValidationError as exc:
        assert exc.problems and state(target) == before


@SETTINGS
@given(name=any_text, wcb=any_text, late=st.integers())
def test_random_company_profile_is_saved_or_refused(
    same_company: Services, name: str, wcb: str, late: int
) -> None:
    """Any company profile: saved, or a ValidationError and nothing written."""
    target = same_company
    before = state(target)
    try:
        target.company.save(
            Company(name=name, province=Province.AB, wcb_account=wcb, late_entry_days=late)
        )
    except ValidationError as exc:
        assert exc.problems and state(target) == before
