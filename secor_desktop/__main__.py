"""Allow ``python -m secor_desktop``."""

import sys

from secor_desktop.app.start import main

sys.exit(main())
