"""Readiness, eligibility, rebate and cycle: load what the pure rules need, hand back reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from secor_desktop.domain.activity import ActivityGrid, week_start, weekly_activity
from secor_desktop.domain.eligibility import EligibilityReport, WorkerSpan, assess_eligibility
from secor_desktop.domain.frameworks import FrameworkPack, pack_for_kind
from secor_desktop.domain.kinds import Province, RecordKind
from secor_desktop.domain.model import Company, Record, Worker
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.parties import party_spans
from secor_desktop.domain.provinces import ProvinceRule, load_bundled_province_rules
from secor_desktop.domain.readiness import judge_readiness
from secor_desktop.domain.readiness_input import detail_kinds
from secor_desktop.domain.readiness_model import ReadinessReport
from secor_desktop.domain.rebate import RebateEstimate, estimate_rebate
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.facts_cache import FactsCache
from secor_desktop.services.gc_pause import collector_paused
from secor_desktop.services.record_cache import RecordCache

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork


class ReadinessService:
    """Readiness reads the stored projection (``storage.projection``) with SQL: no record is
    decoded. ``cache`` (decoded records) is no longer read by any page: Today reads the
    projection too (``DueService``); it stays for callers that hand it on."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.cache = RecordCache()
        self.facts = FactsCache()  # the dashboard's aggregates, patched after each save

    def dashboard_in(
        self, uow: SqlUnitOfWork, pack: FrameworkPack, weeks: int = 53
    ) -> tuple[ReadinessReport | None, ActivityGrid, dict[str, int]]:
        """Readiness today, the weekly activity up to today and the records per kind, inside
        a unit of work already open, from the aggregates kept between refreshes
        (``FactsCache``): after a save only what it changed is read. Each is what
        ``report_in``, ``activity_in`` and ``count_records_by_kind`` give."""
        day = self.ctx.clock.today()
        first = week_start(day) - timedelta(weeks=weeks - 1)
        company = uow.get_company()
        kept = self.facts.read(uow, day, detail_kinds(pack), first)
        activity = weekly_activity(
            ((RecordKind(kind), d, n) for kind, d, n in kept.activity),
            pack_for_kind(pack),
            [e.code for e in pack.elements],
            day,
            weeks,
        )
        if company is None:
            return None, activity, kept.by_kind
        workers = uow.list_workers()
        actions = uow.list_actions()
        sources = {a.source_record_id for a in actions if a.source_record_id}
        facts = replace(
            kept.facts,
            source_kinds=uow.source_kinds(sources),
            register=tuple(uow.party_register(day)),
        )
        # The rules make a million small acyclic objects at 1,000,000 records; a full
        # collection meanwhile holds the interpreter (the window froze 130-180 ms).
        with collector_paused():
            report = judge_readiness(
                company, pack, workers, facts, actions, day, company.planned_audit_date
            )
        return report, activity, kept.by_kind

    def report(
        self, pack: FrameworkPack, as_of: date | None = None, audit_date: date | None = None
    ) -> ReadinessReport:
        """Readiness on ``as_of`` (default today) for the given or the planned audit date."""
        with self.ctx.uow() as uow:
            report = self.report_in(uow, pack, as_of, audit_date)
        if report is None:
            raise NotFoundError("There is no company yet: set it up first.")
        return report

    def report_in(
        self,
        uow: SqlUnitOfWork,
        pack: FrameworkPack,
        as_of: date | None = None,
        audit_date: date | None = None,
    ) -> ReadinessReport | None:
        """``report`` inside a unit of work already open (a screen's one read); None before
        the company is set up."""
        company = uow.get_company()
        if company is None:
            return None
        workers = uow.list_workers()
        actions = uow.list_actions()
        day = as_of or self.ctx.clock.today()
        sources = {a.source_record_id for a in actions if a.source_record_id}
        with collector_paused():  # as in ``dashboard_in``
            facts = uow.readiness_facts(day, detail_kinds(pack), sources)
            return judge_readiness(
                company,
                pack,
                workers,
                facts,
                actions,
                day,
                audit_date or company.planned_audit_date,
            )

    def activity(
        self, pack: FrameworkPack, weeks: int = 53, last_day: date | None = None
    ) -> ActivityGrid:
        """Records per element per week for the ``weeks`` weeks up to ``last_day`` (today)."""
        with self.ctx.uow() as uow:
            return self.activity_in(uow, pack, weeks, last_day)

    def activity_in(
        self,
        uow: SqlUnitOfWork,
        pack: FrameworkPack,
        weeks: int = 53,
        last_day: date | None = None,
    ) -> ActivityGrid:
        """``activity`` inside a unit of work already open."""
        last_day = last_day or self.ctx.clock.today()
        first = week_start(last_day) - timedelta(weeks=weeks - 1)
        rows = uow.count_records_by_kind_and_day(first)
        return weekly_activity(
            ((RecordKind(kind), day, n) for kind, day, n in rows),
            pack_for_kind(pack),
            [e.code for e in pack.elements],
            last_day,
            weeks,
        )

    def eligibility(self, as_of: date | None = None) -> EligibilityReport:
        with self.ctx.uow() as uow:
            company = uow.get_company()
            workers = uow.list_workers()
            day = as_of or self.ctx.clock.today()
            parties = uow.list_records(RecordKind(PARTY_KIND), date_to=day)
        if company is None:
            raise NotFoundError("There is no company yet: set it up first.")
        return eligibility_of(company, workers, day, parties)

    def province_rule(self, province: Province | None = None) -> ProvinceRule:
        """The published rules (limit, lookback, rebate options) for ``province`` or the
        company's."""
        if province is None:
            with self.ctx.uow() as uow:
                profile = uow.get_company()
            if profile is None:
                raise NotFoundError("There is no company yet: set it up first.")
            province = profile.province
        return load_bundled_province_rules().get(province)

    def rebate(
        self, premium: Decimal, province: Province | None = None, option: str | None = None
    ) -> RebateEstimate:
        if province is None:
            company = self.ctx.uow
            with company() as uow:
                profile = uow.get_company()
            if profile is None:
                raise NotFoundError("There is no company yet: give --province.")
            province = profile.province
        return estimate_rebate(premium, load_bundled_province_rules(), province, option)


def eligibility_of(
    company: Company, workers: list[Worker], as_of: date, parties: Sequence[Record] = ()
) -> EligibilityReport:
    """The headcount test on ``as_of`` for the company's province, from the roster read and
    the register of other workplace parties (counted when the province rule says so)."""
    spans = [WorkerSpan(w.id, w.name, w.employment_type, w.start_date, w.end_date) for w in workers]
    rules = load_bundled_province_rules()
    return assess_eligibility(spans, rules, company.province, as_of, party_spans(parties))
