"""The built-in record kinds, declared once each (see ``domain/registry``).

Importing this package registers them, in the order the sidebar, the lists and the PDF show
them; ``RecordKind`` imports it on first use. Keep the modules in this order.
"""

from __future__ import annotations

from secor_desktop.domain.record_kinds import field, people, program

# isort: split
# Declared after the built-in twelve, so they keep their places in lists and the sidebar.
from secor_desktop.domain.record_kinds import committee

__all__ = ["committee", "field", "people", "program"]
