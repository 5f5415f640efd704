"""The term base: concepts with their terms in each language, read from and written to TBX (ISO 30042).

A :class:`TermBase` holds :class:`Concept` entries, each with terms per language and each term with a usage status
(``preferred``, ``admitted`` or ``deprecated``). Files are TBX-Basic in the TBX v3 (ISO 30042:2019) core structure::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader>…</tbxHeader>
      <text><body>
        <conceptEntry id="cica">
          <langSec xml:lang="ru">
            <termSec><term>СВМДА</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
              <termNote type="termType">acronym</termNote></termSec>
          </langSec>
        </conceptEntry>
      </body></text>
    </tbx>

:func:`load_tbx` also reads the older TBX 2008 layout (``martif``/``termEntry``/``langSet``/``tig``), which many
terminology tools still export. :func:`starter` is the glossary shipped with Accord (``terms/starter.tbx``);
``starter().merged(load_tbx(path))`` lets a forum add entries or override them by concept id.

:class:`TermMatcher` finds terms in text. Words are compared in lower case (``ё`` as ``е``); a term's word of three
letters or more matches any word that begins with its stem — the word less the language's ``term_stems.trim``
last letters, never shorter than ``term_stems.min`` — so Russian and Kazakh terms match whatever their case ending
("Устав Секретариата" matches "Уставу Секретариата"); shorter words match whole. A term written in capitals (an
acronym: "UN", "СВМДА") matches only the same word in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..languages import Language

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STARTER = Path(__file__).parent / "terms" / "starter.tbx"

PREFERRED = "preferred"
ADMITTED = "admitted"
DEPRECATED = "deprecated"
# TBX-Basic administrativeStatus values and ours; "superseded" reads as deprecated.
_STATUS_FROM_TBX = {
    "preferredTerm-admn-sts": PREFERRED,
    "admittedTerm-admn-sts": ADMITTED,
    "deprecatedTerm-admn-sts": DEPRECATED,
    "supersededTerm-admn-sts": DEPRECATED,
}
_STATUS_TO_TBX = {PREFERRED: "preferredTerm-admn-sts", ADMITTED: "admittedTerm-admn-sts",
                  DEPRECATED: "deprecatedTerm-admn-sts"}

_TOKEN_RE = re.compile(r"[^\W_]+")
_HEAD = 3  # no stem is shorter (``term_stems.min`` is 3 or more), except whole words of one or two letters


class TermBaseError(ValueError):
    """A term base file that cannot be read; the message names the file and the fault."""


@dataclass(frozen=True)
class Term:
    """One way to name a concept in one language."""

    text: str
    status: str = ADMITTED
    type: str | None = None  # TBX termType: "fullForm", "acronym", "abbreviation"…


@dataclass
class Concept:
    """A concept: its id, subject field, a note, and its terms by language code."""

    id: str
    terms: dict[str, list[Term]] = field(default_factory=dict)
    subject: str | None = None
    note: str | None = None

    def label(self, language: str) -> str:
        """The preferred term in ``language`` (else the first listed), for messages."""
        terms = self.terms.get(language, [])
        preferred = [t for t in terms if t.status == PREFERRED]
        return (preferred or terms or [Term(self.id)])[0].text


@dataclass
class TermBase:
    """An ordered set of concepts, by id."""

    concepts: dict[str, Concept] = field(default_factory=dict)

    def merged(self, other: TermBase) -> TermBase:
        """This base with ``other``'s concepts added; a concept of ``other`` with a known id replaces it whole."""
        return TermBase({**self.concepts, **other.concepts})

    def matcher(self, language: Language) -> TermMatcher:
        """A matcher of the terms in ``language``, built once per base and language."""
        cache = self.__dict__.setdefault("_matchers", {})
        if language.code not in cache:
            cache[language.code] = TermMatcher(self, language)
        return cache[language.code]


# ---------------------------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True)
class Hit:
    """A term found in a text: its concept, the term, the span ``text[start:end]``, and whether words stand
    between the term's words (``gapped``)."""

    concept: str
    term: Term
    start: int
    end: int
    gapped: bool = False


@dataclass(frozen=True)
class _Word:
    key: str  # what the text's word must start with (or equal, when ``whole``)
    whole: bool
    capitals: bool  # an acronym: compared as written, not lower-cased


def tokens(text: str) -> list[re.Match[str]]:
    """The words of ``text`` as matches, split at hyphens and punctuation."""
    return list(_TOKEN_RE.finditer(text))


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


class TermMatcher:
    """Finds the terms of one language in text; see the module docstring for how words match."""

    def __init__(self, termbase: TermBase, language: Language):
        self.language = language
        # By the first three letters of a term's first word: one look-up per word of the text.
        self.entries: dict[str, list[tuple[str, Term, tuple[_Word, ...]]]] = {}
        for concept in termbase.concepts.values():
            for term in concept.terms.get(language.code, []):
                words = tuple(self._word(t.group(0)) for t in tokens(term.text))
                if words:
                    self.entries.setdefault(words[0].key[:_HEAD], []).append((concept.id, term, words))

    def _word(self, word: str) -> _Word:
        if len(word) >= 2 and word.isupper():
            return _Word(_fold(word), True, True)
        folded = _fold(word)
        if len(folded) <= 2:
            return _Word(folded, True, False)
        keep = max(self.language.term_stem_min, len(folded) - self.language.term_stem_trim)
        return _Word(folded[:keep], False, False)

    @staticmethod
    def _fits(word: _Word, token: str, folded: str) -> bool:
        if word.capitals:
            return token.isupper() and folded == word.key
        return folded == word.key if word.whole else folded.startswith(word.key)

    def find(self, text: str, gap: int = 0) -> list[Hit]:
        """Every term of the language in ``text``. ``gap`` words may stand between two words of a term (a target
        version may insert one: "План СВМДА по реализации мер доверия"); the nearest fitting word is taken, so a
        term written without a gap is found as such."""
        words = tokens(text)
        folded = [_fold(w.group(0)) for w in words]
        hits = []
        for index, first in enumerate(folded):
            for concept, term, pattern in self.entries.get(first[:_HEAD], ()):
                if not self._fits(pattern[0], words[index].group(0), first):
                    continue
                end = self._match_rest(pattern, words, folded, index, gap)
                if end is not None:
                    gapped = end - index + 1 > len(pattern)
                    hits.append(Hit(concept, term, words[index].start(), words[end].end(), gapped))
        return hits

    def _match_rest(self, pattern, words, folded, index: int, gap: int) -> int | None:
        position = index
        for word in pattern[1:]:
            for step in range(1, gap + 2):
                candidate = position + step
                if candidate < len(words) and self._fits(word, words[candidate].group(0), folded[candidate]):
                    position = candidate
                    break
            else:
                return None
        return position


# ---------------------------------------------------------------------------------------------------------------
# TBX


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, *names: str):
    return [child for child in element if _local(child) in names]


def load_tbx(path: str | Path) -> TermBase:
    """Read a TBX file (TBX v3 ``conceptEntry``/``langSec``/``termSec``, or TBX 2008 ``termEntry``/``langSet``/
    ``tig``/``ntig``). Raises :class:`TermBaseError` naming the file when it is missing or not TBX."""
    path = Path(path)
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except OSError:
        raise TermBaseError(f"{path}: no such file or not readable") from None
    except etree.XMLSyntaxError as error:
        raise TermBaseError(f"{path}: not well-formed XML ({error.msg})") from None
    if _local(root) not in ("tbx", "martif"):
        raise TermBaseError(f"{path}: not a TBX file (root element <{_local(root)}>)")
    termbase = TermBase()
    for number, entry in enumerate(root.iter("{*}conceptEntry", "{*}termEntry", "conceptEntry", "termEntry"), start=1):
        concept = Concept(entry.get("id") or f"c{number}")
        for element in _children(entry, "descrip", "note"):
            text = "".join(element.itertext()).strip()
            if element.get("type") == "subjectField":
                concept.subject = text
            else:  # a note, or a definition: what a reviser reads about the concept
                concept.note = text
        for section in _children(entry, "langSec", "langSet"):
            language = section.get(XML_LANG) or section.get("lang")
            if not language:
                raise TermBaseError(f"{path}: a language section of concept {concept.id} has no xml:lang")
            code = language.split("-")[0].lower()
            for term_section in _children(section, "termSec", "tig", "ntig"):
                term = _read_term(term_section)
                if term is not None:
                    concept.terms.setdefault(code, []).append(term)
        termbase.concepts[concept.id] = concept
    return termbase


def _read_term(section) -> Term | None:
    term_element = next(section.iter("{*}term", "term"), None)
    if term_element is None or not "".join(term_element.itertext()).strip():
        return None
    status, kind = ADMITTED, None
    for note in section.iter("{*}termNote", "termNote"):
        value = (note.text or "").strip()
        if note.get("type") == "administrativeStatus":
            status = _STATUS_FROM_TBX.get(value, ADMITTED)
        elif note.get("type") == "termType":
            kind = value
    return Term(" ".join("".join(term_element.itertext()).split()), status, kind)


def tbx_bytes(termbase: TermBase, title: str = "Accord term base") -> bytes:
    """``termbase`` as a TBX-Basic file (TBX v3, DCA style): UTF-8 bytes with an XML declaration, pretty-printed,
    which :func:`load_tbx` reads back unchanged. The one way Accord writes TBX: :func:`write_tbx` saves these bytes,
    and a download (the term base beside an XLIFF file, for a CAT tool) serves them."""
    nsmap = {None: TBX_NS}
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap=nsmap, type="TBX-Basic", style="dca")
    root.set(XML_LANG, "en")

    def sub(parent, name: str, text: str | None = None, **attributes):
        element = etree.SubElement(parent, f"{{{TBX_NS}}}{name}", **attributes)
        element.text = text
        return element

    header = sub(root, "tbxHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", title)
    sub(sub(file_desc, "sourceDesc"), "p", "Written by Accord")
    body = sub(sub(root, "text"), "body")
    for concept in termbase.concepts.values():
        entry = sub(body, "conceptEntry", id=concept.id)
        if concept.subject:
            sub(entry, "descrip", concept.subject, type="subjectField")
        if concept.note:
            sub(entry, "note", concept.note)
        for code, terms in concept.terms.items():
            section = sub(entry, "langSec")
            section.set(XML_LANG, code)
            for term in terms:
                term_section = sub(section, "termSec")
                sub(term_section, "term", term.text)
                sub(term_section, "termNote", _STATUS_TO_TBX[term.status], type="administrativeStatus")
                if term.type:
                    sub(term_section, "termNote", term.type, type="termType")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tbx(termbase: TermBase, path: str | Path, title: str = "Accord term base") -> None:
    """Write ``termbase`` to ``path`` as :func:`tbx_bytes` renders it."""
    Path(path).write_bytes(tbx_bytes(termbase, title))


@lru_cache(maxsize=1)
def starter() -> TermBase:
    """The starter glossary shipped with Accord: the forum's bodies and instruments and the UN's usual terms."""
    return load_tbx(STARTER)
