"""``secor-desktop exchange``: two data folders through the real CLI, with its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from tests.conftest import SmallCompany
from tests.integration.test_exchange import amend

pytestmark = pytest.mark.sqlite_only(
    "two laptops through the command line: each data folder's own file"
)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_two_laptops_exchange_list_and_settle_through_the_cli(
    company: SmallCompany, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export/import both ways; conflicts exits 1 while one is listed, 0 once settled."""
    a_dir = company.services.locations.data_dir
    b_dir = tmp_path / "b"
    company.inspection(title="Ladder check")
    assert cli(capsys, "--data-dir", b_dir, "exchange", "device", "--name", "Truck")[0] == 0
    first = tmp_path / "a1.secor-exchange"
    code, text = cli(capsys, "--data-dir", a_dir, "exchange", "export", first)
    assert code == 0 and "Wrote" in text
    code, text = cli(capsys, "--data-dir", b_dir, "exchange", "import", first)
    assert code == 0 and text.startswith("From ")
    amend(company.services, "Ladder check", "Ladder check (office)")
    amend(
        open_services(AppPaths(b_dir), company.services.ctx.clock),
        "Ladder check",
        "Ladder check (truck)",
    )
    second = tmp_path / "a2.secor-exchange"
    cli(capsys, "--data-dir", a_dir, "exchange", "export", second)
    code, text = cli(capsys, "--data-dir", b_dir, "exchange", "import", second)
    assert code == 0 and "1 item(s) changed on both laptops" in text
    code, text = cli(capsys, "--data-dir", b_dir, "exchange", "conflicts")
    assert code == 1 and "differs in: title" in text and "1 conflict(s)." in text
    item = text.split("(id ")[1].split(")")[0]
    code, text = cli(
        capsys, "--data-dir", b_dir, "exchange", "settle", item, "--keep", "9", "--reason", "x"
    )
    assert code == 2 and "Keep: choose a side from 1 to 2" in text
    code, text = cli(
        capsys,
        "--data-dir",
        b_dir,
        "exchange",
        "settle",
        item,
        "--keep",
        "1",
        "--reason",
        "Checked",
    )
    assert code == 0 and text.startswith("Settled")
    assert cli(capsys, "--data-dir", b_dir, "exchange", "conflicts") == (0, "No conflicts.\n")
    assert cli(capsys, "--data-dir", b_dir, "verify")[0] == 0


def test_export_for_a_laptop_never_met_is_bad_input(
    company: SmallCompany, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--for a name no exchange has brought: exit 2 with a sentence, no file written."""
    a_dir = company.services.locations.data_dir
    target = tmp_path / "x.secor-exchange"
    code, text = cli(capsys, "--data-dir", a_dir, "exchange", "export", target, "--for", "Van")
    assert code == 2
    assert "No laptop named 'Van' has exchanged with this one" in text
    assert not target.exists()
