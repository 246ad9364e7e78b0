"""The Debian/Ubuntu package: its fields and files, its metadata checked by the desktop's own
validators, and a real install (as root, when this machine allows it; otherwise unpacked
into a throwaway folder) whose smoke test must pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import SMOKE_TIMEOUT_S, assert_smoke_test_passed, project, run_program

sys.path.insert(0, str(project.ROOT / "packaging" / "linux"))
import build_deb  # packaging/linux/build_deb.py

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")

DESKTOP = f"usr/share/applications/{project.APP_ID}.desktop"
METAINFO = f"usr/share/metainfo/{project.APP_ID}.metainfo.xml"
QT_NEEDS = ("libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libxcb-cursor0", "libdbus-1-3")


def arch() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture(scope="session")
def deb(dist: Path, version: str) -> Path:
    path = dist / f"{project.NAME}_{build_deb.debian_version(version)}_{arch()}.deb"
    if not path.is_file():
        pytest.fail(f"No package {path.name} in {dist}: run scripts/build-packages first.")
    return path


@pytest.fixture(scope="session")
def unpacked(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_package_fields_carry_the_version_and_the_libraries_qt_needs(
    deb: Path, version: str
) -> None:
    assert field(deb, "Package") == project.NAME
    assert field(deb, "Version") == build_deb.debian_version(version)
    assert field(deb, "Architecture") == arch()
    depends = [d.strip() for d in field(deb, "Depends").split(",")]
    names = {re.split(r"[ (|]", d)[0] for d in depends}
    assert set(QT_NEEDS) <= names
    assert any(re.fullmatch(r"libc6 \(>= 2\.\d+\)", d) for d in depends)
    print(f"{deb.name}: {deb.stat().st_size / 1024 / 1024:.1f} MB; Depends: {', '.join(depends)}")


def test_package_installs_program_launcher_menu_entry_metadata_and_icons(
    unpacked: Path,
) -> None:
    assert os.access(unpacked / "opt" / project.NAME / project.NAME, os.X_OK)
    launcher = unpacked / "usr" / "bin" / project.NAME
    assert os.access(launcher, os.X_OK)
    assert f"exec /opt/{project.NAME}/{project.NAME} " in launcher.read_text()
    assert (unpacked / DESKTOP).is_file()
    assert (unpacked / METAINFO).is_file()
    hicolor = unpacked / "usr" / "share" / "icons" / "hicolor"
    for size in build_deb.HICOLOR_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{project.APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{project.APP_ID}.svg").is_file()
    assert (unpacked / "usr" / "share" / "doc" / project.NAME / "copyright").is_file()


def test_desktop_entry_passes_desktop_file_validate(unpacked: Path) -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(unpacked / DESKTOP)], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr
    text = (unpacked / DESKTOP).read_text()
    assert "\nExec=secor-desktop\n" in text
    assert f"\nIcon={project.APP_ID}\n" in text


def test_appstream_metadata_passes_appstreamcli_validate(unpacked: Path, version: str) -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(unpacked / METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f'<release version="{version}" date="' in (unpacked / METAINFO).read_text()


def can_install() -> tuple[bool, str]:
    if os.environ.get("SECOR_PACKAGING_NO_INSTALL"):
        return False, "SECOR_PACKAGING_NO_INSTALL is set"
    installed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", project.NAME], capture_output=True, text=True
    )
    if "ok installed" in installed.stdout:
        return False, f"{project.NAME} is already installed here; not replacing it"
    if os.geteuid() == 0:
        return True, ""
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"]).returncode == 0:
        return True, ""
    return False, "no root and no password-less sudo"


def as_root(*cmd: str) -> subprocess.CompletedProcess[str]:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = ["env", "DEBIAN_FRONTEND=noninteractive"]
    return subprocess.run(prefix + env + list(cmd), capture_output=True, text=True)


@pytest.fixture
def installed(deb: Path) -> Iterator[Path]:
    """The package installed for real with apt (which also proves every Depends names a
    package apt can find), then removed again."""
    allowed, why = can_install()
    if not allowed:
        pytest.skip(why)
    done = as_root("apt-get", "install", "-y", "--no-install-recommends", str(deb))
    assert done.returncode == 0, done.stdout + done.stderr
    try:
        yield Path("/")
    finally:
        removed = as_root("dpkg", "--remove", project.NAME)
        assert removed.returncode == 0, removed.stderr
        assert not Path(f"/opt/{project.NAME}").exists(), "removal left the program behind"
        assert not Path(f"/{DESKTOP}").exists()


def test_installed_package_passes_its_smoke_test(installed: Path, tmp_path: Path) -> None:
    """Started the way the menu entry starts it: by name, from /usr/bin."""
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", project.NAME], capture_output=True, text=True
    )
    assert status.stdout == "install ok installed"
    assert Path(f"/{DESKTOP}").is_file() and Path(f"/{METAINFO}").is_file()
    done = run_program([project.NAME, "--smoke-test"], tmp_path / "home", SMOKE_TIMEOUT_S)
    assert_smoke_test_passed(done)


def test_unpacked_package_passes_its_smoke_test(unpacked: Path, tmp_path: Path) -> None:
    """Where installing for real is not possible: the package's files in a throwaway root."""
    if can_install()[0]:
        pytest.skip("installed for real instead (test_installed_package_passes_its_smoke_test)")
    program = unpacked / "opt" / project.NAME / project.NAME
    done = run_program([str(program), "--smoke-test"], tmp_path / "home", SMOKE_TIMEOUT_S)
    assert_smoke_test_passed(done)
