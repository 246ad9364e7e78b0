"""Hostile input: random and mutated bundles, random field values. A documented error or
success, never a crash, and a refused input changes nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.bundle import ImportRejected, export_bundle, import_bundle
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services
from tests.conftest import signature_png

CLOCK = FixedClock(datetime(2026, 11, 2, 17, tzinfo=UTC))
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
def world() -> Iterator[tuple[Path, Services]]:
    """A real exported bundle, and a target data folder that already holds other data."""
    root = Path(tempfile.mkdtemp(prefix="secor-hostile-"))
    source = open_services(AppPaths(root / "source"), CLOCK)
    source.company.save(Company(name="Source Co", province=Province.AB))
    lead = source.roster.add_worker(
        Worker("", "Zoë Tremblay", "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
    )
    record = source.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladders",
        event_date=date(2026, 11, 2),
        site_id=None,
        body=ToolboxTalkBody("Ladders", lead.id, (lead.id,), notes="three points of contact"),
    )
    source.records.sign(
        record.id, signer_id=lead.id, meaning=SignatureMeaning.PERFORMED, image_png=signature_png()
    )
    export_bundle(source.ctx, root / "bundle")
    target = open_services(AppPaths(root / "target"), CLOCK)
    target.company.save(Company(name="Target Co", province=Province.AB))
    yield root / "bundle", target
    shutil.rmtree(root)


def state(services: Services) -> tuple[str, int, list[str]]:
    info = services.info()
    return info.chain_head, info.revisions, [r.content_sha256 for r in services.records.find()]


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
        except (ImportRejected, ValidationError):
            assert state(services) == before
            return
    assert services.verify().ok


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_are_refused(world: tuple[Path, Services], data: bytes) -> None:
    """Any bytes as bundle.json: refused with a report, nothing changed."""
    bundle, target = world
    try_import(target, bundle, data)


@SETTINGS
@given(doc=json_values)
def test_random_json_is_refused(world: tuple[Path, Services], doc: Any) -> None:
    """Random JSON, even with the right format tag, is refused or harmless."""
    bundle, target = world
    if isinstance(doc, dict):
        doc["format"] = "secor-bundle/1"
    try_import(target, bundle, json.dumps(doc))


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
    world: tuple[Path, Services], path: list[int], value: Any
) -> None:
    """A real bundle with one node replaced: refused and unchanged, or imported and verified."""
    bundle, target = world
    doc = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    try_import(target, bundle, json.dumps(mutate(doc, path, value)))


@SETTINGS
@given(
    data=st.data(),
    position=st.integers(min_value=0),
    replacement=st.text(min_size=1, max_size=3),
)
def test_edited_bundle_text_is_refused_or_imported_cleanly(
    world: tuple[Path, Services], data: st.DataObject, position: int, replacement: str
) -> None:
    """A few characters changed anywhere in the JSON text: never a crash."""
    bundle, target = world
    text = (bundle / "bundle.json").read_text(encoding="utf-8")
    at = position % len(text)
    try_import(target, bundle, text[:at] + replacement + text[at + len(replacement) :])


any_text = st.text(max_size=300)


@SETTINGS
@given(name=any_text, role=any_text, start=st.dates(), end=st.none() | st.dates())
def test_random_worker_is_saved_or_refused(
    world: tuple[Path, Services], name: str, role: str, start: date, end: date | None
) -> None:
    """Any worker input: saved, or a ValidationError and nothing written."""
    _, target = world
    before = state(target)
    try:
        target.roster.add_worker(Worker("", name, role, EmploymentType.SEASONAL, start, end))
    except ValidationError as exc:
        assert exc.problems and state(target) == before


@SETTINGS
@given(title=any_text, topic=any_text, notes=st.text(max_size=2000), day=st.dates())
def test_random_record_is_saved_or_refused(
    world: tuple[Path, Services], title: str, topic: str, notes: str, day: date
) -> None:
    """Any toolbox talk input: saved, or a ValidationError naming a field and nothing written."""
    _, target = world
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
    world: tuple[Path, Services], name: str, wcb: str, late: int
) -> None:
    """Any company profile: saved, or a ValidationError and nothing written."""
    _, target = world
    before = state(target)
    try:
        target.company.save(
            Company(name=name, province=Province.AB, wcb_account=wcb, late_entry_days=late)
        )
    except ValidationError as exc:
        assert exc.problems and state(target) == before
