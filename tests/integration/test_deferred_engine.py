"""The desktop app's services open without SQLAlchemy: the engine is made at the first query,
and whether a company is set up is read with the stdlib ``sqlite3`` (``storage/deferred.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from secor_desktop.domain.kinds import Province
from secor_desktop.domain.model import Company
from secor_desktop.services.facade import Services
from secor_desktop.storage.deferred import DeferredEngine, company_saved


def engine_of(services: Services) -> DeferredEngine:
    engine = services.ctx.uow.args[0]  # type: ignore[attr-defined]
    assert isinstance(engine, DeferredEngine)
    return engine


def test_engine_is_made_at_the_first_query(make_services: Callable[[str], Services]) -> None:
    """Opening the services makes no engine; the first unit of work does, once."""
    services = make_services("data")
    engine = engine_of(services)
    assert not engine.made
    assert services.company.get() is None
    assert engine.made
    first = engine.get()
    services.company.get()
    assert engine.get() is first


@pytest.mark.sqlite_only("asked of the file with the sqlite3 module, before SQLAlchemy loads")
def test_company_saved_tells_whether_the_wizard_is_needed(
    make_services: Callable[[str], Services],
) -> None:
    """False on a new database, True once the company is saved: what company.get() says."""
    services = make_services("data")
    database = services.locations.database
    assert company_saved(database) is False
    services.company.save(Company(name="Prairie Roofing Ltd.", province=Province.AB))
    assert company_saved(database) is True
    assert services.company.get() is not None


def test_company_saved_cannot_tell_without_a_database(
    make_services: Callable[[str], Services],
) -> None:
    """No readable database: None, and the caller asks the services as before."""
    services = make_services("data")
    assert company_saved(services.locations.data_dir / "missing.sqlite3") is None
