"""Redlines: what changed between two revisions of a document in one language, word by word.

:func:`compare` pairs the units of the two texts (:func:`accord.text.align.units`) by their ids, which revisions
keep (a provision inserted by amendment gets a new id such as ``para_7bis``), in the order of the newer text, and
gives each a :class:`Change`: unchanged, changed (with word-level :class:`Edit` operations), inserted or deleted.
Deleted units stand where they stood, after the unit that preceded them in the older text.

The renderings of a redline are in :mod:`accord.text.redline_html` and :mod:`accord.text.redline_docx`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .align import Unit, units
from .model import Declaration, NoteVerbale

UNCHANGED = "unchanged"
CHANGED = "changed"
INSERTED = "inserted"
DELETED = "deleted"

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

# Words, runs of white space, and single marks: the pieces a reader sees change.
_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Edit:
    """A stretch of text kept, inserted or deleted."""

    op: str
    text: str


@dataclass(frozen=True)
class Change:
    """One unit of the redline: its id, label and kind, its status, and the edits that turn old text into new."""

    id: str
    label: str
    kind: str
    status: str
    edits: tuple[Edit, ...]

    @property
    def old_text(self) -> str:
        return "".join(e.text for e in self.edits if e.op != INSERT)

    @property
    def new_text(self) -> str:
        return "".join(e.text for e in self.edits if e.op != DELETE)


def word_edits(old: str, new: str) -> tuple[Edit, ...]:
    """The edits that turn ``old`` into ``new``, word by word (a changed word is deleted and inserted whole)."""
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            edits.append(Edit(EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            edits.append(Edit(DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            edits.append(Edit(INSERT, "".join(b[j1:j2])))
    return tuple(_merged(edits))


def _merged(edits: list[Edit]) -> list[Edit]:
    """Runs of changes as one deletion then one insertion; a lone space kept between two changes joins them, as a
    reader would ("[-the Statute-][+the Agreement+]" rather than word after word)."""
    result: list[Edit] = []
    deleted, inserted = "", ""

    def flush() -> None:
        nonlocal deleted, inserted
        if deleted:
            result.append(Edit(DELETE, deleted))
        if inserted:
            result.append(Edit(INSERT, inserted))
        deleted, inserted = "", ""

    for index, edit in enumerate(edits):
        between_changes = (
            edit.op == EQUAL and edit.text.isspace() and (deleted or inserted)
            and index + 1 < len(edits) and edits[index + 1].op != EQUAL
        )
        if edit.op == DELETE or between_changes:
            deleted += edit.text
        if edit.op == INSERT or between_changes:
            inserted += edit.text
        if edit.op == EQUAL and not between_changes:
            flush()
            result.append(edit)
    flush()
    return result


def compare(old: Declaration | NoteVerbale, new: Declaration | NoteVerbale) -> list[Change]:
    """The redline from ``old`` to ``new`` (two revisions of one document in one language)."""
    old_units, new_units = units(old), units(new)
    matcher = difflib.SequenceMatcher(None, [u.id for u in old_units], [u.id for u in new_units], autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(_paired(o, n) for o, n in zip(old_units[i1:i2], new_units[j1:j2]))
            continue
        changes.extend(_alone(u, DELETED, DELETE) for u in old_units[i1:i2])
        changes.extend(_alone(u, INSERTED, INSERT) for u in new_units[j1:j2])
    return changes


def _paired(old: Unit, new: Unit) -> Change:
    if old.text == new.text:
        return Change(new.id, new.label, new.kind, UNCHANGED, (Edit(EQUAL, new.text),))
    return Change(new.id, new.label, new.kind, CHANGED, word_edits(old.text, new.text))


def _alone(unit: Unit, status: str, op: str) -> Change:
    return Change(unit.id, unit.label, unit.kind, status, (Edit(op, unit.text),))


def changed(changes: list[Change]) -> list[Change]:
    """The changes a reader jumps between: everything not unchanged."""
    return [c for c in changes if c.status != UNCHANGED]
