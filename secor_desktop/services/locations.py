"""Where this program keeps things, for ``info``, the About dialog and backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Locations:
    """Where this program keeps things, for ``info`` and the About dialog."""

    data_dir: Path
    database: Path
    blobs: Path
    log_file: Path
    schema_revision: str
    server: str | None = None
    """An office database on a PostgreSQL server (its URL, no password) instead of
    ``database``; backups and the file checks are then the server's own business."""

    @property
    def database_shown(self) -> str:
        return self.server or str(self.database)
