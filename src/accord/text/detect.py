"""Language detection over the language tables: script first, then distinctive letters and frequent words.

Only languages that have a table can be detected; adding a table adds a language. Detection is meant for
paragraphs of a formal text, not for a word or two: a short line with no clue in it goes to the first table of its
script that has no letters of its own (Russian rather than Kazakh), unless the caller names a ``prefer``-red one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .languages import all_languages
from .scripts import SCRIPT_RANGES, canonical_script, script_class

__all__ = ["SCRIPT_RANGES", "detect_language", "dominant_script", "language_scores"]

# The scripts' characters and ISO 15924 aliases live in .scripts; SCRIPT_RANGES is re-exported for the checks.
_SCRIPT_RE: dict[str, re.Pattern[str]] = {}


def _script_re(script: str) -> re.Pattern[str] | None:
    if script not in _SCRIPT_RE:
        chars = script_class(script)
        _SCRIPT_RE[script] = re.compile(f"[{chars}]") if chars else None
    return _SCRIPT_RE[script]


_WORD_RE = re.compile(r"\w+")


# A paragraph's first few hundred characters tell its language as well as the whole of it does.
SAMPLE = 600


@lru_cache(maxsize=8)
def _script_patterns(table_scripts: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The scripts of the known languages, each once as :func:`canonical_script` gives it, with its pattern."""
    scripts = dict.fromkeys(canonical_script(script) for script in table_scripts)
    return tuple((script, pattern) for script in scripts if (pattern := _script_re(script)) is not None)


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in, among the scripts of the known languages; None if none.

    Scripts are compared as :func:`~accord.text.scripts.canonical_script` gives them: a table written in "Hans" or
    "Hant" counts Han letters, and the answer is then "Hani"."""
    patterns = _script_patterns(tuple(language.script for language in all_languages().values()))
    counts = {script: len(pattern.findall(text)) for script, pattern in patterns}
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return script if count else None


def language_scores(text: str) -> dict[str, float]:
    """A score per language of the dominant script; higher is likelier. Empty when no table fits the script."""
    text = text[:SAMPLE]
    script = dominant_script(text)
    words = [w.lower() for w in _WORD_RE.findall(text)]
    scores: dict[str, float] = {}
    for code, language in all_languages().items():
        if canonical_script(language.script) != script:
            continue
        distinctive = sum(text.count(letter) for letter in language.distinctive_letters)
        frequent = sum(1 for w in words if w in language.stopwords)
        # A language with letters of its own is unlikely when none of them occurs.
        absent = 1.0 if language.distinctive_letters and not distinctive else 0.0
        scores[code] = 5.0 * distinctive + frequent - absent
    return scores


def detect_language(text: str, prefer: str | None = None) -> str | None:
    """ISO 639-1 code of the language ``text`` is in, or None when no table's script matches.

    On a tie, ``prefer`` wins if it is among the best, else the first table of the script.
    """
    scores = language_scores(text)
    if not scores:
        return None
    best = max(scores.values())
    leaders = [code for code, score in scores.items() if score == best]
    if prefer in leaders:
        return prefer
    return leaders[0]
