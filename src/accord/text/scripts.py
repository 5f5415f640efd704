"""Writing systems: the Unicode ranges of the ISO 15924 scripts language tables name, and what the parsers must know
about a script whatever the language — whether it puts spaces between words, and which marks end a sentence.

Nothing here names a language: a table says ``"script": "Hans"`` and the rest follows from Unicode.

* :data:`SCRIPT_RANGES` gives the characters of each script a table may name, as the body of a regular-expression
  character class; :data:`SCRIPT_ALIASES` maps the ISO 15924 codes of a variant to the script whose characters it
  uses (Simplified "Hans" and Traditional "Hant" Chinese are both written in Han, "Hani"). :func:`script_class` and
  :func:`same_script` read a table's code through both.
* :data:`UNSPACED` names the characters of scripts written without spaces between words: Han (with its extensions,
  radicals and compatibility ideographs), Hiragana, Katakana and Bopomofo, the punctuation and full-width forms
  written with them, and Thai, Lao, Khmer and Myanmar. Hangul is written with spaces and is not among them. Between
  two such characters a line break is no space (much as CSS Text treats segment breaks between wide characters), and a word may stand
  right next to another with no boundary to see (:func:`unspaced`).
* :func:`ends_sentence` tells whether a text ends on a sentence-final mark: ASCII ``. ; : ! ? …``, the full-width
  and ideographic marks of East Asian text (``。！？；：``), those of other scripts (Arabic ``؟``, Devanagari ``।``,
  Armenian ``։``, Ethiopic ``።``…), a language table's own ``end_punctuation``, or a closing quote or bracket
  (Unicode categories Pe and Pf, but for "’", an apostrophe too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Unicode blocks of the ISO 15924 scripts the tables may name.
SCRIPT_RANGES = {
    "Latn": "A-Za-z\u00c0-\u024f",
    "Cyrl": "\u0400-\u04ff\u0500-\u052f",
    "Arab": "\u0600-\u06ff\u0750-\u077f",
    "Hani": "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f",
    "Hira": "\u3040-\u309f",
    "Kana": "\u30a0-\u30ff\u31f0-\u31ff",
    "Grek": "\u0370-\u03ff",
    "Armn": "\u0530-\u058f",
    "Geor": "\u10a0-\u10ff",
    "Hebr": "\u0590-\u05ff",
    "Deva": "\u0900-\u097f",
    "Thai": "\u0e00-\u0e7f",
    "Laoo": "\u0e80-\u0eff",
    "Khmr": "\u1780-\u17ff",
    "Mymr": "\u1000-\u109f",
    "Hang": "\uac00-\ud7af\u1100-\u11ff",
}

# ISO 15924 codes of script variants, and of writing systems that mix scripts, with the scripts whose characters
# they use: a table may name the precise code ("Hans" for Simplified Chinese) and still be detected.
SCRIPT_ALIASES = {
    "Hans": ("Hani",),  # Han, Simplified variant
    "Hant": ("Hani",),  # Han, Traditional variant
    "Jpan": ("Hani", "Hira", "Kana"),  # Japanese: Han + Hiragana + Katakana
    "Hrkt": ("Hira", "Kana"),  # Japanese syllabaries
    "Kore": ("Hang", "Hani"),  # Korean: Hangul + Han
    "Latf": ("Latn",),  # Latin, Fraktur variant
    "Latg": ("Latn",),  # Latin, Gaelic variant
    "Cyrs": ("Cyrl",),  # Cyrillic, Old Church Slavonic variant
}


def canonical_script(code: str) -> str:
    """The script a table's ISO 15924 code is written in, for comparing and detecting: "Hans" and "Hant" are
    "Hani"; a code that mixes scripts ("Jpan") keeps its own code; any other code is itself."""
    scripts = SCRIPT_ALIASES.get(code)
    return scripts[0] if scripts and len(scripts) == 1 else code


def script_class(code: str) -> str | None:
    """The characters of the script ``code`` names, as the body of a regular-expression character class ("A-Za-z…"),
    following :data:`SCRIPT_ALIASES`; None for a script whose characters are not known here."""
    parts = [SCRIPT_RANGES[c] for c in SCRIPT_ALIASES.get(code, (code,)) if c in SCRIPT_RANGES]
    return "".join(parts) or None


def same_script(first: str, second: str) -> bool:
    """True when two tables' script codes name one script ("Hans" and "Hani", "Hans" and "Hant")."""
    return canonical_script(first) == canonical_script(second)


# Scripts written without spaces between words (see the module's docstring), as a character class body.
UNSPACED = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3001-\u303f"  # CJK symbols and punctuation (。、「」…), not the ideographic space U+3000
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3100-\u312f\u31a0-\u31bf"  # Bopomofo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK unified ideographs extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms (vertical punctuation)
    "\uff01-\uff9f"  # full-width forms (，：；！？（）) and half-width Katakana, not half-width Hangul
    "\uffe0-\uffef"  # full-width signs
    "\U00020000-\U0003134f"  # CJK unified ideographs extensions B–H
)
_UNSPACED_RE = re.compile(f"[{UNSPACED}]")


def unspaced(char: str) -> bool:
    """True when ``char`` belongs to a script written without spaces between words (Han, Kana, Thai…)."""
    return bool(char) and _UNSPACED_RE.match(char) is not None


# Marks that end a sentence (or a clause a paragraph may stop on) in any script. The full-width forms East Asian text
# uses normalise (NFKC) to the ASCII ones and are read through them; the ideographic full stop and the rest do not.
_SENTENCE_MARKS = frozenset(".;:!?…‼⁇⁈⁉" "。｡" "؟؛۔" "।॥" "։" "።፧" "჻" "។")


def ends_sentence(text: str, marks: Iterable[str] = ()) -> bool:
    """True when ``text`` ends on a sentence-final mark (see the module's docstring) or on one of ``marks`` (a language
    table's); a closing quote or bracket counts too, as a quotation or parenthesis that ends a sentence (but not "’",
    which is also an apostrophe: "the States’")."""
    text = text.rstrip()
    if not text:
        return False
    if any(mark and text.endswith(mark) for mark in marks):
        return True
    last = text[-1]
    if last == '"' or (unicodedata.category(last) in ("Pe", "Pf") and last != "\u2019"):  # ’ is an apostrophe too
        return True
    return last in _SENTENCE_MARKS or unicodedata.normalize("NFKC", last) in _SENTENCE_MARKS


def comma_like(char: str) -> bool:
    """True for a comma of any width: "," and the full-width "，" (and the small "﹐"), which normalise to it."""
    return bool(char) and unicodedata.normalize("NFKC", char) == ","
