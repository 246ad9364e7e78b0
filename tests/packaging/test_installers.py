"""The Windows installer script compiles (makensis, on a stand-in program folder), and the
icon files the installers and the desktop use are all there at every size."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.packaging.conftest import project

NSI = project.ROOT / "packaging" / "windows" / "secor-desktop.nsi"
needs_makensis = pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis")


def makensis(*defines: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["makensis", "-WX", "-V2", *defines, str(NSI)], capture_output=True, text=True
    )


@pytest.fixture
def stand_in(tmp_path: Path) -> Path:
    """A folder shaped like the Windows bundle: both programs and an _internal folder."""
    folder = tmp_path / "bundle"
    (folder / "_internal" / "secor_desktop").mkdir(parents=True)
    (folder / "secor-desktop.exe").write_bytes(b"MZ stand-in")
    (folder / "secor-desktop-cli.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "secor_desktop" / "marker.txt").write_text("in the installer")
    return folder


@needs_makensis
def test_nsis_script_compiles_into_a_versioned_installer(
    stand_in: Path, tmp_path: Path, version: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    numbers = [*re.findall(r"\d+", version)[:3], "0", "0", "0"]
    numeric = ".".join(numbers[:4])
    done = makensis(
        f"-DVERSION={version}",
        f"-DVERSION_NUMERIC={numeric}",
        f"-DBUNDLE={stand_in}",
        f"-DOUTDIR={out}",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    installer = out / f"{project.NAME}_{version}_windows-x64-setup.exe"
    assert installer.is_file()
    data = installer.read_bytes()
    assert data[:2] == b"MZ"
    assert b"NullsoftInst" in data
    print(f"{installer.name}: {len(data)} bytes from the stand-in folder")


@needs_makensis
def test_nsis_script_refuses_to_build_without_a_version(stand_in: Path, tmp_path: Path) -> None:
    done = makensis(f"-DBUNDLE={stand_in}", f"-DOUTDIR={tmp_path}")
    assert done.returncode != 0
    assert "Pass the version" in done.stdout + done.stderr


def test_icon_files_exist_at_every_size() -> None:
    icons = project.ICONS
    assert (icons / "secor-desktop.svg").read_text().lstrip().startswith("<?xml")
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"secor-desktop-{size}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"
    with Image.open(icons / "secor-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "secor-desktop.icns") as icns:
        assert icns.size == (512, 512) or icns.size == (1024, 1024)
