"""Problem messages in the record editors: the summary at the top of an editor.

The line reserved under each field and the registry that routes a ``FieldProblem`` to the
field it is about are the form kit's (``gui.forms.errors``), shared with the other forms.
Every message has its place before it appears, so showing or clearing one never moves a field.
"""

from __future__ import annotations

from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui.forms.errors import FieldErrors


def summary(registry: FieldErrors, unplaced: list[FieldProblem]) -> str:
    """The editor's top lines: problems with no field of their own, then which fields need
    attention (one field: its message itself)."""
    lines = [_sentence(p) for p in unplaced]
    flagged = registry.problem_count()
    if len(flagged) == 1:
        message = next(s for s in registry.slots.values() if s.error.text()).error.text()
        # The message under the field usually names it already ("Presenter: choose …").
        named = message if message.startswith(flagged[0]) else f"{flagged[0]}: {message}"
        lines.append(f"Not saved yet. {named}")
    elif flagged:
        names = ", ".join(flagged[:4]) + (", ..." if len(flagged) > 4 else "")
        lines.append(
            f"Not saved yet: {len(flagged)} fields need attention ({names}); see the red lines."
        )
    return "\n".join(lines)


def _sentence(problem: FieldProblem) -> str:
    """A problem with no field on the form, in words (its message names what it is about)."""
    if problem.field in ("record", "reason", "photos") or problem.field.startswith("attach"):
        return problem.message
    return str(problem)
