"""Inspection checklists as data: a default list per inspection type, which the company may
replace with its own (kept as JSON in the data folder, next to the database)."""

from __future__ import annotations

import json
from pathlib import Path

from secor_desktop.domain.bodies import InspectionType
from secor_desktop.gui.private_temp import write_private

DEFAULT_CHECKLISTS: dict[InspectionType, tuple[str, ...]] = {
    InspectionType.SITE: (
        "Site access controlled and signage posted",
        "Walkways and work areas clear, no trip hazards",
        "Edges and openings guarded or covered",
        "Ladders secured and in good repair",
        "Fire extinguisher charged, tagged and reachable",
        "First-aid kit stocked; first aider named",
        "Emergency plan and muster point posted",
        "Electrical cords and tools undamaged",
        "Housekeeping: waste removed, materials stacked",
        "PPE worn as required",
    ),
    InspectionType.EQUIPMENT: (
        "Guards and safety devices in place",
        "Controls and emergency stop work",
        "No leaks, cracks or loose parts",
        "Cords, hoses and fittings undamaged",
        "Inspection tag or log current",
        "Operator trained and authorised",
    ),
    InspectionType.VEHICLE: (
        "Lights, signals and horn work",
        "Tires and wheel nuts",
        "Brakes and parking brake",
        "Mirrors and windshield clean, undamaged",
        "Fluid levels; no leaks",
        "Load secured",
        "First-aid kit, extinguisher and warning triangles on board",
        "Registration, insurance and inspection papers",
    ),
}


def _path(folder: Path, inspection_type: InspectionType) -> Path:
    return folder / f"inspection-{inspection_type.value}.json"


def load_checklist(folder: Path, inspection_type: InspectionType) -> tuple[str, ...]:
    """The company's own list for this type if it saved one, else the default."""
    try:
        data = json.loads(_path(folder, inspection_type).read_text(encoding="utf-8"))
        items = tuple(str(t) for t in data["items"] if str(t).strip())
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_CHECKLISTS[inspection_type]
    return items or DEFAULT_CHECKLISTS[inspection_type]


def save_checklist(folder: Path, inspection_type: InspectionType, items: list[str]) -> Path:
    path = _path(folder, inspection_type)
    data = {"type": inspection_type.value, "items": [t for t in items if t.strip()]}
    tmp = path.with_suffix(".tmp")
    write_private(tmp, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    tmp.replace(path)
    return path
