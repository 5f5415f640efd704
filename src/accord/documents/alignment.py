"""The reading room's rows: a revision's language versions side by side, aligned the way the concordance checker
aligns them.

:func:`align` takes documents of the core model, one per language, the first being the version the others are read
against, and returns :class:`Row` objects in reading order. The first version's units
(:func:`accord.text.align.units`) are paired with each other version's by :func:`accord.text.concordance.alignment`,
the very alignment :func:`accord.text.concordance.check` reports on, so a paragraph split in two, two merged into
one, one missing, added, moved or renumbered is shown as the checker sees it:

* a row per unit of the first version, or per run of its units that another version merges into one; each other
  version's cell holds the units linked to them (two for a split, the unit found elsewhere for a moved one) and is
  empty where that version lacks them;
* a row per unit only another version has, right after the row it follows there;
* a heading row for each section and article (the checker compares heading texts only; the reader wants every
  heading), and the lines outside the body, matched across versions by position: header and letterhead lines and a
  note's number at the head, closing lines at the end.

A row's ``key`` is the id the checker's findings name as their provision (its first unit's id), so it doubles as the
row's HTML anchor; :func:`anchor` gives the key of the row a finding is about.

Pure Python over :mod:`accord.text`: no Django, no HTML. Cells hold plain text; escaping is the template's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from accord.text import Declaration, NoteVerbale, Paragraph
from accord.text.align import MATCH, Link, Unit, units
from accord.text.concordance import Finding, TermBase, alignment
from accord.text.languages import get_language

# Kinds of unit whose label (PP5, OP27, OP1(a), ¶2) the row shows; other rows show none, or a heading's number.
LABELLED = frozenset({"recital", "paragraph", "intro", "item", "note"})
HEADING = "heading"


@dataclass(frozen=True)
class Cell:
    """One unit of one language: ``num`` as printed ("27.", "(a)"), the ``lead`` phrase set in italics, then the
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
class Column:
    """One language's part of a row: its ``parts``, a cell per unit (two where the version splits a provision, none
    where it lacks it), and its ``relation`` to the first version as the alignment tells it (``renumbered``,
    ``split``, ``merged``, ``moved``, ``missing``, ``extra`` of :mod:`accord.text.align`; empty for the first version
    itself, where the units match, and in heading and header rows)."""

    language: str
    parts: tuple[Cell, ...]
    relation: str = ""

    @property
    def missing(self) -> bool:
        return not self.parts


@dataclass(frozen=True)
class Row:
    """A unit of text across languages: ``key`` (unique within the revision: the provision id findings name),
    ``kind`` (a unit kind of :mod:`accord.text.align`, or ``header``, ``letterhead``, ``number``, ``closing``), the
    display ``label`` (PP5, OP27, II; empty for unnumbered parts), a :class:`Column` per document in the order given,
    and the ``anchors`` of the findings this row shows: every unit id of the first version it holds (a merged run
    has several), else its key."""

    key: str
    kind: str
    label: str
    columns: tuple[Column, ...]
    anchors: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return all(not column.missing for column in self.columns)


def heading_key(container_id: str) -> str:
    """The key of a section's or an article's heading row: the id :func:`accord.text.align.units` gives the unit of
    its heading text, when there is one."""
    return f"{container_id}__heading"


def anchor(finding: Finding, source_ids: Collection[str]) -> str:
    """The key of the row ``finding`` is about when its pair is shown side by side, source first: its provision,
    except for a unit only the target has whose id a unit of the source (``source_ids``) also has, which gets a row
    of its own (see :func:`align`)."""
    if finding.source.id is None and finding.provision in source_ids:
        return _own_key(finding.provision, finding.target.lang)
    return finding.provision


def _own_key(unit_id: str, language: str) -> str:
    return f"{unit_id}--{language}"


@dataclass
class _Shown:
    """What a document shows beyond its units' texts: cells with a number or a lead phrase by unit id, heading rows
    by key (label and cell), the heading keys each unit stands under, and its lines before and after the body."""

    cells: dict[str, Cell] = field(default_factory=dict)
    headings: dict[str, tuple[str, Cell]] = field(default_factory=dict)
    under: dict[str, tuple[str, ...]] = field(default_factory=dict)
    head: dict[str, tuple[str, Cell]] = field(default_factory=dict)
    tail: dict[str, tuple[str, Cell]] = field(default_factory=dict)

    def cell(self, unit: Unit) -> Cell:
        if unit.kind == HEADING and unit.id in self.headings:
            return self.headings[unit.id][1]
        return self.cells.get(unit.id) or Cell(unit.text)


def _lines(kind: str, lines: Sequence[str]) -> dict[str, tuple[str, Cell]]:
    """Unnumbered lines, matched across languages by position: ``header_1``, ``header_2``… (the ids the checker's
    findings about them name)."""
    return {f"{kind}_{index}": (kind, Cell(line)) for index, line in enumerate(lines, start=1)}


def _shown(document: Declaration | NoteVerbale) -> _Shown:
    shown = _Shown()
    if isinstance(document, NoteVerbale):
        shown.head = {**_lines("letterhead", document.metadata.get("letterhead", [])),
                      **_lines("header", document.metadata.get("header", []))}
        if document.number:
            shown.head["number"] = ("number", Cell(f"№ {document.number}"))
        if document.addressees:  # one unit, the lines joined; shown line by line
            shown.cells["addressee"] = Cell("\n".join(document.addressees))
        return shown
    shown.head = _lines("header", document.metadata.get("header", []))
    shown.tail = _lines("closing", document.closing)
    for recital in document.preamble:
        shown.cells[recital.id] = Cell.led(recital.text, recital.lead)
    for section in document.sections:
        under: tuple[str, ...] = ()
        if section.id:
            under = (heading_key(section.id),)
            text = " — ".join(part for part in (section.num, section.heading) if part)
            shown.headings[under[0]] = (section.num or "", Cell(text))
        for paragraph in section.paragraphs:
            _paragraph(shown, paragraph, under)
        for article in section.articles:
            key = heading_key(article.id)
            title = get_language(document.language).article_title.format(num=article.num)
            shown.headings[key] = (article.label, Cell(f"{title} — {article.heading}" if article.heading else title))
            for paragraph in article.paragraphs:
                _paragraph(shown, paragraph, under + (key,))
    return shown


def _paragraph(shown: _Shown, paragraph: Paragraph, under: tuple[str, ...]) -> None:
    num = f"{paragraph.num}." if paragraph.num else ""
    shown.cells[paragraph.id] = Cell.led(paragraph.text, paragraph.lead, num)
    shown.under[paragraph.id] = under
    for item in paragraph.items:
        shown.cells[item.id] = Cell(item.text, num=f"({item.num})")
        shown.under[item.id] = under


def align(documents: Sequence[Declaration | NoteVerbale], termbase: TermBase | None = None) -> list[Row]:
    """The rows of ``documents`` (one per language, the first read against by the others; at least one), columns in
    the order of ``documents``; ``termbase`` is the one the checker aligns with (default: the starter glossary).
    See the module docstring."""
    return _Builder(documents, termbase).rows()


class _Builder:
    def __init__(self, documents: Sequence[Declaration | NoteVerbale], termbase: TermBase | None):
        self.languages = [document.language for document in documents]
        self.shown = [_shown(document) for document in documents]
        self.pivot = units(documents[0])
        self.position = {unit.id: index for index, unit in enumerate(self.pivot)}
        # Per other version: the links holding each unit of the first, and the links of its own units by the index
        # of the first version's unit they follow (-1: before any).
        self.covering: list[list[list[Link]]] = []
        self.after: list[dict[int, list[Link]]] = []
        # joined[k]: the k-th unit of the first version shares its row with the next (another version merges them).
        self.joined = [False] * len(self.pivot)
        for other in documents[1:]:
            covering: list[list[Link]] = [[] for _ in self.pivot]
            after: dict[int, list[Link]] = defaultdict(list)
            last = -1
            for link in alignment(documents[0], other, termbase):
                if not link.source:
                    after[last].append(link)
                    continue
                indexes = [self.position[unit.id] for unit in link.source]
                for index in indexes:
                    covering[index].append(link)
                for index in range(min(indexes), max(indexes)):
                    self.joined[index] = True
                last = max(indexes)
            self.covering.append(covering)
            self.after.append(after)
        self.out: list[Row] = []
        self.keys: set[str] = set()

    def rows(self) -> list[Row]:
        self._lines("head")
        self._own_units(-1)
        start = 0
        while start < len(self.pivot):
            end = start
            while self.joined[end]:
                end += 1
            self._group(start, end)
            self._own_units(end)
            start = end + 1
        self._lines("tail")
        return self.out

    def _emit(self, key: str, kind: str, label: str, columns: list[Column], anchors: tuple[str, ...] = ()) -> None:
        self.out.append(Row(key, kind, label, tuple(columns), anchors or (key,)))
        self.keys.update((key, *anchors))  # a heading merged into another row has its row

    def _headings(self, shown: _Shown, unit_ids: Sequence[str]) -> None:
        """The heading rows the units stand under, unless already shown."""
        for unit_id in unit_ids:
            for key in shown.under.get(unit_id, ()):
                if key not in self.keys:
                    self._heading(key)

    def _heading(self, key: str, anchors: tuple[str, ...] = ()) -> None:
        found = [shown.headings.get(key) for shown in self.shown]
        label = next(heading[0] for heading in found if heading)
        columns = [Column(language, (heading[1],) if heading else ()) for language, heading in zip(self.languages,
                                                                                                 found)]
        self._emit(key, HEADING, label, columns, anchors)

    def _lines(self, where: str) -> None:
        keys = _merged_order([list(getattr(shown, where)) for shown in self.shown])
        for key in keys:
            found = [getattr(shown, where).get(key) for shown in self.shown]
            kind = next(line[0] for line in found if line)
            self._emit(key, kind, "", [Column(language, (line[1],) if line else ())
                                       for language, line in zip(self.languages, found)])

    def _group(self, start: int, end: int) -> None:
        """The row of the first version's units ``start`` to ``end``."""
        group = self.pivot[start:end + 1]
        ids = tuple(unit.id for unit in group)
        self._headings(self.shown[0], ids)
        if group[0].kind == HEADING and group[0].id in self.shown[0].headings:
            self._heading(group[0].id, ids)
            return
        columns = [Column(self.languages[0], tuple(self.shown[0].cell(unit) for unit in group))]
        for other, covering in enumerate(self.covering, start=1):
            links = list(dict.fromkeys(link for index in range(start, end + 1) for link in covering[index]))
            parts = tuple(self.shown[other].cell(unit) for link in links for unit in link.target)
            relation = next((link.relation for link in links if link.relation != MATCH), "")
            columns.append(Column(self.languages[other], parts, relation))
        label = " + ".join(unit.label for unit in group if unit.kind in LABELLED)
        self._emit(group[0].id, group[0].kind, label, columns, ids)

    def _own_units(self, index: int) -> None:
        """The rows of units only other versions have, that follow the first version's ``index``-th unit there; one
        row for the same unit id in several versions."""
        slot: dict[str, tuple[Unit, dict[int, Link]]] = {}
        for other, after in enumerate(self.after, start=1):
            for link in after.get(index, []):
                unit = link.target[0]
                key = unit.id
                if key in self.position or key in self.keys or other in slot.get(key, (None, {}))[1]:
                    key = _own_key(unit.id, self.languages[other])
                slot.setdefault(key, (unit, {}))[1][other] = link
        for key, (unit, links) in slot.items():
            shown = self.shown[min(links)]
            self._headings(shown, [unit.id])
            if unit.kind == HEADING and key == unit.id and key in shown.headings:
                self._heading(key)
                continue
            columns = [Column(self.languages[0], ())]
            for other in range(1, len(self.languages)):
                link = links.get(other)
                parts = tuple(self.shown[other].cell(u) for u in link.target) if link else ()
                columns.append(Column(self.languages[other], parts, link.relation if link else ""))
            self._emit(key, unit.kind, unit.label if unit.kind in LABELLED else "", columns)


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
