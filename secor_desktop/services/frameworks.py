"""Framework packs: the bundled ones plus any the user drops in DATA_DIR/frameworks."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from secor_desktop.domain.frameworks import (
    DEFAULT_PACK_ID,
    FrameworkPack,
    PackError,
    PackSource,
    bundled_packs_dir,
    discover_packs,
)
from secor_desktop.services.errors import NotFoundError


@dataclass(frozen=True)
class PackCatalogue:
    packs: tuple[FrameworkPack, ...]
    broken: tuple[PackError, ...]  # user files that could not be read, with why
    user_dir: Path | None

    def get(self, pack_id: str) -> FrameworkPack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def ids(self) -> list[str]:
        return sorted(p.id for p in self.packs)


def catalogue(user_dir: Path | None) -> PackCatalogue:
    """Every usable pack; a broken user file is reported, never fatal for the others."""
    errors: list[PackError] = []
    dirs: list[PackSource] = [bundled_packs_dir()]
    if user_dir is not None and user_dir.is_dir():
        dirs.append(user_dir)
    packs = discover_packs(dirs, errors=errors)
    return PackCatalogue(tuple(packs), tuple(errors), user_dir)


Stamp = tuple[tuple[str, int, int], ...] | None


def _folder_stamp(user_dir: Path | None) -> Stamp:
    """What the user's pack folder holds, by name, size and modification time (a few stat
    calls): when it is unchanged, the packs parsed before are still the packs."""
    if user_dir is None or not user_dir.is_dir():
        return None
    found = []
    with os.scandir(user_dir) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and entry.is_file():
                st = entry.stat()
                found.append((entry.name, st.st_mtime_ns, st.st_size))
    return tuple(sorted(found))


class CatalogueCache:
    """The parsed catalogue, kept while the user's pack folder is unchanged.

    Every screen that shows readiness needs the company's pack; parsing every pack file each
    time cost more than the reads. The bundled packs never change while the program runs; a
    pack the user drops in (or edits) is seen on the next call, as before.
    """

    def __init__(self, user_dir: Path | None) -> None:
        self.user_dir = user_dir
        self._lock = threading.Lock()
        self._stamp: Stamp = None
        self._catalogue: PackCatalogue | None = None
        self.parses = 0  # how often the pack files were parsed (for tests)

    def get(self) -> PackCatalogue:
        stamp = _folder_stamp(self.user_dir)
        with self._lock:
            if self._catalogue is None or stamp != self._stamp:
                self._catalogue = catalogue(self.user_dir)
                self._stamp = stamp
                self.parses += 1
            return self._catalogue


def pack_or_default(cat: PackCatalogue, pack_id: str) -> FrameworkPack:
    pack = cat.get(pack_id)
    if pack is None:
        raise NotFoundError(
            f"The framework pack {pack_id!r} is not installed (available: "
            f"{', '.join(cat.ids())}). Choose another with 'secor-desktop company set "
            f"--framework ID', or put the pack file back in {cat.user_dir}."
        )
    return pack


__all__ = ["DEFAULT_PACK_ID", "CatalogueCache", "PackCatalogue", "catalogue", "pack_or_default"]
