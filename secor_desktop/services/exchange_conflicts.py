"""Items changed on both sides since two laptops last met, and settling one.

Both revisions are kept in the chain; the item is listed here until the safety lead chooses
one side. Settling saves that side's content again as a new revision with the reason given,
following every head, so the next exchange carries the choice to the other laptop, which
then has one head too. A record's signatures from either side are kept: the signatures table
only grows, and a signature still names the content it signed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from secor_desktop.domain.canonical import GENESIS, entity_from_data
from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import LONG_TEXT
from secor_desktop.services.bundle_check import item_label
from secor_desktop.services.context import ServiceContext, clean
from secor_desktop.services.errors import Refused
from secor_desktop.services.exchange_graph import build_graph
from secor_desktop.storage.exchange_store import RevisionLink


@dataclass(frozen=True)
class Side:
    """One head of an item in conflict: what it holds and where it was saved."""

    identity: str  # the revision's origin content hash
    device_name: str
    entered_at: datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class Conflict:
    entity_type: str
    entity_id: str
    label: str
    sides: tuple[Side, ...]

    @property
    def differs(self) -> tuple[str, ...]:
        """The fields whose values the sides disagree on (a body's fields as body.NAME)."""
        found: list[str] = []
        first = self.sides[0].data
        for other in self.sides[1:]:
            for key in sorted(set(first) | set(other.data)):
                a, b = first.get(key), other.data.get(key)
                if key == "body" and isinstance(a, dict) and isinstance(b, dict):
                    found += [f"body.{k}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
                elif a != b:
                    found.append(key)
        return tuple(dict.fromkeys(found))


def list_conflicts(ctx: ServiceContext) -> list[Conflict]:
    with ctx.uow() as uow:
        _me, my_name = uow.device()
        links = uow.revision_links()
        graph = build_graph(uow.chain_entries(), links)
        conflicts = []
        for etype, eid in graph.conflicts():
            sides = []
            for identity in graph.heads[(etype, eid)]:
                seq = graph.seq_of[identity]
                link = links.get(seq)
                doc = json.loads(
                    link.origin_document
                    if link and link.origin_document
                    else uow.document_at(seq) or "{}"
                )
                name = link.origin_name if link and link.origin_document else my_name
                when = datetime.fromisoformat(doc["entered_at"])
                sides.append(Side(identity, name, when, doc["data"]))
            label = item_label(etype, eid, sides[-1].data)
            conflicts.append(Conflict(etype, eid, label, tuple(sides)))
    return conflicts


def settle_conflict(
    ctx: ServiceContext, entity_type: str, entity_id: str, keep: str, reason: str
) -> Conflict:
    """Keep side ``keep`` (its identity, or its number 1, 2 ... as listed) with ``reason``."""
    reason = clean(reason)
    if not reason:
        raise Refused("Reason: say why this side is kept (it is saved with the new revision).")
    if len(reason) > LONG_TEXT:
        raise Refused(f"Reason: keep it under {LONG_TEXT} characters.")
    conflict = next(
        (
            c
            for c in list_conflicts(ctx)
            if (c.entity_type, c.entity_id) == (entity_type, entity_id)
        ),
        None,
    )
    if conflict is None:
        raise Refused(f"{entity_type} {entity_id} is not in conflict; there is nothing to settle.")
    side = _side(conflict, keep)
    entity = entity_from_data(entity_type, side.data)
    if isinstance(entity, Record):  # every signature from either side stays
        ids = {s.id for s in entity.signatures}
        extra = {
            s.id: s for o in conflict.sides for s in _signatures(o, entity_type) if s.id not in ids
        }
        entity = replace(entity, signatures=(*entity.signatures, *extra.values()))
    with ctx.uow() as uow:
        me, my_name = uow.device()
        _count, prev = uow.last_revision()
        info = uow.save(entity, entered_at=ctx.now(), reason=reason)
        uow.add_link(
            RevisionLink(
                info.seq,
                me,
                my_name,
                info.seq,
                None,
                info.content_sha256,
                prev or GENESIS,
                info.chain_sha256,
                tuple(s.identity for s in conflict.sides),
            )
        )
        uow.commit()
    return conflict


def _side(conflict: Conflict, keep: str) -> Side:
    for number, side in enumerate(conflict.sides, start=1):
        if keep in (side.identity, str(number)):
            return side
    raise Refused(
        f"Keep: choose a side from 1 to {len(conflict.sides)} (as listed for {conflict.label})."
    )


def _signatures(side: Side, entity_type: str) -> tuple[Any, ...]:
    other = entity_from_data(entity_type, side.data)
    return other.signatures if isinstance(other, Record) else ()
