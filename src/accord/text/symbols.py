"""Document symbols (``MM/2021/DRAFT/3``, ``A/76/L.1/Rev.1``) and their look-alike spellings.

Russian and Kazakh typists often type a Latin symbol with Cyrillic letters that look the same (``ММ/2021/DRAFT/3``
with two Cyrillic Em). Such a string does not compare equal to the Latin one, so every symbol is kept twice: its
``value``, normalised to Latin letters, used for comparison and lookup, and its ``original`` spelling, kept for
fidelity and for the concordance checker to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scripts import UNSPACED

# Cyrillic capitals (and the lower-case forms used in "Rev."/"Corr.") that are drawn exactly like Latin letters.
_LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
    }
)

# A symbol is a run of at least two slash-separated parts, the first of them letters: "MM/2021/DRAFT/3". Nothing
# glued to its front may be a letter or digit ("ДокументММ/2021", "x2A/76" are no symbols), except a character of a
# script written without spaces: Chinese writes a symbol straight after a word ("文件MM/2021/INF/2").
SYMBOL_RE = re.compile(
    rf"(?:(?<![\w/])|(?<=[{UNSPACED}]))"
    r"[A-ZА-ЯЁІ][A-Za-zА-Яа-яЁёІі]{0,9}(?:/[0-9A-Za-zА-Яа-яЁёІі.\-]*[0-9A-Za-zА-Яа-яЁёІі])+"
)


@dataclass(frozen=True)
class Symbol:
    """A document symbol: ``value`` is the normalised form, ``original`` the spelling found in the text."""

    value: str
    original: str

    def __str__(self) -> str:
        return self.value

    @property
    def has_lookalikes(self) -> bool:
        return self.value != self.original


def normalise_symbol(text: str) -> str:
    """Return ``text`` with Cyrillic look-alike letters replaced by Latin ones when the symbol is Latin-based.

    A symbol counts as Latin-based when it contains at least one Latin letter; a symbol written wholly in Cyrillic
    (an in-house Russian scheme) is left as it is, since there the Cyrillic letters are meant.
    """
    text = text.strip()
    if re.search(r"[A-Za-z]", text):
        return latinise(text)
    return text


def latinise(text: str) -> str:
    """``text`` with every Cyrillic look-alike letter replaced by its Latin twin, whatever the rest of it is: what a
    symbol typed wholly in look-alike letters ("А/80/345") reads as to the eye."""
    return text.translate(_LOOKALIKES)


def make_symbol(text: str) -> Symbol:
    """Build a :class:`Symbol` from a spelling found in a document."""
    original = text.strip()
    return Symbol(normalise_symbol(original), original)


def find_symbols(text: str) -> list[Symbol]:
    """Every distinct symbol mentioned in ``text``, in order of first mention."""
    seen: dict[str, Symbol] = {}
    for match in SYMBOL_RE.finditer(text):
        symbol = make_symbol(match.group(0).rstrip("."))
        if not re.search(r"\d", symbol.value):
            continue  # "and/or", "км/ч": slashes without a number are not symbols
        seen.setdefault(symbol.value, symbol)
    return list(seen.values())
