"""Aligning the language versions of one document, provision by provision.

:func:`units` lists what can be compared in a document, in reading order: its title and formulas, every recital,
operative paragraph, item, wrap-up and heading (declarations), or its paragraphs, enclosure line, place and date and
addressee (notes verbales). Each :class:`Unit` keeps the provision's id, shared by all language versions.

:func:`align` pairs the units of two versions into :class:`Link` objects:

* When both versions list the same ids in the same order and every pair looks like a translation of the other
  (see :func:`pair_cost`), units are paired by id: one pass, linear in the size of the document.
* Otherwise a sequence alignment (dynamic programming, Gale–Church style) finds the cheapest way to pair them with
  one-to-one, one-to-none, none-to-one, one-to-two and two-to-one steps, scoring the length ratio of the texts
  against the pair's expected ratio and the agreement of their anchors (numbers, dates, symbols, acronyms, term-base
  concepts — whatever the caller passes), with a small bonus for equal ids. It explores a band around the diagonal
  as wide as the difference in unit counts plus a margin, so its cost grows linearly with the document.
* Afterwards a unit found in only one version is paired with a unit found only in the other when the two agree
  well (a paragraph moved elsewhere).

Every link says what the structures do: ``match`` (same id), ``renumbered`` (one to one, different ids), ``split``
(one source unit rendered as two), ``merged`` (two as one), ``missing`` (in the source only), ``extra`` (in the
target only) or ``moved`` (found elsewhere in the target). The concordance checker reports each that is not a
``match`` as a finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .languages import get_language
from .model import Declaration, NoteVerbale

MATCH = "match"
RENUMBERED = "renumbered"
SPLIT = "split"
MERGED = "merged"
MISSING = "missing"
EXTRA = "extra"
MOVED = "moved"

# Kinds of unit that may stand for one another, each family a part of the document.
_FAMILY = {
    "recital": "preamble", "paragraph": "body", "intro": "body", "item": "body", "wrap_up": "body",
    "heading": "heading", "title": "title", "formula": "formula",
    "note": "note", "enclosure": "enclosure", "place_date": "place_date", "addressee": "addressee",
}

# Costs, in the units of a log-likelihood: a skipped unit costs about as much as a pair that shares nothing.
SKIP = 4.0
SPLIT_MERGE = 2.5
SAME_ID_BONUS = 0.5
LENGTH_CAP = 4.0
KIND_FAMILY = 3.0
KIND_SAME_FAMILY = 1.0
ANCHOR_WEIGHT = 3.0
SHARED_ANCHOR_BONUS = 0.3
# A pair found by id is accepted without the sequence alignment when it costs no more than this.
PLAUSIBLE = 2.0
# A missing and an extra unit are one moved unit when they cost no more than this and share an anchor.
MOVE = 2.5
BAND_MARGIN = 10


@dataclass(frozen=True)
class Unit:
    """One comparable piece of a document: ``id`` shared by the language versions, display ``label``, ``text``,
    ``kind`` (recital, paragraph, intro, item, wrap_up, heading, title, formula, note, enclosure, place_date,
    addressee), the id of its ``section`` (or None) and its ``index`` in reading order."""

    id: str
    label: str
    text: str
    kind: str
    section: str | None = None
    index: int = 0


@dataclass(frozen=True)
class Link:
    """Units of the source paired with units of the target, and what the pairing says about the structure."""

    relation: str
    source: tuple[Unit, ...]
    target: tuple[Unit, ...]

    @property
    def id(self) -> str:
        """The provision this link is about: the first source unit's id, else the first target unit's."""
        return (self.source or self.target)[0].id


def units(document: Declaration | NoteVerbale) -> list[Unit]:
    """The units of ``document`` in reading order (see the module docstring)."""
    found: list[tuple[str, str, str, str, str | None]] = []
    if isinstance(document, NoteVerbale):
        found += [(f"note_para_{n}", f"¶{n}", text, "note", None) for n, text in enumerate(document.paragraphs, 1)]
        if document.enclosure is not None:
            line = get_language(document.language).enclosure_line(document.enclosure.text, document.enclosure.pages)
            found.append(("enclosure", "Enclosure", line, "enclosure", None))
        place_date = ", ".join(t for t in (document.place_text, document.date_text) if t)
        if place_date:
            found.append(("place_date", "Place and date", place_date, "place_date", None))
        if document.addressees:
            found.append(("addressee", "Addressee", " ".join(document.addressees), "addressee", None))
    else:
        found.append(("title", "Title", document.title, "title", None))
        if document.opening_formula:
            found.append(("formula_opening", "Opening formula", document.opening_formula, "formula", None))
        found += [(r.id, r.label, r.text, "recital", None) for r in document.preamble]
        if document.enacting_formula:
            found.append(("formula_enacting", "Enacting formula", document.enacting_formula, "formula", None))
        for section in document.sections:
            if section.heading:
                found.append((f"{section.id}__heading", f"Section {section.num} heading", section.heading, "heading",
                               section.id))
            paragraphs = [(None, p) for p in section.paragraphs]
            for article in section.articles:
                if article.heading:
                    paragraphs.append((article, None))
                paragraphs += [(None, p) for p in article.paragraphs]
            for article, paragraph in paragraphs:
                if article is not None:
                    found.append((f"{article.id}__heading", f"{article.label} heading", article.heading, "heading",
                                  section.id))
                    continue
                found.append((paragraph.id, paragraph.label, paragraph.text,
                              "intro" if paragraph.items else "paragraph", section.id))
                found += [(i.id, f"{paragraph.label}({i.num})", i.text, "item", section.id) for i in paragraph.items]
                if paragraph.wrap_up:
                    found.append((f"{paragraph.id}__wrap", f"{paragraph.label} (end)", paragraph.wrap_up, "wrap_up",
                                  section.id))
    return [Unit(*fields, index=index) for index, fields in enumerate(found)]


class _Costs:
    """Pair costs over precomputed lengths and anchors; see :func:`pair_cost`."""

    def __init__(self, source, target, source_anchors, target_anchors, ratio: float, sigma: float):
        self.source, self.target = source, target
        self.s_len = [len(u.text) for u in source]
        self.t_len = [len(u.text) for u in target]
        self.s_anchors = source_anchors
        self.t_anchors = target_anchors
        self.log_ratio = math.log(ratio)
        self.two_var = 2 * sigma * sigma

    def cost(self, s: Sequence[int], t: Sequence[int]) -> float:
        """The cost of pairing source units ``s`` with target units ``t`` (index lists, one or two each)."""
        s_len = sum(self.s_len[i] for i in s)
        t_len = sum(self.t_len[j] for j in t)
        # +20: short units ("Title", a heading) say little through their length.
        delta = math.log((t_len + 20) / (s_len + 20)) - self.log_ratio
        cost = min(delta * delta / self.two_var, LENGTH_CAP)
        a = self.s_anchors[s[0]] if len(s) == 1 else self.s_anchors[s[0]] | self.s_anchors[s[1]]
        b = self.t_anchors[t[0]] if len(t) == 1 else self.t_anchors[t[0]] | self.t_anchors[t[1]]
        if a or b:
            shared = len(a & b)
            cost += ANCHOR_WEIGHT * (1 - shared / len(a | b)) - SHARED_ANCHOR_BONUS * min(shared, 3)
        first_s, first_t = self.source[s[0]], self.target[t[0]]
        if first_s.kind != first_t.kind:
            same = _FAMILY.get(first_s.kind) == _FAMILY.get(first_t.kind)
            cost += KIND_SAME_FAMILY if same else KIND_FAMILY
        if len(s) == len(t) == 1 and first_s.id == first_t.id:
            cost -= SAME_ID_BONUS
        return cost


def pair_cost(source: Unit, target: Unit, source_anchors: frozenset = frozenset(),
              target_anchors: frozenset = frozenset(), ratio: float = 1.0, sigma: float = 0.15) -> float:
    """How unlikely it is that ``target`` translates ``source``: 0 or less for a good pair, about 7 for two units that
    share nothing. Sums a length term (the log of the length ratio against the expected ``ratio``, a normal
    deviation of ``sigma``, capped), an anchor term (the share of anchors not common to both, less a bonus for shared
    ones), a penalty when the kinds differ and a small bonus when the ids agree."""
    return _Costs([source], [target], [source_anchors], [target_anchors], ratio, sigma).cost([0], [0])


def align(
    source: list[Unit],
    target: list[Unit],
    source_anchors: Sequence[frozenset] | None = None,
    target_anchors: Sequence[frozenset] | None = None,
    ratio: float = 1.0,
    sigma: float = 0.15,
) -> list[Link]:
    """Pair the units of two language versions; see the module docstring. Anchors are sets of comparable values,
    one per unit (empty when not given); ``ratio`` is the expected target/source length ratio."""
    source_anchors = list(source_anchors) if source_anchors is not None else [frozenset()] * len(source)
    target_anchors = list(target_anchors) if target_anchors is not None else [frozenset()] * len(target)
    costs = _Costs(source, target, source_anchors, target_anchors, ratio, sigma)
    if [u.id for u in source] == [u.id for u in target] and all(
        costs.cost((i,), (i,)) <= PLAUSIBLE for i in range(len(source))
    ):
        return [Link(MATCH, (s,), (t,)) for s, t in zip(source, target)]
    return _pair_moves(_sequence_alignment(costs), costs)


# The steps of the alignment: units taken from the source and from the target.
_STEPS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))


def _sequence_alignment(costs: _Costs) -> list[Link]:
    n, m = len(costs.source), len(costs.target)
    band = abs(n - m) + BAND_MARGIN
    slope = m / n if n else 0.0
    # best[i] maps j to (cost, step) for the cells of row i inside the band.
    best: list[dict[int, tuple[float, tuple[int, int]]]] = [dict() for _ in range(n + 1)]
    best[0][0] = (0.0, (0, 0))
    for i in range(n + 1):
        centre = round(i * slope)
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if i == 0 and j == 0:
                continue
            choice = None
            for di, dj in _STEPS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or pj not in best[pi]:
                    continue
                if di == 0 or dj == 0:
                    step = SKIP
                else:
                    step = costs.cost(range(pi, i), range(pj, j)) + (SPLIT_MERGE if di + dj == 3 else 0.0)
                total = best[pi][pj][0] + step
                if choice is None or total < choice[0]:
                    choice = (total, (di, dj))
            if choice is not None:
                best[i][j] = choice
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = best[i][j][1]
        s = tuple(costs.source[i - di:i])
        t = tuple(costs.target[j - dj:j])
        if not t:
            relation = MISSING
        elif not s:
            relation = EXTRA
        elif len(t) == 2:
            relation = SPLIT
        elif len(s) == 2:
            relation = MERGED
        else:
            relation = MATCH if s[0].id == t[0].id else RENUMBERED
        links.append(Link(relation, s, t))
        i, j = i - di, j - dj
    links.reverse()
    return links


def _pair_moves(links: list[Link], costs: _Costs) -> list[Link]:
    """Turn a missing unit and an extra unit that agree (shared anchors, similar length) into one moved link."""
    missing = [k for k, link in enumerate(links) if link.relation == MISSING]
    extra = [k for k, link in enumerate(links) if link.relation == EXTRA]
    if not missing or not extra:
        return links
    s_position = {unit.id: k for k, unit in enumerate(costs.source)}
    t_position = {unit.id: k for k, unit in enumerate(costs.target)}
    moved: dict[int, Link] = {}
    used: set[int] = set()
    for k in missing:
        s = s_position[links[k].source[0].id]
        candidates = []
        for e in extra:
            if e in used:
                continue
            t = t_position[links[e].target[0].id]
            if costs.s_anchors[s] & costs.t_anchors[t]:
                candidates.append((costs.cost((s,), (t,)), e))
        if candidates:
            cost, e = min(candidates)
            if cost <= MOVE:
                used.add(e)
                moved[k] = Link(MOVED, links[k].source, links[e].target)
    return [moved.get(k, link) for k, link in enumerate(links) if k not in used]
