"""The office database's password: from the platform keyring, never from the settings file.

``--database-url`` carries no password (one typed into it works, but ends up in the shell's
history: the docs say not to). The password is looked up, in order:

1. the system keyring (``keyring``: Windows Credential Manager, macOS Keychain, the Secret
   Service on Linux), under the service ``secor-desktop`` and the URL without its password;
2. nothing from us: libpq then reads ``~/.pgpass`` (``%APPDATA%\\postgresql\\pgpass.conf``) or
   ``PGPASSWORD`` itself, or logs in without one (a local socket with peer authentication).
"""

from __future__ import annotations

import logging

from secor_desktop.domain.errors import UserError
from secor_desktop.storage.server import has_password, is_server_url, shown

log = logging.getLogger(__name__)

SERVICE = "secor-desktop"


class NoKeyring(UserError):
    """No keyring backend on this system: the password cannot be stored safely here."""


class BadServerAddress(UserError):
    """A database address the settings cannot keep."""


def check_address(url: str) -> str:
    """The address to keep in the settings, or a refusal naming the field and what to do."""
    url = url.strip()
    if not is_server_url(url):
        raise BadServerAddress(
            "Server address: give a PostgreSQL address such as "
            "postgresql://dana@db.example.ca/secor"
        )
    if has_password(url):
        raise BadServerAddress(
            "Server address: leave the password out of the address (it would be kept in plain "
            "text); type it in the Password field instead"
        )
    return url


def keyring_key(url: str) -> str:
    """The name a password is kept under: the address exactly as given (it holds no password;
    one with a password needs no keyring), so ``python -m keyring set secor-desktop URL``
    stores it under the same name."""
    return url.strip()


def server_password(url: str) -> str | None:
    """The keyring's password for this database, or None (libpq then tries ~/.pgpass)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    if has_password(url):
        return None  # libpq uses the one in the address
    try:
        return keyring.get_password(SERVICE, keyring_key(url))
    except (KeyringError, RuntimeError) as exc:
        log.info("no password from the keyring for %s: %s", shown(url), exc)
        return None


def store_password(url: str, password: str) -> None:
    """Keep the password in the system keyring; refuse (NoKeyring) when there is none."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as FailKeyring
        from keyring.errors import KeyringError
    except ImportError as exc:
        raise NoKeyring(
            "The keyring package is not installed, so the password cannot be stored. Install "
            "secor-desktop[postgres], or put the password in a ~/.pgpass file instead."
        ) from exc
    backend = keyring.get_keyring()
    if isinstance(backend, FailKeyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyring(
            "This system has no keyring to keep the password in safely. Put the password in "
            "a ~/.pgpass file instead (see docs/postgresql.md); nothing was stored."
        )
    try:
        keyring.set_password(SERVICE, keyring_key(url), password)
    except KeyringError as exc:
        raise NoKeyring(
            f"The system keyring refused to store the password ({exc}). Put it in a "
            "~/.pgpass file instead (see docs/postgresql.md); nothing was stored."
        ) from exc
