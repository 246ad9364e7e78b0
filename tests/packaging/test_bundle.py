"""The frozen bundle (dist/secor-desktop): complete, small enough, and working on its own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import (
    MAX_BUNDLE_MB,
    SMOKE_TIMEOUT_S,
    assert_smoke_test_passed,
    project,
    run_program,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle")


def size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*")) / 1024 / 1024


def test_bundle_stays_under_the_size_limit(bundle: Path) -> None:
    size = size_mb(bundle)
    print(f"bundle size: {size:.1f} MB unpacked")
    assert size < MAX_BUNDLE_MB


def test_bundle_reports_the_project_version(bundle: Path, version: str, tmp_path: Path) -> None:
    """The version comes from pyproject.toml through the package metadata in the bundle."""
    done = run_program([str(bundle / project.NAME), "--version"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"secor-desktop {version}"


def test_bundle_carries_the_files_the_code_opens(bundle: Path) -> None:
    """Alembic's migration scripts (read as files), fonts, framework packs and the icon."""
    package = bundle / "_internal" / "secor_desktop"
    source = Path(project.ROOT) / "secor_desktop"
    migrations = sorted(
        p.name for p in (source / "storage" / "migrations" / "versions").glob("*.py")
    )
    assert migrations
    bundled = sorted(p.name for p in (package / "storage" / "migrations" / "versions").glob("*.py"))
    assert bundled == migrations
    assert (package / "storage" / "migrations" / "env.py").is_file()
    fonts = sorted(p.name for p in (source / "resources" / "fonts").glob("*.ttf"))
    assert "NotoSansGurmukhi-Regular.ttf" in fonts and "DroidSansFallback-CJK.ttf" in fonts
    for name in fonts:
        assert (package / "resources" / "fonts" / name).is_file()
    packs = sorted(p.name for p in (source / "resources" / "frameworks").glob("*.json"))
    assert sorted(p.name for p in (package / "resources" / "frameworks").glob("*.json")) == packs
    for size in (16, 256, 512):
        assert (package / "resources" / "icons" / f"secor-desktop-{size}.png").is_file()


@linux_only
def test_bundle_has_the_qt_platforms_a_linux_desktop_needs(bundle: Path) -> None:
    platforms = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    names = {p.name for p in platforms.iterdir()}
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= names
    assert not {"libqeglfs.so", "libqlinuxfb.so", "libqvnc.so"} & names


def test_bundle_leaves_out_unused_qt_modules(bundle: Path) -> None:
    """WebEngine, QML/Quick, 3D, Multimedia and PDF are never used; QtCharts is (dashboard)."""
    files = [p.name for p in bundle.rglob("*")]
    unwanted = re.compile(r"Qt6?(WebEngine|Qml|Quick|3D|Multimedia|Pdf|Designer)", re.I)
    assert not [n for n in files if unwanted.search(n)]
    assert any(re.search(r"Qt6?Charts", n) for n in files)


@linux_only
def test_every_library_a_bundled_qt_part_needs_is_bundled_or_from_the_system(
    bundle: Path,
) -> None:
    """No Qt library in the bundle links to a Qt library that was left out."""
    carried = {p.name for p in bundle.rglob("*.so*")}
    missing: dict[str, list[str]] = {}
    for path in bundle.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
        ).stdout
        for lib in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out):
            if lib.startswith("libQt6") and lib not in carried:
                missing.setdefault(path.name, []).append(lib)
    assert missing == {}


def test_bundle_smoke_test_passes_on_its_own(bundle: Path, tmp_path: Path) -> None:
    """Demo company, every page, evidence pack and verify, run from the bundle with no
    virtual environment and a fresh home folder."""
    done = run_program(
        [str(bundle / project.NAME), "--smoke-test"], tmp_path / "home", SMOKE_TIMEOUT_S
    )
    assert_smoke_test_passed(done)
    leftovers = [p for p in (tmp_path / "home").rglob("*") if p.name != "tmp"]
    assert leftovers == [], "the smoke test wrote into the user's home folder"
