"""Untranslated passages: words of the source left as they were in the target.

Flags as a **warning** a run of words in the target that was not translated:

* when the two languages are written in different scripts, a run of at least ``MIN_WORDS`` words in the source's
  script inside the target (an English sentence left in the Russian text); scripts are compared through their
  ISO 15924 aliases (a "Hans" table and a "Hani" one write one script, see :mod:`accord.text.scripts`);
* otherwise, and when the source's script has no known range, a run of at least ``MIN_WORDS`` consecutive words
  that stand in the same order in the source (a Russian clause left in the Kazakh text).

Matches rather than flags: names and acronyms kept in their own script (COVID-19, a single Latin word, a short
name of up to three words), numbers and symbols, which are neither words of the run nor break it.
"""

from __future__ import annotations

import re

from ...scripts import same_script, script_class
from ..findings import WARNING

MIN_WORDS = 4
_WORD_RE = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[re.Match[str]]:
    return [m for m in _WORD_RE.finditer(text) if not (len(m.group(0)) > 1 and m.group(0).isupper())]


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) indexes of the runs of True at least MIN_WORDS long."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start >= MIN_WORDS:
                runs.append((start, index - 1))
            start = None
    return runs


def _copied(source_words: list[str], target_words: list[str]) -> list[bool]:
    """For each target word, whether it belongs to a MIN_WORDS-gram that also stands in the source."""
    grams = {tuple(source_words[i:i + MIN_WORDS]) for i in range(len(source_words) - MIN_WORDS + 1)}
    flags = [False] * len(target_words)
    for i in range(len(target_words) - MIN_WORDS + 1):
        if tuple(target_words[i:i + MIN_WORDS]) in grams:
            for k in range(i, i + MIN_WORDS):
                flags[k] = True
    return flags


def check(pair):
    source_script, target_script = pair.source.language.script, pair.target.language.script
    # Words in the source's script, when the target is written in another one whose letters are known ("Hans" and
    # "Hani" are one script); else words copied in the source's order, which finds nothing across scripts.
    chars = None if same_script(source_script, target_script) else script_class(source_script)
    foreign = re.compile(f"[{chars}]") if chars else None
    for position, link in pair.both_sides():
        source_words = [m.group(0).lower() for unit in link.source for m in _words(unit.text)]
        for unit in link.target:
            words = _words(unit.text)
            if foreign is not None:
                flags = [bool(foreign.match(m.group(0))) for m in words]
            else:
                flags = _copied(source_words, [m.group(0).lower() for m in words])
            for first, last in _runs(flags):
                yield pair.finding("untranslated", "untranslated.passage", WARNING, position, link, {},
                                   target=(unit, words[first].start(), words[last].end()))
