"""``accord.text``: the pure core of Accord — model, parsers, renderers. It never imports Django.

Reading::

    from accord.text import parse_file
    documents = parse_file("package.md")      # or .txt, .docx: a list of Declaration / NoteVerbale

Every failure to read is a :class:`ParseError` whose message names the file and what is wrong, in one line.
"""

from __future__ import annotations

from .model import (
    DECLARATION,
    NOTE_VERBALE,
    Article,
    Declaration,
    Document,
    Enclosure,
    Item,
    NoteVerbale,
    Paragraph,
    Recital,
    Section,
    document_from_dict,
)
from .reader import ParseError, parse_blocks, parse_bytes, parse_file, parse_text
from .symbols import Symbol, find_symbols, make_symbol, normalise_symbol

__all__ = [
    "DECLARATION",
    "NOTE_VERBALE",
    "Article",
    "Declaration",
    "Document",
    "Enclosure",
    "Item",
    "NoteVerbale",
    "Paragraph",
    "ParseError",
    "Recital",
    "Section",
    "Symbol",
    "document_from_dict",
    "find_symbols",
    "make_symbol",
    "normalise_symbol",
    "parse_blocks",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
