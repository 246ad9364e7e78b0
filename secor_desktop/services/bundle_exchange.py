"""The exchange bookkeeping a bundle carries, so that moving a data folder keeps it.

``export`` then ``import`` into an empty folder is how a laptop's data moves (to a new
computer, or to a server): the chain is replayed verbatim, so the head is kept. The revision
links (where each received revision came from, with its origin's document and hashes), the
device identity and the peers' high-water marks travel too, so the moved data goes on
exchanging with the other laptops as before, without fetching everything again or counting
received revisions twice. A bundle without this section (an older one) imports as before.
Merged into a folder that already holds data, the section is ignored: there the bundle's
items become new revisions of this chain, not the ones the links describe.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from secor_desktop.services.bundle_check import Rejection, Revision
from secor_desktop.services.exchange_file import device_name, is_count, is_device, is_hash
from secor_desktop.services.exchange_verify import origin_problem
from secor_desktop.storage.exchange_store import ChainEntry, Peer, RevisionLink


def exchange_section(uow: Any) -> dict[str, Any]:
    device_id, name = uow.device()
    return {
        "device": {"device_id": device_id, "name": name},
        "peers": [
            {
                "device_id": p.device_id,
                "name": p.name,
                "received_seq": p.received_seq,
                "received_chain_sha256": p.received_chain_sha256,
                "acked_seq": p.acked_seq,
                "last_exchange_at": p.last_exchange_at.isoformat(),
            }
            for p in uow.peers()
        ],
        "links": [
            {
                "seq": link.seq,
                "origin_device": link.origin_device,
                "origin_name": link.origin_name,
                "origin_seq": link.origin_seq,
                "origin_document": link.origin_document,
                "origin_content_sha256": link.origin_content_sha256,
                "origin_prev_chain_sha256": link.origin_prev_chain_sha256,
                "origin_chain_sha256": link.origin_chain_sha256,
                "parents": list(link.parents),
            }
            for link in uow.revision_links().values()
        ],
    }


Moved = tuple[tuple[str, str] | None, list[Peer], list[RevisionLink]]


def read_section(
    doc: dict[str, Any], revisions: list[Revision], rejected: list[Rejection]
) -> Moved:
    """The section read and checked against the bundle's revisions (each link's origin as
    ``verify`` checks it); problems go to ``rejected``."""
    raw = doc.get("exchange")
    if raw is None:
        return None, [], []
    by_seq = {r.stored.seq: r.stored for r in revisions}
    try:
        device = raw["device"]
        if not is_device(device["device_id"]) or device_name(device["name"]) is None:
            raise ValueError("device")
        peers = [_peer(p) for p in raw["peers"]]
        links = [_link(item) for item in raw["links"]]
    except (KeyError, TypeError, ValueError):
        rejected.append(Rejection("exchange", "is not a well-formed exchange section"))
        return None, [], []
    for link in links:
        stored = by_seq.get(link.seq)
        if stored is None:
            rejected.append(Rejection("exchange", f"a link names revision #{link.seq}, not here"))
            continue
        entry = ChainEntry(stored.seq, stored.entity_type, stored.entity_id, stored.content_sha256)
        problem = origin_problem(link, entry, stored.document)
        if problem:
            rejected.append(Rejection("exchange", f"revision #{link.seq}: {problem}"))
    return (device["device_id"], device["name"]), peers, links


def _peer(p: dict[str, Any]) -> Peer:
    ok = (
        is_device(p["device_id"])
        and device_name(p["name"]) is not None
        and is_count(p["received_seq"])
        and is_hash(p["received_chain_sha256"])
        and is_count(p["acked_seq"])
    )
    if not ok:
        raise ValueError("peer")
    when = datetime.fromisoformat(p["last_exchange_at"])
    return Peer(
        p["device_id"],
        p["name"],
        p["received_seq"],
        p["received_chain_sha256"],
        p["acked_seq"],
        when,
    )


def _link(item: dict[str, Any]) -> RevisionLink:
    document = item["origin_document"]
    hashes = ("origin_content_sha256", "origin_prev_chain_sha256", "origin_chain_sha256")
    ok = (
        is_count(item["seq"])
        and is_device(item["origin_device"])
        and device_name(item["origin_name"]) is not None
        and is_count(item["origin_seq"])
        and (document is None or isinstance(document, str))
        and all(is_hash(item[k]) for k in hashes)
        and isinstance(item["parents"], list)
        and all(is_hash(p) for p in item["parents"])
    )
    if not ok:
        raise ValueError("link")
    return RevisionLink(
        item["seq"],
        item["origin_device"],
        item["origin_name"],
        item["origin_seq"],
        document,
        item["origin_content_sha256"],
        item["origin_prev_chain_sha256"],
        item["origin_chain_sha256"],
        tuple(item["parents"]),
    )


def replay_section(uow: Any, moved: Moved) -> None:
    """Into an empty folder, after the revisions: the identity, the peers, the links."""
    device, peers, links = moved
    if device is not None:
        uow.set_device(*device)
    for peer in peers:
        uow.save_peer(peer)
    for link in links:
        uow.add_link(link)
