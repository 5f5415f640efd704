"""Text present in one version only: header lines, letterheads, closing lines, note numbers, parts of a document.

Flags as **info** what one version has and the other lacks altogether, where that is often the nature of the
document rather than a fault: header lines ("Проект для рассмотрения СРГ и КСДЛ"), a letterhead, closing lines, a
note number printed in one version only (one the file's other versions supplied does not count as printed), and
parts that are not provisions (title, formulas, a heading, the enclosure line, place and date, the addressee).
Flags as an **error** a note number or a document symbol printed in both versions that differs.

Matches rather than flags: header or letterhead lines present in both versions, whatever their wording (they are
often bilingual, and their order differs).
"""

from __future__ import annotations

from ...align import EXTRA, MISSING, Link, Unit
from ..findings import ERROR, INFO
from .structure import PROVISIONS

_LISTS = (("header", "Header line"), ("letterhead", "Letterhead line"))


def _alone(side: str, unit: Unit) -> Link:
    """A link holding ``unit`` on one side only."""
    return Link(MISSING, (unit,), ()) if side == "source" else Link(EXTRA, (), (unit,))


def _printed(document, field: str):
    """The value of ``field`` as the document prints it: None when missing or filled from a sibling document."""
    if field in document.metadata.get("inferred", {}):
        return None
    value = getattr(document, field, None)
    return getattr(value, "value", value)


def check(pair):
    for position, link in enumerate(pair.links):
        units = link.source or link.target
        if link.relation in (MISSING, EXTRA) and units[0].kind not in PROVISIONS:
            version = pair.source if link.source else pair.target
            yield pair.finding("one_version", "one_version.only", INFO, position, link,
                               {"what": units[0].label, "lang": version.code, "text": units[0].text})
    source, target = pair.source.document, pair.target.document
    documents = {"source": source, "target": target}
    for key, what in _LISTS + (("closing", "Closing line"),):
        lines = {side: (doc.metadata.get(key, []) if key != "closing" else getattr(doc, "closing", []))
                 for side, doc in documents.items()}
        for side, other in (("source", "target"), ("target", "source")):
            if lines[other]:
                continue
            version = getattr(pair, side)
            for number, line in enumerate(lines[side], start=1):
                link = _alone(side, Unit(f"{key}_{number}", f"{what} {number}", line, key))
                yield pair.finding("one_version", "one_version.only", INFO, -1, link,
                                   {"what": what, "lang": version.code, "text": line})
    for field, what, code in (("number", "Note number", "numbers.differ"), ("symbol", "Symbol", "symbols.differ")):
        values = {side: _printed(doc, field) for side, doc in documents.items()}
        if not any(values.values()):
            continue
        units = {side: Unit(field, what, values[side] or "", field) for side in documents}
        if all(values.values()):
            if values["source"] != values["target"]:
                link = Link(MISSING, (units["source"],), (units["target"],))
                yield pair.finding(code.split(".")[0], code, ERROR, -1, link, {
                    "what": what.lower(), "source_value": values["source"], "target_value": values["target"]})
            continue
        side = "source" if values["source"] else "target"
        yield pair.finding("one_version", "one_version.only", INFO, -1, _alone(side, units[side]),
                           {"what": what, "lang": getattr(pair, side).code, "text": values[side]})
