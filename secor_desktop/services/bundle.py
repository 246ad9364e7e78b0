"""Export every record, worker, signature and attachment as a JSON bundle, and import one.

The bundle's ledger (every revision, verbatim) is what counts: into an empty data folder it
is replayed as is, so the chain head and every hash come out identical. Into a folder that
already holds data, new entities are appended as new revisions. Either way the import is all
or nothing: any bad item rejects the whole bundle with a report naming each one.
Format: docs/bundle-format.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from secor_desktop import __version__
from secor_desktop.domain import codec
from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_COMPANY,
    ENTITY_EVALUATION,
    ENTITY_RECORD,
    ENTITY_SITE,
    ENTITY_TYPES,
    ENTITY_WORKER,
    Entity,
    canonical_bytes,
    entity_data,
    entity_from_data,
    sha256_hex,
)
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.ledger import StoredRevision, check_chain
from secor_desktop.domain.model import (
    Company,
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.domain.validation import (
    Roster,
    validate_action,
    validate_company,
    validate_record,
    validate_site,
    validate_worker,
)
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.csv_safe import csv_text
from secor_desktop.storage import bulk
from secor_desktop.storage.atomic import atomic_write_bytes, atomic_write_text

BUNDLE_FORMAT = "secor-bundle/1"
BUNDLE_FILE = "bundle.json"
MAX_BUNDLE_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    entities: int
    revisions: int
    files: int
    chain_head: str


@dataclass(frozen=True)
class Rejection:
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass(frozen=True)
class ImportReport:
    mode: str  # "replayed" into an empty folder, or "merged" into existing data
    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    rejected: tuple[Rejection, ...] = ()


class ImportRejected(ValueError):
    """The bundle was refused whole; nothing was written."""

    def __init__(self, source: Path, rejected: list[Rejection]) -> None:
        self.source = source
        self.rejected = tuple(rejected)
        lines = "\n".join(f"  - {r}" for r in rejected[:50])
        more = f"\n  ... and {len(rejected) - 50} more" if len(rejected) > 50 else ""
        super().__init__(
            f"{source} was not imported; nothing was changed. {len(rejected)} problem(s):\n"
            f"{lines}{more}"
        )


# --- export ----------------------------------------------------------------------------


def export_bundle(ctx: ServiceContext, folder: Path) -> ExportSummary:
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty; choose a new or empty folder for the export.")
    with ctx.uow() as uow:
        stored = list(uow.stored_revisions())
        infos = {(i.entity_type, i.entity_id, i.revision): i for i in uow.revision_infos()}
        company = uow.get_company()
        sites = uow.list_sites()
        workers = uow.list_workers()
        records = uow.list_records()
        actions = uow.list_actions()
        evaluations = uow.list_evaluations()
        count, head = uow.chain_head()
    revisions = [_revision_json(s, infos[(s.entity_type, s.entity_id, s.revision)]) for s in stored]
    current = {
        "company": entity_data(company) if company else None,
        "sites": [entity_data(s) for s in sites],
        "workers": [entity_data(w) for w in workers],
        "records": [entity_data(r) for r in records],
        "corrective_actions": [entity_data(a) for a in actions],
        "self_evaluations": [entity_data(e) for e in evaluations],
    }
    blobs = sorted(
        {a.sha256 for r in records for a in r.attachments}
        | {s.image_sha256 for r in records for s in r.signatures}
    )
    for sha in blobs:
        atomic_write_bytes(folder / "files" / sha, ctx.blobs.get(sha))
    _write_csvs(folder / "csv", records, workers, sites, actions)
    doc = {
        "format": BUNDLE_FORMAT,
        "program_version": __version__,
        "exported_at": ctx.now().isoformat(),
        "chain_head": {"count": count, "sha256": head},
        "revisions": revisions,
        "current": current,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_text(folder / BUNDLE_FILE, text)
    entities = (1 if company else 0) + len(sites) + len(workers) + len(records) + len(actions)
    entities += len(evaluations)
    return ExportSummary(folder, entities, len(revisions), len(blobs), head)


def _revision_json(s: StoredRevision, info: RevisionInfo) -> dict[str, Any]:
    return {
        "seq": s.seq,
        "entity_type": s.entity_type,
        "entity_id": s.entity_id,
        "revision": s.revision,
        "event_date": info.event_date.isoformat() if info.event_date else None,
        "entered_at": info.entered_at.isoformat(),
        "reason": info.reason,
        "flags": list(info.flags),
        "document": s.document,
        "content_sha256": s.content_sha256,
        "prev_chain_sha256": s.prev_chain_sha256,
        "chain_sha256": s.chain_sha256,
    }


def _write_csvs(
    folder: Path,
    records: list[Record],
    workers: list[Worker],
    sites: list[Site],
    actions: list[CorrectiveAction],
) -> None:
    site_names = {s.id: s.name for s in sites}
    for kind in RecordKind:
        rows = []
        for r in records:
            if r.kind is not kind:
                continue
            body = codec.to_jsonable(r.body)
            rows.append(
                [
                    r.id,
                    r.event_date.isoformat(),
                    r.title,
                    site_names.get(r.site_id or "", ""),
                    r.status.value,
                    "; ".join(f"{s.signer_name} ({s.meaning.value})" for s in r.signatures),
                    json.dumps(body, ensure_ascii=False, sort_keys=True),
                    r.content_sha256,
                ]
            )
        header = ["id", "date", "title", "site", "status", "signatures", "details", "sha256"]
        atomic_write_text(folder / f"{kind.value}.csv", csv_text(header, rows))
    atomic_write_text(
        folder / "workers.csv",
        csv_text(
            ["id", "name", "role", "employment_type", "start_date", "end_date", "owner"],
            [
                [
                    w.id,
                    w.name,
                    w.role,
                    w.employment_type.value,
                    w.start_date.isoformat(),
                    w.end_date.isoformat() if w.end_date else "",
                    "yes" if w.is_owner else "no",
                ]
                for w in workers
            ],
        ),
    )
    atomic_write_text(
        folder / "corrective_actions.csv",
        csv_text(
            ["id", "description", "owner_id", "due_date", "status", "closed_date", "source"],
            [
                [
                    a.id,
                    a.description,
                    a.owner_id or "",
                    a.due_date.isoformat(),
                    a.status.value,
                    a.closed_date.isoformat() if a.closed_date else "",
                    a.source_record_id or "",
                ]
                for a in actions
            ],
        ),
    )


# --- import ----------------------------------------------------------------------------

ORDER = (
    ENTITY_COMPANY,
    ENTITY_SITE,
    ENTITY_WORKER,
    ENTITY_RECORD,
    ENTITY_ACTION,
    ENTITY_EVALUATION,
)


def import_bundle(ctx: ServiceContext, source: Path) -> ImportReport:
    """Check the whole bundle, then write it in one transaction, or raise ImportRejected."""
    bundle_file = source / BUNDLE_FILE if source.is_dir() else source
    folder = bundle_file.parent
    doc = _read_json(bundle_file)
    rejected: list[Rejection] = []
    stored, infos = _parse_revisions(doc, rejected)
    if rejected:
        raise ImportRejected(bundle_file, rejected)
    _, chain_problems = check_chain(stored)
    for p in chain_problems:
        rejected.append(Rejection(f"revision #{p.seq} ({p.entity_type} {p.entity_id})", p.message))
    latest: dict[tuple[str, str], StoredRevision] = {}
    for s in stored:
        latest[(s.entity_type, s.entity_id)] = s
    entities: dict[tuple[str, str], Entity] = {}
    for key, s in latest.items():
        try:
            data = json.loads(s.document)["data"]
            entities[key] = entity_from_data(key[0], data)
        except (codec.DecodeError, KeyError, TypeError, ValueError) as exc:
            rejected.append(Rejection(f"{key[0]} {key[1]}", f"cannot be read: {exc}"))
    blob_data = _check_files(folder, entities.values(), rejected)
    if rejected:
        raise ImportRejected(bundle_file, rejected)
    with ctx.uow() as uow:
        empty = uow.is_empty()
        roster = Roster(
            today=ctx.clock.today(),
            workers={w.id: w for w in uow.list_workers()}
            | {e.id: e for e in entities.values() if isinstance(e, Worker)},
            sites={s.id: s for s in uow.list_sites()}
            | {e.id: e for e in entities.values() if isinstance(e, Site)},
        )
        for key, entity in entities.items():
            for problem in _validate(entity, roster):
                rejected.append(Rejection(f"{key[0]} {key[1]}", str(problem)))
        if rejected:
            raise ImportRejected(bundle_file, rejected)
        for data in blob_data.values():
            ctx.blobs.put(data)
        ordered = sorted(entities.items(), key=lambda kv: ORDER.index(kv[0][0]))
        added: dict[str, int] = {}
        unchanged = 0
        if empty:
            # Nothing here yet: the rows go in many at a time (storage.bulk), parents first.
            with bulk.bulk_writes(uow):
                bulk.insert_revisions(uow, ((infos[s.seq], s) for s in stored))
                for key, entity in ordered:
                    if key[0] in (ENTITY_COMPANY, ENTITY_SITE, ENTITY_WORKER):
                        uow.write_current(entity)
                bulk.insert_records(uow, (e for _, e in ordered if isinstance(e, Record)))
                for key, entity in ordered:
                    if key[0] in (ENTITY_ACTION, ENTITY_EVALUATION):
                        uow.write_current(entity)
            for key, _entity in ordered:
                added[key[0]] = added.get(key[0], 0) + 1
        else:
            existing = _existing(uow)
            now = ctx.now()
            for key, entity in ordered:
                if key in existing:
                    if canonical_bytes(existing[key]) == canonical_bytes(entity_data(entity)):
                        unchanged += 1
                        continue
                    rejected.append(
                        Rejection(
                            f"{key[0]} {key[1]}",
                            "already exists here with different content; it was not overwritten",
                        )
                    )
                    continue
                uow.save(entity, entered_at=now, reason=f"imported from {bundle_file.name}")
                added[key[0]] = added.get(key[0], 0) + 1
            if rejected:
                raise ImportRejected(bundle_file, rejected)
        uow.commit()
    return ImportReport("replayed" if empty else "merged", added, unchanged)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror})"
        raise ImportRejected(path, [Rejection(str(path), reason)]) from None
    if size > MAX_BUNDLE_BYTES:
        raise ImportRejected(path, [Rejection(str(path), "is larger than 2 GB")])
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ImportRejected(path, [Rejection(str(path), "is not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            path, [Rejection(str(path), f"is not valid JSON (line {exc.lineno}: {exc.msg})")]
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != BUNDLE_FORMAT:
        raise ImportRejected(
            path, [Rejection(str(path), f"is not a {BUNDLE_FORMAT} bundle (no 'format' key)")]
        )
    return doc


def _parse_revisions(
    doc: dict[str, Any], rejected: list[Rejection]
) -> tuple[list[StoredRevision], dict[int, RevisionInfo]]:
    raw = doc.get("revisions")
    if not isinstance(raw, list):
        rejected.append(Rejection("revisions", "missing or not a list"))
        return [], {}
    stored: list[StoredRevision] = []
    infos: dict[int, RevisionInfo] = {}
    for i, item in enumerate(raw):
        try:
            if not isinstance(item, dict):
                raise TypeError("not an object")
            s = StoredRevision(
                seq=_typed(item, "seq", int),
                entity_type=_typed(item, "entity_type", str),
                entity_id=_typed(item, "entity_id", str),
                revision=_typed(item, "revision", int),
                document=_typed(item, "document", str),
                content_sha256=_typed(item, "content_sha256", str),
                prev_chain_sha256=_typed(item, "prev_chain_sha256", str),
                chain_sha256=_typed(item, "chain_sha256", str),
            )
            if s.entity_type not in ENTITY_TYPES:
                raise ValueError(f"unknown entity type {s.entity_type!r}")
            for name in ("content_sha256", "prev_chain_sha256", "chain_sha256"):
                value = getattr(s, name)
                if len(value) != 64 or value.strip("0123456789abcdef"):
                    raise ValueError(f"{name} is not a SHA-256 hex digest")
            event = item.get("event_date")
            flags = item.get("flags", [])
            if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
                raise TypeError("flags must be a list of words")
            infos[s.seq] = RevisionInfo(
                seq=s.seq,
                entity_type=s.entity_type,
                entity_id=s.entity_id,
                revision=s.revision,
                event_date=date.fromisoformat(event) if event else None,
                entered_at=datetime.fromisoformat(_typed(item, "entered_at", str)),
                reason=item.get("reason"),
                content_sha256=s.content_sha256,
                chain_sha256=s.chain_sha256,
                flags=tuple(flags),
            )
            stored.append(s)
        except (TypeError, ValueError, KeyError) as exc:
            rejected.append(Rejection(f"revisions[{i}]", str(exc)))
    stored.sort(key=lambda s: s.seq)
    return stored, infos


def _typed(item: dict[str, Any], key: str, tp: type[Any]) -> Any:
    value = item[key]
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        raise TypeError(f"{key} must be {'a whole number' if tp is int else 'text'}")
    return value


def _check_files(folder: Path, entities: Any, rejected: list[Rejection]) -> dict[str, bytes]:
    wanted: dict[str, str] = {}
    for e in entities:
        if isinstance(e, Record):
            for a in e.attachments:
                wanted.setdefault(a.sha256, f"record {e.id}: attachment {a.filename}")
            for s in e.signatures:
                wanted.setdefault(s.image_sha256, f"record {e.id}: signature of {s.signer_name}")
    found: dict[str, bytes] = {}
    for sha, label in sorted(wanted.items()):
        path = folder / "files" / sha
        if len(sha) != 64 or sha.strip("0123456789abcdef"):
            rejected.append(Rejection(label, "names a file that is not a SHA-256 digest"))
            continue
        if not path.is_file() or path.is_symlink():
            rejected.append(Rejection(label, f"file files/{sha} is missing from the bundle"))
            continue
        data = path.read_bytes()
        if sha256_hex(data) != sha:
            rejected.append(Rejection(label, f"file files/{sha} does not match its hash"))
            continue
        found[sha] = data
    return found


def _validate(entity: Entity, roster: Roster) -> list[Any]:
    if isinstance(entity, Company):
        return validate_company(entity)
    if isinstance(entity, Site):
        return validate_site(entity)
    if isinstance(entity, Worker):
        return validate_worker(entity)
    if isinstance(entity, CorrectiveAction):
        return validate_action(entity, roster)
    if isinstance(entity, SelfEvaluation):
        return []  # checked against the framework pack when it is scored
    return validate_record(entity, roster)


def _existing(uow: Any) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for key, doc in uow.latest_documents().items():
        found[key] = json.loads(doc)["data"]
    return found
