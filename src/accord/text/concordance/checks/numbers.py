"""Numbers: digits in any of each language's formats, years, percentages, number words and ordinals.

Compares the numbers each side of an aligned pair mentions (:func:`accord.text.anchors.find_numbers`: dates and
symbols are left to their own checks) by value, as multisets. Flags as **errors** a number that reads differently
(1999 / 1998; 5% / 5), or is in one version only.

Matches rather than flags: the same value in each language's format (1.25 / 1,25; 1,000 / 1 000; 5% / 5 % /
5 процентов); digits against words ("two" / "два" / "екі" / 2); ordinals in any form (sixth / шестую / алтыншы;
30th / 30-летия / 30 жылдығы). A number written as a word that has no counterpart ("second" as a verb, "one of")
is not reported on its own: only when the other version has an unmatched number it could stand for.
"""

from __future__ import annotations

from collections import Counter

from ...anchors import NUMBER
from ..findings import ERROR


def unmatched(source: list, target: list) -> tuple[list, list]:
    """The (unit, mention) items of each side whose value the other side lacks, counting repeats."""
    s_count = Counter(m.value for _, m in source)
    t_count = Counter(m.value for _, m in target)
    s_left, t_left = s_count - t_count, t_count - s_count

    def keep(items, left):
        kept = []
        for unit, mention in items:
            if left[mention.value] > 0:
                left[mention.value] -= 1
                kept.append((unit, mention))
        return kept

    return keep(source, Counter(s_left)), keep(target, Counter(t_left))


def pair_up(source: list, target: list) -> tuple[list, list, list]:
    """Unmatched items as (differ pairs, missing, extra). Digits pair with digits first, in reading order; a number
    word pairs only with an unmatched number of the other side, and is dropped otherwise."""
    s_digits = [x for x in source if not x[1].in_words]
    t_digits = [x for x in target if not x[1].in_words]
    s_words = [x for x in source if x[1].in_words]
    t_words = [x for x in target if x[1].in_words]
    differ = []
    while s_digits and t_digits:
        differ.append((s_digits.pop(0), t_digits.pop(0)))
    while s_words and (t_digits or t_words):
        differ.append((s_words.pop(0), (t_digits or t_words).pop(0)))
    while t_words and s_digits:
        differ.append((s_digits.pop(0), t_words.pop(0)))
    return differ, s_digits, t_digits


def compare(pair, check: str, kind: str, describe):
    """Findings for mentions of ``kind`` on both sides of every link; ``describe(mention)`` names what it is."""
    for position, link in pair.both_sides():
        source = [x for x in pair.source.located_mentions(link.source) if x[1].kind == kind]
        target = [x for x in pair.target.located_mentions(link.target) if x[1].kind == kind]
        differ, missing, extra = pair_up(*unmatched(source, target))
        for (s_unit, s), (t_unit, t) in differ:
            yield pair.finding(check, f"{check}.differ", ERROR, position, link,
                               {"what": describe(s), "source_value": s.written, "target_value": t.written},
                               source=(s_unit, s.start, s.end), target=(t_unit, t.start, t.end))
        for s_unit, s in missing:
            yield pair.finding(check, f"{check}.missing", ERROR, position, link,
                               {"what": describe(s), "source_value": s.written}, source=(s_unit, s.start, s.end))
        for t_unit, t in extra:
            yield pair.finding(check, f"{check}.extra", ERROR, position, link,
                               {"what": describe(t), "target_value": t.written}, target=(t_unit, t.start, t.end))


def check(pair):
    return compare(pair, "numbers", NUMBER, lambda m: "year" if m.is_year else "percentage" if m.value.endswith("%")
                   else "number")
