"""The command line's side of the data folder lock (no Qt): which commands take it, and how a
lock left by a killed command is recovered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from secor_desktop import cli
from secor_desktop.app.data_lock import LockHolder, contents, is_alive, process_name, read_holder
from secor_desktop.app.main import main, writes

HOLD_LOCK = """
import sys, time
from pathlib import Path
from secor_desktop.app.data_lock import DataFolderLock
DataFolderLock(Path(sys.argv[1])).acquire(wait=0)
print("held", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo"], True),
        (["import", "bundle"], True),
        (["company", "set", "--name", "X"], True),
        (["score", "answers.json", "--save"], True),
        (["restore", "a.zip"], True),
        (["backup"], True),
        (["add-worker", "Ann", "--role", "Roofer", "--start-date", "2025-01-01"], True),
        (["add-site", "Main yard"], True),
        (["import-sheet", "workers", "crew.csv"], True),
        (["import-sheet", "workers", "crew.csv", "--dry-run"], False),
        (["records", "repeat", "--last", "flha"], True),
        (["info"], False),
        (["verify"], False),
        (["records", "list"], False),
        (["readiness"], False),
        (["company"], False),
        (["score", "answers.json"], False),
        (["backups"], False),
        (["export", "out"], False),
    ],
)
def test_only_commands_that_write_take_the_lock(argv: list[str], expected: bool) -> None:
    """demo, import, company set, score --save, restore, backup, add-worker, add-site,
    import-sheet (not a dry run) and records repeat write; the rest only read."""
    assert writes(cli.build_parser().parse_args(argv)) is expected


def test_lock_file_is_written_in_qlockfile_format() -> None:
    """pid, executable name, host name, machine id, boot id: one per line, as QLockFile does."""
    lines = contents().decode("utf-8").split("\n")
    assert lines[0] == str(os.getpid()) and len(lines) == 6 and lines[5] == ""
    assert Path(os.readlink("/proc/self/exe")).name == lines[1]


def test_a_reused_process_id_does_not_count_as_the_holder() -> None:
    """A live pid running another program (the holder died, its pid was reused) is stale."""
    assert is_alive(LockHolder(os.getpid(), process_name(os.getpid())))
    assert not is_alive(LockHolder(os.getpid(), "some-other-program"))


def test_write_command_recovers_a_lock_left_by_a_killed_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command SIGKILLed while holding the lock does not block the next one."""
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.communicate()
    held = read_holder(data / "secor-desktop.lock")
    assert held is not None and held.pid == holder.pid
    args = ["--data-dir", str(data), "company", "set", "--name", "Acme", "--province", "AB"]
    assert main(args) == 0
    assert not (data / "secor-desktop.lock").exists()
