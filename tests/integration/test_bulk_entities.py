"""A bundle replayed into an empty folder writes every table as the program's own saves did."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from secor_desktop.domain.evaluation import parse_answers
from secor_desktop.domain.frameworks import AuditType, load_bundled_pack
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.facade import Services
from secor_desktop.storage.rows import Base
from tests.conftest import TODAY, SmallCompany

pytestmark = pytest.mark.sqlite_only(
    "compares two SQLite files table by table with the sqlite3 module"
)


def _tables(services: Services) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(services.locations.database) as conn:
        return {
            t.name: sorted(conn.execute(f"SELECT * FROM {t.name}").fetchall(), key=repr)
            for t in Base.metadata.sorted_tables
        }


def test_every_table_comes_back_row_for_row(
    company: SmallCompany, tmp_path: Path, make_services: Callable[[str], Services]
) -> None:
    """Company, sites, workers, records, actions and evaluations: the same rows, verified."""
    services = company.services
    record = company.inspection()
    services.actions.raise_action(
        "Clear the pallets from the aisle",
        due_date=TODAY + timedelta(days=7),
        owner_id=company.lead.id,
        source_record_id=record.id,
    )
    services.roster.add_site("Second site")
    example = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"
    pack = load_bundled_pack()
    answers = parse_answers(example.read_text("utf-8"), example.name, pack).answers
    services.evaluations.save(pack, answers, AuditType.CERTIFICATION, TODAY)
    export_bundle(services.ctx, tmp_path / "bundle")
    target = make_services("other")
    report = import_bundle(target.ctx, tmp_path / "bundle")
    assert report.added["corrective_action"] == 1 and report.added["self_evaluation"] == 1
    assert _tables(target) == _tables(services)
    assert target.verify().ok
