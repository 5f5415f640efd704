"""Two language versions read for checking: their units, what each unit mentions, the alignment between them.

A :class:`Version` reads one document once: its units (:func:`accord.text.align.units`), and per unit, lazily and
cached, its mentions (:func:`accord.text.anchors.mentions`) and its term-base hits. A :class:`Pair` aligns two
versions and is what every check reads; :meth:`Pair.finding` builds findings whose excerpts are exact.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..align import Link, Unit, align, units
from ..anchors import ACRONYM, Mention, mentions
from ..languages import Language, get_language
from ..model import Declaration, NoteVerbale
from .findings import Finding, Side
from .termbase import Hit, TermBase, tokens

LENGTHS = Path(__file__).parent / "lengths.json"

# Words a version may insert inside a term ("План СВМДА по реализации мер доверия").
GAP = 2

# An excerpt: a unit and the span of its text.
Located = tuple[Unit, int, int]


@dataclass(frozen=True)
class LengthModel:
    """What lengths a language pair should have: the expected target/source ``ratio`` (from the tables'
    ``length_factor``), the normal deviation ``sigma`` of its logarithm the aligner assumes, the deviation of the
    logarithm beyond which a text is an ``outlier``, and the length in characters under which no outlier is told."""

    ratio: float
    sigma: float
    outlier: float
    min_chars: int


@lru_cache(maxsize=None)
def _length_table() -> dict[str, Any]:
    return json.loads(LENGTHS.read_text(encoding="utf-8"))


def length_model(source: Language, target: Language) -> LengthModel:
    """The model for a pair: ``lengths.json``'s ``default``, overridden by its entry for ``"src:tgt"`` if any."""
    table = _length_table()
    values = {**table["default"], **table["pairs"].get(f"{source.code}:{target.code}", {})}
    return LengthModel(target.length_factor / source.length_factor, values["sigma"], values["outlier"],
                       values["min_chars"])


class Version:
    """One language version of a text, read for checking."""

    def __init__(self, document: Declaration | NoteVerbale, termbase: TermBase):
        self.document = document
        self.language = get_language(document.language)
        self.code = document.language
        self.termbase = termbase
        self.units = units(document)
        self.matcher = termbase.matcher(self.language)
        # By unit id, which is unique in a document.
        self._mentions: dict[str, list[Mention]] = {}
        self._hits: dict[str, list[Hit]] = {}

    def mentions(self, unit: Unit) -> list[Mention]:
        if unit.id not in self._mentions:
            self._mentions[unit.id] = mentions(unit.text, self.language)
        return self._mentions[unit.id]

    def hits(self, unit: Unit, gapped: bool = False) -> list[Hit]:
        """Term-base terms in the unit: as written, or with ``gapped`` also those with up to ``GAP`` words inserted
        between their words (see :meth:`TermMatcher.find`)."""
        if unit.id not in self._hits:
            self._hits[unit.id] = self.matcher.find(unit.text, GAP)
        hits = self._hits[unit.id]
        return hits if gapped else [h for h in hits if not h.gapped]

    def anchors(self, unit: Unit) -> frozenset:
        """What the aligner compares across languages: values of numbers, dates and symbols, acronyms outside the
        term base, and the term base's concepts."""
        hits = self.hits(unit)
        found = set()
        for mention in self.mentions(unit):
            if mention.kind == ACRONYM and any(h.start <= mention.start < h.end for h in hits):
                continue
            found.add((mention.kind, mention.value))
        found.update(("concept", hit.concept) for hit in hits)
        return frozenset(found)

    def located_mentions(self, units_: tuple[Unit, ...]) -> list[tuple[Unit, Mention]]:
        """The mentions of several units (one side of a link), each with its unit."""
        return [(unit, mention) for unit in units_ for mention in self.mentions(unit)]

    def located_hits(self, units_: tuple[Unit, ...], gapped: bool = False) -> list[tuple[Unit, Hit]]:
        """The term-base hits of several units (one side of a link), each with its unit."""
        return [(unit, hit) for unit in units_ for hit in self.hits(unit, gapped)]

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of the version, lower-cased: what the spelling check learns the language's spelling from."""
        return frozenset(t.group(0).lower() for unit in self.units for t in tokens(unit.text))


class Pair:
    """A source and a target version with their alignment, and how to build findings about them."""

    def __init__(self, source: Version, target: Version):
        self.source = source
        self.target = target
        self.lengths = length_model(source.language, target.language)
        self.links: list[Link] = align(
            source.units,
            target.units,
            [source.anchors(u) for u in source.units],
            [target.anchors(u) for u in target.units],
            ratio=self.lengths.ratio,
            sigma=self.lengths.sigma,
        )

    @property
    def termbase(self) -> TermBase:
        return self.source.termbase

    def both_sides(self):
        """(link position, link) for every link with units on both sides."""
        return [(k, link) for k, link in enumerate(self.links) if link.source and link.target]

    def side(self, version: Version, units_: tuple[Unit, ...], at: Located | None = None) -> Side:
        """The :class:`Side` for ``units_`` of ``version``: the excerpt ``at`` (a unit and a span of its text), or
        without it the whole text (several units' texts joined by a space); an empty excerpt without units."""
        if at is not None:
            unit, start, end = at
            return Side(version.code, unit.label, unit.text[start:end], unit.id, start)
        if not units_:
            return Side(version.code, "—", "")
        label = " + ".join(u.label for u in units_)
        return Side(version.code, label, " ".join(u.text for u in units_), units_[0].id)

    def finding(
        self,
        check: str,
        code: str,
        severity: str,
        position: int,
        link: Link,
        params: dict[str, Any],
        source: Located | None = None,
        target: Located | None = None,
        version: str | None = None,
    ) -> Finding:
        """A finding about ``link`` (the ``position``-th link), quoting ``source`` and ``target`` excerpts (a unit and
        a span of its text) or, where not given, the whole text of that side of the link."""
        source_side = self.side(self.source, link.source, source)
        target_side = self.side(self.target, link.target, target)
        base = {
            "label": source_side.label if link.source else target_side.label,
            "source_label": source_side.label, "target_label": target_side.label,
            "source_lang": self.source.code, "target_lang": self.target.code,
        }
        return Finding(check, code, severity, link.id, source_side, target_side, {**base, **params}, version,
                       float(position))

    def ratio_deviation(self, source_text: str, target_text: str) -> float:
        """The logarithm of the target/source length ratio against the expected one."""
        return math.log(max(len(target_text), 1) / max(len(source_text), 1)) - math.log(self.lengths.ratio)
