"""Readiness worked out with the cyclic collector paused: at a million records the rules make
a million small objects, and a full collection in the worker meanwhile froze the window (the
GUI thread waits for the interpreter). Reference counting frees them all the same."""

from __future__ import annotations

import gc

import pytest

from secor_desktop.services import facts_cache
from secor_desktop.services import readiness as readiness_module
from tests.conftest import SmallCompany


@pytest.fixture
def collector_seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was running each time the readiness rules ran."""
    seen: list[bool] = []
    judge = readiness_module.judge_readiness

    def watching(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return judge(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readiness_module, "judge_readiness", watching)
    return seen


def test_the_dashboard_judges_readiness_with_the_collector_paused(
    company: SmallCompany, collector_seen: list[bool]
) -> None:
    """The dashboard's read runs the rules with the collector off, and turns it back on."""
    company.inspection()
    assert company.services.dashboard().report is not None
    assert collector_seen == [False]
    assert gc.isenabled()


def test_a_readiness_report_is_judged_with_the_collector_paused(
    company: SmallCompany, collector_seen: list[bool]
) -> None:
    """``readiness.report`` (the CLI's and the pack's) does the same."""
    services = company.services
    services.readiness.report(services.framework())
    assert collector_seen == [False]
    assert gc.isenabled()


def test_what_the_dashboard_keeps_is_left_out_of_later_collections(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full read thaws what the last one froze, then freezes what it keeps (no later
    collection scans it); a refresh that only patches the kept counts does neither."""
    calls: list[str] = []

    class Recorder:
        def freeze(self) -> None:
            calls.append("freeze")

        def unfreeze(self) -> None:
            calls.append("unfreeze")

    monkeypatch.setattr(facts_cache, "gc", Recorder())
    company.inspection()
    company.services.dashboard()
    assert calls == ["unfreeze", "freeze"]
    company.inspection()  # a new record: patched in, not read again
    company.services.dashboard()
    assert calls == ["unfreeze", "freeze"]
