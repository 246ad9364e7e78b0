"""The package's version is the installed metadata's, read without importing
``importlib.metadata`` (which cost about 40 ms before every window)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version


def test_version_is_the_installed_metadata_version_read_without_importlib_metadata() -> None:
    """``secor_desktop.__version__`` equals importlib.metadata's answer, in a fresh process
    where importing the package left ``importlib.metadata`` unimported."""
    probe = (
        "import sys, secor_desktop; "
        "print(secor_desktop.__version__, 'importlib.metadata' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    found, loaded = done.stdout.split()
    assert (found, loaded) == (version("secor-desktop"), "False")
