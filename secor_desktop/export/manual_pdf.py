"""The written program as one PDF: the "Health and Safety Program" manual.

Separate from the evidence pack: the pack proves the program is in use, the manual *is* the
program, as a worker or a client reads it. Cover, contents, then each signed document with
its version, who approved it and when, when it is next reviewed, and who acknowledged it.
Every user string is escaped (``pdf_styles.esc``) and long text is cut into bounded
paragraphs, so no typed text can break the build or overflow a page.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from secor_desktop.export.manual_model import Manual, ManualDocument
from secor_desktop.export.pdf_styles import FONT, MUTED, Styles, chunks, esc, plain

__all__ = ["Manual", "ManualDocument", "render_manual"]  # the model re-exported


class _ManualDoc(BaseDocTemplate):  # type: ignore[misc]
    """Letter pages with a footer; each document title becomes a contents entry."""

    def __init__(self, out: io.BytesIO, company: str) -> None:
        super().__init__(
            out,
            pagesize=LETTER,
            leftMargin=0.9 * inch,
            rightMargin=0.9 * inch,
            topMargin=0.8 * inch,
            bottomMargin=0.8 * inch,
            title="Health and Safety Program",
            author=plain(company),
            invariant=1,
        )
        self.company = plain(company)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])

    def _footer(self, canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(self.leftMargin, 0.5 * inch, f"{self.company}: Health and Safety Program")
        canv.drawRightString(self.leftMargin + self.width, 0.5 * inch, f"Page {doc.page}")
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        if isinstance(flowable, Paragraph) and getattr(flowable, "toc_text", None):
            self.notify("TOCEntry", (0, flowable.toc_text, self.page))


def _line(label: str, value: str, s: Styles) -> Paragraph:
    return Paragraph(f"<b>{esc(label)}</b> {esc(value)}", s.body)


def _bullets(text: str) -> str:
    """Markdown list marks ("- ") printed as bullets."""
    return "\n".join("\u2022 " + ln[2:] if ln.startswith("- ") else ln for ln in text.split("\n"))


def _text(text: str, s: Styles) -> list[Flowable]:
    """A document's Markdown-like text: '#' lines as headings, the rest as paragraphs."""
    out: list[Flowable] = []
    for piece in chunks(_bullets(text)):
        if piece.startswith("#"):
            head, _, rest = piece.partition("\n")
            out.append(Paragraph(esc(head.lstrip("#").strip()), s.h3))
            if rest.strip():
                out.append(Paragraph(esc(rest.strip()), s.body))
        else:
            out.append(Paragraph(esc(piece), s.body))
    return out


def _document(doc: ManualDocument, s: Styles) -> list[Flowable]:
    title = Paragraph(esc(doc.title), s.h1)
    title.toc_text = esc(doc.title)
    approved = (
        f"{doc.approved_by} on {doc.approved_on.isoformat()}"
        if doc.approved_on
        else "not yet approved"
    )
    flow: list[Flowable] = [
        title,
        _line("Version:", doc.version or "-", s),
        _line("Approved by:", approved, s),
        _line("Next review due:", doc.review_due.isoformat() if doc.review_due else "-", s),
    ]
    if doc.covers:
        flow.append(_line("Answers:", "; ".join(doc.covers), s))
    if doc.newer_draft:
        flow.append(
            Paragraph(
                "A newer draft of this document is being prepared; this signed version stays "
                "in force until the new one is signed.",
                s.small,
            )
        )
    flow.append(Spacer(1, 8))
    flow += _text(doc.text, s)
    if doc.acknowledged_by:
        flow.append(Paragraph("Acknowledged by", s.label))
        flow += [Paragraph(esc(p), s.body) for p in chunks(", ".join(doc.acknowledged_by))]
    flow.append(PageBreak())
    return flow


def render_manual(manual: Manual) -> bytes:
    """The manual's PDF bytes (deterministic: the same manual gives the same bytes)."""
    s = Styles()
    out = io.BytesIO()
    doc = _ManualDoc(out, manual.company_name)
    toc = TableOfContents()
    toc.levelStyles = [s.toc1]
    story: list[Flowable] = [
        Spacer(1, 2 * inch),
        Paragraph("Health and Safety Program", s.title),
        Paragraph(esc(manual.company_name or "Company name not set"), s.subtitle),
        Paragraph(f"Printed on {manual.made_on.isoformat()}", s.body),
        Paragraph(
            f"{len(manual.documents)} signed document(s). Each shows its version, who approved "
            "it and when, and when it is next reviewed. Only signed documents are printed.",
            s.body,
        ),
    ]
    if manual.drafts_left_out:
        story.append(Paragraph("Drafts not yet signed, left out:", s.label))
        story += [Paragraph(esc(p), s.small) for p in chunks("; ".join(manual.drafts_left_out))]
    story += [PageBreak(), Paragraph("Contents", s.h1), toc, PageBreak()]
    if not manual.documents:
        story.append(Paragraph("No document has been signed yet.", s.body))
    for document in manual.documents:
        story += _document(document, s)
    doc.multiBuild(story)
    return out.getvalue()
