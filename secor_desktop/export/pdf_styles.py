"""Fonts, paragraph styles and the safe way to turn user text into ReportLab paragraphs.

Every string a user typed goes through ``esc`` (or ``paras``, which escapes) before it meets a
``Paragraph``: raw text holding ``<b>`` crashes the build, an unknown tag silently drops text,
and ``<img src=...>`` makes ReportLab read files and fetch URLs. ``esc`` also swaps any
character the fonts cannot draw for U+FFFD (see ``glyphs``), so nothing prints as a blank box.
"""

from __future__ import annotations

import re
from importlib.resources import as_file, files
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from secor_desktop.export.glyphs import Coverage, visual_order

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
# Fonts for the characters DejaVu Sans lacks, tried in this order, as (regular, bold) faces:
# workers' names in Punjabi (Gurmukhi), and Chinese and Japanese (a subset of Droid
# Sans Fallback: the Han characters of GB 2312, Big5 and JIS X 0208, and kana; it has
# no bold face, so bold CJK text prints regular), and Korean (every Hangul syllable, a renamed
# subset of NanumGothic; regular only). ReportLab embeds only the glyphs a pack uses.
FALLBACKS = (
    (
        ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf"),
        ("NotoSansGurmukhi-Bold", "NotoSansGurmukhi-Bold.ttf"),
    ),
    (("DroidSansFallback", "DroidSansFallback-CJK.ttf"),),
    (("SecorHangul", "SecorHangul.ttf"),),
)

PARAGRAPH_CHARS = 1000  # long text is laid out in paragraphs of about this size
CELL_CHARS = 700  # a table cell holds at most this much; the rest follows the table

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEAD_FILL = colors.HexColor("#e4e7eb")
ZEBRA = colors.HexColor("#f5f7fa")
ACCENT = colors.HexColor("#0b4f71")
WHITE = colors.white
GOOD = colors.HexColor("#2f855a")
FAIR = colors.HexColor("#b7791f")
BAD = colors.HexColor("#c53030")

# C0 controls other than tab and newline, DEL and C1 controls: never printable, and some of
# them make the PDF text layer unreadable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def register_fonts() -> None:
    """Register the bundled fonts (once): DejaVu Sans for Latin, Greek, Cyrillic, Hebrew and
    Arabic, then the fallbacks. Each is a family, so ``<font name=...>`` inside bold text
    picks the bold face where there is one."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = files("secor_desktop") / "resources" / "fonts"
    families = [((FONT, FONT_FILES[FONT]), (FONT_BOLD, FONT_FILES[FONT_BOLD])), *FALLBACKS]
    for faces in families:
        for name, filename in faces:
            with as_file(folder / filename) as path:
                pdfmetrics.registerFont(TTFont(name, str(path)))
        regular, bold = faces[0][0], faces[-1][0]
        pdfmetrics.registerFontFamily(
            regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
        )


_coverage: Coverage | None = None


def coverage() -> Coverage:
    """What the bundled fonts can draw (both faces: a bold cell must not lose a glyph)."""
    global _coverage
    if _coverage is None:
        register_fonts()
        families = [((FONT, ""), (FONT_BOLD, "")), *FALLBACKS]
        _coverage = Coverage([[name for name, _ in faces] for faces in families])
    return _coverage


def clean(text: str) -> str:
    return _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


# A fallback's bold face, by its regular face's name (a ``<font name=...>`` tag sets the face
# itself, so bold text must name the bold face).
BOLD_FACE = {faces[0][0]: faces[-1][0] for faces in FALLBACKS}


def esc(text: str, bold: bool = False) -> str:
    """User text made safe for a Paragraph: markup characters print as themselves, and each
    run of characters DejaVu lacks is set in the fallback font that has them (its bold face
    in ``bold`` text)."""
    cover = coverage()
    shown = visual_order(cover.printable(clean(text)))
    out = []
    for font, run in cover.runs(shown):
        if font is None:
            out.append(escape(run))
        else:
            face = BOLD_FACE[font] if bold else font
            out.append(f'<font name="{face}">{escape(run)}</font>')
    return "".join(out).replace("\n", "<br/>")


def plain(text: str) -> str:
    """User text for the canvas itself (headers, captions drawn directly in DejaVu Sans): no
    markup, and no fallback font (``draw_text`` draws with them)."""
    return visual_order(coverage().printable(clean(text), base_only=True)).replace("\n", " ")


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """User text for the canvas, as (font, text) runs: ``font`` where it has the characters,
    else the fallback that has them."""
    cover = coverage()
    shown = visual_order(cover.printable(clean(text))).replace("\n", " ")
    return [(f or font, run) for f, run in cover.runs(shown)]


def chunks(text: str, size: int = PARAGRAPH_CHARS) -> list[str]:
    """Split text into pieces of about ``size`` characters: at blank lines, else at line ends
    (a numbered clause stays whole), else at spaces."""
    pieces: list[str] = []
    for block in re.split(r"\n\s*\n", clean(text).strip()):
        while len(block) > size:
            cut = block.rfind("\n", 0, size)
            if cut < size // 2:
                cut = block.rfind(" ", 0, size)
            if cut < size // 2:
                cut = size  # no space near the end: cut inside the word
            pieces.append(block[:cut].rstrip())
            block = block[cut:].lstrip()
        if block:
            pieces.append(block)
    return pieces


def paras(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Long user text as a list of escaped paragraphs that flow across pages."""
    return [Paragraph(esc(piece), style) for piece in chunks(text)]


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": 9,
        "leading": 12,
        "textColor": INK,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    """The document's paragraph styles, all in DejaVu Sans."""

    def __init__(self) -> None:
        register_fonts()
        self.title = _style(
            "Title", fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=6
        )
        self.subtitle = _style("Subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=18)
        self.h1 = _style(
            "H1",
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceBefore=4,
            spaceAfter=8,
            keepWithNext=1,
        )
        self.h2 = _style(
            "H2",
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.h3 = _style(
            "H3",
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=18,
            spaceAfter=3,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.body = _style("Body", spaceAfter=4)
        self.label = _style(
            "Label",
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        )
        self.cell = _style("Cell", fontSize=8, leading=10)
        self.cell_bold = _style("CellBold", fontName=FONT_BOLD, fontSize=8, leading=10)
        self.small = _style("Small", fontSize=7, leading=9, textColor=MUTED)
        self.hash = _style("Hash", fontSize=6.5, leading=8)
        self.center = _style("Center", alignment=TA_CENTER, textColor=MUTED)
        self.code = _style(
            "Code",
            fontSize=7.5,
            leading=9.5,
            leftIndent=8,
            backColor=ZEBRA,
            borderPadding=(4, 4, 4, 4),
            spaceBefore=6,
            spaceAfter=8,
        )
        self.toc1 = _style("Toc1", fontSize=10.5, leading=17)
        self.toc2 = _style("Toc2", fontSize=9, leading=13, leftIndent=14, textColor=MUTED)
        self.callout = _style(
            "Callout",
            fontSize=9.5,
            leading=13,
            backColor=ZEBRA,
            borderColor=RULE,
            borderWidth=0.5,
            borderPadding=(6, 6, 6, 6),
            spaceBefore=8,
            spaceAfter=12,
        )
