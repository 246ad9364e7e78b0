"""secor-desktop: offline SECOR safety-program records, readiness and evidence packs.

``__version__`` is the installed distribution's version (``pyproject.toml`` is its one source,
see packaging/README.md). It is read from the metadata file as ``importlib.metadata`` finds it
(the first ``secor_desktop-*.dist-info`` or ``secor_desktop*.egg-info`` along ``sys.path``)
without importing that module, whose email parser cost about 40 ms before every window;
``importlib.metadata`` answers when the file is elsewhere (a zip, a custom finder).
"""

import os
import sys

NAME = "secor_desktop"


def _metadata_version(folder: str, name: str) -> str | None:
    try:
        with open(os.path.join(folder, name), encoding="utf-8") as metadata:
            for line in metadata:
                if line.startswith("Version:"):
                    return line.removeprefix("Version:").strip()
                if not line.strip():  # the headers end at the first empty line
                    return None
    except OSError:
        return None
    return None


def _found_version() -> str | None:
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except (OSError, TypeError):
            continue
        for suffix, file in ((".dist-info", "METADATA"), (".egg-info", "PKG-INFO")):
            for name in names:
                stem = name[: -len(suffix)] if name.lower().endswith(suffix) else None
                if stem is None or stem.partition("-")[0].replace("-", "_").lower() != NAME:
                    continue
                found = _metadata_version(os.path.join(entry or ".", name), file)
                if found:
                    return found
    return None


def _version() -> str:
    found = _found_version()
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("secor-desktop")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


__version__ = _version()
