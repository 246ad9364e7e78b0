"""Starter documents: templates of a written safety program that a company fills and tailors.

A template is a Markdown file with a small front matter (id, title, version, doc_type, covers,
requirement) and named blanks such as ``{{company_name}}``. Filling puts in what the profile
already knows; the rest stay as ``{{name}}`` until the owner types them, and a document with a
blank left cannot be signed. Auditors recognise untailored template wording, so paragraphs
that are still word-for-word the template's (blanks aside) are found and shown to the owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from secor_desktop.domain.bodies import DocumentType

BLANK = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
_FIELDS = ("id", "title", "version", "doc_type", "covers", "requirement")
_ID = re.compile(r"[a-z][a-z0-9_]*")
MIN_WORDS = 6  # shorter paragraphs (headings, "Signed: ...") are not worth flagging


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file and the problem."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


@dataclass(frozen=True, slots=True)
class StarterTemplate:
    id: str
    title: str
    version: str
    doc_type: DocumentType
    covers: tuple[str, ...]
    requirement: str  # which requirement the document answers, in a sentence
    text: str
    origin: str = ""  # the file it came from

    @property
    def blanks(self) -> tuple[str, ...]:
        return blanks(self.text)


def parse_template(text: str, origin: str) -> StarterTemplate:
    """Read one template file's text; raise ``TemplateError`` naming what is wrong."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise TemplateError(origin, "must start with a front matter line '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise TemplateError(origin, "the front matter has no closing '---'") from None
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in _FIELDS:
            raise TemplateError(origin, f"unknown front matter line {line.strip()!r}")
        meta[key] = value.strip()
    missing = [f for f in _FIELDS if f not in meta or (f != "covers" and not meta[f])]
    if missing:
        raise TemplateError(origin, f"the front matter lacks {', '.join(missing)}")
    if not _ID.fullmatch(meta["id"]):
        raise TemplateError(origin, f"id {meta['id']!r} must be lower case letters, digits, _")
    try:
        doc_type = DocumentType(meta["doc_type"])
    except ValueError:
        choices = ", ".join(t.value for t in DocumentType)
        raise TemplateError(origin, f"doc_type must be one of {choices}") from None
    covers = tuple(c.strip() for c in meta["covers"].split(",") if c.strip())
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise TemplateError(origin, "has no text after the front matter")
    return StarterTemplate(
        id=meta["id"],
        title=meta["title"],
        version=meta["version"],
        doc_type=doc_type,
        covers=covers,
        requirement=meta["requirement"],
        text=body,
        origin=origin,
    )


def blanks(text: str) -> tuple[str, ...]:
    """The names of the blanks still in ``text``, each once, in order of appearance."""
    return tuple(dict.fromkeys(m.group(1) for m in BLANK.finditer(text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put each known, non-empty value in its blanks; unknown blanks stay as ``{{name}}``."""

    def one(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "").strip()
        return value or match.group(0)

    return BLANK.sub(one, text)


def paragraphs(text: str) -> tuple[str, ...]:
    """Text split at blank lines, each paragraph with its whitespace made single spaces."""
    out = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return tuple(p for p in out if p)


def _matches(pattern: str, paragraph: str) -> bool:
    """Whether a paragraph is the template paragraph with its blanks filled by anything.

    The literal pieces between blanks must appear in order, the first at the start and the
    last at the end: linear time, so no hostile text can make it slow.
    """
    pieces = BLANK.split(pattern)[::2]  # split keeps the names at odd positions: drop them
    if len(pieces) == 1:
        return paragraph == pattern
    first, *middle, last = pieces
    if not paragraph.startswith(first) or len(paragraph) < len(first) + len(last):
        return False
    end = len(paragraph) - len(last)
    if not paragraph.endswith(last):
        return False
    at = len(first)
    for piece in middle:
        found = paragraph.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def untouched(text: str, template: StarterTemplate) -> tuple[str, ...]:
    """Paragraphs of ``text`` still word-for-word the template's, apart from filled blanks.

    Headings and short lines are left out: they read the same in every company's program.
    """
    patterns = [
        p
        for p in paragraphs(template.text)
        if not p.startswith("#") and len(BLANK.sub("", p).split()) >= MIN_WORDS
    ]
    return tuple(p for p in paragraphs(text) if any(_matches(pat, p) for pat in patterns))


def profile_values(
    *,
    company_name: str,
    province: str,
    wcb_account: str,
    certifying_partner: str,
    owner_name: str,
    site_names: Iterable[str],
    today: date,
) -> dict[str, str]:
    """The blanks the company profile, roster and sites already answer."""
    sites = [s for s in site_names if s]
    values = {
        "company_name": company_name,
        "province": province,
        "wcb_account": wcb_account,
        "certifying_partner": certifying_partner,
        "owner_name": owner_name,
        "site_names": ", ".join(sites),
        "effective_date": today.isoformat(),
    }
    return {k: v for k, v in values.items() if v}


def bundled_dir() -> Traversable:
    """The starter documents shipped inside the application package."""
    return files("secor_desktop") / "resources" / "starter"


def load_templates(
    folders: Iterable[Traversable | Path], errors: list[TemplateError] | None = None
) -> list[StarterTemplate]:
    """Every ``*.md`` template in the folders (bundled first, then the company's own).

    A later folder's template with the same id replaces the earlier one: a company can keep
    its own version of a starter document. A broken file raises unless ``errors`` collects it.
    """
    chosen: dict[str, StarterTemplate] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if not item.name.endswith(".md") or not item.is_file():
                continue
            try:
                try:
                    raw = item.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise TemplateError(str(item), f"could not be read ({exc})") from exc
                template = parse_template(raw, str(item))
            except TemplateError as exc:
                if errors is None:
                    raise
                errors.append(exc)
                continue
            chosen[template.id] = template
    return list(chosen.values())
