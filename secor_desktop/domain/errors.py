"""The one base of refusals: errors a front end shows as a sentence, not as a crash.

A ``UserError`` is raised when the program must refuse what it was asked (input that cannot be
saved, a file that cannot be used, a record that does not exist, a folder that is not empty, a
disk that is full). Its ``str()`` is the message to show, naming what is wrong and what to do.
Front ends catch ``UserError`` and nothing broader: any other exception, ``ValueError``
included, is a bug and goes to the crash dialog (GUI) or the traceback (CLI), so bugs cannot
hide as polite messages. It lives in the domain so every layer can raise it.
"""

from __future__ import annotations


class UserError(Exception):
    """A refusal the user can act on; ``str()`` is the one sentence to show."""
