"""Dates: each version's dates, read in its own formats, must be the same calendar days.

Reads dates with the language tables' patterns (:func:`accord.text.anchors.find_dates`): "14 September 1999",
"14 сентября 1999 года", "2021 жылғы 26 тамыз", ranges "14 and 15 September 2021" / "14 и 15 сентября 2021г." /
"2021 жылғы 14 мен 15 қыркүйекте" (one date per day), Kazakh month names with case endings. Flags as **errors** a
date that differs or is in one version only. Matches rather than flags: the same day in each language's format.
"""

from __future__ import annotations

from ...anchors import DATE
from .numbers import compare


def check(pair):
    return compare(pair, "dates", DATE, lambda m: "date")
