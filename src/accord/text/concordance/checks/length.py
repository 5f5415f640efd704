"""Length-ratio outliers: a target much shorter or longer than the source leads one to expect.

The expected ratio of a language pair comes from the language tables (``length_factor``), the tolerance from
``lengths.json`` (``outlier``: the largest deviation of the logarithm of the ratio; a ``default`` and entries per
pair such as ``"en:ru"``). Flags as a **warning** an aligned pair whose source has at least ``min_chars``
characters and whose ratio deviates more than that: a sentence dropped, or one added. Split and merged pairs are
measured whole. Matches rather than flags: short provisions, whose length says little.
"""

from __future__ import annotations

import math

from ..findings import WARNING


def check(pair):
    model = pair.lengths
    for position, link in pair.both_sides():
        source = " ".join(u.text for u in link.source)
        target = " ".join(u.text for u in link.target)
        if len(source) < model.min_chars:
            continue
        deviation = pair.ratio_deviation(source, target)
        if abs(deviation) > model.outlier:
            yield pair.finding("length", "length.outlier", WARNING, position, link,
                               {"percent": round(100 * math.exp(deviation))})
