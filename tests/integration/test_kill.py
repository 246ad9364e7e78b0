"""Crash safety: a writer killed (SIGKILL) at random moments loses no acknowledged save.

This covers process kills only: it passes even with ``synchronous=OFF``, because the kernel
still writes its page cache out after the process dies. Power loss is covered by
``test_durability.py``, which checks the settings every writing connection runs with.

The default run kills the writer a few times; ``SECOR_KILLS=200`` makes the long run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest

from secor_desktop.services.clock import SystemClock
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.integrity import verify
from secor_desktop.storage.blobs import BlobStore
from secor_desktop.storage.database import make_engine
from secor_desktop.storage.uow import SqlUnitOfWork

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("SECOR_KILLS", "8"))

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")


@dataclass
class Tally:
    kills: int = 0
    saved: set[str] = field(default_factory=set)
    signed: set[str] = field(default_factory=set)
    lost: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)
    verify_failures: list[str] = field(default_factory=list)


def run_and_kill(data_dir: Path, delay: float, tally: Tally) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.kill_writer", str(data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    time.sleep(delay)
    stopped = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert not stopped, f"the writer stopped by itself: {errors}"
    tally.kills += 1
    for line in lines:
        word, _, record_id = line.strip().partition(" ")
        if word == "saved":
            tally.saved.add(record_id)
        elif word == "signed":
            tally.signed.add(record_id)


def check(data_dir: Path, tally: Tally) -> None:
    db = data_dir / "secor.sqlite3"
    if not db.exists():
        return
    with sqlite3.connect(db) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        present = {r[0] for r in conn.execute("SELECT id FROM records")}
        signed = {r[0] for r in conn.execute("SELECT DISTINCT record_id FROM signatures")}
    conn.close()
    if result != [("ok",)]:
        tally.integrity_failures.append(f"kill {tally.kills}: {result[:3]}")
    tally.lost += sorted((tally.saved - present) | (tally.signed - signed))
    engine = make_engine(db, writer=False)
    blobs = BlobStore(data_dir / "files")
    try:
        ctx = ServiceContext(
            uow=partial(SqlUnitOfWork, engine, db, blobs), clock=SystemClock(), blobs=blobs
        )
        report = verify(ctx)
    finally:
        engine.dispose()
    if not report.ok:
        tally.verify_failures.append(f"kill {tally.kills}: {report.problems[:3]}")


def test_killed_writer_loses_no_acknowledged_save(tmp_path: Path) -> None:
    """After each SIGKILL: integrity_check ok, every reported save present, verify passes."""
    rng = random.Random(os.environ.get("SECOR_KILL_SEED", "7"))
    data_dir = tmp_path / "data"
    tally = Tally()
    started = time.monotonic()
    for _ in range(KILLS):
        # Some kills land during startup (checks, startup backup), most during saves.
        run_and_kill(data_dir, rng.uniform(0.3, 2.5), tally)
        check(data_dir, tally)
    elapsed = time.monotonic() - started
    sys.stderr.write(
        f"\nkill test: {tally.kills} kills, {len(tally.saved)} saves and {len(tally.signed)} "
        f"signatures acknowledged, {len(tally.lost)} lost, {len(tally.integrity_failures)} "
        f"integrity failures, {len(tally.verify_failures)} verify failures, {elapsed:.0f} s\n"
    )
    assert tally.saved, "the writer never got to save anything"
    assert tally.lost == []
    assert tally.integrity_failures == []
    assert tally.verify_failures == []
