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
    ENTITY_WORKER,
    Entity,
    canonical_bytes,
    entity_data,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.domain.model import (
    CorrectiveAction,
    Record,
    RevisionInfo,
    Site,
    Worker,
)
from secor_desktop.services.bundle_check import (
    BUNDLE_FORMAT,
    ImportRejected,
    Rejection,
    Revision,
    check_history,
    read_bundle,
    read_revisions,
)
from secor_desktop.services.bundle_exchange import (
    exchange_section,
    read_section,
    replay_section,
)
from secor_desktop.services.bundle_rules import (
    check_rules,
    roster_for,
    stage_files,
    wanted_files,
)
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.csv_safe import csv_text
from secor_desktop.services.errors import Refused
from secor_desktop.services.gc_pause import collector_paused
from secor_desktop.storage.atomic import atomic_write_bytes, atomic_write_text

BUNDLE_FILE = "bundle.json"
__all__ = ["BUNDLE_FORMAT", "ImportRejected", "Rejection", "export_bundle", "import_bundle"]


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    entities: int
    revisions: int
    files: int
    chain_head: str


@dataclass(frozen=True)
class ImportReport:
    mode: str  # "replayed" into an empty folder, or "merged" into existing data
    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    rejected: tuple[Rejection, ...] = ()


# --- export ----------------------------------------------------------------------------


def export_bundle(ctx: ServiceContext, folder: Path) -> ExportSummary:
    if folder.exists() and any(folder.iterdir()):
        raise Refused(f"{folder} is not empty; choose a new or empty folder for the export.")
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
        exchange = exchange_section(uow)
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
        "exchange": exchange,
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
    """Check the whole bundle, then write it in one transaction, or raise ImportRejected.

    Order matters: every check (``bundle_check``, then ``bundle_rules`` against what is
    here) runs before the first write; files are staged beside ``files/`` and moved in only
    after the commit, so a refusal leaves the database and ``files/`` as they were.
    """
    with collector_paused():
        return _import(ctx, source)


def _import(ctx: ServiceContext, source: Path) -> ImportReport:
    bundle_file = source / BUNDLE_FILE if source.is_dir() else source
    folder = bundle_file.parent
    doc = read_bundle(bundle_file)
    rejected: list[Rejection] = []
    revisions = read_revisions(doc, rejected)
    if not rejected:
        check_history(doc, revisions, rejected)
    moved = read_section(doc, revisions, rejected) if not rejected else (None, [], [])
    if rejected:
        raise ImportRejected(bundle_file, rejected)
    latest: dict[tuple[str, str], Revision] = {}
    for r in revisions:
        latest[(r.stored.entity_type, r.stored.entity_id)] = r
    entities = {key: r.entity for key, r in latest.items()}
    ctx.blobs.recover_staged()  # an earlier import stopped between its commit and its files
    with ctx.blobs.staging() as staged:
        rejected += stage_files(folder, wanted_files(entities.values()), staged)
        if rejected:
            raise ImportRejected(bundle_file, rejected)
        with ctx.uow() as uow:
            empty = uow.is_empty()
            existing = {} if empty else _existing(uow)
            roster = roster_for(
                ctx.clock.today(), uow.list_workers(), uow.list_sites(), entities.values()
            )
            record_ids = {k[1] for k in existing if k[0] == ENTITY_RECORD}
            record_ids |= {k[1] for k in entities if k[0] == ENTITY_RECORD}
            rejected += check_rules(revisions, roster, record_ids)
            ordered = sorted(entities.items(), key=lambda kv: ORDER.index(kv[0][0]))
            new = [(key, e) for key, e in ordered if key not in existing]
            for key, entity in ordered:
                if key in existing and canonical_bytes(existing[key]) != canonical_bytes(
                    entity_data(entity)
                ):
                    rejected.append(
                        Rejection(
                            latest[key].item,
                            "already exists here with different content; it was not overwritten",
                        )
                    )
            if rejected:
                raise ImportRejected(bundle_file, rejected)
            if empty:
                _replay(uow, revisions, ordered, latest)
                replay_section(uow, moved)
            else:
                now = ctx.now()
                for _key, entity in new:
                    uow.save(entity, entered_at=now, reason=f"imported from {bundle_file.name}")
            staged.sync()  # the files' names are durable before the commit names them
            uow.commit()
        staged.publish()
    added: dict[str, int] = {}
    for key, _entity in new:
        added[key[0]] = added.get(key[0], 0) + 1
    return ImportReport(
        "replayed" if empty else "merged", added, len(ordered) - len(new) if not empty else 0
    )


def _replay(
    uow: Any,
    revisions: list[Revision],
    ordered: list[tuple[Any, Entity]],
    latest: dict[tuple[str, str], Revision],
) -> None:
    """Into an empty folder: every revision verbatim, many rows at a time, parents first;
    each record's body stored as it was encoded when its revision was read."""
    from secor_desktop.storage import bulk, bulk_entities  # SQLAlchemy: on import only

    with bulk.bulk_writes(uow):
        bulk.insert_revisions(uow, ((r.info, r.stored) for r in revisions))
        parents = (ENTITY_COMPANY, ENTITY_SITE, ENTITY_WORKER)
        bulk_entities.insert_entities(uow, (e for k, e in ordered if k[0] in parents))
        bodies = {key[1]: r.body for key, r in latest.items() if r.body is not None}
        bulk.insert_records(uow, (e for _, e in ordered if isinstance(e, Record)), bodies)
        children = (ENTITY_ACTION, ENTITY_EVALUATION)
        bulk_entities.insert_entities(uow, (e for k, e in ordered if k[0] in children))


def _existing(uow: Any) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for key, doc in uow.latest_documents().items():
        found[key] = json.loads(doc)["data"]
    return found
