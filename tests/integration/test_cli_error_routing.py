"""The command line: a refusal is one sentence on stderr and exit 2; a ValueError is a bug and
keeps the crash path (it leaves main as an exception, so Python prints the traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.frameworks import bundled_packs_dir
from secor_desktop.services.due import DueRefused, DueService
from tests.conftest import SmallCompany

REFUSAL = "The calendar file /nowhere/due.ics could not be written (no such folder)."


def raising(exc: Exception) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


@pytest.fixture
def data_dir(company: SmallCompany) -> Path:
    return company.services.locations.data_dir


def test_a_user_error_in_a_service_is_one_sentence_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal raised inside the due service: its sentence, prefixed, exit 2, no traceback."""
    monkeypatch.setattr(DueService, "due", raising(DueRefused(REFUSAL)))
    code = main(["--data-dir", str(data_dir), "due"])
    out, err = capsys.readouterr()
    assert issubclass(DueRefused, UserError)
    assert (code, out, err) == (2, "", f"secor-desktop: {REFUSAL}\n")


def test_a_value_error_in_a_service_is_not_shown_as_a_refusal(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ValueError inside the due service leaves main as itself: the crash path, not exit 2."""
    bug = ValueError("a bug deep in the due service")
    monkeypatch.setattr(DueService, "due", raising(bug))
    with pytest.raises(ValueError) as caught:
        main(["--data-dir", str(data_dir), "due"])
    assert caught.value is bug
    assert "secor-desktop:" not in capsys.readouterr().err


def test_a_real_refusal_keeps_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """The demo over existing data is refused (no monkeypatching): exit 2 and one sentence."""
    code = main(["--data-dir", str(data_dir), "demo"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("secor-desktop: This data folder already has a company")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_future_as_of_keeps_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A bad date in the arguments (after today) is a refusal: exit 2 and its sentence."""
    code = main(["--data-dir", str(data_dir), "due", "--as-of", "2099-01-01"])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("secor-desktop: --as-of 2099-01-01 is after today")


def test_a_framework_pack_that_is_gone_is_a_refusal(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """The company's own pack file removed: a sentence naming the pack and what to do, exit 2."""
    doc = json.loads(Path(str(bundled_packs_dir() / "secor-9-element.json")).read_text("utf-8"))
    doc["id"] = "partner-secor"
    own = data_dir / "frameworks" / "partner.json"
    own.parent.mkdir()
    own.write_text(json.dumps(doc), "utf-8")
    assert (
        main(["--data-dir", str(data_dir), "company", "set", "--framework", "partner-secor"]) == 0
    )
    own.unlink()
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "readiness"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("secor-desktop: The framework pack 'partner-secor' is not installed")
    assert "--framework ID" in err and "Traceback" not in err
