"""Framework packs: the bundled ones plus any the user drops in DATA_DIR/frameworks."""

from __future__ import annotations

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


def pack_or_default(cat: PackCatalogue, pack_id: str) -> FrameworkPack:
    pack = cat.get(pack_id)
    if pack is None:
        raise NotFoundError(
            f"The framework pack {pack_id!r} is not installed (available: "
            f"{', '.join(cat.ids())}). Choose another with 'secor-desktop company set "
            f"--framework ID', or put the pack file back in {cat.user_dir}."
        )
    return pack


__all__ = ["DEFAULT_PACK_ID", "PackCatalogue", "catalogue", "pack_or_default"]
