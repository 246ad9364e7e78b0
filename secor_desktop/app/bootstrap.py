"""Open (and if needed create and migrate) a data folder and build the services on it."""

from __future__ import annotations

import logging
import logging.handlers
import os
from functools import partial

from secor_desktop.app.paths import AppPaths
from secor_desktop.services.clock import Clock, SystemClock
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.facade import Locations, Services
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.database import head_revision, make_engine, prepare_database
from secor_desktop.storage.errors import ReadOnlyData
from secor_desktop.storage.uow import SqlUnitOfWork

log = logging.getLogger("secor_desktop")


def ensure_data_dir(paths: AppPaths) -> None:
    """Create the folder readable by this user only (records name people and injuries)."""
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        paths.logs.mkdir(exist_ok=True, mode=0o700)
        paths.blobs.mkdir(exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ReadOnlyData(
            f"The data folder {paths.data_dir} cannot be created or written ({exc.strerror}). "
            "Choose another folder with --data-dir, or fix its permissions."
        ) from exc


def setup_logging(paths: AppPaths, verbose: bool = False) -> None:
    root = logging.getLogger("secor_desktop")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)


def open_services(paths: AppPaths, clock: Clock | None = None) -> Services:
    clock = clock or SystemClock()
    ensure_data_dir(paths)
    setup_logging(paths)
    backup = prepare_database(paths.database, clock.now())
    if backup is not None:
        log.info("database migrated; the previous version is kept at %s", backup)
    for path in (paths.database,):
        if path.exists():
            os.chmod(path, 0o600)
    engine = make_engine(paths.database)
    blobs = BlobStore(paths.blobs)
    ctx = ServiceContext(
        uow=partial(SqlUnitOfWork, engine, paths.database, blobs), clock=clock, blobs=blobs
    )
    locations = Locations(
        data_dir=paths.data_dir,
        database=paths.database,
        blobs=paths.blobs,
        log_file=paths.log_file,
        schema_revision=head_revision(),
    )
    return Services(ctx, locations)
