"""The checks, each a function ``check(pair) -> iterable of Finding`` over an aligned :class:`~..pair.Pair`.

Each module's docstring says what it flags, what it deliberately matches rather than flags, and at what severity.
The severities follow one rule: an **error** is a difference a reviser can trust without reading further (a number,
a date, a symbol, a provision missing or out of place); a **warning** needs a reviser's judgement (terminology,
punctuation, length, an untranslated passage, a spelling slip); **info** is text that stands in one version only by
nature of the document (header lines, letterheads, a note number the package supplies).
"""

from . import (
    acronyms,
    dates,
    length,
    numbers,
    one_version,
    punctuation,
    spelling,
    structure,
    symbols,
    terminology,
    untranslated,
)

CHECKS = (structure, numbers, dates, symbols, acronyms, terminology, punctuation, untranslated, one_version, length,
          spelling)
