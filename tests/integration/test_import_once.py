"""A bundle replayed into an empty folder decodes and encodes each record body once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secor_desktop.domain import codec
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.registry import spec_for
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany, signature_png

BODIES = tuple({spec_for(kind).body for kind in RecordKind})


@pytest.fixture
def bundle(company: SmallCompany, tmp_path: Path) -> Path:
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    company.inspection(title="Second walk-through")
    export_bundle(company.services.ctx, tmp_path / "bundle")
    return tmp_path / "bundle"


def _record_revisions(bundle: Path) -> int:
    doc = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    return sum(1 for r in doc["revisions"] if r["entity_type"] == "record")


def test_each_record_body_is_encoded_once(
    bundle: Path, make_services: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hashing a revision's record and writing its row share one encoding of its body."""
    target = make_services("other")
    encoded: list[Any] = []
    to_jsonable = codec.to_jsonable

    def counting(value: Any) -> Any:
        if isinstance(value, BODIES):
            encoded.append(value)
        return to_jsonable(value)

    monkeypatch.setattr(codec, "to_jsonable", counting)
    import_bundle(target.ctx, bundle)
    assert len(encoded) == _record_revisions(bundle)
    monkeypatch.undo()
    assert target.verify().ok


def test_each_record_body_is_decoded_once(
    bundle: Path, make_services: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each record revision's body is decoded from its document once, not again to write."""
    target = make_services("other")
    decoded: list[Any] = []
    from_jsonable = codec.from_jsonable

    def counting(tp: Any, data: Any, path: str = "") -> Any:
        if tp in BODIES:
            decoded.append(data)
        return from_jsonable(tp, data, path)

    monkeypatch.setattr(codec, "from_jsonable", counting)
    import_bundle(target.ctx, bundle)
    assert len(decoded) == _record_revisions(bundle)
    monkeypatch.undo()
    assert target.verify().ok
