"""From blocks to documents: the stages shared by every front end.

The pipeline, each stage a function that reads and writes the named things:

1. :func:`classify` reads blocks and writes :class:`Cue` objects: each block with its language and its role
   (letterhead line, note number, enclosure line, title, formula, section or article heading, numbered paragraph…),
   judged by the language tables, never by wording written into code.
2. :func:`segment` reads cues and writes :class:`Segment` objects: consecutive cues that make one document, and the
   header lines before a title (kept, not dropped). A note ends after its addressee block; a declaration ends where a
   new title or a new note begins.
3. :func:`build_declaration` / :func:`build_note` read one segment and write a model document: page-break splits
   joined again, lead phrases kept, ids and labels given by position and number.

:func:`accord.text.package.link_package` then reads the documents of one file together.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from .blocks import Block, join_text
from .detect import detect_language
from .languages import Language, all_languages, get_language
from .model import Article, Declaration, Enclosure, Item, NoteVerbale, Paragraph, Recital, Section
from .scripts import comma_like, ends_sentence, unspaced
from .symbols import SYMBOL_RE, Symbol, find_symbols, make_symbol

# Roles a block can play.
TITLE = "title"
NOTE_NUMBER = "note_number"
ENCLOSURE = "enclosure"
NOTE_OPENING = "note_opening"
NOTE_CLOSING = "note_closing"
PLACE_DATE = "place_date"
OPENING_FORMULA = "opening_formula"
ENACTING_FORMULA = "enacting_formula"
SECTION = "section"
ARTICLE = "article"
NUMBERED = "numbered"
ITEM = "item"
SYMBOL_LINE = "symbol"
TEXT = "text"

NOTE_ANCHORS = {NOTE_NUMBER, ENCLOSURE, NOTE_OPENING}
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_ITEM_NUMBER_RE = re.compile(r"^\(?([a-zа-яё]{1,4})\)$")
_PARA_NUMBER_RE = re.compile(r"^(\d{1,4})\s?(bis|ter|quater|quinquies|alt)?\.$")
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Cue:
    """A block with what :func:`classify` found out about it."""

    block: Block
    language: str | None
    role: str
    match: re.Match[str] | None = None
    title_rule: tuple[str, bool] | None = None

    @property
    def text(self) -> str:
        return self.block.text


@dataclass
class Segment:
    """The cues of one document, and the lines before it that belong to no body (letterheads, header notes)."""

    kind: str
    cues: list[Cue] = field(default_factory=list)
    header: list[Cue] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# Stage 1: classify


def _languages_for(code: str | None) -> list[Language]:
    """The block's own language first, then every other table: a formula is recognised whatever the detector said."""
    languages = all_languages()
    first = [languages[code]] if code in languages else []
    return first + [lang for c, lang in languages.items() if c != code]


def find_date(text: str, language: Language) -> tuple[dt.date, re.Match[str]] | None:
    """The first valid calendar date written in ``language``'s own format in ``text``."""
    for pattern in language.date_patterns:
        for match in pattern.finditer(text):
            month = language.month_number(match.group("month"))
            if month is None:
                continue
            try:
                return dt.date(int(match.group("year")), month, int(match.group("day"))), match
            except ValueError:
                continue
    return None


def _classify_one(block: Block, language: str | None) -> Cue:
    text = block.text
    lowered = text.lower()
    if block.number:
        if _PARA_NUMBER_RE.match(block.number):
            return Cue(block, language, NUMBERED)
        return Cue(block, language, ITEM)
    short = len(text) <= 160
    for lang in _languages_for(language):
        if short and (match := lang.note_number.match(text)):
            return Cue(block, language, NOTE_NUMBER, match)
        if short and (match := lang.note_enclosure.match(text)):
            return Cue(block, language, ENCLOSURE, match)
        if any(phrase in lowered for phrase in lang.note_opening):
            return Cue(block, language, NOTE_OPENING)
        if any(phrase in lowered for phrase in lang.note_closing):
            return Cue(block, language, NOTE_CLOSING)
    if short and language and not block.emphasised:  # a bold line ending in a date is a title ("Резолюция, принятая …")
        found = find_date(text, get_language(language))
        if (found and text.endswith(found[1].group(0).strip())
                and _place_before(text, found[1], get_language(language)) is not None):
            return Cue(block, language, PLACE_DATE, found[1])
    if short and SYMBOL_RE.fullmatch(text.strip()) and find_symbols(text):
        return Cue(block, language, SYMBOL_LINE)
    for lang in _languages_for(language):
        # Before titles: "Article 1. Scope of this Convention" names a convention but opens an article.
        if short and (match := lang.article.match(text)) and (block.emphasised or len(text) <= 80):
            return Cue(block, language, ARTICLE, match)
        if short and (block.emphasised or _set_in_capitals(text)):
            for rule in lang.titles:
                if rule.pattern.search(text):
                    return Cue(block, language, TITLE, title_rule=(rule.form, rule.draft))
        if any(rx.match(text) for rx in lang.enacting_formulas):
            return Cue(block, language, ENACTING_FORMULA)
        if any(rx.match(text) for rx in lang.opening_formulas):
            return Cue(block, language, OPENING_FORMULA)
    if short and language:
        match = get_language(language).section.match(text)
        if match and (_ROMAN_RE.match(text.rstrip(".")) or (block.emphasised and len(text) <= 100)):
            return Cue(block, language, SECTION, match)
    return Cue(block, language, TEXT)


def _place_before(text: str, date: re.Match[str], language: Language) -> str | None:
    """The place a note's place-and-date line names before its ``date`` ("Nur-Sultan, 26 August 2021",
    "努尔苏丹，2021年8月26日"): the text before the date's separator (a comma of any width, or the table's own
    ``place_date_separator``) without it, or None when no separator stands before the date."""
    before = text[: date.start()]
    if not any(language.is_place_date_separator(char) for char in before):
        return None
    place = before.strip()
    while place and language.is_place_date_separator(place[-1]):
        place = place[:-1].strip()
    return place


def _set_in_capitals(text: str) -> bool:
    """True when the block opens with two words in capitals, as titles in plain text without bold do."""
    words = text.split()[:2]
    return len(words) == 2 and all(w.isupper() for w in words)


def classify(blocks: list[Block]) -> list[Cue]:
    """Give each block its language and role. A block too short to tell its language takes the previous one's."""
    cues: list[Cue] = []
    previous: str | None = None
    for block in blocks:
        language = detect_language(block.text, prefer=previous) or previous
        cues.append(_classify_one(block, language))
        previous = language
    return cues


# ---------------------------------------------------------------------------------------------------------------
# Stage 2: segment


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def segment(cues: list[Cue]) -> list[Segment]:
    """Group cues into documents.

    * A declaration starts at a title; a note at its number, its enclosure line or its opening formula.
    * Cues before a document's start that belong to no other document are its ``header``: letterheads of a note,
      lines such as "Проект для рассмотрения СРГ и КСДЛ" above a title.
    * A note is over once its place-and-date line has passed and a block comes that is not its addressee (set in
      bold, and not a repeat of a letterhead, which opens the next note).
    * In a declaration's operative part, a block that is neither numbered nor a heading nor the rest of a paragraph
      split by a page break is held back: if a new document follows it goes to that document's header, else it
      stays with the declaration as a closing line.
    """
    segments: list[Segment] = []
    pending: list[Cue] = []
    current: Segment | None = None
    note_dated = False
    # Whether the current declaration's body has begun (what _in_body tells), kept as cues come rather than asked of
    # all its cues at each note anchor: a file of thousands of anchors before any body is then read in linear time.
    in_body = False
    letterheads: set[str] = set()

    def start(kind: str, cue: Cue) -> Segment:
        nonlocal pending, note_dated, in_body
        segment_ = Segment(kind, [cue], header=pending)
        if kind == "note_verbale":
            letterheads.update(_key(c.text) for c in pending if c.block.emphasised)
        pending = []
        note_dated = False
        in_body = cue.role in _BODY_ROLES
        segments.append(segment_)
        return segment_

    for cue in cues:
        if cue.role == TITLE and current is not None and current.cues[-1].role in (ARTICLE, SECTION):
            cue.role = TEXT  # a heading under "Article 1" that happens to read like a title ("…Convention")
        if cue.role == TITLE:
            if current is not None and current.kind == "declaration":
                pending = _release_trailing(current) + pending
            current = start("declaration", cue)
            continue
        if current is None:
            if cue.role in NOTE_ANCHORS:
                current = start("note_verbale", cue)
            else:
                pending.append(cue)
            continue
        if current.kind == "note_verbale":
            if note_dated:
                if cue.block.emphasised and _key(cue.text) not in letterheads and cue.role not in NOTE_ANCHORS:
                    current.cues.append(cue)
                    continue
                current = None
                if cue.role in NOTE_ANCHORS:
                    current = start("note_verbale", cue)
                else:
                    pending.append(cue)
                continue
            current.cues.append(cue)
            note_dated = cue.role == PLACE_DATE
            continue
        # In a declaration.
        if cue.role in NOTE_ANCHORS and in_body:
            pending = _release_trailing(current) + pending
            current = start("note_verbale", cue)
            continue
        current.cues.append(cue)
        in_body = in_body or cue.role in _BODY_ROLES
    return segments


_BODY_ROLES = (NUMBERED, SECTION, ARTICLE, ENACTING_FORMULA)


def _in_body(segment_: Segment) -> bool:
    return any(c.role in _BODY_ROLES for c in segment_.cues)


def _release_trailing(segment_: Segment) -> list[Cue]:
    """Take off the end of a declaration the unnumbered lines that belong to the header of the document after it.

    Lines that continue the paragraph before them (a page-break split) stay. In an operative part without numbers,
    where any block may be a paragraph, only header-like lines (short, with no sentence end) are released.
    """
    cues = segment_.cues
    if not _in_body(segment_):
        return []
    start = len(cues)
    while start > 0 and cues[start - 1].role in (TEXT, SYMBOL_LINE):
        start -= 1
    while 0 < start < len(cues) and _continues(cues[start - 1], cues[start]):
        start += 1
    if not any(c.role == NUMBERED for c in cues):
        while start < len(cues) and (
            len(cues[start].text) > 100 or _ends_paragraph(cues[start].text, _language_of(cues[start]))
        ):
            start += 1
    released = cues[start:]
    del cues[start:]
    return released


def _continues(previous: Cue, cue: Cue) -> bool:
    """True when ``cue`` is the rest of ``previous``, cut off by a page break in the source."""
    if previous.role not in (NUMBERED, ITEM, TEXT) or cue.role != TEXT or cue.block.emphasised:
        return False
    if cue.block.italic_lead():
        return False  # a new lead phrase opens a new paragraph whatever ended the last one
    return _is_cut(previous.text, cue.text, _language_of(previous))


def _language_of(cue: Cue) -> Language | None:
    return all_languages().get(cue.language) if cue.language else None


def _ends_paragraph(text: str, language: Language | None = None) -> bool:
    """True when ``text`` ends as a paragraph does: on a sentence-final mark of any script (". ; : ! ? …", "。；：！？",
    a closing quote or bracket) or on one of the language table's paragraph and note end marks."""
    return ends_sentence(text, language.paragraph_end_marks if language is not None else ())


def _is_cut(before: str, after: str, language: Language | None = None) -> bool:
    """True when text ``after`` reads as the rest of ``before``: no paragraph end between them (by the marks of
    ``language``'s table and of every script), or a lower-case start."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return False
    return not _ends_paragraph(before, language) or after[0].islower()


# ---------------------------------------------------------------------------------------------------------------
# Stage 3: build


class StructureError(ValueError):
    """The blocks do not make a document of the kind they started; the message names the source line."""


def _document_language(cues: list[Cue]) -> str:
    text = " ".join(c.text for c in cues if c.role not in (TITLE, SYMBOL_LINE))
    return detect_language(text) or next((c.language for c in cues if c.language), None) or "en"


def _metadata_from_header(header: list[Cue]) -> tuple[dict, list[Cue]]:
    """Split header cues into metadata lines and a symbol line (returned apart so the caller can use it)."""
    lines = [c.text for c in header if c.role != SYMBOL_LINE]
    symbols = [c for c in header if c.role == SYMBOL_LINE]
    metadata: dict = {}
    if lines:
        metadata["header"] = lines
    return metadata, symbols


def _lead_phrase(cue: Cue, language: Language) -> str | None:
    """The italic words that open the block, or a known lead phrase of the language when italics were lost."""
    lead = cue.block.italic_lead()
    if lead:
        return lead
    text = cue.text
    for phrase in language.lead_phrases:
        if text.startswith(phrase) and (len(text) == len(phrase) or _word_ends(text, len(phrase))):
            return phrase
    return None


def _word_ends(text: str, at: int) -> bool:
    """True when a word may end at ``text[at]``: no letter or digit follows, or the characters on both sides belong
    to a script written without spaces, where words meet with nothing between them ("注意到亚信…")."""
    return not text[at].isalnum() or (unspaced(text[at - 1]) and unspaced(text[at]))


def _item_id(parent: str, position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = _LATIN_LETTERS[rest] + letters
    return f"{parent}__point_{letters}"


def build_declaration(segment_: Segment) -> Declaration:
    """Read the title, opening formula, preamble, enacting formula and body of one declaration segment."""
    cues = segment_.cues
    code = _document_language(cues)
    language = get_language(code)
    metadata, symbol_lines = _metadata_from_header(segment_.header)
    form, draft = cues[0].title_rule or ("declaration", False)
    title_parts = [cues[0].text]
    doc = Declaration(language=code, title="", form=form, draft=draft, metadata=metadata)
    if symbol_lines:
        doc.symbol = make_symbol(symbol_lines[0].text)

    index = 1
    # The rest of the title: emphasised lines straight after it ("of the Sixth Meeting…", "76/1. Observer status…").
    while index < len(cues) and cues[index].block.emphasised and cues[index].role in (TEXT, TITLE, NUMBERED):
        if cues[index].role == NUMBERED:
            title_parts.append(f"{cues[index].block.number} {cues[index].text}")
        else:
            title_parts.append(cues[index].text)
        index += 1
    doc.title = join_text(*title_parts)

    body_started = False
    numbered_body = False
    section: Section | None = None
    article: Article | None = None
    paragraph: Paragraph | None = None
    last_cue: Cue | None = None
    trailing: list[Cue] = []

    def current_section() -> Section:
        nonlocal section
        if section is None:
            section = Section(id=None, num=None)
            doc.sections.append(section)
        return section

    ids = _IdRegister(doc)
    growing = _Growing()
    operative: list[Paragraph] = []  # outside articles, counted without walking the sections each time

    def add_paragraph(cue: Cue) -> Paragraph:
        _flush_trailing(trailing, paragraph, growing)
        number = _PARA_NUMBER_RE.match(cue.block.number) if cue.block.number else None
        num = f"{number.group(1)} {number.group(2)}" if number and number.group(2) else number.group(1) if number else None
        new = _new_paragraph(len(operative) + 1, article, num, cue)
        if article is None:
            operative.append(new)
        new.id = ids.claim(new.id, cue)
        if number and not number.group(2) and article is None:
            ids.check_sequence(int(number.group(1)), cue)
        (article.paragraphs if article is not None else current_section().paragraphs).append(new)
        return new

    for cue in cues[index:]:
        role = cue.role
        if not body_started:
            if role == SYMBOL_LINE and doc.symbol is None and not doc.preamble:
                doc.symbol = make_symbol(cue.text)
                continue
            if role == OPENING_FORMULA and doc.opening_formula is None and not doc.preamble:
                doc.opening_formula = cue.text
                last_cue = cue
                continue
            if role == ENACTING_FORMULA or (
                role == TEXT and cue.block.emphasised and _ends_with_colon(cue.text) and doc.preamble
            ):
                doc.enacting_formula = cue.text
                body_started = True
                last_cue = cue
                continue
            if role not in (NUMBERED, SECTION, ARTICLE):
                if doc.preamble and last_cue is not None and _continues(last_cue, cue) and not cue.text.startswith(
                    language.lead_phrases
                ):
                    growing.add(doc.preamble[-1], "text", cue.text)
                elif (
                    doc.opening_formula is None and not doc.preamble and comma_like(cue.text[-1:])
                    and not cue.block.italic_lead()
                ):
                    doc.opening_formula = cue.text
                else:
                    n = len(doc.preamble) + 1
                    doc.preamble.append(Recital(f"recs_1__rec_{n}", f"PP{n}", _lead_phrase(cue, language), cue.text))
                last_cue = cue
                continue
            body_started = True

        if role == SECTION:
            num = cue.match.group("num")
            section = Section(id=ids.claim(f"sec_{num}", cue), num=num, heading=cue.match.group("heading") or None)
            doc.sections.append(section)
            article = paragraph = None
        elif role == ARTICLE:
            num = cue.match.group("num")
            article = Article(ids.claim(f"art_{num}", cue), f"Art. {num}", num, cue.match.group("heading") or None)
            current_section().articles.append(article)
            paragraph = None
        elif article is not None and not article.paragraphs and article.heading is None and cue.block.emphasised:
            article.heading = cue.text  # "Article 1" / "Definitions" set as two lines
        elif role == NUMBERED:
            numbered_body = numbered_body or article is None
            paragraph = add_paragraph(cue)
        elif role == ITEM and paragraph is not None:
            _flush_trailing(trailing, paragraph, growing)
            item_num = _ITEM_NUMBER_RE.match(cue.block.number)
            item_id = _item_id(paragraph.id, len(paragraph.items))
            paragraph.items.append(Item(item_id, item_num.group(1) if item_num else cue.block.number, cue.text))
        elif paragraph is not None and paragraph.items and last_cue is not None and last_cue.role == ITEM and (
            role == TEXT and not cue.block.emphasised and not trailing
            and _after_item(growing.end(paragraph.items[-1], "text"), cue.text)
        ):
            if _ends_mid_sentence(growing.end(paragraph.items[-1], "text")):
                growing.add(paragraph.items[-1], "text", cue.text)
            else:
                growing.put(paragraph, "wrap_up", cue.text)
        elif paragraph is not None and not trailing and last_cue is not None and _continues(last_cue, cue):
            growing.add(paragraph, "wrap_up" if paragraph.items else "text", cue.text)
        elif not numbered_body or article is not None:
            # An operative part without numbers, or an article's unnumbered text: each block is a paragraph.
            paragraph = add_paragraph(cue)
        else:
            trailing.append(cue)
        last_cue = cue

    growing.join()
    doc.closing = [c.text for c in trailing]
    if not doc.preamble and not doc.operative_paragraphs():
        where = f"{cues[0].block.unit} {cues[0].block.origin}"
        raise StructureError(f"{where}: title {doc.title[:60]!r} is followed by no paragraphs")
    return doc


def _ends_with_colon(text: str) -> bool:
    """True when ``text`` ends on a colon of any width (":", "："), as an enacting formula set without its words does."""
    text = text.rstrip()
    return bool(text) and unicodedata.normalize("NFKC", text[-1]) == ":"


def _ends_mid_sentence(text: str) -> bool:
    """True when ``text`` stops on a word, as text cut by a page break does."""
    text = text.rstrip()
    return bool(text) and (text[-1].isalnum() or text.endswith("-"))


def _after_item(item: str, text: str) -> bool:
    """True when ``text`` belongs to the paragraph whose last item is ``item``: the rest of the item cut by a page
    break, or the wrap-up that closes the list ("(c) …staff," / "unless the context requires otherwise.")."""
    return _ends_mid_sentence(item) or comma_like(item.rstrip()[-1:]) or text[:1].islower()


class _IdRegister:
    """Keeps a declaration's ids unique when its source repeats or skips a number, and says so.

    A repeated number ("5." twice, a typist's slip) keeps its number and label, and gets the id ``para_5__2``; the
    slip and any jump in numbering are recorded in ``metadata["warnings"]`` with the source line, so that the text is
    read whole and the officer learns what to correct.
    """

    def __init__(self, doc: Declaration):
        self.doc = doc
        self.first_seen: dict[str, int] = {}
        # The next copy number to try for each repeated id, so that a file repeating one number many times (a
        # hostile one: "1." on every line) costs a step per repeat, not a walk over all the copies made so far.
        self.next_copy: dict[str, int] = {}
        self.last_number: int | None = None

    def warn(self, message: str) -> None:
        self.doc.metadata.setdefault("warnings", []).append(message)

    def claim(self, wanted: str, cue: Cue) -> str:
        if wanted not in self.first_seen:
            self.first_seen[wanted] = cue.block.origin
            return wanted
        copy = self.next_copy.get(wanted, 2)
        while f"{wanted}__{copy}" in self.first_seen:
            copy += 1
        self.next_copy[wanted] = copy + 1
        unit = cue.block.unit
        self.warn(f"{unit} {cue.block.origin}: {wanted} repeats the number used at {unit} {self.first_seen[wanted]}")
        self.first_seen[f"{wanted}__{copy}"] = cue.block.origin
        return f"{wanted}__{copy}"

    def check_sequence(self, number: int, cue: Cue) -> None:
        expected = 1 if self.last_number is None else self.last_number + 1
        if number != expected and number != self.last_number:
            self.warn(f"{cue.block.unit} {cue.block.origin}: paragraph {number} follows {self.last_number or 'the start'}")
        self.last_number = number


class _Growing:
    """Texts of a document being built that grow block by block: a paragraph continued after a page break, or in a
    hostile file continued by thousands of blocks. Joining strings one at a time copies the whole text at each step
    (quadratic time), so the pieces are kept per text and joined once, by :meth:`join`, with :func:`join_text`
    (which gives the same text joined in one go or piece by piece).

    A text is named by its owner (a recital, paragraph or item) and attribute; a text being grown reads as
    :meth:`end`, which is all the builder asks of it: how it ends."""

    def __init__(self) -> None:
        self.pieces: dict[tuple[int, str], tuple[object, list[str]]] = {}

    def add(self, owner: object, attribute: str, piece: str) -> None:
        """Append ``piece`` to the text (None counts as empty, as a wrap-up not yet set)."""
        key = (id(owner), attribute)
        if key not in self.pieces:
            self.pieces[key] = (owner, [getattr(owner, attribute) or ""])
        self.pieces[key][1].append(piece)

    def put(self, owner: object, attribute: str, text: str) -> None:
        """Set the text outright, dropping what was being added to it."""
        self.pieces.pop((id(owner), attribute), None)
        setattr(owner, attribute, text)

    def end(self, owner: object, attribute: str) -> str:
        """The last piece of the text that is not blank, stripped: how the joined text ends ("" if it is empty)."""
        entry = self.pieces.get((id(owner), attribute))
        return _end_of(entry[1] if entry else [getattr(owner, attribute) or ""])

    def join(self) -> None:
        for (_, attribute), (owner, parts) in self.pieces.items():
            setattr(owner, attribute, join_text(*parts))
        self.pieces.clear()


def _end_of(parts: list[str]) -> str:
    """How ``join_text(*parts)`` ends: its last piece that is not blank, stripped."""
    return next((part.strip() for part in reversed(parts) if part.strip()), "")


def _flush_trailing(trailing: list[Cue], paragraph: Paragraph | None, growing: _Growing) -> None:
    """Unnumbered blocks followed by more of the body were a paragraph's own further text, not closing lines."""
    if trailing and paragraph is not None:
        growing.add(paragraph, "wrap_up" if paragraph.items else "text", join_text(*(c.text for c in trailing)))
    trailing.clear()


def _new_paragraph(position: int, article: Article | None, num: str | None, cue: Cue) -> Paragraph:
    """The paragraph ``cue`` opens; ``position`` counts the operative paragraphs outside articles, from 1."""
    lead = cue.block.italic_lead()
    if article is not None:
        position = len(article.paragraphs) + 1
        pid = f"{article.id}__para_{(num or str(position)).replace(' ', '')}"
        label = f"{article.label}({num})" if num else article.label if position == 1 else f"{article.label}¶{position}"
        return Paragraph(pid, label, num, cue.text, lead)
    key = (num or str(position)).replace(" ", "")
    return Paragraph(f"para_{key}", f"OP{num or position}", num, cue.text, lead)


def build_note(segment_: Segment) -> NoteVerbale:
    """Read the number, body, enclosure, place and date, and addressees of one note verbale segment."""
    cues = segment_.cues
    body_cues = [c for c in cues if c.role in (NOTE_OPENING, NOTE_CLOSING, TEXT) and not c.block.emphasised]
    code = _document_language(body_cues or cues)
    language = get_language(code)
    note = NoteVerbale(language=code, title="")
    letterhead = [c.text for c in segment_.header if c.block.emphasised]
    other = [c.text for c in segment_.header if not c.block.emphasised]
    if letterhead:
        note.metadata["letterhead"] = letterhead
    if other:
        note.metadata["header"] = other
    dated = False
    paragraphs: list[list[str]] = []  # each paragraph's pieces, joined once at the end (see _Growing)
    for cue in cues:
        if cue.role == NOTE_NUMBER and note.number is None:
            note.number = cue.match.group("number")
        elif cue.role == ENCLOSURE and note.enclosure is None:
            pages = cue.match.group("pages")
            note.enclosure = Enclosure(cue.match.group("text").strip().rstrip(","), int(pages) if pages else None)
        elif cue.role == PLACE_DATE and not dated:
            found = find_date(cue.text, language)
            if found:
                note.date, match = found
                note.date_text = match.group(0).strip()
                place = _place_before(cue.text, match, language)
                note.place_text = place if place is not None else cue.text[: match.start()].strip()
                note.place = note.place_text
                for affix in language.place_affixes:
                    note.place = affix.sub("", note.place)
            dated = True
        elif dated and cue.block.emphasised:
            note.addressees.append(cue.text)
        elif cue.block.emphasised and not paragraphs:
            note.metadata.setdefault("letterhead", []).append(cue.text)
        else:
            if paragraphs and _is_cut(_end_of(paragraphs[-1]), cue.text, language):
                paragraphs[-1].append(cue.text)
            else:
                paragraphs.append([cue.text])
        if cue.role == NOTE_OPENING and note.sender is None:
            match = language.note_sender.search(cue.text)
            if match:
                note.sender = match.group("sender")
    note.paragraphs = [parts[0] if len(parts) == 1 else join_text(*parts) for parts in paragraphs]
    seen: set[Symbol] = set()  # a set beside the list: a note naming thousands of symbols is not read in n² steps
    for paragraph in note.paragraphs:
        for symbol in find_symbols(paragraph):
            if symbol not in seen:
                seen.add(symbol)
                note.refers_to.append(symbol)
    note.title = language_note_title(language, note.number)
    return note


def language_note_title(language: Language, number: str | None) -> str:
    """"Note verbale No. 17-1/542" in the note's language, from the table's ``note.title``."""
    return language.note_title.format(number=number or "").strip(" №")
