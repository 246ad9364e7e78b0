"""Which characters the bundled fonts can draw, and what the pack says about the others.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew, Arabic and many symbols; the fallback fonts
add Punjabi (Gurmukhi), the Han characters of Chinese and Japanese with kana, and Korean
Hangul (``Coverage`` picks, character by character, the first font that has it). Scripts such
as Ethiopic, Thai and the Indic scripts other than Gurmukhi, rare Han characters and emoji
(beyond the Basic Multilingual Plane) are not covered. A character no font has would
print as an empty box with nothing in the text layer, silently. Instead the pack prints U+FFFD
(the replacement character), and the export warns, naming the record, so the user can reword
it or tell the auditor.

ReportLab draws text left to right in the order it was typed (true bidirectional layout needs
the optional ``rlbidi`` package). So each run of right-to-left text (Hebrew, Arabic) is put in
visual order first (``visual_order``): it reads right to left on the page, and text extraction
gives it back as typed. What that cannot do is warned about: Arabic letters print unjoined, and
a right-to-left passage long enough to wrap reads its lines top to bottom in the wrong order.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

REPLACEMENT = "\ufffd"
# Characters every font we bundle draws: ASCII, Latin-1 and Latin Extended-A and -B. Only
# text outside these ranges is looked up character by character, so plain text costs one scan.
_MAYBE_MISSING = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\u024f]")
_INVISIBLE = {"Cf", "Mn", "Me"}  # joiners, variation selectors, combining marks
_RTL = {"R", "AL"}
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_RUN = re.compile(
    f"[{_RTL_CHARS}](?:[{_RTL_CHARS}\\s.,:;!?'\"()\\[\\]{{}}«»\\-]*[{_RTL_CHARS}])?"
)
_ARABIC = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Gurmukhi signs that need shaping to sit right: the vowel sign i (drawn before the consonant
# it follows in typing) and the virama of subjoined letters.
_GURMUKHI_SHAPED = re.compile("[\u0a3f\u0a4d]")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
LONG_RTL = 60  # a run this long may wrap onto a second line


class Coverage:
    """The code points the document's fonts have glyphs for: a base font, then fallbacks.

    ``faces`` is a list of fonts, each given as the names of its faces (regular and bold): a
    character counts for a font only when every face of it has the glyph, so a bold cell never
    loses one. The first font is the base; a character it lacks is drawn in the first fallback
    that has it (``runs``).

    Characters beyond the Basic Multilingual Plane (most emoji) count as missing even where a
    font has a glyph: ReportLab writes their text-layer mapping wrongly, so they would print
    but could not be searched or copied from the PDF.
    """

    def __init__(self, fonts: Iterable[Sequence[str]]) -> None:
        self.fonts: list[tuple[str, frozenset[int]]] = []
        for names in fonts:
            sets = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in names]
            common = frozenset(c for c in set.intersection(*sets) if c <= 0xFFFF)
            self.fonts.append((names[0], common))
        self.base = self.fonts[0][1]
        self.codepoints: frozenset[int] = frozenset().union(*(c for _, c in self.fonts))

    def missing(self, text: str) -> list[str]:
        """Distinct characters of ``text`` no font can draw, in order of appearance."""
        seen: dict[str, None] = {}
        for match in _MAYBE_MISSING.finditer(text):
            ch = match.group()
            if ord(ch) not in self.codepoints and ch not in seen:
                seen[ch] = None
        return list(seen)

    def printable(self, text: str, base_only: bool = False) -> str:
        """``text`` with every character the fonts lack replaced (invisible ones dropped);
        ``base_only`` for text drawn in the base font alone (no fallback)."""
        if not _MAYBE_MISSING.search(text):
            return text
        return _MAYBE_MISSING.sub(self._swap_base if base_only else self._swap, text)

    def _swap(self, match: re.Match[str]) -> str:
        ch = match.group()
        if ord(ch) in self.codepoints:
            return ch
        return "" if unicodedata.category(ch) in _INVISIBLE else REPLACEMENT

    def _swap_base(self, match: re.Match[str]) -> str:
        ch = match.group()
        if ord(ch) in self.base:
            return ch
        return "" if unicodedata.category(ch) in _INVISIBLE else REPLACEMENT

    def runs(self, text: str) -> list[tuple[str | None, str]]:
        """``text`` (already printable) cut into runs by font: None for the base font, else the
        name of the first fallback font that has the run's characters."""
        if not _MAYBE_MISSING.search(text):
            return [(None, text)]
        out: list[tuple[str | None, str]] = []
        for ch in text:
            font = self._font_of(ch)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def _font_of(self, ch: str) -> str | None:
        code = ord(ch)
        if code in self.base:
            return None
        for name, codes in self.fonts[1:]:
            if code in codes:
                return name
        return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text if ord(ch) >= 0x0590)


def _reverse_run(match: re.Match[str]) -> str:
    """A right-to-left run in visual order: clusters (a letter and its marks) reversed."""
    clusters: list[str] = []
    for ch in match.group():
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch.translate(_MIRROR))
    return "".join(reversed(clusters))


def visual_order(text: str) -> str:
    """Text with each right-to-left run reversed, so that drawn left to right it reads right."""
    if not _MAYBE_MISSING.search(text) or not _RTL_RUN.search(text):
        return text
    return _RTL_RUN.sub(_reverse_run, text)


def describe(chars: Iterable[str], limit: int = 6) -> str:
    """'漢 (U+6F22), 🦺 (U+1F9BA)' and '… and 3 more' past ``limit``."""
    chars = list(chars)
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:limit])
    return shown + (f" and {len(chars) - limit} more" if len(chars) > limit else "")


def strings_of(value: object) -> Iterator[str]:
    """Every string inside a value: dataclasses, tuples, lists and dicts, recursively."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings_of(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_of(item)


@dataclass
class GlyphReport:
    """Warnings about text the PDF cannot show as typed, one per item, in pack order."""

    coverage: Coverage
    warnings: list[str] = dataclasses.field(default_factory=list)

    def check(self, label: str, texts: Iterable[str]) -> None:
        missing: dict[str, None] = {}
        arabic = long_rtl = gurmukhi = False
        for text in texts:
            if not _MAYBE_MISSING.search(text):
                continue
            for ch in self.coverage.missing(text):
                if unicodedata.category(ch) not in _INVISIBLE:
                    missing[ch] = None
            arabic = arabic or bool(_ARABIC.search(text))
            gurmukhi = gurmukhi or bool(_GURMUKHI_SHAPED.search(text))
            long_rtl = long_rtl or any(
                len(run.group()) > LONG_RTL for run in _RTL_RUN.finditer(text)
            )
        if missing:
            self.warnings.append(
                f"{label}: {len(missing)} character(s) the PDF fonts cannot show print as "
                f"{REPLACEMENT}: {describe(missing)}."
            )
        if arabic:
            self.warnings.append(
                f"{label}: Arabic text prints right to left but with its letters unjoined "
                "(each in its isolated form)."
            )
        if gurmukhi:
            self.warnings.append(
                f"{label}: Punjabi (Gurmukhi) text prints without shaping: the vowel sign "
                "\u0a3f shows after its consonant instead of before it, and subjoined letters "
                "print in full after a \u0a4d sign."
            )
        if long_rtl:
            self.warnings.append(
                f"{label}: a right-to-left passage of more than {LONG_RTL} characters may wrap "
                "onto a second line, and then its lines read in the wrong order."
            )
