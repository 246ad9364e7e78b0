"""The packaging test (scripts/test-packaging): checks what scripts/build-packages built.

Not part of the default test run (it needs the built bundle and takes minutes). The artifacts
are looked for in ``dist/`` or in $SECOR_DIST.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import project  # noqa: E402  (packaging/project.py)

MAX_BUNDLE_MB = 250
SMOKE_TIMEOUT_S = 600


@pytest.fixture(scope="session")
def dist() -> Path:
    return Path(os.environ.get("SECOR_DIST", ROOT / "dist")).resolve()


@pytest.fixture(scope="session")
def version() -> str:
    return project.version()


@pytest.fixture(scope="session")
def bundle(dist: Path) -> Path:
    folder = dist / project.NAME
    if not (folder / project.NAME).is_file():
        pytest.fail(f"No bundle in {folder}: run scripts/build-packages first.")
    return folder


def clean_env(home: Path, path: str = "/usr/bin:/bin") -> dict[str, str]:
    """What a user's desktop session gives the program: no virtual environment, no
    PYTHONPATH, a home folder of its own (so nothing of the tester's is read or written)."""
    return {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8", "TMPDIR": str(home / "tmp")}


def run_program(
    cmd: Sequence[str], home: Path, timeout: float = 120, path: str = "/usr/bin:/bin"
) -> subprocess.CompletedProcess[str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        list(cmd),
        capture_output=True,
        text=True,
        env=clean_env(home, path),
        cwd=home,
        timeout=timeout,
        check=False,
    )


def assert_smoke_test_passed(done: subprocess.CompletedProcess[str]) -> None:
    lines = done.stdout.splitlines()
    print(done.stdout)  # shown by scripts/test-packaging (pytest -s): the step timings
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert lines and lines[-1].startswith("smoke test passed: ")
    assert not [line for line in lines if line.startswith("FAIL")]
    assert "(bundle)" in lines[1], "the program that ran was not the frozen bundle"
