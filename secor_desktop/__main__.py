"""Allow ``python -m secor_desktop``."""

import sys

from secor_desktop.app.main import main

sys.exit(main())
