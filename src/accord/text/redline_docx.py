"""A redline as a Word document with real tracked changes.

Insertions are ``w:ins`` and deletions ``w:del`` (with ``w:delText``), each carrying its author and date, so that
Word and LibreOffice show them as changes to accept or reject; a provision inserted or deleted whole has its
paragraph mark tracked too, so accepting the change leaves no empty paragraph behind. Everything else is laid out
as :func:`accord.text.docx_writer.render_docx` lays out a document.
"""

from __future__ import annotations

import datetime as dt

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from .docx_writer import WordWriter, _clean
from .model import Declaration, NoteVerbale
from .redline import DELETE, DELETED, INSERT, INSERTED, Change

_CENTRED = {"title", "heading"}


class _Tracker:
    """Hands out the ids Word requires to be unique across all tracked changes of a document."""

    def __init__(self, author: str, date: dt.datetime):
        self.author = author
        self.date = date.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1

    def mark(self, tag: str) -> OxmlElement:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element


def render_redline_docx(
    changes: list[Change], newer: Declaration | NoteVerbale, author: str, date: dt.datetime
) -> bytes:
    """The DOCX redline of ``changes``, laid out as ``newer`` (its language, symbol in the header)."""
    writer = WordWriter(newer.language)
    tracker = _Tracker(author, date)
    numbers = _numbers(newer)
    for change in changes:
        centred = change.kind in _CENTRED
        paragraph = writer.para(
            align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY, indent=not centred
        )
        if change.id in numbers:
            paragraph.add_run(f"{numbers[change.id]}\t" if change.kind != "item" else f"{numbers[change.id]} ")
        for edit in change.edits:
            _write(paragraph, edit.op, edit.text, tracker)
        if change.status in (INSERTED, DELETED):
            _track_paragraph_mark(paragraph, "w:ins" if change.status == INSERTED else "w:del", tracker)
    return writer.finish(newer)


def _numbers(document: Declaration | NoteVerbale) -> dict[str, str]:
    """What is printed before each numbered unit: "27." before an operative paragraph, "(a)" before an item."""
    if not isinstance(document, Declaration):
        return {}
    printed = {}
    for paragraph in document.operative_paragraphs():
        if paragraph.num:
            printed[paragraph.id] = f"{paragraph.num}."
        for item in paragraph.items:
            printed[item.id] = f"({item.num})"
    return printed


def _write(paragraph: DocxParagraph, op: str, text: str, tracker: _Tracker) -> None:
    if op not in (INSERT, DELETE):
        paragraph.add_run(_clean(text))
        return
    wrapper = tracker.mark("w:ins" if op == INSERT else "w:del")
    run = OxmlElement("w:r")
    piece = OxmlElement("w:t" if op == INSERT else "w:delText")
    piece.set(qn("xml:space"), "preserve")
    piece.text = _clean(text)
    run.append(piece)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def _track_paragraph_mark(paragraph: DocxParagraph, tag: str, tracker: _Tracker) -> None:
    properties = paragraph._p.get_or_add_pPr()
    run_properties = properties.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        properties.append(run_properties)
    run_properties.append(tracker.mark(tag))
