"""Structure: provisions missing, extra, split, merged, moved or renumbered, and different section membership.

Reads the alignment (:func:`accord.text.align.align`). Flags, as **errors**: a provision of one version with no
counterpart in the other (missing, extra), one provision rendered as two or two as one (split, merged), a provision
found elsewhere (moved), a provision that belongs to another section (OP16 in section III in one version, in
section II in the other). Flags as a **warning** a renumbering that no other structural difference explains (the
first provision of the run only: the rest follows from it).

Matches rather than flags: the renumbering that follows a split, merge, missing or extra provision; parts that are
not provisions (title, formulas, headings, enclosure line, place and date), whose absence :mod:`.one_version`
reports.
"""

from __future__ import annotations

from ...align import EXTRA, MATCH, MERGED, MISSING, MOVED, RENUMBERED, SPLIT
from ..findings import ERROR, WARNING

PROVISIONS = frozenset({"recital", "paragraph", "intro", "item", "wrap_up", "note"})
CODES = {MISSING: "structure.missing", EXTRA: "structure.extra", SPLIT: "structure.split", MERGED: "structure.merged",
         MOVED: "structure.moved"}


def _section(version, unit) -> str:
    for section in getattr(version.document, "sections", []):
        if section.id == unit.section:
            return f"section {section.num}"
    return "no section"


def check(pair):
    previous = MATCH
    for position, link in enumerate(pair.links):
        units = link.source or link.target
        if units[0].kind not in PROVISIONS:
            previous = link.relation
            continue
        if link.relation in CODES:
            yield pair.finding("structure", CODES[link.relation], ERROR, position, link, {})
        elif link.relation == RENUMBERED and previous == MATCH:
            yield pair.finding("structure", "structure.renumbered", WARNING, position, link, {})
        if link.source and link.target and link.relation != SPLIT and link.relation != MERGED:
            s, t = link.source[0], link.target[0]
            if s.section and t.section and s.section != t.section:
                yield pair.finding("structure", "structure.section", ERROR, position, link, {
                    "source_section": _section(pair.source, s), "target_section": _section(pair.target, t)})
        previous = link.relation
