"""Power loss is not a process kill: the durability settings themselves are checked.

A SIGKILLed writer loses nothing even with ``synchronous=OFF`` (the kernel still flushes its page
cache), so ``test_kill.py`` cannot notice weakened settings. Here every SQLite connection the
program opens is recorded during a realistic session (saves, a signature, a backup, a restore,
a migration, commands through the real entry point), and each one that changed the data
folder's database must have run with ``synchronous=FULL`` (or EXTRA): what makes a commit
survive power loss. The database must end in WAL mode.
"""

from __future__ import annotations

import sqlite3
import sqlite3.dbapi2
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.backups import BackupService
from secor_desktop.services.clock import FixedClock
from secor_desktop.storage.database import alembic_config
from tests.conftest import SmallCompany, signature_png

FULL = 2


@dataclass
class Write:
    database: str
    synchronous: int
    journal_mode: str


@dataclass
class Recorder:
    writes: list[Write] = field(default_factory=list)
    connections: int = 0

    def to(self, db: Path) -> list[Write]:
        return [w for w in self.writes if Path(w.database) == db.resolve()]


class RecordingConnection(sqlite3.Connection):
    """Notes, before each commit and close, the settings a connection that wrote ran with."""

    recorder: Recorder

    def _note(self) -> None:
        if self.total_changes == 0:
            return
        try:
            rows = self.execute("PRAGMA database_list").fetchall()
            sync = int(self.execute("PRAGMA synchronous").fetchone()[0])
            mode = str(self.execute("PRAGMA journal_mode").fetchone()[0])
        except sqlite3.Error:
            return
        main_file = next((r[2] for r in rows if r[1] == "main"), "")
        if main_file:
            self.recorder.writes.append(Write(str(Path(main_file).resolve()), sync, mode))

    def commit(self) -> None:
        self._note()
        super().commit()

    def close(self) -> None:
        self._note()
        super().close()


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """Every sqlite3 connection opened from now on (SQLAlchemy's too) is a recording one."""
    found = Recorder()
    RecordingConnection.recorder = found
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        found.connections += 1
        kwargs.setdefault("factory", RecordingConnection)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)  # what SQLAlchemy calls
    yield found


def dispose(company: SmallCompany) -> None:
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]


@pytest.mark.sqlite_only("SQLite's synchronous=FULL on the file")
def test_every_write_to_the_database_is_synchronous_full(
    recorder: Recorder, company: SmallCompany, clock: FixedClock, tmp_path: Path
) -> None:
    """Saves, signing, backup, restore and commands all commit with synchronous=FULL."""
    services = company.services
    record = company.inspection("Scaffold check")
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    archive = BackupService(services.locations, clock).make().path
    company.inspection("After the backup")
    dispose(company)
    data_dir = services.locations.data_dir
    assert main(["--data-dir", str(data_dir), "company", "set", "--wcb-account", "1112223"]) == 0
    assert main(["--data-dir", str(data_dir), "restore", str(archive)]) == 0
    db = services.locations.database
    writes = recorder.to(db)
    assert len(writes) >= 5, recorder.writes  # the recorder did see the session's saves
    assert [w for w in writes if w.synchronous < FULL] == []
    assert {w.journal_mode for w in writes} == {"wal"}
    with db.open("rb") as fh:
        header = fh.read(20)
    assert header[18:20] == b"\x02\x02"  # the file itself is in WAL mode


def test_migration_writes_are_synchronous_full(
    recorder: Recorder, tmp_path: Path, clock: FixedClock
) -> None:
    """A schema upgrade of an older database commits with synchronous=FULL too."""
    paths = AppPaths(tmp_path / "data")
    paths.data_dir.mkdir()
    command.upgrade(alembic_config(f"sqlite:///{paths.database}"), "0001")
    recorder.writes.clear()
    services = open_services(paths, clock)
    services.roster.add_site("North yard")
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    writes = recorder.to(paths.database)
    assert len(writes) >= 2, recorder.writes
    assert [w for w in writes if w.synchronous < FULL] == []
