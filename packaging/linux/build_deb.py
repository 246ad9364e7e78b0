"""Build the Debian/Ubuntu package from the PyInstaller bundle, with dpkg-deb.

    python packaging/linux/build_deb.py dist/secor-desktop --out dist

writes ``dist/secor-desktop_<version>_<arch>.deb``, which installs:

- the bundle in /opt/secor-desktop, and /usr/bin/secor-desktop to start it;
- the desktop entry (menu item) and the AppStream metadata (software centres);
- the icon in every hicolor size, and the SVG as the scalable one;
- /usr/share/doc/secor-desktop/copyright.

``Depends`` is worked out from the bundle itself, as dpkg-shlibdeps would: every library a
program or library in the bundle needs and does not carry, mapped to the package that holds it
on this machine (the libc6 version from the newest GLIBC symbol used), plus the libraries Qt
opens at run time without linking them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import project  # noqa: E402  (packaging/project.py)

INSTALL_DIR = Path("opt") / project.NAME
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
QT_RUNTIME_DEPENDS = (
    # Opened by Qt at run time (dlopen) or by the xcb plugin's own libraries; named here so
    # a minimal desktop install has them even if the link scan cannot see them.
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libdbus-1-3",
)
MAINTAINER = os.environ.get(
    "DEB_MAINTAINER", "secor-desktop developers <maintainers@secor-desktop.invalid>"
)
"""Set DEB_MAINTAINER to a real name and address before publishing the package."""


class BuildError(Exception):
    pass


def run(*cmd: str, check: bool = True) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise BuildError(f"{' '.join(cmd)} failed: {done.stderr.strip()}")
    return done.stdout


def debian_version(version: str) -> str:
    """PEP 440 to Debian: pre-releases sort before the release (0.2.0rc1 -> 0.2.0~rc1)."""
    return re.sub(r"\.?(a|b|rc|dev)(\d*)", r"~\1\2", version)


def release_date(version: str) -> str:
    """The date CHANGELOG.md gives this version ("## [0.1.0] - 2026-12-01"), else today."""
    changelog = project.ROOT / "CHANGELOG.md"
    if changelog.exists():
        pattern = rf"^## \[{re.escape(version)}\][^\n]*?(\d{{4}}-\d{{2}}-\d{{2}})"
        found = re.search(pattern, changelog.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            return found.group(1)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return sorted(found)


def system_library_paths() -> dict[str, str]:
    """soname -> path, from the dynamic linker's cache (this machine's architecture only)."""
    paths: dict[str, str] = {}
    machine = "x86-64" if os.uname().machine == "x86_64" else os.uname().machine
    for line in run("/sbin/ldconfig", "-p").splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and (machine in m.group(2) or "64" not in m.group(2)):
            paths.setdefault(m.group(1), m.group(3))
    return paths


def owning_package(path: str) -> str | None:
    candidates = {path, os.path.realpath(path)}
    for p in list(candidates):  # merged /usr: dpkg may know the file by either name
        if p.startswith("/usr/lib/"):
            candidates.add(p.removeprefix("/usr"))
        elif p.startswith("/lib/"):
            candidates.add("/usr" + p)
    for p in sorted(candidates):
        out = run("dpkg-query", "-S", p, check=False)
        if out:
            return out.split(":", 1)[0].split(",")[0].strip()
    return None


def library_depends(bundle: Path) -> list[str]:
    """Packages holding the libraries the bundle links to but does not carry."""
    files = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*.so*")}
    needed: set[str] = set()
    glibc = (2, 17)
    for path in files:
        dynamic = run("readelf", "-d", "-V", "--wide", str(path), check=False)
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", dynamic):
            glibc = max(glibc, (int(major), int(minor)))
    system = system_library_paths()
    packages: set[str] = set()
    missing = []
    for soname in sorted(needed - carried):
        path = system.get(soname)
        package = owning_package(path) if path else None
        if package is None:
            missing.append(soname)
        else:
            packages.add(package)
    if missing:
        raise BuildError(
            "the bundle needs libraries this machine does not have: "
            + ", ".join(missing)
            + ". Install them (see scripts/setup.sh) and build again."
        )
    packages.discard("libc6")
    depends = [f"libc6 (>= {glibc[0]}.{glibc[1]})"]
    depends += sorted(packages | set(QT_RUNTIME_DEPENDS))
    return depends


def desktop_file() -> Path:
    return HERE / f"{project.APP_ID}.desktop"


def metainfo(version: str) -> str:
    template = (HERE / f"{project.APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    return template.replace("@VERSION@", version).replace("@DATE@", release_date(version))


LAUNCHER = f"""#!/bin/sh
# Start SECOR Desktop (installed in /{INSTALL_DIR}).
exec /{INSTALL_DIR}/{project.NAME} "$@"
"""

COPYRIGHT = f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: {project.NAME}

Files: *
Copyright: secor-desktop developers
License: GPL-3.0-or-later
 On Debian systems, the full text of the GNU General Public License version 3 can be found
 in /usr/share/common-licenses/GPL-3.

Files: opt/{project.NAME}/_internal/secor_desktop/resources/fonts/*
Copyright: Bitstream, Inc.; DejaVu fonts team
License: Bitstream-Vera
 See opt/{project.NAME}/_internal/secor_desktop/resources/fonts/LICENSE-DejaVu.txt.

Files: opt/{project.NAME}/_internal/*
Copyright: the authors of each component
License: various-free
 The bundle carries Python (PSF-2.0), Qt and Qt for Python (PySide6, LGPL-3.0-only, used
 unmodified as shared libraries), SQLAlchemy, Alembic and Mako (MIT), ReportLab
 (BSD-3-Clause), Pillow (MIT-CMU) and platformdirs (MIT); each package's licence is in its
 *.dist-info folder. On Debian systems the LGPL version 3 is in
 /usr/share/common-licenses/LGPL-3.
"""


def stage(bundle: Path, root: Path, version: str) -> None:
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    launcher = root / "usr" / "bin" / project.NAME
    launcher.parent.mkdir(parents=True)
    launcher.write_text(LAUNCHER)
    launcher.chmod(0o755)
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(desktop_file(), share / "applications" / desktop_file().name)
    (share / "metainfo").mkdir()
    (share / "metainfo" / f"{project.APP_ID}.metainfo.xml").write_text(
        metainfo(version), encoding="utf-8"
    )
    for size in HICOLOR_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(project.ICONS / f"secor-desktop-{size}.png", folder / f"{project.APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(project.ICONS / "secor-desktop.svg", scalable / f"{project.APP_ID}.svg")
    doc = share / "doc" / project.NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT)
    for path in root.rglob("*"):  # dpkg keeps these modes: readable by all, no group writes
        if not path.is_symlink():
            executable = path.is_dir() or os.access(path, os.X_OK)
            path.chmod(0o755 if executable else 0o644)


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def control(version: str, arch: str, size_kib: int, depends: list[str]) -> str:
    return (
        f"Package: {project.NAME}\n"
        f"Version: {debian_version(version)}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {project.SUMMARY}\n"
        " SECOR Desktop helps a small Canadian employer earn and keep its SECOR safety\n"
        " certificate: hazard assessments, inspections, toolbox talks, training and\n"
        " incidents logged and signed on one laptop, a readiness dashboard per audit\n"
        " element, and a tamper-evident PDF evidence pack for the auditor. Offline.\n"
    )


def build(bundle: Path, out: Path) -> Path:
    if not (bundle / project.NAME).is_file():
        raise BuildError(f"{bundle} is not a PyInstaller bundle (no {project.NAME} in it)")
    for tool in ("dpkg-deb", "readelf", "dpkg-query"):
        if shutil.which(tool) is None:
            raise BuildError(f"{tool} is missing: install dpkg and binutils")
    version = project.version()
    arch = run("dpkg", "--print-architecture").strip()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{project.NAME}_{debian_version(version)}_{arch}.deb"
    depends = library_depends(bundle)
    with tempfile.TemporaryDirectory(prefix="secor-deb-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        stage(bundle, root, version)
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(
            control(version, arch, installed_size_kib(root), depends)
        )
        run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller folder (dist/secor-desktop)")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder for the .deb")
    args = parser.parse_args(argv)
    try:
        target = build(args.bundle, args.out)
    except BuildError as exc:
        sys.stderr.write(f"build_deb: {exc}\n")
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
