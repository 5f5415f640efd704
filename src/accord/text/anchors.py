"""What a text mentions that must survive translation unchanged: symbols, dates, numbers, acronyms.

:func:`mentions` reads one provision in its language and returns every :class:`Mention` with its exact span, so that
a finding can quote what each version wrote. The aligner uses their values as anchors shared by the language
versions; the concordance checks compare them. What each language writes differently — decimal and group
separators, month names and their endings, number words and inflected ordinals, the word for "per cent" — comes
from the language tables, so "1.25" (en) equals "1,25" (ru), "1,000" equals "1 000", "sixth" equals "шестую" and
"алтыншы", "30th" equals "30-летия" and "30 жылдығы".

Spans never overlap: a symbol (``MM/2021/DRAFT/3``) is read first and hides its digits, then dates hide theirs, so
that "14 September 1999" is one date, not two numbers, and a changed day is reported once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .languages import Language
from .structure import find_date
from .symbols import SYMBOL_RE, make_symbol

SYMBOL = "symbol"
DATE = "date"
NUMBER = "number"
ACRONYM = "acronym"

# Letters of the scripts the forum writes in, capitals only, for acronyms (CICA, СВМДА, АӨСШК).
_CAPITALS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЇЄЎ"
_ACRONYM_RE = re.compile(rf"[{_CAPITALS}][{_CAPITALS}]+s?")
_CAPITALS_WORD_RE = re.compile(rf"[{_CAPITALS}]{{2,}}")
_TWO_CAPITALS_RE = re.compile(rf"[{_CAPITALS}]{{2}}")
_CAPITAL_RE = re.compile(rf"[{_CAPITALS}]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Mention:
    """One thing a text mentions: ``kind`` (symbol, date, number, acronym), a ``value`` comparable across languages,
    and where it was written: ``text[start:end]`` is ``written``.

    Values: a symbol's normalised form (Latin letters); a date as ``YYYY-MM-DD``; a number in plain decimal
    notation ("1000", "1.25"), suffixed with "%" for a percentage; an acronym as written. ``in_words`` is True for a
    number written as a word ("two", "шестую"), which counts for matching but is weaker evidence on its own.
    ``original`` keeps a symbol's spelling as typed, look-alike letters included.
    """

    kind: str
    value: str
    start: int
    end: int
    written: str
    in_words: bool = False
    original: str = ""

    @property
    def is_year(self) -> bool:
        return self.kind == NUMBER and len(self.value) == 4 and self.value.isdigit() and 1000 <= int(self.value) <= 2999


@lru_cache(maxsize=None)
def _number_re(decimal: str, group: tuple[str, ...]) -> re.Pattern[str]:
    groups = "".join(re.escape(g) for g in group if g != decimal)
    grouped = rf"\d{{1,3}}(?:[{groups}]\d{{3}})+" if groups else r"\d+"
    fraction = rf"(?:{re.escape(decimal)}\d+)?"
    # No digit before (a part of a longer number) and no digit after.
    return re.compile(rf"(?<![\d])(?:{grouped}|\d+){fraction}(?!\d)")


def _canonical(number: str, language: Language) -> str:
    digits = number
    for separator in language.numbers.group:
        if separator != language.numbers.decimal:
            digits = digits.replace(separator, "")
    digits = digits.replace(language.numbers.decimal, ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return digits
    return format(value.normalize(), "f")


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def find_symbol_mentions(text: str) -> list[Mention]:
    """Document symbols with their spans; ``original`` keeps look-alike letters."""
    found = []
    for match in SYMBOL_RE.finditer(text):
        written = match.group(0).rstrip(".")
        if not re.search(r"\d", written):
            continue  # "and/or": slashes without a number are not symbols
        symbol = make_symbol(written)
        end = match.start() + len(written)
        found.append(Mention(SYMBOL, symbol.value, match.start(), end, written, original=written))
    return found


def find_dates(text: str, language: Language, taken: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Dates in the language's own formats; a range of days ("14 and 15 September 2021") gives one mention per day,
    each spanning the whole range."""
    taken = list(taken or [])
    found: list[Mention] = []
    for pattern in language.date_range_patterns:
        for match in pattern.finditer(text):
            if not _free(taken, match.start(), match.end()):
                continue
            month = language.month_number(match.group("month"))
            if month is None:
                continue
            written = match.group(0).strip()
            for day in (match.group("first"), match.group("day")):
                found.append(Mention(DATE, f"{int(match.group('year')):04d}-{month:02d}-{int(day):02d}",
                                     match.start(), match.start() + len(written), written))
            taken.append((match.start(), match.end()))
    rest = text
    while True:
        # find_date gives the first valid date; blank out each one found to find the next.
        result = find_date(rest, language)
        if result is None:
            break
        date, match = result
        written = match.group(0).strip()
        if _free(taken, match.start(), match.start() + len(written)):
            found.append(Mention(DATE, date.isoformat(), match.start(), match.start() + len(written), written))
        taken.append((match.start(), match.end()))
        rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end():]
    return sorted(found, key=lambda m: m.start)


def find_numbers(text: str, language: Language, taken: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Numbers written in digits (with the language's separators, a percent sign or word after them) and number words,
    outside the ``taken`` spans."""
    taken = taken or []
    numbers = language.numbers
    found: list[Mention] = []
    for match in _number_re(numbers.decimal, numbers.group).finditer(text):
        if not _free(taken, match.start(), match.end()):
            continue
        found.append(_number(text, match.start(), match.end(), _canonical(match.group(0), language), language))
    if numbers.pattern is not None:
        for match in numbers.pattern.finditer(text):
            if _free(taken, match.start(), match.end()):
                found.append(_number(text, match.start(), match.end(), str(numbers.value_of(match)), language, True))
    return sorted(found, key=lambda m: m.start)


def _number(text: str, start: int, end: int, value: str, language: Language, in_words: bool = False) -> Mention:
    """A number mention, extended over a percent sign or word that follows it ("5 %", "five per cent")."""
    percent = language.numbers.percent.match(text, end) if language.numbers.percent else None
    if percent:
        value += "%"
        end = percent.end()
    return Mention(NUMBER, value, start, end, text[start:end], in_words=in_words)


def find_acronyms(text: str, taken: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Words in capitals of two letters or more (CICA, СВМДА, CBMs), except Roman numerals and the words of a line
    set in capitals: a text mostly in capitals ("ЗАЯВЛЯЕМ О СЛЕДУЮЩЕМ:") has none, and a word in capitals beside
    another, either of them five letters long or more ("DRAFT DECLARATION of the…"), is part of a heading."""
    taken = taken or []
    if not _TWO_CAPITALS_RE.search(text):
        return []
    if len(_CAPITAL_RE.findall(text)) > 0.6 * len(_LETTER_RE.findall(text)):
        return []  # a line set in capitals: a heading or a formula, not acronyms
    words = list(_WORD_RE.finditer(text))
    found = []
    for index, match in enumerate(words):
        written = match.group(0)
        if not _ACRONYM_RE.fullmatch(written) or _ROMAN_RE.match(written):
            continue
        if not _free(taken, match.start(), match.end()):
            continue
        neighbours = [words[i].group(0) for i in (index - 1, index + 1) if 0 <= i < len(words)]
        if any(_CAPITALS_WORD_RE.fullmatch(n) and max(len(n), len(written)) >= 5 for n in neighbours):
            continue
        found.append(Mention(ACRONYM, written, match.start(), match.end(), written))
    return found


def mentions(text: str, language: Language) -> list[Mention]:
    """Every symbol, date, number and acronym in ``text``, in reading order, with non-overlapping spans."""
    symbols = find_symbol_mentions(text)
    taken = [(m.start, m.end) for m in symbols]
    dates = find_dates(text, language, taken)
    taken += [(m.start, m.end) for m in dates]
    numbers = find_numbers(text, language, taken)
    acronyms = find_acronyms(text, taken)
    return sorted(symbols + dates + numbers + acronyms, key=lambda m: (m.start, m.kind))
