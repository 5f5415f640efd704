"""Aligning the language versions of a revision provision by provision, for reading them side by side.

:func:`align` turns documents of the core model (one per language) into :class:`Row` objects: one row per unit of
text found in any of them, in reading order, holding each document's :class:`Cell` for it, or None where that
document lacks it. Units are matched by the core model's ids (``recs_1__rec_5``, ``sec_II``, ``para_27``,
``para_12__point_a``), which come from structure and numbers only, so the English OP27 and the Russian OP27 meet
in one row whatever their wording. Parts that have no id (formulas, header lines, a note verbale's paragraphs) are
matched by their place in the document.

Pure Python over :mod:`accord.text`: no Django, no HTML. Cells hold plain text; escaping is the template's job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from accord.text import Article, Declaration, NoteVerbale, Paragraph
from accord.text.languages import get_language


@dataclass(frozen=True)
class Cell:
    """One language's text of a unit: ``num`` as printed ("27.", "(a)"), the ``lead`` phrase set in italics, then the
    ``rest`` of the text."""

    rest: str
    lead: str = ""
    num: str = ""

    @classmethod
    def led(cls, text: str, lead: str | None, num: str = "") -> Cell:
        """A cell for ``text`` opening with ``lead``; a lead that is not a prefix of the text (against the model's
        contract) is not shown rather than shown twice."""
        if lead and text.startswith(lead):
            return cls(text[len(lead):], lead, num)
        return cls(text, "", num)


@dataclass(frozen=True)
class Row:
    """A unit of text across languages: ``key`` (an eId where the model has one, unique within the revision),
    ``kind`` (``title``, ``recital``, ``heading``, ``paragraph``, ``item``, ``formula``…), the display ``label``
    (PP5, OP27, II; empty for unnumbered parts) and ``cells``, a ``(language, cell)`` pair per document, the cell None
    where that document lacks the unit."""

    key: str
    kind: str
    label: str
    cells: tuple[tuple[str, Cell | None], ...]

    @property
    def complete(self) -> bool:
        return all(cell is not None for _, cell in self.cells)


@dataclass(frozen=True)
class _Unit:
    key: str
    kind: str
    label: str
    cell: Cell


def align(documents: Sequence[Declaration | NoteVerbale]) -> list[Row]:
    """The rows of ``documents`` (one per language) side by side, cells in the order of ``documents``.

    Reading order is the first document's; a unit only a later document has comes right after the unit that
    precedes it there (a Russian-only header line stays at the head, an OP7 bis after OP7).
    """
    units = [{unit.key: unit for unit in _units(document)} for document in documents]
    rows = []
    for key in _merged_order([list(by_key) for by_key in units]):
        present = [by_key.get(key) for by_key in units]
        first = next(unit for unit in present if unit is not None)
        cells = tuple((doc.language, unit.cell if unit else None) for doc, unit in zip(documents, present))
        rows.append(Row(key, first.kind, first.label, cells))
    return rows


def _merged_order(sequences: list[list[str]]) -> list[str]:
    """Every key of ``sequences`` once, keeping each sequence's order where they agree."""
    merged: list[str] = []
    seen: set[str] = set()
    for sequence in sequences:
        position = 0
        for key in sequence:
            if key in seen:
                position = merged.index(key) + 1
            else:
                merged.insert(position, key)
                seen.add(key)
                position += 1
    return merged


def _units(document: Declaration | NoteVerbale) -> Iterator[_Unit]:
    if isinstance(document, Declaration):
        yield from _declaration(document)
    else:
        yield from _note(document)


def _lines(kind: str, lines: Sequence[str]) -> Iterator[_Unit]:
    """Unnumbered lines, matched across languages by position: ``header_1``, ``header_2``…"""
    for index, line in enumerate(lines, start=1):
        yield _Unit(f"{kind}_{index}", kind, "", Cell(line))


def _declaration(doc: Declaration) -> Iterator[_Unit]:
    yield from _lines("header", doc.metadata.get("header", []))
    yield _Unit("title", "title", "", Cell(doc.title))
    if doc.opening_formula:
        yield _Unit("opening_formula", "formula", "", Cell(doc.opening_formula))
    for recital in doc.preamble:
        yield _Unit(recital.id, "recital", recital.label, Cell.led(recital.text, recital.lead))
    if doc.enacting_formula:
        yield _Unit("enacting_formula", "formula", "", Cell(doc.enacting_formula))
    for section in doc.sections:
        if section.id:
            heading = " — ".join(part for part in (section.num, section.heading) if part)
            yield _Unit(section.id, "heading", section.num or "", Cell(heading))
        for paragraph in section.paragraphs:
            yield from _paragraph(paragraph)
        for article in section.articles:
            yield from _article(article, doc.language)
    yield from _lines("closing", doc.closing)


def _article(article: Article, language: str) -> Iterator[_Unit]:
    title = get_language(language).article_title.format(num=article.num)
    heading = f"{title} — {article.heading}" if article.heading else title
    yield _Unit(article.id, "heading", article.label, Cell(heading))
    for paragraph in article.paragraphs:
        yield from _paragraph(paragraph)


def _paragraph(paragraph: Paragraph) -> Iterator[_Unit]:
    num = f"{paragraph.num}." if paragraph.num else ""
    yield _Unit(paragraph.id, "paragraph", paragraph.label, Cell.led(paragraph.text, paragraph.lead, num))
    for item in paragraph.items:
        yield _Unit(item.id, "item", f"{paragraph.label}({item.num})", Cell(item.text, num=f"({item.num})"))
    if paragraph.wrap_up:
        yield _Unit(f"{paragraph.id}__wrap_up", "wrap-up", "", Cell(paragraph.wrap_up))


def _note(note: NoteVerbale) -> Iterator[_Unit]:
    yield from _lines("letterhead", note.metadata.get("letterhead", []))
    yield from _lines("header", note.metadata.get("header", []))
    if note.number:
        yield _Unit("number", "number", "", Cell(f"№ {note.number}"))
    # The same ids as the HTML writer gives a note's paragraphs, so links work in both.
    for index, paragraph in enumerate(note.paragraphs, start=1):
        yield _Unit(f"para_{index}", "paragraph", str(index), Cell(paragraph))
    if note.enclosure:
        line = get_language(note.language).enclosure_line(note.enclosure.text, note.enclosure.pages)
        yield _Unit("enclosure", "enclosure", "", Cell(line))
    if note.place_text or note.date_text:
        yield _Unit("place_date", "place-date", "", Cell(", ".join(x for x in (note.place_text, note.date_text) if x)))
    yield from _lines("addressee", note.addressees)
