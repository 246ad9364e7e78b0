"""The exchange use cases behind one object (``Services.exchange``) for the GUI and the CLI.

The modules doing the work are imported on first use: zip reading and the import's checks
are not needed to start the program.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop.services.context import ServiceContext, clean
from secor_desktop.services.errors import Refused

if TYPE_CHECKING:
    from secor_desktop.services.exchange import ExchangeExport, ExchangeImport
    from secor_desktop.services.exchange_conflicts import Conflict
    from secor_desktop.storage.exchange_store import Peer


@dataclass(frozen=True)
class ItemOrigins:
    in_conflict: bool
    saved_on: dict[int, str]  # seq -> "Office laptop, 2026-11-02 17:00 UTC" when received


class ExchangeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def device(self) -> tuple[str, str]:
        """This data folder's device id and the name other laptops see."""
        with self.ctx.uow() as uow:
            return uow.device()

    def rename_device(self, name: str) -> None:
        name = clean(name)
        if not name or len(name) > 200 or not name.isprintable():
            raise Refused("Laptop name: give a name of 1 to 200 characters, on one line.")
        with self.ctx.uow() as uow:
            device_id, _old = uow.device()
            uow.set_device(device_id, name)
            uow.commit()

    def item_origins(self, entity_type: str, entity_id: str) -> ItemOrigins:
        """Where each revision of one item was first saved, and whether it is in conflict
        (one item's history is enough: a revision only ever follows the same item's)."""
        from secor_desktop.services.exchange_graph import build_graph

        with self.ctx.uow() as uow:
            entries = list(uow.chain_entries((entity_type, entity_id)))
            links = uow.revision_links([e.seq for e in entries])
        graph = build_graph(entries, links)
        saved_on: dict[int, str] = {}
        for seq, link in links.items():
            if link.origin_document is None:
                continue
            entered = json.loads(link.origin_document).get("entered_at", "")
            saved_on[seq] = f"{link.origin_name}, {entered[:16].replace('T', ' ')} UTC"
        return ItemOrigins(len(graph.heads.get((entity_type, entity_id), [])) > 1, saved_on)

    def peers(self) -> list[Peer]:
        with self.ctx.uow() as uow:
            return uow.peers()

    def export(self, target: Path, peer: str | None = None) -> ExchangeExport:
        from secor_desktop.services.exchange import export_exchange

        return export_exchange(self.ctx, target, peer)

    def import_file(self, source: Path) -> ExchangeImport:
        from secor_desktop.services.exchange import import_exchange

        return import_exchange(self.ctx, source)

    def conflicts(self) -> list[Conflict]:
        from secor_desktop.services.exchange_conflicts import list_conflicts

        return list_conflicts(self.ctx)

    def settle(self, entity_type: str, entity_id: str, keep: str, reason: str) -> Conflict:
        from secor_desktop.services.exchange_conflicts import settle_conflict

        return settle_conflict(self.ctx, entity_type, entity_id, keep, reason)
