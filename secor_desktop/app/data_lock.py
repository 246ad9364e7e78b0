"""The data folder's lock, without Qt: what the command line uses to stay out of the app's way.

The desktop app holds a ``QLockFile`` on ``DATA_DIR/secor-desktop.lock`` for as long as it is
open (see ``gui/single_instance.py``). Commands that write take the same lock, in the same
format, so neither can start writing while the other is: the file is created with O_EXCL and
holds ``pid``, the program's executable name, the host name, the machine id and the boot id, one
per line, and the holder keeps an exclusive ``flock`` on it (what Qt does on Unix), which is what
stops anyone from removing a live holder's file.

A lock whose process is gone (a crash, a kill) is stale: it is removed, as QLockFile would.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from secor_desktop.services.errors import KnownError

try:
    import fcntl
except ImportError:  # Windows: no flock; the O_EXCL file alone is the lock there
    fcntl = None  # type: ignore[assignment]

LOCK_FILENAME = "secor-desktop.lock"
WAIT_SECONDS = 4.0
"""How long a write command waits for the app (or another command) to let go."""

BUSY_MESSAGE = "secor-desktop is open on this data folder; close it or use the app."
_POLL_SECONDS = 0.1


class AppBusy(KnownError):
    """Another process (the desktop app, or a command still writing) holds the data folder."""


@dataclass(frozen=True)
class LockHolder:
    pid: int
    appname: str = ""
    hostname: str = ""
    hostid: str = ""
    bootid: str = ""


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILENAME


def _read_first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            return fh.readline().strip()
    except OSError:
        return ""


def machine_id() -> str:
    """What QSysInfo.machineUniqueId() gives on Linux (empty where there is none)."""
    return _read_first_line("/etc/machine-id") or _read_first_line("/var/lib/dbus/machine-id")


def boot_id() -> str:
    """What QSysInfo.bootUniqueId() gives on Linux (empty where there is none)."""
    return _read_first_line("/proc/sys/kernel/random/boot_id")


def process_name(pid: int) -> str:
    """The executable's file name, as QLockFile records it ("" where it cannot be known)."""
    try:
        target = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return ""
    return Path(target.removesuffix(" (deleted)")).name


def contents() -> bytes:
    """This process's lock file text, in QLockFile's format."""
    name = process_name(os.getpid()) or Path(sys.executable).name
    lines = [str(os.getpid()), name, socket.gethostname(), machine_id(), boot_id()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_holder(path: Path) -> LockHolder | None:
    """Who holds the lock, or None when there is no readable lock file."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    try:
        pid = int(lines[0])
    except ValueError:
        return None
    if pid <= 0:
        return None
    rest = [*lines[1:5], "", "", "", ""][:4]
    return LockHolder(pid, *rest)


def is_alive(holder: LockHolder) -> bool:
    """False only when the holder is certainly gone: QLockFile's own test of a stale lock."""
    ours = machine_id()
    if holder.hostid and ours:
        same_host = holder.hostid == ours
    else:
        same_host = not holder.hostname or holder.hostname == socket.gethostname()
    if not same_host:
        return True  # another computer's process (a shared folder): we cannot tell
    if holder.bootid and holder.bootid != boot_id():
        return False  # written before the last restart
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, as another user
    running = process_name(holder.pid)
    return not (running and holder.appname and running != Path(holder.appname).name)


def busy_message(holder: LockHolder | None) -> str:
    if holder is None:
        return BUSY_MESSAGE
    where = f"process {holder.pid}"
    if holder.hostname and holder.hostname != socket.gethostname():
        where += f" on {holder.hostname}"
    return f"{BUSY_MESSAGE} (It is held by {where}.)"


def _flock(fd: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale(path: Path) -> bool:
    """Remove a dead holder's lock file, as QLockFile does: only if we can flock it."""
    holder = read_holder(path)
    if holder is not None and is_alive(holder):
        return False
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError:
        return False
    try:
        if not _flock(fd):
            return False  # someone holds it after all
        again = read_holder(path)
        if again is not None and again != holder and is_alive(again):
            return False  # replaced by a live holder meanwhile
        path.unlink(missing_ok=True)
        return True
    finally:
        os.close(fd)


class DataFolderLock:
    """``with DataFolderLock(data_dir).acquire():`` around a command that writes."""

    def __init__(self, data_dir: Path) -> None:
        self.path = lock_path(data_dir)
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        _flock(fd)
        try:
            os.write(fd, contents())
            os.fsync(fd)
        except OSError:
            os.close(fd)
            self.path.unlink(missing_ok=True)
            raise
        self._fd = fd
        return True

    def acquire(self, wait: float | None = None) -> DataFolderLock:
        """Take the lock, waiting up to ``wait`` seconds; raises AppBusy if it stays held."""
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        while True:
            try:
                if self.try_acquire():
                    return self
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    return self  # a read-only folder: the write itself will say so
                raise
            if remove_stale(self.path):
                continue
            if time.monotonic() >= deadline:
                raise AppBusy(busy_message(read_holder(self.path)))
            time.sleep(_POLL_SECONDS)

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> DataFolderLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def held_by_other(data_dir: Path) -> LockHolder | None:
    """The live holder of the data folder's lock, if another process has it."""
    holder = read_holder(lock_path(data_dir))
    if holder is None or not is_alive(holder):
        return None
    return holder


def left_by_unclean_exit(data_dir: Path) -> bool:
    """Did the last program on this data folder end without letting go of it (killed, a
    crash, a power cut)? Its lock file is still there and its process is gone. Asked before
    the lock is taken (taking it removes such a file); a clean exit removes the file."""
    holder = read_holder(lock_path(data_dir))
    if holder is None:
        return lock_path(data_dir).exists()  # unreadable: half-written when the power went
    return not is_alive(holder)
