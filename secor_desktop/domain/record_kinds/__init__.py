"""The built-in record kinds, declared once each (see ``domain/registry``).

Importing this package registers them, in the order the sidebar, the lists and the PDF show
them; ``RecordKind`` imports it on first use. Keep the modules in this order.
"""

from __future__ import annotations

from secor_desktop.domain.record_kinds import field, people, program

# isort: split
from secor_desktop.domain.record_kinds import hours  # after the twelve first kinds

__all__ = ["field", "people", "program"]
__all__ += ["hours"]
