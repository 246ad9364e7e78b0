"""Exchange between installs, offline: what the other laptop has not seen, and back.

``export_exchange`` writes the piece of this chain the other side has not confirmed
receiving (each revision with its origin: this device, or the device it was first saved on,
with that install's document and hashes) and the files it names. ``import_exchange`` checks
the whole file (``exchange_file``, then the same rules and file checks a bundle import applies
against what is here), and then, in one transaction, appends each revision not seen before to
this chain (a new local revision, its origin kept beside it in ``revision_links``), and notes
how far it has received the sender's chain. Revisions already here (by their origin hash) are
skipped, so importing a file twice adds nothing. An item changed on both sides since they last
met ends with two heads: it is in conflict (``exchange_conflicts``) until someone settles it.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from secor_desktop import __version__
from secor_desktop.domain.canonical import ENTITY_RECORD, GENESIS
from secor_desktop.domain.model import Record
from secor_desktop.services.bundle import _revision_json
from secor_desktop.services.bundle_check import ImportRejected, Rejection
from secor_desktop.services.bundle_rules import check_rules, roster_for, stage_files, wanted_files
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import Refused
from secor_desktop.services.exchange_file import (
    EXCHANGE_FORMAT,
    EXCHANGE_JSON,
    ExchangeFile,
    Incoming,
    read_exchange,
)
from secor_desktop.services.exchange_graph import build_graph
from secor_desktop.services.gc_pause import collector_paused
from secor_desktop.storage.exchange_store import Peer, RevisionLink


@dataclass(frozen=True)
class ExchangeExport:
    path: Path
    revisions: int
    files: int
    since: int
    peer_name: str | None


@dataclass(frozen=True)
class ExchangeImport:
    sender_name: str
    added: dict[str, int] = field(default_factory=dict)
    already_here: int = 0
    conflicts: tuple[str, ...] = ()  # items in conflict after the import, named


# --- export ----------------------------------------------------------------------------


def export_exchange(ctx: ServiceContext, target: Path, peer: str | None = None) -> ExchangeExport:
    """Write what ``peer`` (a name or device id; the only one, or all, when None) lacks."""
    if target.is_dir():
        raise Refused(f"{target} is a folder; give a file name for the exchange file.")
    if not target.parent.is_dir():
        raise Refused(f"The folder {target.parent} does not exist; choose an existing folder.")
    with ctx.uow() as uow:
        me, my_name = uow.device()
        peers = _chosen(uow.peers(), peer)
        since = min((p.acked_seq for p in peers), default=0)
        links = uow.revision_links()
        graph = build_graph(uow.chain_entries(), links)
        since_chain = uow.chain_hash_at(since) if since else GENESIS
        rows = list(uow.revisions_after(since))
        received = {
            p.device_id: {"seq": p.received_seq, "chain_sha256": p.received_chain_sha256}
            for p in uow.peers()
        }
    devices = {me: my_name}
    revisions: list[dict[str, Any]] = []
    blobs: set[str] = set()
    for stored, info in rows:
        item = _revision_json(stored, info)
        link = links.get(stored.seq)
        if link is not None and link.origin_document is not None:
            devices[link.origin_device] = link.origin_name
            item["origin"] = {
                "device": link.origin_device,
                "seq": link.origin_seq,
                "document": link.origin_document,
                "content_sha256": link.origin_content_sha256,
                "prev_chain_sha256": link.origin_prev_chain_sha256,
                "chain_sha256": link.origin_chain_sha256,
                "parents": list(link.parents),
            }
        else:
            item["origin"] = {
                "device": me,
                "seq": stored.seq,
                "content_sha256": stored.content_sha256,
                "chain_sha256": stored.chain_sha256,
                "parents": list(graph.parents[stored.seq]),
            }
        if stored.entity_type == ENTITY_RECORD:
            blobs |= _files_of(stored.document)
        revisions.append(item)
    last = rows[-1][0] if rows else None
    doc = {
        "format": EXCHANGE_FORMAT,
        "program_version": __version__,
        "exported_at": ctx.now().isoformat(),
        "from": {"device_id": me, "name": my_name},
        "for": peers[0].device_id if len(peers) == 1 else None,
        "devices": devices,
        "received": received,
        "since": since,
        "since_chain_sha256": since_chain,
        "chain_head": {
            "count": last.seq if last else since,
            "sha256": last.chain_sha256 if last else since_chain,
        },
        "revisions": revisions,
    }
    _write_zip(ctx, target, json.dumps(doc, ensure_ascii=False, sort_keys=True), sorted(blobs))
    return ExchangeExport(
        target, len(revisions), len(blobs), since, peers[0].name if len(peers) == 1 else None
    )


def _chosen(peers: list[Peer], wanted: str | None) -> list[Peer]:
    if wanted is None:
        return peers
    found = [p for p in peers if wanted in (p.device_id, p.name)]
    if not found:
        known = ", ".join(repr(p.name) for p in peers) or "none yet"
        raise Refused(f"No laptop named {wanted!r} has exchanged with this one (known: {known}).")
    return found[:1]


def _files_of(document: str) -> set[str]:
    data = json.loads(document).get("data", {})
    found = {a["sha256"] for a in data.get("attachments", [])}
    return found | {s["image_sha256"] for s in data.get("signatures", [])}


def _write_zip(ctx: ServiceContext, target: Path, text: str, blobs: list[str]) -> None:
    """Written beside ``target`` and renamed over it: never half an exchange file."""
    fd, name = tempfile.mkstemp(prefix=".exchange-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(EXCHANGE_JSON, text)
                for sha in blobs:
                    archive.writestr(f"files/{sha}", ctx.blobs.get(sha), zipfile.ZIP_STORED)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


# --- import ----------------------------------------------------------------------------


def import_exchange(ctx: ServiceContext, source: Path) -> ExchangeImport:
    """Check the whole file, then append what is new in one transaction, or ImportRejected."""
    with collector_paused(), tempfile.TemporaryDirectory(prefix="secor-exchange-") as tmp:
        exchange = read_exchange(source, Path(tmp))
        ctx.blobs.recover_staged()
        with ctx.blobs.staging() as staged, ctx.uow() as uow:
            plan = _plan(ctx, uow, exchange)
            rejected = plan.rejected
            if not rejected:
                entities = [i.revision.entity for i in plan.new]
                rejected += stage_files(exchange.folder, wanted_files(entities), staged)
            if rejected:
                raise ImportRejected(source, rejected)
            _write(ctx, uow, exchange, plan)
            staged.sync()
            uow.commit()
            staged.publish()
    added: dict[str, int] = {}
    for inc in plan.new:
        kind = inc.revision.stored.entity_type
        added[kind] = added.get(kind, 0) + 1
    return ExchangeImport(
        exchange.sender_name,
        added,
        len(exchange.revisions) - len(plan.new),
        tuple(plan.conflicts),
    )


@dataclass
class _Plan:
    new: list[Incoming] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    me: str = ""
    peer: Peer | None = None


def _plan(ctx: ServiceContext, uow: Any, exchange: ExchangeFile) -> _Plan:
    """What the file adds here, checked against this chain; every refusal before any write."""
    plan = _Plan()
    plan.me, _name = uow.device()
    sender = exchange.sender_name
    if exchange.sender == plan.me:
        plan.rejected.append(
            Rejection(
                exchange.path.name,
                "was written by this data folder (or a copy of it); import the file the "
                "other laptop wrote",
            )
        )
        return plan
    plan.peer = next((p for p in uow.peers() if p.device_id == exchange.sender), None)
    problem = _continuity(exchange, plan.peer)
    if problem:
        plan.rejected.append(Rejection(exchange.path.name, problem))
        return plan
    graph = build_graph(uow.chain_entries(), uow.revision_links())
    seen = set(graph.seq_of)
    for inc in exchange.revisions:
        o, r = inc.origin, inc.revision
        if o.content_sha256 in seen:
            continue
        if o.device == plan.me:
            plan.rejected.append(
                Rejection(r.label, "says it was saved on this laptop, but it never was here")
            )
            continue
        missing = [p for p in o.parents if p not in seen]
        if missing:
            plan.rejected.append(
                Rejection(
                    r.label,
                    f"follows a revision that is neither here nor in the file from {sender}",
                )
            )
            continue
        seen.add(o.content_sha256)
        graph.add((r.stored.entity_type, r.stored.entity_id), o.content_sha256, o.parents, None)
        plan.new.append(inc)
    if plan.rejected:
        return plan
    plan.rejected += _rules(ctx, uow, plan.new, sender)
    named = {
        (i.revision.stored.entity_type, i.revision.stored.entity_id): i.revision.item
        for i in plan.new
    }
    plan.conflicts = [named.get(key, f"{key[0]} {key[1]}") for key in graph.conflicts()]
    return plan


def _continuity(exchange: ExchangeFile, peer: Peer | None) -> str | None:
    """The file continues the sender's chain from where this laptop last received it."""
    got, chain = (peer.received_seq, peer.received_chain_sha256) if peer else (0, GENESIS)
    name = exchange.sender_name
    if exchange.since > got:
        return (
            f"starts after revision {exchange.since} of {name}, but only {got} of its "
            f"revisions were received here; import the earlier exchange file from {name} "
            "first, or make a new one there"
        )
    at = {i.revision.stored.seq: i.revision.stored.chain_sha256 for i in exchange.revisions}
    at[exchange.since] = exchange.since_chain_sha256
    if got in at and at[got] != chain:
        return (
            f"does not continue the chain received from {name} before: that laptop's "
            "history was changed, or the file does not come from it"
        )
    return None


def _rules(ctx: ServiceContext, uow: Any, new: list[Incoming], sender: str) -> list[Rejection]:
    """The save rules and references, as a bundle import holds them; and no signature made
    here may be dropped (the signatures table only grows)."""
    entities = [i.revision.entity for i in new]
    roster = roster_for(ctx.clock.today(), uow.list_workers(), uow.list_sites(), entities)
    record_ids = {r.id for r in uow.list_records()} | {
        e.id for e in entities if isinstance(e, Record)
    }
    rejected = check_rules([i.revision for i in new], roster, record_ids)
    # Signature rows are never removed, so each record's newest revision after the import
    # must hold every signature made here or brought in (earlier ones may hold fewer).
    signed: dict[str, set[str]] = {}
    last: dict[str, Incoming] = {}
    for inc in new:
        record = inc.revision.entity
        if not isinstance(record, Record):
            continue
        if record.id not in signed:
            here = uow.get_record(record.id)
            signed[record.id] = {s.id for s in here.signatures} if here else set()
        signed[record.id] |= {s.id for s in record.signatures}
        last[record.id] = inc
    for record_id, inc in last.items():
        record = inc.revision.entity
        assert isinstance(record, Record)
        if not signed[record_id] <= {s.id for s in record.signatures}:
            rejected.append(
                Rejection(
                    inc.revision.label,
                    f"was changed on {sender} while it was signed here; settle the conflict "
                    f"on {sender} first (bring this laptop's file in there), then exchange again",
                )
            )
    return rejected


def _write(ctx: ServiceContext, uow: Any, exchange: ExchangeFile, plan: _Plan) -> None:
    now = ctx.now()
    for inc in plan.new:
        o = inc.origin
        info = uow.save(inc.revision.entity, entered_at=now, reason=o.reason)
        uow.add_link(
            RevisionLink(
                info.seq,
                o.device,
                exchange.devices[o.device],
                o.seq,
                o.document,
                o.content_sha256,
                o.prev_chain_sha256,
                o.chain_sha256,
                o.parents,
            )
        )
    last = exchange.revisions[-1].revision.stored if exchange.revisions else None
    peer = plan.peer
    got = peer.received_seq if peer else 0
    chain = peer.received_chain_sha256 if peer else GENESIS
    if last is not None and last.seq > got:
        got, chain = last.seq, last.chain_sha256
    acked = peer.acked_seq if peer else 0
    theirs = exchange.received.get(plan.me)
    if theirs and theirs[0] > acked and uow.chain_hash_at(theirs[0]) == theirs[1]:
        acked = theirs[0]
    uow.save_peer(Peer(exchange.sender, exchange.sender_name, got, chain, acked, now))
