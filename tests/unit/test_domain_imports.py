"""The domain imports only the standard library and itself: an allow-list, read from the AST.

import-linter's domain contract can only forbid packages it is told about; this test allows
what is allowed, so a new third-party import (PySide6, a helper library) fails here at once.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import secor_desktop.domain

DOMAIN = Path(secor_desktop.domain.__file__).parent
ALLOWED_OWN = "secor_desktop.domain"


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """Every module an import statement in ``source`` names, relative ones made absolute."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            if node.module is None:  # from . import x: each name is a module
                found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, f"{base}.{node.module}" if base else node.module))
    return found


def is_allowed(module: str) -> bool:
    top = module.partition(".")[0]
    own = module == ALLOWED_OWN or module.startswith(ALLOWED_OWN + ".")
    return own or (top in sys.stdlib_module_names and top != "secor_desktop")


def foreign_imports(source: str, package: str = ALLOWED_OWN) -> list[str]:
    return [
        f"line {line}: {module}"
        for line, module in imported_modules(source, package)
        if not is_allowed(module)
    ]


def test_domain_modules_import_only_the_standard_library_and_the_domain() -> None:
    """No domain module imports a third-party package or another layer of the program."""
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) > 20, "the walk found the domain's modules"
    problems = [
        f"{path.relative_to(DOMAIN.parent)} {problem}"
        for path in modules
        for problem in foreign_imports(path.read_text("utf-8"))
    ]
    assert problems == []


def test_the_check_names_a_third_party_or_other_layer_import() -> None:
    """PySide6, SQLAlchemy or the services, however imported, are each named with their line."""
    source = (
        "import json\n"
        "import PySide6\n"
        "from sqlalchemy.orm import Session\n"
        "from secor_desktop.services import errors\n"
        "from .. import storage\n"
        "from . import kinds\n"
        "from secor_desktop.domain.model import Record\n"
    )
    assert foreign_imports(source) == [
        "line 2: PySide6",
        "line 3: sqlalchemy.orm",
        "line 4: secor_desktop.services",
        "line 5: secor_desktop.storage",
    ]
