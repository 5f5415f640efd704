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
    for note in notes:
        if note.number is None and len(numbers) == 1:
            siblings = [
                n for n in notes
                if n.number and n.date == note.date and [s.value for s in n.refers_to] == [s.value for s in note.refers_to]
            ]
            if siblings:
                note.number = siblings[0].number
                note.title = language_note_title(get_language(note.language), note.number)
                note.metadata.setdefault("inferred", {})["number"] = (
                    f"from the {siblings[0].language} version of the note in the same file"
                )
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
