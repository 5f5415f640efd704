"""Acronyms: each acronym of one version has its equivalent in the other.

An acronym the term base knows (CICA / СВМДА / АӨСШК, SWG / СРГ / АЖТ, BWC / КБТО, UN / ООН / БҰҰ) needs its
concept in the other version, and one of the concept's acronyms there when the version that has the acronym also
spells the name out ("Special Working Group (SWG)" needs "(СРГ)" beside "Специальной рабочей группы"). An acronym
the term base does not know needs the same acronym there (COVID, a Latin acronym kept in a Russian text). Flags as
a **warning** an acronym with no such equivalent, checked both ways.

Matches rather than flags: an acronym on one side for the full name on the other ("ООН" for "United Nations");
acronyms the term base does not know that stand one for one in the two versions (as many unknown acronyms on each
side: OSCE and ОБСЕ, which only a term base entry could confirm); a concept whose language has no acronym in the
term base.
"""

from __future__ import annotations

from ...anchors import ACRONYM
from ..findings import WARNING


def _concepts(version, units) -> tuple[list, dict[str, set[str]]]:
    """The acronyms of ``units`` outside the term base, and the concepts named there with the types of term used
    ("acronym", "fullForm"…)."""
    hits = version.located_hits(units, gapped=True)
    concepts: dict[str, set[str]] = {}
    for _, hit in hits:
        concepts.setdefault(hit.concept, set()).add("acronym" if hit.term.type == "acronym" else "name")
    unknown = [
        (unit, mention) for unit, mention in version.located_mentions(units)
        if mention.kind == ACRONYM and not any(u is unit and h.start <= mention.start < h.end for u, h in hits)
    ]
    return unknown, concepts


def _acronym_terms(pair, concept: str, language: str) -> list[str]:
    return [t.text for t in pair.termbase.concepts[concept].terms.get(language, []) if t.type == "acronym"]


def check(pair):
    for position, link in pair.both_sides():
        sides = {"source": _concepts(pair.source, link.source), "target": _concepts(pair.target, link.target)}
        for side, other in (("source", "target"), ("target", "source")):
            version, other_version = getattr(pair, side), getattr(pair, other)
            unknown, concepts = sides[side]
            other_unknown, other_concepts = sides[other]
            for unit, hit in version.located_hits(getattr(link, side)):
                if hit.term.type != "acronym":
                    continue
                expected = _acronym_terms(pair, hit.concept, other_version.code)
                there = other_concepts.get(hit.concept, set())
                spelled_out = "name" in concepts[hit.concept]
                if there and ("acronym" in there or not spelled_out or not expected):
                    continue
                hint = f" ({' / '.join(expected)} in the term base)" if expected else ""
                yield _finding(pair, position, link, side, unit, hit.start, hit.end, hit.term.text, version,
                               other_version, hint)
            # Unknown acronyms: the same letters, or as many unknown ones on the other side.
            values = {m.value for _, m in unknown}
            other_values = {m.value for _, m in other_unknown}
            alone = [(u, m) for u, m in unknown if m.value not in other_values]
            other_alone = [(u, m) for u, m in other_unknown if m.value not in values]
            if len(alone) > len(other_alone):
                for unit, mention in alone:
                    yield _finding(pair, position, link, side, unit, mention.start, mention.end, mention.value, version,
                                   other_version, "")


def _finding(pair, position, link, side, unit, start, end, acronym, version, other_version, expected):
    return pair.finding("acronyms", "acronyms.unmatched", WARNING, position, link, {
        "acronym": acronym, "lang": version.code, "other_lang": other_version.code, "expected": expected},
        **{side: (unit, start, end)})
