"""End punctuation of provisions, by each language's convention.

Each language table lists, per kind of provision, the marks its text may end with (``end_punctuation``: recitals
";" or ","; operative paragraphs "." or ";" or ":" before items; items ";", ",", "." or ":"; note paragraphs ".")
and names each mark's role ("full stop", "semicolon"…), so that languages with other marks compare by role.

Flags as a **warning**: a provision of either version whose end mark its language does not allow for that kind (a
Russian preambular paragraph ending with "." where ";" belongs), and a pair whose marks are each allowed but differ
in role (";" in one version, "." in the other). Closing quotes and brackets are looked through. Titles, headings,
formulas, enclosure lines and dates are not checked.
"""

from __future__ import annotations

from ..findings import WARNING

_KINDS = {"recital": "recital", "paragraph": "paragraph", "intro": "paragraph", "wrap_up": "paragraph",
          "item": "item", "note": "note"}
_KIND_NAMES = {"recital": "preambular paragraphs", "paragraph": "operative paragraphs", "item": "items",
               "note": "paragraphs of a note"}
_CLOSERS = "\"'»”’)]"


def end_mark(text: str) -> tuple[str, int]:
    """The last character that is not a closing quote or bracket, and its offset ("" and the end for none)."""
    stripped = text.rstrip()
    index = len(stripped) - 1
    while index >= 0 and stripped[index] in _CLOSERS:
        index -= 1
    if index < 0:
        return "", len(stripped)
    return stripped[index], index


def _tail(text: str, offset: int, mark: str) -> tuple[int, int]:
    """The span of the last few words up to and including the end mark: enough to find it, and to tell it apart."""
    start = text.rfind(" ", 0, max(0, offset - 30)) + 1
    return start, offset + len(mark)


def _role(language, mark: str) -> str:
    return language.end_marks.get(mark, f"“{mark}”" if mark and not mark.isalnum() else "no punctuation")


def check(pair):
    for position, link in pair.both_sides():
        if len(link.source) != 1 or len(link.target) != 1:
            continue
        kind = _KINDS.get(link.source[0].kind)
        if kind is None or kind != _KINDS.get(link.target[0].kind):
            continue
        marks = {}
        bad = False
        for side in ("source", "target"):
            version, unit = getattr(pair, side), getattr(link, side)[0]
            mark, offset = end_mark(unit.text)
            allowed = version.language.end_punctuation.get(kind)
            marks[side] = (mark, offset, unit, version)
            if allowed and mark not in allowed:
                bad = True
                yield pair.finding("punctuation", "punctuation.convention", WARNING, position, link, {
                    "mark": _role(version.language, mark), "lang": version.code, "kind": _KIND_NAMES[kind],
                    "allowed": " or ".join(_role(version.language, m) for m in sorted(allowed))},
                    version=version.code, **{side: (unit, *_tail(unit.text, offset, mark))})
        (s_mark, s_offset, s_unit, s_version), (t_mark, t_offset, t_unit, t_version) = marks["source"], marks["target"]
        if not bad and _role(s_version.language, s_mark) != _role(t_version.language, t_mark):
            yield pair.finding("punctuation", "punctuation.differ", WARNING, position, link, {
                "source_mark": _role(s_version.language, s_mark), "target_mark": _role(t_version.language, t_mark)},
                source=(s_unit, *_tail(s_unit.text, s_offset, s_mark)),
                target=(t_unit, *_tail(t_unit.text, t_offset, t_mark)))
