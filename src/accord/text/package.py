"""Reading the documents of one file together: a circulation package.

A secretariat circulates a note verbale in each of its languages together with the document it forwards. Read
alone, some versions miss what the package states once: the Kazakh note carries no number of its own, the enclosed
declaration no symbol. :func:`link_package` fills such a field only when the package leaves no doubt, and records
where the value came from in ``metadata["inferred"]``, so that nothing guessed passes for something read.
"""

from __future__ import annotations

from .languages import get_language
from .model import Declaration, NoteVerbale
from .structure import language_note_title


def link_package(documents: list[Declaration | NoteVerbale]) -> None:
    """Complete the documents of one file in place.

    * Notes verbales in different languages with the same date and the same documents referred to are one note:
      a version without a number takes the number the others agree on.
    * When the notes of the file forward exactly one symbol, and the file holds declarations without a symbol, those
      declarations are the enclosure and take that symbol (and the notes' date, as ``metadata["circulated"]``).
    """
    notes = [d for d in documents if isinstance(d, NoteVerbale)]
    numbers = {n.number for n in notes if n.number}
    # The first numbered note (in file order) of each date and list of documents referred to, a note given its number
    # here counting from then on: kept up to date rather than found by a walk over all the notes for each note
    # without a number, which would take n² steps for a file of thousands of notes.
    first: dict[tuple, tuple[int, NoteVerbale]] = {}
    for position, note in enumerate(notes):
        if note.number:
            first.setdefault(_sibling_key(note), (position, note))
    for position, note in enumerate(notes):
        if note.number is None and len(numbers) == 1:
            key = _sibling_key(note)
            if key in first:
                sibling = first[key][1]
                note.number = sibling.number
                note.title = language_note_title(get_language(note.language), note.number)
                note.metadata.setdefault("inferred", {})["number"] = (
                    f"from the {sibling.language} version of the note in the same file"
                )
                if position < first[key][0]:
                    first[key] = (position, note)
    forwarded = {s.value: s for n in notes for s in n.refers_to}
    if len(forwarded) != 1:
        return
    (symbol,) = forwarded.values()
    note = next(n for n in notes if n.refers_to)
    for document in documents:
        if isinstance(document, Declaration) and document.symbol is None:
            document.symbol = type(symbol)(symbol.value, symbol.value)
            document.metadata.setdefault("inferred", {})["symbol"] = (
                f"forwarded by note verbale {note.number or ''} in the same file".replace("  ", " ")
            )
            if note.date:
                document.metadata["circulated"] = note.date.isoformat()


def _sibling_key(note: NoteVerbale) -> tuple:
    """What versions of one note share: the date and the documents referred to, in order."""
    return note.date, tuple(s.value for s in note.refers_to)
