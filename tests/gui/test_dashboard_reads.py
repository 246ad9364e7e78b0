"""The dashboard's load is one service call and one unit of work (issue 18)."""

from __future__ import annotations

from typing import Any, cast

from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.services.dashboard import DashboardSnapshot
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany


class CallSpy:
    """Stands in for Services and notes every use case the page reaches for."""

    def __init__(self, real: Services) -> None:
        self.real = real
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        self.calls.append(name)
        return getattr(self.real, name)


def test_dashboard_load_is_one_service_call(qtbot: QtBot, company: SmallCompany) -> None:
    """What the dashboard shows is asked of the services once: the dashboard snapshot."""
    company.inspection()
    spy = CallSpy(company.services)

    class Page(DashboardPage):
        asked: list[str] | None = None

        def _show(self, snapshot: DashboardSnapshot) -> None:
            self.asked = list(spy.calls)  # what the load asked for, before it is shown
            super()._show(snapshot)

    page = Page(cast(Services, spy), InlineBackground())
    qtbot.addWidget(page)
    assert page.report is not None
    assert page.asked == ["dashboard"]


def test_dashboard_load_is_one_unit_of_work(qtbot: QtBot, company: SmallCompany) -> None:
    """The first load and a refresh after a save each open exactly one unit of work."""
    services = company.services
    company.inspection()
    before = services.ctx.units_opened()
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    assert page.report is not None
    assert services.ctx.units_opened() - before == 1
    company.inspection("Second yard inspection")
    before = services.ctx.units_opened()
    page.refresh()
    assert services.ctx.units_opened() - before == 1
    assert page.summary.text().startswith("2 records · 3 workers · 1 sites")


def test_dashboard_parses_the_framework_catalogue_once(qtbot: QtBot, company: SmallCompany) -> None:
    """Two loads parse the pack files once: the parsed catalogue is kept."""
    services = company.services
    services.framework()  # whatever parsed it so far, it is parsed now
    parsed = services._catalogue.parses
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    page.refresh()
    assert page.pack is not None and page.pack.id == services.framework().id
    assert services._catalogue.parses == parsed
