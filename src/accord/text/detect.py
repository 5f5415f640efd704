"""Language detection over the language tables: script first, then distinctive letters and frequent words.

Only languages that have a table can be detected; adding a table adds a language. Detection is meant for
paragraphs of a formal text, not for a word or two: a short line with no clue in it goes to the first table of its
script that has no letters of its own (Russian rather than Kazakh), unless the caller names a ``prefer``-red one.
"""

from __future__ import annotations

import re

from .languages import all_languages

# Unicode blocks of the ISO 15924 scripts the tables may name.
SCRIPT_RANGES = {
    "Latn": "A-Za-z\u00c0-\u024f",
    "Cyrl": "\u0400-\u04ff\u0500-\u052f",
    "Arab": "\u0600-\u06ff\u0750-\u077f",
    "Hani": "\u4e00-\u9fff\u3400-\u4dbf",
    "Grek": "\u0370-\u03ff",
    "Armn": "\u0530-\u058f",
    "Geor": "\u10a0-\u10ff",
    "Thai": "\u0e00-\u0e7f",
    "Hang": "\uac00-\ud7af\u1100-\u11ff",
}
_SCRIPT_RE = {script: re.compile(f"[{chars}]") for script, chars in SCRIPT_RANGES.items()}
_WORD_RE = re.compile(r"\w+")


# A paragraph's first few hundred characters tell its language as well as the whole of it does.
SAMPLE = 600


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in, among the scripts of the known languages; None if none."""
    scripts = {language.script for language in all_languages().values()}
    counts = {script: len(_SCRIPT_RE[script].findall(text)) for script in scripts if script in _SCRIPT_RE}
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
        if language.script != script:
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
