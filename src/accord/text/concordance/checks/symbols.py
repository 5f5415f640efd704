"""Document symbols: the same symbols in both versions, typed with the letters they are made of.

Flags as **errors**: a symbol (``MM/2021/DRAFT/3``, ``A/RES/76/1``) in one version and not in the other, compared
in normalised form; and, in either version, a Latin-based symbol typed with Cyrillic letters that look Latin
(``ММ/2021/DRAFT/3`` with two Cyrillic Em): it reads the same to the eye but does not compare equal, so a search
or a link by symbol misses it. The finding names the letters.

Matches rather than flags: a symbol wholly in Cyrillic (an in-house Russian scheme) that the other version writes
the same way; one that reads as the other version's Latin symbol ("А/80/345" for "A/80/345") is reported as typed
with look-alike letters.
"""

from __future__ import annotations

import unicodedata

from ...anchors import SYMBOL
from ...symbols import latinise
from ..findings import ERROR
from .numbers import unmatched


def _foreign_letters(written: str) -> str:
    letters = [ch for ch in written if ch.isalpha() and not ("A" <= ch <= "z")]
    names = sorted({f"{ch} ({unicodedata.name(ch, 'U+%04X' % ord(ch)).title()}, U+{ord(ch):04X})" for ch in letters})
    return ", ".join(names)


def check(pair):
    for position, link in pair.both_sides():
        source = [x for x in pair.source.located_mentions(link.source) if x[1].kind == SYMBOL]
        target = [x for x in pair.target.located_mentions(link.target) if x[1].kind == SYMBOL]
        missing, extra = unmatched(source, target)
        # A symbol typed wholly in look-alike letters ("А/80/345") keeps them in its value: it is the same symbol
        # to the eye, so it is reported as typed with look-alikes, not as missing.
        for side, items, others in (("target", extra, missing), ("source", missing, extra)):
            for item in list(items):
                twin = next((o for o in others if o[1].value == latinise(item[1].original) != item[1].original), None)
                if twin is not None:
                    items.remove(item)
                    others.remove(twin)
                    source_item, target_item = (twin, item) if side == "target" else (item, twin)
                    version = getattr(pair, side)
                    yield pair.finding("symbols", "symbols.lookalike", ERROR, position, link, {
                        "written": item[1].original, "value": twin[1].value, "lang": version.code,
                        "letters": _foreign_letters(item[1].original)}, version=version.code,
                        source=(source_item[0], source_item[1].start, source_item[1].end),
                        target=(target_item[0], target_item[1].start, target_item[1].end))
        for unit, mention in missing:
            yield pair.finding("symbols", "symbols.missing", ERROR, position, link, {"value": mention.value},
                               source=(unit, mention.start, mention.end))
        for unit, mention in extra:
            yield pair.finding("symbols", "symbols.extra", ERROR, position, link, {"value": mention.value},
                               target=(unit, mention.start, mention.end))
        for side, items, others in (("source", source, target), ("target", target, source)):
            version = getattr(pair, side)
            other = "target" if side == "source" else "source"
            for unit, mention in items:
                if mention.original != mention.value:
                    at = {side: (unit, mention.start, mention.end)}
                    # Quote the other version's spelling of the same symbol, if it has one.
                    same = [(u, m) for u, m in others if m.value == mention.value]
                    if same:
                        at[other] = (same[0][0], same[0][1].start, same[0][1].end)
                    yield pair.finding("symbols", "symbols.lookalike", ERROR, position, link, {
                        "written": mention.original, "value": mention.value, "lang": version.code,
                        "letters": _foreign_letters(mention.original)}, version=version.code, **at)
