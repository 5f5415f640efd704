"""Per-language tables: formulas, keywords, months and patterns that the parsers read.

Each language is one JSON file in this folder (``en.json``, ``ru.json``, ``kk.json``); a forum that works in another
language adds a file here, or in a folder named by the ``ACCORD_LANGUAGES_PATH`` environment variable (``:``-separated),
and the parsers read it with no new code. The fields of a table:

``code``/``iso639_2``/``locale``/``name``/``script``
    ISO 639-1 and 639-2 codes, the BCP 47 tag word processors use (``ru-RU``), the language's own name, its ISO 15924
    script (``Latn``, ``Cyrl``, ``Hans``…; a variant reads as its script, "Hans" and "Hant" as Han: see
    :mod:`accord.text.scripts`, which also knows which scripts are written without spaces between words).
    ``english_name`` and ``bidi`` (optional): its name in English and whether it is
    written right to left, for an interface language Django does not know.
``alphabet``
    The letters in the language's alphabetical order (Kazakh puts ә after а, Unicode puts it after я), for sorting.
``distinctive_letters``/``stopwords``
    What language detection counts: letters only this language uses among those sharing its script, and frequent
    short words.
``months``/``date_patterns``/``place_affixes``
    Month names in the form dates use, regular expressions with ``day``, ``month`` and ``year`` groups, and the
    words around a place name ("город …", "… қаласы") that are not part of it.
``titles``
    Patterns that recognise a title and tell the instrument's form and whether it is a draft.
``opening_formulas``/``enacting_formulas``/``lead_phrases``
    The formula that opens a declaration, the one that introduces its operative part, and preambular lead phrases
    (used when the source lost its italics).
``article``/``article_title``/``section``
    The pattern of an article heading (``num``, ``heading`` groups) and how to write one (``{num}``), and the pattern
    of a section heading (Roman ``num``).
``note``
    The note verbale's number line, opening and closing formulas, enclosure line (``text``, ``pages`` groups), the
    pattern that finds sender and addressee in the opening sentence, its title (``{number}`` filled in), and how to
    write the enclosure line (``enclosure_line`` with ``{text}`` and ``{pages}``, the latter from ``enclosure_pages``).
    ``place_date_separator`` (optional, ", " if absent) is what stands between the note's place and its date
    ("，" in Chinese); a place-and-date line is read with it or with a comma of any width.

What the concordance checker (:mod:`accord.text.concordance`) reads:

``date_range_patterns``/``month_endings``
    Patterns of a range of days in one month ("14 and 15 September 2021", "2021 жылғы 14 мен 15 қыркүйекте"), with
    ``first``, ``day``, ``month`` and ``year`` groups; and the case endings a month name may take in a date
    ("қыркүйекте"), a regular expression matched against what follows the month's name.
``numbers``
    ``decimal`` and ``group`` separators (1.25 and 1,000 in English; 1,25 and 1 000 in Russian); ``percent``, the
    pattern after a number that makes it a percentage ("%", "per cent", "процентов"); ``attached``, the letters that
    may follow digits with no space ("30th", "2021г."); ``words``, number words and ordinals written as whole words,
    with their values; ``ordinal_stems`` and ``ordinal_suffix``, ordinals that inflect: a stem with its value
    ("шест" 6) and the pattern of the endings that may complete it ("шестой", "шестую", "шестого"…).
``term_stems``
    How term-base terms match inflected words: a term's word of more than two letters matches any word that starts
    with it less its last ``trim`` letters, but never fewer than ``min`` ("Секретариата" matches "Секретариату").
``end_punctuation``
    ``marks`` names each end mark with a role shared by all tables ("." is "full stop"), so that versions are
    compared by role; and for each kind of provision (``recital``, ``paragraph``, ``item``, ``note``) the marks its
    text may end with. The parsers take the marks of ``paragraph`` and ``note``, with the sentence-final marks of
    every script (:func:`accord.text.scripts.ends_sentence`), as a paragraph's end: the block after one is a new
    paragraph, not the rest of it cut by a page break.
``length_factor``
    The length of a text in this language relative to the same text in English, in characters; the ratio two
    factors make is the expected length ratio of a language pair.
``spelling`` (optional)
    Slips of a language written in a shared script: ``lookalikes`` maps each of its own letters to the letter of
    another language typed in its place (Kazakh "і" typed as Russian "и"); ``words`` lists words and stems of the
    language, from which a slip ("СЕНИМ" for "СЕНІМ") is recognised, and ``suffixes`` the endings that may follow
    a known stem ("мемлекет" + "іне"); ``vowels``, and ``final_alternations``, the letters a word's last consonant
    becomes before a suffix (Kazakh "қ" → "ғ": "хатшылық", "хатшылығы").
``note_templates`` (optional)
    The wording of notes verbales Accord writes: formulas, purposes, dates; see :mod:`accord.text.note_writer`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..scripts import UNSPACED, comma_like

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class TitleRule:
    pattern: re.Pattern[str]
    form: str
    draft: bool


@dataclass(frozen=True)
class NumberWords:
    """How a language writes numbers: separators, the percent sign or word, and numbers written as words."""

    decimal: str
    group: tuple[str, ...]
    percent: re.Pattern[str] | None
    attached: frozenset[str]
    words: dict[str, int]
    ordinal_stems: dict[str, int]
    pattern: re.Pattern[str] | None  # every number word and ordinal, with ``word`` or ``stem`` group

    @classmethod
    def from_table(cls, table: dict) -> NumberWords:
        words = {w.lower(): int(v) for w, v in table.get("words", {}).items()}
        stems = {w.lower(): int(v) for w, v in table.get("ordinal_stems", {}).items()}
        return cls(
            decimal=table.get("decimal", "."),
            group=tuple(table.get("group", [])),
            percent=re.compile(table["percent"], re.IGNORECASE) if table.get("percent") else None,
            attached=frozenset(table.get("attached", [])),
            words=words,
            ordinal_stems=stems,
            pattern=_number_words_pattern(words, stems, table.get("ordinal_suffix")),
        )

    def value_of(self, match: re.Match[str]) -> int:
        """The value of a match of :attr:`pattern` ("two", "шестую", "алтыншы")."""
        word = match.group("word")
        return self.words[word.lower()] if word else self.ordinal_stems[match.group("stem").lower()]


def _number_words_pattern(words: dict[str, int], stems: dict[str, int], suffix: str | None) -> re.Pattern[str] | None:
    """One pattern for every number word and inflected ordinal, so that a text is scanned once; None if none."""
    def either(names) -> str:
        return "|".join(map(re.escape, sorted(names, key=len, reverse=True))) or "(?!)"

    if not words and not (stems and suffix):
        return None
    ordinals = f"(?P<stem>{either(stems)})(?:{suffix})" if stems and suffix else "(?P<stem>(?!))"
    # A word stands apart: no letter right before or after it ("two", not "network"), unless the letters on both sides
    # of that boundary belong to a script written without spaces, where words meet with nothing between them
    # ("成立三十周年"). Decided by the characters, not the language: Latin words glued to Chinese stay unread.
    before = rf"(?:(?<![^\W\d_])|(?<=[{UNSPACED}])(?=[{UNSPACED}]))"
    after = rf"(?:(?![^\W\d_])|(?<=[{UNSPACED}])(?=[{UNSPACED}]))"
    return re.compile(rf"{before}(?:(?P<word>{either(words)})|{ordinals}){after}", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Language:
    """One language's table, with its patterns compiled."""

    code: str
    iso639_2: str
    locale: str
    name: str
    english_name: str
    bidi: bool
    script: str
    alphabet: str
    letter_order: dict[str, int]
    distinctive_letters: frozenset[str]
    stopwords: frozenset[str]
    months: tuple[str, ...]
    date_patterns: tuple[re.Pattern[str], ...]
    place_affixes: tuple[re.Pattern[str], ...]
    titles: tuple[TitleRule, ...]
    opening_formulas: tuple[re.Pattern[str], ...]
    enacting_formulas: tuple[re.Pattern[str], ...]
    lead_phrases: tuple[str, ...]
    article: re.Pattern[str]
    article_title: str
    section: re.Pattern[str]
    note_number: re.Pattern[str]
    note_opening: tuple[str, ...]
    note_closing: tuple[str, ...]
    note_enclosure: re.Pattern[str]
    note_sender: re.Pattern[str]
    note_title: str
    note_enclosure_line: str
    note_enclosure_pages: str
    place_date_separator: str
    date_range_patterns: tuple[re.Pattern[str], ...]
    month_endings: re.Pattern[str] | None
    numbers: NumberWords
    term_stem_min: int
    term_stem_trim: int
    end_marks: dict[str, str]
    end_punctuation: dict[str, frozenset[str]]
    length_factor: float
    spelling_lookalikes: dict[str, str]
    spelling_words: tuple[str, ...]
    spelling_suffixes: tuple[str, ...]
    spelling_vowels: frozenset[str]
    spelling_alternations: dict[str, str]
    note_templates: dict  # the wording of generated notes verbales (see accord.text.note_writer); empty if none

    @classmethod
    def from_table(cls, table: dict) -> Language:
        def rx(pattern: str) -> re.Pattern[str]:
            return re.compile(pattern, re.IGNORECASE)

        note = table["note"]
        return cls(
            code=table["code"],
            iso639_2=table["iso639_2"],
            locale=table["locale"],
            name=table["name"],
            english_name=table.get("english_name", table["name"]),
            bidi=bool(table.get("bidi", False)),
            script=table["script"],
            alphabet=table["alphabet"],
            letter_order={letter: index for index, letter in enumerate(table["alphabet"])},
            distinctive_letters=frozenset(table.get("distinctive_letters", "")),
            stopwords=frozenset(w.lower() for w in table.get("stopwords", [])),
            months=tuple(m.lower() for m in table["months"]),
            date_patterns=tuple(rx(p) for p in table["date_patterns"]),
            place_affixes=tuple(rx(p) for p in table.get("place_affixes", [])),
            titles=tuple(TitleRule(rx(t["pattern"]), t["form"], bool(t["draft"])) for t in table["titles"]),
            opening_formulas=tuple(re.compile(p) for p in table["opening_formulas"]),
            enacting_formulas=tuple(rx(p) for p in table["enacting_formulas"]),
            # Longest first, so that "Noting with concern" wins over "Noting".
            lead_phrases=tuple(sorted(table.get("lead_phrases", []), key=len, reverse=True)),
            article=rx(table["article"]),
            article_title=table["article_title"],
            section=re.compile(table["section"]),
            note_number=rx(note["number"]),
            note_opening=tuple(s.lower() for s in note["opening"]),
            note_closing=tuple(s.lower() for s in note["closing"]),
            note_enclosure=rx(note["enclosure"]),
            note_sender=rx(note["sender_pattern"]),
            note_title=note["title"],
            note_enclosure_line=note["enclosure_line"],
            note_enclosure_pages=note["enclosure_pages"],
            place_date_separator=note.get("place_date_separator", ", "),
            date_range_patterns=tuple(rx(p) for p in table.get("date_range_patterns", [])),
            month_endings=rx(table["month_endings"]) if table.get("month_endings") else None,
            numbers=NumberWords.from_table(table.get("numbers", {})),
            term_stem_min=table.get("term_stems", {}).get("min", 3),
            term_stem_trim=table.get("term_stems", {}).get("trim", 0),
            end_marks=dict(table.get("end_punctuation", {}).get("marks", {})),
            end_punctuation={
                kind: frozenset(marks)
                for kind, marks in table.get("end_punctuation", {}).items()
                if kind != "marks"
            },
            length_factor=float(table.get("length_factor", 1.0)),
            spelling_lookalikes=dict(table.get("spelling", {}).get("lookalikes", {})),
            spelling_words=tuple(w.lower() for w in table.get("spelling", {}).get("words", [])),
            # Longest first, so that "ның" is tried before "ы".
            spelling_suffixes=tuple(sorted(table.get("spelling", {}).get("suffixes", []), key=len, reverse=True)),
            spelling_vowels=frozenset(table.get("spelling", {}).get("vowels", "")),
            spelling_alternations=dict(table.get("spelling", {}).get("final_alternations", {})),
            note_templates=table.get("note_templates", {}),
        )

    def enclosure_line(self, text: str, pages: int | None) -> str:
        """The enclosure line as this language writes it: "Enclosure: as stated, on 7 p."."""
        count = self.note_enclosure_pages.format(pages=pages) if pages else ""
        return self.note_enclosure_line.format(text=text, pages=count)

    @property
    def paragraph_end_marks(self) -> frozenset[str]:
        """The marks this table lets a paragraph or a note's sentence end with ("." ";" ":", "。" "；" "：")."""
        return self.end_punctuation.get("paragraph", frozenset()) | self.end_punctuation.get("note", frozenset())

    def place_date_line(self, place: str | None, date: str | None) -> str:
        """A note's place and date as this language writes them: "Nur-Sultan, 26 August 2021", "努尔苏丹，2021年8月26日"."""
        return self.place_date_separator.join(part for part in (place, date) if part)

    def is_place_date_separator(self, char: str) -> bool:
        """True for a mark that may stand between a note's place and its date: the table's own separator, or a comma
        of any width ("," "，")."""
        return bool(char) and (char == self.place_date_separator.strip() or comma_like(char))

    def sort_key(self, text: str) -> tuple:
        """A key that sorts ``text`` alphabetically in this language; letters of other alphabets follow, by code point."""
        order = self.letter_order
        folded = text.casefold()
        return tuple((order[ch], 0) if ch in order else (len(order), ord(ch)) for ch in folded if ch.isalnum())

    def month_number(self, name: str) -> int | None:
        """1–12 for a month name in this language's date form, with one of its ``month_endings`` if any, or None."""
        name = name.lower()
        if name in self.months:
            return self.months.index(name) + 1
        if self.month_endings is not None:
            for index, month in enumerate(self.months):
                if name.startswith(month) and self.month_endings.fullmatch(name[len(month):]):
                    return index + 1
        return None


def _table_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("ACCORD_LANGUAGES_PATH", "").split(os.pathsep) if p]
    return [_HERE, *extra]


@lru_cache(maxsize=1)
def all_languages() -> dict[str, Language]:
    """Every known language by ISO 639-1 code, in the order of the files' names (en, kk, ru…)."""
    languages: dict[str, Language] = {}
    for folder in _table_dirs():
        for path in sorted(folder.glob("*.json")):
            table = json.loads(path.read_text(encoding="utf-8"))
            languages[table["code"]] = Language.from_table(table)
    return languages


def get_language(code: str) -> Language:
    """The table for ``code``; raises KeyError naming the known codes when there is none."""
    languages = all_languages()
    if code not in languages:
        raise KeyError(f"unknown language {code!r} (known: {', '.join(sorted(languages))})")
    return languages[code]
