"""scripts/run-demo's environment: ``scripts/setup.sh --app`` installs the program and what it
needs to run, and none of the developer tools (pytest, ruff, mypy ...) the test command uses.

Slow (about a minute: a fresh virtual environment with PySide6), hence here with the
packaging tests rather than in the default run.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.packaging.conftest import ROOT

DEV_TOOLS = {"pytest", "pytest-qt", "pytest-cov", "ruff", "mypy", "import-linter"}


def test_setup_app_mode_installs_the_program_without_developer_tools(tmp_path: Path) -> None:
    """A fresh --app environment lists PySide6 and ReportLab, and no pytest, ruff or mypy."""
    venv = tmp_path / "app-venv"
    env = {**os.environ, "SECOR_APP_VENV": str(venv)}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh"), "--app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = {p["name"].lower().replace("_", "-") for p in json.loads(listed.stdout)}
    assert {"secor-desktop", "pyside6-essentials", "reportlab"} <= names
    assert not names & DEV_TOOLS, names & DEV_TOOLS
    version = subprocess.run(
        [str(venv / "bin" / "secor-desktop"), "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("secor-desktop ")


def test_run_demo_uses_the_app_environment() -> None:
    """run-demo sets up with --app and starts the program from that environment."""
    script = (ROOT / "scripts" / "run-demo").read_text(encoding="utf-8")
    assert "scripts/setup.sh --app" in script
    assert ".venv/bin" not in script
