"""The register of other workplace parties, read in one unit of work.

What the register page, the evidence pack and the prequalification pack list: each party as
it stands (its newest live entry), its clearance letter's and insurance's expiry and status,
the files attached to its entry (the clearance letter, the insurance certificate), the
orientations that name it, and the papers to renew. File bytes come from
``RecordService.blob(attachment.sha256)``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.parties import KIND_KEY, PartyRegister, party_register
from secor_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork


class PartiesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def register(self, as_of: date | None = None) -> PartyRegister:
        """Every party with its clearance and insurance expiry and attached files, on
        ``as_of`` (default today)."""
        with self.ctx.uow() as uow:
            return self.register_in(uow, as_of)

    def register_in(self, uow: SqlUnitOfWork, as_of: date | None = None) -> PartyRegister:
        """``register`` inside a unit of work already open (a pack's one read)."""
        day = as_of or self.ctx.clock.today()
        entries = uow.list_records(RecordKind(KIND_KEY), date_to=day)
        orientations = uow.list_records(RecordKind.ORIENTATION, date_to=day)
        return party_register(entries, orientations, day)
