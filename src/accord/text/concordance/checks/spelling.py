"""Spelling slips: letters of another language typed in place of the language's own, words run together.

In each version (reported once per version, whatever the pairs checked):

* **Look-alike letters** (languages whose table has ``spelling``): a word that reads as a known word of the language
  once its own letters are replaced by the look-alikes typed for them (Kazakh "СЕНИМ" for "СЕНІМ": Russian "и" for
  Kazakh "і"). Known words are the table's ``spelling.words``, the term base's terms in the language, and the
  version's own words written with the language's letters — a word spelled right in one place shows the slip in
  another. A known word matches the whole word, its beginning (the stem before a suffix), or a suffix of the table's
  ``spelling.suffixes`` after a known stem — unless what was typed is itself a suffix, or the end of one (Kazakh
  "-ін" and "-ің" differ by "ң" alone, so "-ін" is no slip; nor is "-тын", the end of "-атын"). Only words of four letters or more are compared, so that short words
  that differ by one letter (Kazakh "қол" and "кол") are not confused. The table's months count as known words.
* **Mixed scripts**: a word mixing Latin and Cyrillic letters (a Latin "i" for Kazakh "і").
* **Words run together**: a comma, semicolon or colon with a letter straight after it ("СВМДА,и"); a full stop
  after a word of three letters or more with a capital straight after it ("безопасности.Мы"); letters glued to
  digits that the table's ``numbers.attached`` does not allow ("2021года"; "30th" and "2021г." are allowed).

All are **warnings**. Matches rather than flags: Russian loanwords in Kazakh text ("декларация", "министр"), which
contain no Kazakh letters to confuse; abbreviations before a name ("г.Нур-Султан"); symbols, which
:mod:`.symbols` checks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...anchors import SYMBOL
from ...detect import SCRIPT_RANGES
from ..findings import WARNING
from ..termbase import tokens

MIN_LETTERS = 4
_CYRILLIC = re.compile(f"[{SCRIPT_RANGES['Cyrl']}]+")
# A word with a Latin letter beside a Cyrillic one.
_MIXED = re.compile(
    f"[^\\W_]*(?:[{SCRIPT_RANGES['Latn']}][{SCRIPT_RANGES['Cyrl']}]|[{SCRIPT_RANGES['Cyrl']}][{SCRIPT_RANGES['Latn']}])[^\\W_]*"
)
_GLUED = (
    re.compile(r"[^\W\d_][,;:](?=[^\W\d_])"),
    re.compile(r"[^\W\d_]{3}[.!?](?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_])"),
)
_DIGIT_LETTERS = re.compile(r"(?<=\d)[^\W\d_]+")


class _Lexicon:
    """Known words of a version's language, found by their folded form (own letters replaced by look-alikes).

    Where several spellings fold alike, the one with most of the language's own letters is the right one: a slip
    only ever loses them. Words of five letters or more are also known by their stem before a last vowel (the
    infinitive's "-у": "білдіру" gives "білдір"), and a word ending in a consonant of the table's
    ``final_alternations`` also in the form it takes before a suffix ("хатшылық" gives "хатшылығ").
    """

    def __init__(self, version):
        language = version.language
        self.vowels = language.spelling_vowels
        self.alternations = language.spelling_alternations
        self.table = str.maketrans(language.spelling_lookalikes)
        self.own = set(language.spelling_lookalikes)
        texts = list(language.spelling_words) + list(language.months)
        for concept in version.termbase.concepts.values():
            texts += [term.text for term in concept.terms.get(version.code, [])]
        known = {t.group(0).lower() for text in texts for t in tokens(text)}
        learned = {w for w in version.words if self.own & set(w)}
        self.by_fold: dict[str, str] = {}
        for word in sorted(known | learned, key=lambda w: (self._own_letters(w), w in known)):
            for form in self._forms(word):
                if len(form) >= MIN_LETTERS:
                    self.by_fold[self.fold(form)] = form
        self.all_suffixes = language.spelling_suffixes
        self.suffixes = tuple(s for s in language.spelling_suffixes if len(s) >= 2 and self.own & set(s))

    def _valid_ending(self, tail: str) -> bool:
        """True when ``tail`` is itself a suffix of the language, or the end of one ("тын" ends "атын")."""
        return any(suffix.endswith(tail) for suffix in self.all_suffixes)

    def _degraded(self, word: str, known: str) -> bool:
        """True when ``word`` is ``known`` with some of its own letters typed as their look-alikes."""
        return word != known and len(word) == len(known) and all(
            w == k or self.table.get(ord(k)) == w for w, k in zip(word, known))

    def _own_letters(self, word: str) -> int:
        return sum(ch in self.own for ch in word)

    def _forms(self, word: str) -> list[str]:
        forms = [word]
        if len(word) >= 5 and word[-1] in self.vowels:
            forms.append(word[:-1])
        if word[-1] in self.alternations:
            forms.append(word[:-1] + self.alternations[word[-1]])
        return forms

    def fold(self, word: str) -> str:
        return word.translate(self.table)

    def fix(self, word: str) -> str | None:
        """The known spelling of ``word`` when it differs only by look-alike letters, else None."""
        folded = self.fold(word)
        for length in range(len(word), MIN_LETTERS - 1, -1):
            known = self.by_fold.get(folded[:length])
            if known is not None and self._degraded(word[:length], known):
                return known + word[length:]
        return self._suffix(word)

    def _suffix(self, word: str) -> str | None:
        for suffix in self.suffixes:
            stem = word[: len(word) - len(suffix)]
            tail = word[len(stem):]
            if (len(stem) >= MIN_LETTERS and self._degraded(tail, suffix) and not self._valid_ending(tail)
                    and self._known_stem(stem)):
                return stem + suffix
        return None

    def _known_stem(self, stem: str) -> bool:
        return any(self.by_fold.get(self.fold(stem[:n])) == stem[:n] for n in range(len(stem), MIN_LETTERS - 1, -1))


@lru_cache(maxsize=32)
def _lexicon(version) -> _Lexicon:
    return _Lexicon(version)


def _matches_case(fix: str, word: str) -> str:
    return fix.upper() if word.isupper() else fix.capitalize() if word[:1].isupper() else fix


def _slips(version, unit):
    """(code, start, end, params) for each slip in ``unit``'s text."""
    language = version.language
    symbols = [(m.start, m.end) for m in version.mentions(unit) if m.kind == SYMBOL]
    for match in _MIXED.finditer(unit.text):
        if not any(start <= match.start() < end for start, end in symbols):
            yield "spelling.mixed_script", match.start(), match.end(), {
                "word": match.group(0), "scripts": "Latin and Cyrillic"}
    lexicon = _lexicon(version) if language.spelling_lookalikes else None
    for token in tokens(unit.text) if lexicon is not None else ():
        word = token.group(0)
        if len(word) < MIN_LETTERS or not _CYRILLIC.fullmatch(word):
            continue
        fix = lexicon.fix(word.lower())
        if fix is not None:
            wrong = sorted({a for a, b in zip(word.lower(), fix) if a != b})
            yield "spelling.lookalike_letters", token.start(), token.end(), {
                "word": word, "fix": _matches_case(fix, word),
                "letters": ", ".join(f"“{letter}”" for letter in wrong)}
    for pattern in _GLUED:
        for match in pattern.finditer(unit.text):
            yield "spelling.run_together", *_around(unit.text, match.start() + 1, match.end())
    for match in _DIGIT_LETTERS.finditer(unit.text):
        letters = match.group(0)
        if letters.islower() and letters not in language.numbers.attached:
            yield "spelling.run_together", *_around(unit.text, match.start(), match.start())


def _around(text: str, start: int, end: int) -> tuple[int, int, dict]:
    """The words on each side of a junction, as a span and the params of a run-together finding."""
    left = max(text.rfind(" ", 0, start), 0)
    left = left + 1 if text[left] == " " else left
    right = text.find(" ", end)
    right = len(text) if right < 0 else right
    return left, right, {"excerpt": text[left:right]}


def check(pair):
    for position, link in pair.both_sides():
        for side in ("source", "target"):
            version = getattr(pair, side)
            for unit in getattr(link, side):
                for code, start, end, params in _slips(version, unit):
                    yield pair.finding("spelling", code, WARNING, position, link, {**params, "lang": version.code},
                                       version=version.code, **{side: (unit, start, end)})
