"""The framework-pack choice on the settings page: how each pack is listed, what is said about
the chosen one, and the pack files that could not be used.

Kept apart from the page so the page stays about the form; these read a ``PackCatalogue`` and
fill plain widgets, nothing else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack
from secor_desktop.domain.model import Company
from secor_desktop.services.frameworks import PackCatalogue


def pack_text(pack: FrameworkPack, user_dir: Path | None) -> str:
    """How a pack is listed: its name, id and version, and whether it is the user's own."""
    text = f"{pack.name} ({pack.id}, version {pack.version})"
    if user_dir is not None and pack.origin and Path(pack.origin).parent == user_dir:
        text += " — your own pack"
    return text


def broken_text(catalogue: PackCatalogue) -> str:
    lines = []
    for error in catalogue.broken:
        where = Path(error.source).name or error.source
        entry = f" ({error.entry})" if error.entry else ""
        lines.append(f"⚠ Not usable: {where}{entry}: {error.problem}")
    return "\n".join(lines)


def show_broken(label: QLabel, catalogue: PackCatalogue) -> None:
    """List the pack files that could not be used (hidden when there are none)."""
    label.setText(broken_text(catalogue))
    label.setVisible(bool(catalogue.broken))


def fill_packs(combo: QComboBox, catalogue: PackCatalogue, chosen: str) -> None:
    """The catalogue's packs, the default first, with ``chosen`` selected."""
    combo.clear()
    packs = sorted(catalogue.packs, key=lambda p: (p.id != DEFAULT_PACK_ID, p.name))
    for pack in packs:
        combo.addItem(pack_text(pack, catalogue.user_dir), pack.id)
        combo.setItemData(combo.count() - 1, str(pack.origin), Qt.ItemDataRole.ToolTipRole)
    if catalogue.get(chosen) is None:
        # The saved pack's file is gone: say so rather than quietly switching packs.
        combo.addItem(f"{chosen} — not installed: choose another", chosen)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))


def pack_about(pack: FrameworkPack) -> str:
    """What a pack is, and its source note: which part is fact and which is our own wording."""
    provinces = ", ".join(p.value for p in pack.provinces) or "any province"
    partner = pack.certifying_partner or "any partner"
    return f"{len(pack.elements)} elements · {partner} · {provinces}\nSource: {pack.source}"


def pack_details(catalogue: PackCatalogue | None, chosen: str, saved: Company | None) -> str:
    """What the chosen pack is, where it comes from, and what choosing another one changes."""
    pack = catalogue.get(chosen) if catalogue else None
    if pack is None:
        return "This pack is not installed: choose one of the list."
    text = pack_about(pack)
    if pack.replaces:
        text += "\nYour copy replaces the bundled pack of the same id."
    if saved is not None and pack.id != saved.framework_id:
        text += (
            "\n\nFrom the next save, readiness and self-evaluations use this pack: every record "
            "is kept and counted again under this pack's elements; evaluations saved with the "
            "other pack stay on record, scored only when that pack is chosen."
        )
    return text
