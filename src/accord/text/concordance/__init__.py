"""``accord.text.concordance``: do the language versions of a text say the same thing?

Pure Python over the text model (no Django)::

    from accord.text.concordance import check, check_versions, group_texts
    findings = check(english, russian)                     # one pair: source, then target
    for text in group_texts(parse_file("package.md")):     # every text of a file, every pair of its versions
        findings += check_versions(text)

A check aligns the two versions provision by provision (:mod:`accord.text.align`), then runs every check of
:mod:`.checks` over the alignment: structure, numbers, dates, symbols, acronyms, terminology (a TBX term base:
:mod:`.termbase`), end punctuation, untranslated passages, text in one version only, length ratio and spelling.
Each :class:`Finding` has a check code, a severity (``error``, ``warning``, ``info``; see :mod:`.checks`), a
message, the exact excerpt from each version and a ``fingerprint``: findings whose fingerprint is in ``accepted``
(accepted "as is" by a reviser) are left out. :func:`alignment` gives the alignment a check works on, for showing
the versions side by side the way the checker sees them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..align import Link
from ..model import Declaration, NoteVerbale
from .checks import CHECKS
from .findings import ERROR, INFO, MESSAGES, SEVERITIES, WARNING, Finding, Side
from .pair import Pair, Version
from .termbase import Concept, Term, TermBase, TermBaseError, load_tbx, starter, write_tbx

Document = Declaration | NoteVerbale

__all__ = [
    "ERROR", "INFO", "MESSAGES", "SEVERITIES", "WARNING", "Concept", "Finding", "Side", "Term", "TermBase",
    "TermBaseError", "alignment", "check", "check_versions", "group_texts", "load_tbx", "starter", "write_tbx",
]


def _check_pair(source: Version, target: Version) -> list[Finding]:
    pair = Pair(source, target)
    findings = [finding for module in CHECKS for finding in module.check(pair)]
    return sorted(findings, key=lambda f: f.order)


def check(source: Document, target: Document, termbase: TermBase | None = None,
          accepted: Iterable[str] = ()) -> list[Finding]:
    """The findings of one pair of versions, in reading order; ``termbase`` defaults to the starter glossary."""
    termbase = termbase or starter()
    accepted = set(accepted)
    findings = _check_pair(Version(source, termbase), Version(target, termbase))
    return [f for f in findings if f.fingerprint not in accepted]


def alignment(source: Document, target: Document, termbase: TermBase | None = None) -> list[Link]:
    """The links between the units of two versions exactly as :func:`check` aligns them: with the anchors of both
    versions (numbers, dates, symbols, acronyms, the term base's concepts) and the pair's length model;
    ``termbase`` defaults to the starter glossary."""
    termbase = termbase or starter()
    return Pair(Version(source, termbase), Version(target, termbase)).links


def check_versions(documents: Sequence[Document], pairs: Iterable[tuple[str, str]] | None = None,
                   termbase: TermBase | None = None, accepted: Iterable[str] = ()) -> list[Finding]:
    """The findings of every pair of versions of one text (or of ``pairs``, as (source, target) language codes).

    Without ``pairs``, each version is checked against every later one, the first version being the source. A
    finding about one version's own text (a spelling slip, a look-alike letter in a symbol) is reported once, in
    the first pair that finds it.
    """
    termbase = termbase or starter()
    accepted = set(accepted)
    versions = {d.language: Version(d, termbase) for d in documents}
    codes = list(versions)
    wanted = list(pairs) if pairs is not None else [
        (a, b) for i, a in enumerate(codes) for b in codes[i + 1:]
    ]
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for source, target in wanted:
        if source not in versions or target not in versions:
            continue
        for finding in _check_pair(versions[source], versions[target]):
            if finding.fingerprint in accepted:
                continue
            if finding.version is not None:
                side = finding.source if finding.source.lang == finding.version else finding.target
                key = (finding.code, finding.version, side.id, side.excerpt, side.start)
                if key in seen:
                    continue
                seen.add(key)
            findings.append(finding)
    return findings


def group_texts(documents: Iterable[Document]) -> list[list[Document]]:
    """The documents grouped into texts, each text a list of language versions in the order read.

    Versions of one text have the same kind, and the same symbol (declarations) or number (notes verbales) when
    both are known. A second document in a language a text already has starts a new text.
    """
    texts: list[list[Document]] = []
    for document in documents:
        key = _identity(document)
        for text in texts:
            first = text[0]
            other = _identity(first)
            if (first.kind == document.kind and (key is None or other is None or key == other)
                    and all(d.language != document.language for d in text)):
                text.append(document)
                break
        else:
            texts.append([document])
    return texts


def _identity(document: Document) -> str | None:
    if isinstance(document, NoteVerbale):
        return document.number
    return document.symbol.value if document.symbol else None
