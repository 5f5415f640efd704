"""Changing a declaration as amendments propose: finding a provision by its id, naming the provision an insertion
adds (``OP7 bis``), and applying accepted changes to the core model objects.

Pure: core model objects in and out, no Django. A provision is a recital, a numbered paragraph (in a section or an
article) or a lettered item; its text is its own words only (a paragraph's items are provisions of their own), so
an alternative to a paragraph replaces its words and leaves its items to their own amendments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.text import Declaration, Item, Paragraph, Recital

REPLACE = "replace"
DELETE = "delete"
INSERT = "insert"
ALTERNATIVE = "alternative"

# The Latin ordinals a forum numbers inserted provisions with, in order: 7, 7 bis, 7 ter…
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")


class EditError(ValueError):
    """Changes that cannot be applied together; the message names the change (its ``source``) and the provision."""


@dataclass
class Located:
    """A provision found in a declaration, with the list that holds it (where an insertion after it goes)."""

    provision: Recital | Paragraph | Item
    siblings: list
    kind: str  # "recital", "paragraph" or "item"
    label: str  # PP5, OP12, OP12(a), Art. 3(1)

    @property
    def id(self) -> str:
        return self.provision.id

    @property
    def text(self) -> str:
        return self.provision.text


def locate(declaration: Declaration, provision_id: str) -> Located | None:
    """The provision with ``provision_id``, or None."""
    for recital in declaration.preamble:
        if recital.id == provision_id:
            return Located(recital, declaration.preamble, "recital", recital.label)
    for section in declaration.sections:
        for paragraphs in [section.paragraphs, *(article.paragraphs for article in section.articles)]:
            for paragraph in paragraphs:
                if paragraph.id == provision_id:
                    return Located(paragraph, paragraphs, "paragraph", paragraph.label)
                for item in paragraph.items:
                    if item.id == provision_id:
                        return Located(item, paragraph.items, "item", f"{paragraph.label}({item.num})")
    return None


def insertion_after(declaration: Declaration, target: Located, taken: Iterable[str]) -> tuple[str, str, str] | None:
    """The id, label and number of the next provision inserted after ``target``: ``para_7bis``, ``OP7 bis``,
    ``7 bis``, then ``ter``…, skipping the ids the text already has and those in ``taken`` (other insertions
    proposed). None when every suffix is used."""
    used = {provision.id for provision in declaration.provisions()} | set(taken)
    for suffix in SUFFIXES:
        if f"{target.id}{suffix}" not in used:
            return _inserted(target, suffix)
    return None


def _inserted(target: Located, suffix: str) -> tuple[str, str, str]:
    number = getattr(target.provision, "num", None) or target.label.removeprefix("PP")
    return f"{target.id}{suffix}", f"{target.label} {suffix}", f"{number} {suffix}"


@dataclass(frozen=True)
class Change:
    """One accepted change. ``source`` names it in errors ("amendment 12"); ``text`` is the new words (replace), the
    new provision (insert) or the whole new text (alternative); ``new_id`` is the id an insertion gives the new
    provision (``para_7bis``: its provision's id and a suffix), from which its label and number follow."""

    source: str
    kind: str
    provision_id: str
    old_text: str = ""
    text: str = ""
    new_id: str = ""


@dataclass
class Applied:
    """What :func:`apply` did: the provisions whose text changed or that were inserted (in reading order), and those
    deleted."""

    changed: list[str]
    deleted: list[str]


def set_text(located: Located, text: str) -> None:
    """Give the provision new words; a lead phrase that no longer opens them is dropped."""
    provision = located.provision
    provision.text = text
    if getattr(provision, "lead", None) and not text.startswith(provision.lead):
        provision.lead = None


def apply(declaration: Declaration, changes: Iterable[Change], *, texts: bool = True) -> Applied:
    """Apply ``changes`` to ``declaration`` in place.

    Replacements and alternatives first, in the order given (a replacement's words must then occur exactly once);
    then insertions, each right after its provision and in suffix order (bis before ter); deletions last, so that
    an insertion after a deleted provision keeps its place. A provision is rewritten as a whole (alternative) or
    deleted by one change at most, and not also reworded by another: :class:`EditError` otherwise.

    With ``texts`` False (a translation, where the master language's words are not found), replacements and
    alternatives are reported as changed without being applied, insertions bring the master language's text for
    a translator to replace, deletions delete, and a provision the translation lacks is skipped.
    """
    changes = list(changes)
    changed: set[str] = set()
    deleted: list[str] = []
    touched: dict[str, Change] = {}  # provision id -> the first change to its words, or its deletion
    for change in changes:
        if change.kind == INSERT:
            continue
        located = locate(declaration, change.provision_id)
        if located is None:
            if texts:
                raise EditError(f"{change.source}: the text has no provision {change.provision_id}")
            continue
        earlier = touched.get(change.provision_id)
        if earlier is not None and (earlier.kind, change.kind) != (REPLACE, REPLACE):
            raise EditError(f"{change.source} and {earlier.source} both change {located.label}")
        touched.setdefault(change.provision_id, change)
        if change.kind == DELETE:
            continue
        if texts and change.kind == REPLACE:
            count = located.text.count(change.old_text)
            if count != 1:
                after = f" once {earlier.source} is applied" if earlier else ""
                raise EditError(
                    f"{change.source}: '{change.old_text}' occurs {count} times in {located.label}{after}, not once"
                )
            set_text(located, located.text.replace(change.old_text, change.text, 1))
        elif texts:
            set_text(located, change.text)
        changed.add(change.provision_id)

    inserts = sorted(
        (change for change in changes if change.kind == INSERT),
        key=lambda change: SUFFIXES.index(change.new_id.removeprefix(change.provision_id)),
    )
    inserted_after: dict[str, int] = {}
    for change in inserts:
        located = locate(declaration, change.provision_id)
        if located is None:
            if texts:
                raise EditError(f"{change.source}: the text has no provision {change.provision_id}")
            continue
        position = located.siblings.index(located.provision) + 1 + inserted_after.get(change.provision_id, 0)
        new_id, label, number = _inserted(located, change.new_id.removeprefix(change.provision_id))
        located.siblings.insert(position, _new_provision(located.kind, new_id, label, number, change.text))
        inserted_after[change.provision_id] = inserted_after.get(change.provision_id, 0) + 1
        changed.add(change.new_id)

    for change in changes:
        if change.kind == DELETE:
            located = locate(declaration, change.provision_id)
            if located is not None:
                located.siblings.remove(located.provision)
                deleted.append(change.provision_id)

    order = [provision.id for provision in declaration.provisions()]
    return Applied(changed=[pid for pid in order if pid in changed], deleted=deleted)


def _new_provision(kind: str, new_id: str, label: str, number: str, text: str) -> Recital | Paragraph | Item:
    if kind == "recital":
        return Recital(new_id, label, None, text)
    if kind == "item":
        return Item(new_id, number, text)
    return Paragraph(new_id, label, number, text)
