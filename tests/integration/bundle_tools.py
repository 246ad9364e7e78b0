"""Helpers for the hostile-bundle tests: a source company, re-hashing an edited bundle, and a
snapshot of a data folder (every table's rows and every file under files/) to compare."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import struct
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.canonical import GENESIS, canonical_bytes, chain_next, sha256_hex
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, SignatureMeaning
from secor_desktop.domain.ledger import derive_flags
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.bundle import export_bundle
from secor_desktop.services.clock import FixedClock
from tests.conftest import signature_png

CLOCK = FixedClock(datetime(2026, 11, 2, 17, tzinfo=UTC))
LATE_EVENT = date(2026, 6, 9)  # 146 days before the clock's day: a late entry


def jpeg(width: int = 320, height: int = 200) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims ``width`` x ``height`` RGBA pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_source(root: Path) -> Path:
    """A small company with a signed inspection holding a photo, a record edited once (so
    it has an older revision), a late entry and a corrective action; returns its data folder."""
    folder = root / "source"
    s = open_services(AppPaths(folder), CLOCK)
    s.company.save(Company(name="Source Co", province=Province.AB))
    lead = s.roster.add_worker(
        Worker("", "Zoë Tremblay", "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
    )
    site = s.roster.add_site("Main yard")
    photo = s.records.attach_file(jpeg(), "yard.jpg", "The yard")
    body = InspectionBody(
        inspection_type=InspectionType.SITE,
        target="Main yard",
        inspector_id=lead.id,
        items=(ChecklistItem("Walkways clear", ChecklistResult.DEFICIENT, "pallets"),),
    )
    inspection = s.records.create(
        RecordKind.INSPECTION,
        title="Weekly yard inspection",
        event_date=date(2026, 11, 2),
        site_id=site.id,
        body=body,
        attachments=(photo,),
    )
    s.records.sign(
        inspection.id,
        signer_id=lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    talk = s.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladders",
        event_date=date(2026, 11, 1),
        site_id=None,
        body=ToolboxTalkBody("Ladders", lead.id, (lead.id,), notes="three points"),
    )
    s.records.update(
        talk.id,
        title="Ladders and steps",
        event_date=date(2026, 11, 1),
        site_id=None,
        body=ToolboxTalkBody("Ladders", lead.id, (lead.id,), notes="three points of contact"),
        attachments=(),
    )
    s.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Heat stress",
        event_date=LATE_EVENT,
        site_id=None,
        body=ToolboxTalkBody("Heat", lead.id, (lead.id,)),
    )
    s.actions.raise_action(
        "Clear the aisle",
        due_date=date(2026, 11, 9),
        owner_id=lead.id,
        source_record_id=inspection.id,
    )
    return folder


def export_to(data_folder: Path, target: Path) -> Path:
    s = open_services(AppPaths(data_folder), CLOCK, startup_backup=False)
    export_bundle(s.ctx, target)
    return target


# --- editing a bundle as an attacker would: change, then re-hash so the chain holds ---------


def load(bundle: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((bundle / "bundle.json").read_text("utf-8"))
    return doc


def save(bundle: Path, doc: dict[str, Any]) -> None:
    (bundle / "bundle.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


def document(rev: dict[str, Any]) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(rev["document"])
    return value


def set_document(rev: dict[str, Any], doc: dict[str, Any]) -> None:
    rev["document"] = canonical_bytes(doc).decode("utf-8")


def rechain(doc: dict[str, Any], *, flags: bool = True) -> None:
    """Recompute every content hash, chain link, the head and (unless told not to) the flags,
    so that only the one planted problem is left for the import to find."""
    revisions = sorted(doc["revisions"], key=lambda r: r["seq"])
    prev = GENESIS
    for rev in revisions:
        rev["content_sha256"] = sha256_hex(rev["document"].encode("utf-8"))
        rev["prev_chain_sha256"] = prev
        rev["chain_sha256"] = prev = chain_next(prev, rev["content_sha256"])
    if flags:
        for rev, derived in zip(
            revisions, derive_flags(r["document"] for r in revisions), strict=True
        ):
            rev["flags"] = list(derived)
    doc["chain_head"] = {"count": len(revisions), "sha256": prev}


def revisions_of(doc: dict[str, Any], title: str) -> list[dict[str, Any]]:
    """The revisions of the record whose newest title is ``title``, oldest first."""
    ids = {
        r["entity_id"]
        for r in doc["revisions"]
        if r["entity_type"] == "record" and document(r)["data"]["title"] == title
    }
    return [r for r in doc["revisions"] if r["entity_type"] == "record" and r["entity_id"] in ids]


def put_file(bundle: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    (bundle / "files" / sha).write_bytes(data)
    return sha


# --- what a refused import must leave untouched --------------------------------------------


def snapshot(data_folder: Path) -> tuple[list[str], dict[str, str], list[str]]:
    """Every row of every table (a SQL dump), the hash of every file under files/, and the
    names at the top of the data folder that could be import leftovers (staging folders)."""
    con = sqlite3.connect(f"file:{AppPaths(data_folder).database}?mode=ro", uri=True)
    try:
        dump = list(con.iterdump())
    finally:
        con.close()
    files = AppPaths(data_folder).blobs
    hashes = (
        {
            str(p.relative_to(files)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(files.rglob("*"))
            if p.is_file()
        }
        if files.exists()
        else {}
    )
    leftovers = sorted(p.name for p in data_folder.iterdir() if p.name.startswith(".staging"))
    return dump, hashes, leftovers


Edit = Callable[[Path], None]
