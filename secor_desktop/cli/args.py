"""Argument types and output helpers shared by the command modules."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any, TextIO

from secor_desktop.domain.errors import UserError


class BadInput(UserError):
    """A command-line value refused once parsed (a future --as-of, a --set given twice, an
    output path that cannot be used); the entry point prints it and exits with 2."""


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD"
        ) from None


def print_json(value: Any, out: TextIO) -> None:
    out.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
