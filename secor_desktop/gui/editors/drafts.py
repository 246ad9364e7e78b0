"""Drafts of unsaved editor content, so a crash or a flat battery loses nothing.

One JSON file per editor (a new record of a kind, or an existing record by id) in the data
folder's ``drafts`` directory, written atomically and removed once saved or discarded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.private_temp import write_private


def draft_path(data_dir: Path, kind: RecordKind, record_id: str | None) -> Path:
    name = f"{record_id}.json" if record_id else f"new-{kind.value}.json"
    return data_dir / "drafts" / name


def write_draft(path: Path, snapshot: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    # Unsaved record text (names, injuries): 0600 in a 0700 folder, like the database.
    write_private(tmp, json.dumps(snapshot, ensure_ascii=False, indent=1).encode("utf-8"))
    os.replace(tmp, path)


def read_draft(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remove_draft(path: Path) -> None:
    path.unlink(missing_ok=True)
