"""Terminology: a term of the term base in the source needs its concept's equivalent in the target.

For each term found in the source provision (words in sequence, matched by stem: see
:class:`~..termbase.TermMatcher`), the aligned target provision must contain a term of the same concept in the
target language. Flags as a **warning** a concept with no equivalent there ("Statute of the Secretariat" rendered
"Соглашение о Секретариате" where the term base gives "Устав Секретариата"), and a concept rendered only by a term
the term base marks deprecated.

Matches rather than flags: any admitted or preferred term of the concept, in any inflection, with up to two words
inserted inside it in the target ("План СВМДА по реализации мер доверия"); a shorter term inside a longer one that
is already reported (one finding per problem); terms of the acronym type, left to :mod:`.acronyms`; concepts with
no term in the target language.
"""

from __future__ import annotations

from ..findings import WARNING
from ..termbase import DEPRECATED


def check(pair):
    concepts = pair.termbase.concepts
    for position, link in pair.both_sides():
        target_hits = pair.target.located_hits(link.target, gapped=True)
        found = {hit.concept for _, hit in target_hits if hit.term.status != DEPRECATED}
        deprecated = {hit.concept: (unit, hit) for unit, hit in target_hits if hit.term.status == DEPRECATED}
        source_hits = [x for x in pair.source.located_hits(link.source) if x[1].term.type != "acronym"]
        # Longest first, so that a term inside a reported one is left out.
        source_hits.sort(key=lambda x: x[1].start - x[1].end)
        reported: list[tuple] = []
        seen: set[str] = set()
        for unit, hit in source_hits:
            concept = concepts[hit.concept]
            if hit.concept in seen or hit.concept in found or not concept.terms.get(pair.target.code):
                continue
            if any(u is unit and s <= hit.start and hit.end <= e for u, s, e in reported):
                continue
            seen.add(hit.concept)
            reported.append((unit, hit.start, hit.end))
            params = {"term": unit.text[hit.start:hit.end], "expected": concept.label(pair.target.code)}
            if hit.concept in deprecated:
                t_unit, t_hit = deprecated[hit.concept]
                params["used"] = t_unit.text[t_hit.start:t_hit.end]
                yield pair.finding("terminology", "terminology.deprecated", WARNING, position, link, params,
                                   source=(unit, hit.start, hit.end), target=(t_unit, t_hit.start, t_hit.end))
            else:
                yield pair.finding("terminology", "terminology.missing", WARNING, position, link, params,
                                   source=(unit, hit.start, hit.end))
