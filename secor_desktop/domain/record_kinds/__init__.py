"""The built-in record kinds, declared once each (see ``domain/registry``).

Importing this package registers them, in the order the sidebar, the lists and the PDF show
them; ``RecordKind`` imports it on first use. Keep the modules in this order.
"""

from __future__ import annotations

# The order of the imports is the order of the kinds: keep it, do not sort it.
# isort: off
from secor_desktop.domain.record_kinds import field, people, program
from secor_desktop.domain.record_kinds import parties
from secor_desktop.domain.record_kinds import hours  # after the twelve first kinds
# isort: on

__all__ = ["field", "people", "program", "parties", "hours"]  # noqa: RUF022  (declaration order)
