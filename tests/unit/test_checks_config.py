"""The checks the test command runs stay as tight as agreed (issue 18): loosening one of them
in pyproject.toml or scripts/run-tests fails here, not silently in review."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def test_ruff_limits_complexity_to_15() -> None:
    """ruff selects C901 (mccabe) with a limit of 15 branches per function."""
    lint = pyproject()["tool"]["ruff"]["lint"]
    assert "C901" in lint["select"] and "C901" not in lint.get("ignore", [])
    assert lint["mccabe"]["max-complexity"] == 15


def test_mypy_is_strict_on_the_whole_package() -> None:
    """The strict override covers every module of secor_desktop, and run-tests asks for it."""
    overrides = pyproject()["tool"]["mypy"]["overrides"]
    strict = [o for o in overrides if o.get("strict")]
    assert any("secor_desktop.*" in o["module"] for o in strict)
    assert ".venv/bin/mypy --strict secor_desktop" in (ROOT / "scripts" / "run-tests").read_text()


def test_services_may_not_import_sql_directly() -> None:
    """A contract forbids services their own sqlalchemy and sqlite3 imports."""
    contracts = pyproject()["tool"]["importlinter"]["contracts"]
    services = [c for c in contracts if c["source_modules"] == ["secor_desktop.services"]]
    forbidden = {m for c in services for m in c["forbidden_modules"]}
    assert {"sqlalchemy", "sqlite3"} <= forbidden


def test_the_test_command_runs_every_check() -> None:
    """run-tests runs ruff, mypy, import-linter and pytest, and stops at the first failure."""
    script = (ROOT / "scripts" / "run-tests").read_text()
    assert "set -euo pipefail" in script
    for check in (".venv/bin/ruff check .", ".venv/bin/lint-imports", "-m pytest"):
        assert check in script
