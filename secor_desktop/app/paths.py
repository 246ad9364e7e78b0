"""Where the data lives. The only module that asks platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from secor_desktop.storage.schema import DB_FILENAME

APP_NAME = "secor-desktop"
ENV_DATA_DIR = "SECOR_DESKTOP_DATA_DIR"
ENV_DATABASE_URL = "SECOR_DESKTOP_DATABASE_URL"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    database_url: str | None = None
    """A PostgreSQL server's database (``--database-url``) instead of the file in the folder;
    the folder then keeps the log and the attached files."""

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def blobs(self) -> Path:
        return self.data_dir / "files"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "secor-desktop.log"


def resolve_paths(data_dir: str | None, database_url: str | None = None) -> AppPaths:
    """``--data-dir`` wins, then $SECOR_DESKTOP_DATA_DIR, then the user data folder; the
    database is the folder's file unless ``--database-url`` (or its variable) names a server."""
    url = database_url or os.environ.get(ENV_DATABASE_URL) or None
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return AppPaths(Path(chosen).expanduser().resolve(), url)
    # Non-roaming on purpose: a database in a roaming/synced profile can be corrupted.
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    return AppPaths(folder, url)
