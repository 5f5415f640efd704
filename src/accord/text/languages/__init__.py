"""Per-language tables: formulas, keywords, months and patterns that the parsers read.

Each language is one JSON file in this folder (``en.json``, ``ru.json``, ``kk.json``); a forum that works in another
language adds a file here, or in a folder named by the ``ACCORD_LANGUAGES_PATH`` environment variable (``:``-separated),
and the parsers read it with no new code. The fields of a table:

``code``/``iso639_2``/``locale``/``name``/``script``
    ISO 639-1 and 639-2 codes, the BCP 47 tag word processors use (``ru-RU``), the language's own name, its ISO 15924
    script (``Latn``, ``Cyrl``…).
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
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class TitleRule:
    pattern: re.Pattern[str]
    form: str
    draft: bool


@dataclass(frozen=True, eq=False)
class Language:
    """One language's table, with its patterns compiled."""

    code: str
    iso639_2: str
    locale: str
    name: str
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
        )

    def enclosure_line(self, text: str, pages: int | None) -> str:
        """The enclosure line as this language writes it: "Enclosure: as stated, on 7 p."."""
        count = self.note_enclosure_pages.format(pages=pages) if pages else ""
        return self.note_enclosure_line.format(text=text, pages=count)

    def sort_key(self, text: str) -> tuple:
        """A key that sorts ``text`` alphabetically in this language; letters of other alphabets follow, by code point."""
        order = self.letter_order
        folded = text.casefold()
        return tuple((order[ch], 0) if ch in order else (len(order), ord(ch)) for ch in folded if ch.isalnum())

    def month_number(self, name: str) -> int | None:
        """1–12 for a month name in this language's date form, or None."""
        try:
            return self.months.index(name.lower()) + 1
        except ValueError:
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
