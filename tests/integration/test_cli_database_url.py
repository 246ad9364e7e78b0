"""``--database-url``: what the command line refuses before touching anything."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from secor_desktop.app.main import main


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def test_an_address_that_is_not_postgresql_is_refused(tmp_path: Path) -> None:
    """A non-PostgreSQL address: exit 2, one sentence saying what to give, nothing made."""
    code, err = run("--data-dir", str(tmp_path / "d"), "--database-url", "mysql://x/y", "info")
    assert code == 2
    assert "--database-url is not a PostgreSQL address" in err
    assert not (tmp_path / "d").exists()


def test_backup_of_a_server_database_points_to_pg_dump(tmp_path: Path) -> None:
    """backup with a server database is refused, naming pg_dump; no archive is written."""
    url = "postgresql://dana@/secor?host=/nonexistent"
    code, err = run("--data-dir", str(tmp_path / "d"), "--database-url", url, "backup")
    assert code == 2 and "pg_dump" in err
    assert not (tmp_path / "d" / "backups").exists()


def test_a_server_that_cannot_be_reached_is_one_sentence(tmp_path: Path) -> None:
    """No server at the address: exit 2 with what to check, no traceback, no password shown."""
    url = f"postgresql://dana:hunter2@/secor?host={tmp_path / 'no-socket-here'}"
    code, err = run("--data-dir", str(tmp_path / "d"), "--database-url", url, "verify")
    assert code == 2
    assert "cannot be reached or refused the login" in err
    assert "hunter2" not in err
    assert "Traceback" not in err


def test_the_variable_is_used_when_the_option_is_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SECOR_DESKTOP_DATABASE_URL chooses the server like --database-url does."""
    monkeypatch.setenv("SECOR_DESKTOP_DATABASE_URL", "mysql://x/y")
    code, err = run("--data-dir", str(tmp_path / "d"), "info")
    assert code == 2 and "not a PostgreSQL address" in err
