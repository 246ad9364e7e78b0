"""The company profile, its sites and its workers."""

from __future__ import annotations

from dataclasses import replace

from secor_desktop.domain.model import Company, Site, Worker
from secor_desktop.domain.validation import (
    FieldProblem,
    Roster,
    check_not_future,
    raise_if,
    validate_company,
    validate_site,
    validate_worker,
)
from secor_desktop.services.context import ServiceContext, clean, roster_of
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.frameworks import catalogue


class CompanyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> Company | None:
        with self.ctx.uow() as uow:
            return uow.get_company()

    def save(self, company: Company) -> Company:
        company = replace(
            company,
            name=clean(company.name),
            wcb_account=clean(company.wcb_account),
            certifying_partner=clean(company.certifying_partner),
        )
        problems = validate_company(company)
        if company.certificate_date is not None:
            # The cycle starts on the day the company was certified, never ahead of it.
            check_not_future(
                problems, "certificate_date", company.certificate_date, self.ctx.clock.today()
            )
        known = catalogue(self.ctx.framework_dir).ids()
        if company.framework_id not in known:
            problems.append(
                FieldProblem(
                    "framework_id",
                    f"there is no framework pack {company.framework_id!r}; choose one of "
                    + ", ".join(sorted(known)),
                )
            )
        raise_if(problems)
        with self.ctx.uow() as uow:
            if uow.get_company() == company:
                return company
            uow.save(company, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return company


class RosterService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def roster(self) -> Roster:
        """Workers and sites together, in one read (what an editor checks its fields against)."""
        with self.ctx.uow() as uow:
            return roster_of(uow, self.ctx.clock)

    # --- sites ---------------------------------------------------------------------------

    def sites(self) -> list[Site]:
        with self.ctx.uow() as uow:
            return uow.list_sites()

    def add_site(self, name: str, address: str = "") -> Site:
        return self.save_site(Site(id=self.ctx.new_id(), name=name, address=address))

    def save_site(self, site: Site) -> Site:
        site = replace(site, name=clean(site.name), address=clean(site.address))
        raise_if(validate_site(site))
        with self.ctx.uow() as uow:
            others = [s for s in uow.list_sites() if s.id != site.id]
            if any(s.name.casefold() == site.name.casefold() for s in others):
                raise_if([FieldProblem("name", f"a site called {site.name!r} already exists")])
            uow.save(site, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return site

    # --- workers -------------------------------------------------------------------------

    def workers(self) -> list[Worker]:
        with self.ctx.uow() as uow:
            return uow.list_workers()

    def get_worker(self, worker_id: str) -> Worker:
        with self.ctx.uow() as uow:
            worker = uow.get_worker(worker_id)
        if worker is None:
            raise NotFoundError(f"No worker has the id {worker_id!r}.")
        return worker

    def add_worker(self, worker: Worker) -> Worker:
        """Add to the roster; ``worker.id`` may be empty and is then assigned."""
        return self.save_worker(replace(worker, id=worker.id or self.ctx.new_id()))

    def save_worker(self, worker: Worker) -> Worker:
        worker = replace(
            worker, name=clean(worker.name), role=clean(worker.role), contact=clean(worker.contact)
        )
        raise_if(validate_worker(worker))
        with self.ctx.uow() as uow:
            others = [w for w in uow.list_workers() if w.id != worker.id]
            if any(w.name.casefold() == worker.name.casefold() for w in others):
                raise_if(
                    [
                        FieldProblem(
                            "name",
                            f"{worker.name} is already on the roster; add something to tell "
                            "them apart (a middle initial, say)",
                        )
                    ]
                )
            uow.save(worker, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return worker
