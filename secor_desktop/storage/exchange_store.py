"""Storage for exchanges between installs: the device identity, peers, revision links.

A received revision is appended to this chain like any save (``EntityWrites.save``) and its
link row, written in the same transaction, keeps where it came from: the other install's
device, its sequence number there, its document and hashes there (so they can still be
checked), and the revisions it follows. Nothing here decides anything: services/exchange.py
does.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.domain.model import RevisionInfo
from secor_desktop.storage.ledger_reads import revision_info
from secor_desktop.storage.rows import DeviceRow, PeerRow, RevisionLinkRow, RevisionRow
from secor_desktop.storage.session_bound import SessionBound


@dataclass(frozen=True)
class RevisionLink:
    """Where a revision of this chain came from, and which revisions it follows."""

    seq: int
    origin_device: str
    origin_name: str
    origin_seq: int
    origin_document: str | None  # None: made here (a settlement), the revision's own
    origin_content_sha256: str
    origin_prev_chain_sha256: str
    origin_chain_sha256: str
    parents: tuple[str, ...]


@dataclass(frozen=True)
class Peer:
    device_id: str
    name: str
    received_seq: int  # the newest of its revisions received here (its own numbering)
    received_chain_sha256: str  # that revision's chain hash there
    acked_seq: int  # the newest of ours it says it has received
    last_exchange_at: datetime


@dataclass(frozen=True)
class ChainEntry:
    """One revision of this chain, as the exchange's bookkeeping needs it."""

    seq: int
    entity_type: str
    entity_id: str
    content_sha256: str


class ExchangeStore(SessionBound):
    def device(self) -> tuple[str, str]:
        """This folder's device id and name."""
        row = self.session.get(DeviceRow, 1)
        assert row is not None, "migration 0006 makes the device row"
        return row.device_id, row.name

    def set_device(self, device_id: str, name: str) -> None:
        row = self.session.get(DeviceRow, 1) or DeviceRow(id=1)
        row.device_id = device_id
        row.name = name
        self.session.add(row)
        self.session.flush()

    def peers(self) -> list[Peer]:
        rows = self.session.scalars(select(PeerRow).order_by(PeerRow.name))
        return [_peer(r) for r in rows]

    def save_peer(self, peer: Peer) -> None:
        row = self.session.get(PeerRow, peer.device_id) or PeerRow(device_id=peer.device_id)
        row.name = peer.name
        row.received_seq = peer.received_seq
        row.received_chain_sha256 = peer.received_chain_sha256
        row.acked_seq = peer.acked_seq
        row.last_exchange_at = peer.last_exchange_at
        self.session.add(row)
        self.session.flush()

    def revision_links(self, seqs: list[int] | None = None) -> dict[int, RevisionLink]:
        """Every link, or those of the revisions ``seqs``."""
        query = select(RevisionLinkRow)
        if seqs is not None:
            query = query.where(RevisionLinkRow.seq.in_(seqs))
        return {r.seq: _link(r) for r in self.session.scalars(query)}

    def add_link(self, link: RevisionLink) -> None:
        self.session.add(
            RevisionLinkRow(
                seq=link.seq,
                origin_device=link.origin_device,
                origin_name=link.origin_name,
                origin_seq=link.origin_seq,
                origin_document=link.origin_document,
                origin_content_sha256=link.origin_content_sha256,
                origin_prev_chain_sha256=link.origin_prev_chain_sha256,
                origin_chain_sha256=link.origin_chain_sha256,
                parents=json.dumps(list(link.parents)),
            )
        )
        self.session.flush()

    def chain_entries(self, item: tuple[str, str] | None = None) -> Iterator[ChainEntry]:
        """Every revision's number, item and content hash (or one item's), in chain order."""
        query = select(
            RevisionRow.seq,
            RevisionRow.entity_type,
            RevisionRow.entity_id,
            RevisionRow.content_sha256,
        ).order_by(RevisionRow.seq)
        if item is not None:
            query = query.where(
                RevisionRow.entity_type == item[0], RevisionRow.entity_id == item[1]
            )
        for seq, etype, eid, content in self.session.execute(query).yield_per(5000):
            yield ChainEntry(seq, etype, eid, content)

    def revisions_after(self, seq: int) -> Iterator[tuple[StoredRevision, RevisionInfo]]:
        """Revisions newer than ``seq``, stored and as shown, in chain order."""
        query = select(RevisionRow).where(RevisionRow.seq > seq).order_by(RevisionRow.seq)
        for row in self.session.scalars(query).yield_per(2000):
            stored = StoredRevision(
                row.seq,
                row.entity_type,
                row.entity_id,
                row.revision,
                row.document,
                row.content_sha256,
                row.prev_chain_sha256,
                row.chain_sha256,
            )
            yield stored, revision_info(row)

    def linked_revisions(self) -> Iterator[tuple[RevisionLink, ChainEntry | None, str]]:
        """Each link, its revision and the revision's document (None, "" when the link names
        no revision), for ``verify``."""
        query = (
            select(RevisionLinkRow, RevisionRow)
            .outerjoin(RevisionRow, RevisionRow.seq == RevisionLinkRow.seq)
            .order_by(RevisionLinkRow.seq)
        )
        for link, rev in self.session.execute(query).yield_per(2000):
            if rev is None:
                yield _link(link), None, ""
                continue
            entry = ChainEntry(rev.seq, rev.entity_type, rev.entity_id, rev.content_sha256)
            yield _link(link), entry, rev.document

    def document_at(self, seq: int) -> str | None:
        return self.session.scalar(select(RevisionRow.document).where(RevisionRow.seq == seq))


def _peer(r: PeerRow) -> Peer:
    return Peer(
        r.device_id,
        r.name,
        r.received_seq,
        r.received_chain_sha256,
        r.acked_seq,
        r.last_exchange_at,
    )


def _link(r: RevisionLinkRow) -> RevisionLink:
    return RevisionLink(
        r.seq,
        r.origin_device,
        r.origin_name,
        r.origin_seq,
        r.origin_document,
        r.origin_content_sha256,
        r.origin_prev_chain_sha256,
        r.origin_chain_sha256,
        tuple(json.loads(r.parents)),
    )
