"""Which form edits which record kind: the editor registry.

A ``BodyForm`` subclass that sets ``kind`` registers itself here when its class is defined
(``BodyForm.__init_subclass__``), so a new kind's editor is its class and nothing else. The
built-in editors' modules are imported on first use, below; an editor defined elsewhere (a
test's toy kind) registers as soon as its module is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secor_desktop.domain.kinds import RecordKind

if TYPE_CHECKING:
    from secor_desktop.gui.editors.fields import BodyForm

FORMS: dict[str, type[BodyForm]] = {}
_loaded = False


def register_form(form: type[BodyForm]) -> None:
    """Make ``form`` the editor of its ``kind`` (the last one defined wins, as a test's
    toy editor redefined in a second module would expect)."""
    FORMS[form.kind] = form


def form_for(kind: RecordKind) -> type[BodyForm]:
    """The form class for a registered kind; LookupError names a kind without an editor."""
    _load_built_in()
    form = FORMS.get(RecordKind(kind))
    if form is None:
        raise LookupError(f"the record kind {kind.label!r} has no editor")
    return form


def _load_built_in() -> None:
    """Import the built-in editors' modules once: their classes register themselves."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from secor_desktop.gui.editors import (  # noqa: F401  (each registers its forms)
        admin,
        document,
        emergency,
        first_aid,
        hazards,
        hours,
        incident,
        inspection,
        orientation,
        parties,
        toolbox,
        training,
    )
