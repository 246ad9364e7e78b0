"""The frozen program's entry point (PyInstaller runs this file as ``__main__``).

The same as ``python -m secor_desktop``: no arguments opens the window, a command runs the
command line, ``--smoke-test`` checks the installation.
"""

import sys

from secor_desktop.app.start import main

if __name__ == "__main__":
    if sys.platform == "darwin":
        # Finder may pass the process serial number (-psn_0_1234) to an app it starts.
        sys.argv = [arg for arg in sys.argv if not arg.startswith("-psn_")]
    sys.exit(main())
