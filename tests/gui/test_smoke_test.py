"""``secor-desktop --smoke-test``: the installation check the packaging test runs on the bundle
and the installed .deb. Here it runs from the source tree, through ``main`` as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from secor_desktop import __version__
from secor_desktop.app.main import main
from secor_desktop.app.smoke_test import Problems, Report, StepFailed
from secor_desktop.gui import crash


def test_smoke_test_runs_every_step_and_leaves_no_trace(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    temporary_settings: Path,
) -> None:
    """Exit 0, one ok line per step and per sidebar page, and nothing written to the user's
    data folder, their settings, or left in the temporary folder it used."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("SECOR_DESKTOP_DATA_DIR", str(home / "chosen-data"))

    assert main(["--smoke-test"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("smoke test passed: ")
    steps = lines[1:-1]
    assert all(line.startswith("ok    ") for line in steps), steps
    named = [line.removeprefix("ok    ").split(": ", 1)[0] for line in steps]
    found = re.search(r"main window: (\d+) pages", "\n".join(lines))
    assert found is not None
    pages = int(found.group(1))
    assert pages >= 10
    assert named[:4] == ["environment", "open data folder", "demo company", "main window"]
    assert len([n for n in named if n.startswith("page ")]) == pages
    assert "page Dashboard" in named
    assert named[-4:] == ["about dialog", "evidence pack", "verify", "close"]
    assert f"version {__version__}" in "\n".join(lines)

    folder = Path(lines[0].removeprefix("smoke test in "))
    assert not folder.exists(), "the temporary folder was left behind"
    assert not home.exists(), "something was written to the user's data or settings"
    assert list(temporary_settings.iterdir()) == [], "the app's own settings were written"


def test_a_failed_setup_step_stops_the_run_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that raises (here: the demo cannot be built, as when a bundled data file is
    missing) is named with its error, the steps that need it are not run, and the exit is 1."""
    import secor_desktop.services.demo as demo

    def missing_pack(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("resources/frameworks/secor-9-element.json")

    monkeypatch.setattr(demo, "build_demo", missing_pack)

    assert main(["--smoke-test"]) == 1

    out = capsys.readouterr().out
    assert "ok    open data folder" in out
    assert re.search(r"FAIL  demo company: FileNotFoundError: .*secor-9-element\.json", out)
    assert "main window" not in out
    assert out.splitlines()[-1].startswith("smoke test FAILED: 1 step(s) failed (demo company)")


def test_a_bug_reported_while_a_step_runs_fails_that_step() -> None:
    """An exception caught by the app and shown as a crash report (as in a Qt slot) or an
    error message fails the step even though the step itself returned normally."""
    lines: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            lines.append(text.rstrip("\n"))

        def flush(self) -> None:
            pass

    def no_rows() -> str:
        raise StepFailed("no rows")

    problems = Problems()
    report = Report(Out(), problems)  # type: ignore[arg-type]
    previous = crash.set_crash_presenter(problems.record_crash)
    try:
        assert report.run("quiet", lambda: "fine")
        assert not report.run("slot", lambda: crash.report(KeyError("page-model")))
        told = "The data folder cannot be written"
        assert not report.run("later", lambda: problems.show("error", told, None))
        assert not report.run("check", no_rows)
    finally:
        crash.set_crash_presenter(previous)
    assert lines[0].startswith("ok    quiet: fine")
    assert lines[1].startswith("FAIL  slot: unexpected error KeyError: 'page-model'")
    assert lines[2].startswith("FAIL  later: error message: The data folder cannot be written")
    assert lines[3].startswith("FAIL  check: no rows")
    assert report.failed == ["slot", "later", "check"] and report.passed == 1
