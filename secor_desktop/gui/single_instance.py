"""One window per data folder: a second launch brings the first window forward and exits.

The first launch takes a ``QLockFile`` in the data folder (a crashed holder's lock is stale:
QLockFile sees that its process is gone and removes it) and listens on a local socket named
from the data folder's path. A second launch on the same folder finds the lock held, connects to
that socket, asks the first to raise and activate its window, and exits 0. Commands that write
take the same lock without Qt (``app/data_lock.py`` writes QLockFile's format), so the app and a
command never write at the same time.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("secor_desktop.gui")

LOCK_FILENAME = "secor-desktop.lock"  # the same name as app/data_lock.py
ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"

STALE_LOCK_MS = 0
"""Qt's advice for a lock held as long as a program is open: with a positive stale time,
QLockFile would call a live holder's lock stale once the file is older than that. A holder
that died (same computer, its process gone, or a restart since) is still recognised as stale
from the process id, machine id and boot id QLockFile writes into the file."""


class Role(enum.Enum):
    PRIMARY = "primary"  # we hold the lock: open the database and the window
    FORWARDED = "forwarded"  # another window on this folder was asked to come forward
    BUSY = "busy"  # held by something that does not answer (a command writing)


def server_name(data_dir: Path) -> str:
    """The local socket's name: per user and per data folder (a hash of its resolved path)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:24]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"secor-desktop-{uid}-{digest}"


class SingleInstance(QObject):
    """Owns the lock and the socket for as long as this launch is the data folder's app."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_FILENAME))
        self.lock.setStaleLockTime(STALE_LOCK_MS)
        self.server: QLocalServer | None = None
        self.window: QWidget | None = None
        self.pending = False  # asked to come forward before there was a window
        self.activation_requested.connect(self.bring_forward)

    # --- deciding who we are -------------------------------------------------------------

    def start(self, wait_ms: int = 5000) -> Role:
        """Become the primary, or hand over to the one there is (retrying for ``wait_ms``:
        the first may still be starting, or a command may be about to finish)."""
        deadline = QDeadlineTimer(wait_ms)
        while True:
            if self.lock.tryLock(0):
                # QLockFile creates it with the umask (0644): it names this computer.
                with contextlib.suppress(OSError):
                    os.chmod(self.lock.fileName(), 0o600)
                self._listen()
                return Role.PRIMARY
            if self.lock.error() != QLockFile.LockError.LockFailedError:
                raise OSError(f"cannot create the lock file {self.lock.fileName()}")
            if ask_to_activate(self.data_dir, timeout_ms=min(1000, max(wait_ms, 1))):
                return Role.FORWARDED
            if deadline.hasExpired():
                return Role.BUSY
            QThread.msleep(150)

    def holder(self) -> str:
        """Who holds the lock, for a message ("process 1234 on laptop-7")."""
        info = self.lock.getLockInfo()  # (pid, hostname, appname), or False when unreadable
        if isinstance(info, tuple) and len(info) == 3:
            return f"process {info[0]} on {info[1]}"
        return "another program"

    def _listen(self) -> None:
        name = server_name(self.data_dir)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_connection)
        if not server.listen(name):
            # We hold the lock, so a socket of that name was left by a crashed first launch.
            QLocalServer.removeServer(name)
            if not server.listen(name):
                log.warning("cannot listen on %s: %s", name, server.errorString())
                return
        self.server = server

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    # --- the primary's side --------------------------------------------------------------

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == ACTIVATE:
            log.info("another launch on this data folder asked this window to come forward")
            socket.write(ACKNOWLEDGED)
            socket.flush()
            self.activation_requested.emit()
        socket.disconnectFromServer()

    def set_window(self, window: QWidget) -> None:
        """The main window, once shown; a request that came earlier is honoured now."""
        self.window = window
        if self.pending:
            self.bring_forward()

    def bring_forward(self) -> None:
        """Raise and activate what the user should see: a dialog in front, else the window."""
        target = QApplication.activeModalWidget() or self.window
        self.pending = target is None
        if target is None:
            return
        if target.isMinimized():
            target.showNormal()
        target.show()
        target.raise_()
        target.activateWindow()


def ask_to_activate(data_dir: Path, timeout_ms: int = 1000) -> bool:
    """The second launch's side: True once the first has acknowledged the request."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    try:
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        while not socket.canReadLine():
            if not socket.waitForReadyRead(timeout_ms):
                return False
        return bytes(socket.readLine().data()) == ACKNOWLEDGED
    finally:
        socket.abort()
