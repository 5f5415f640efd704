"""Reading a file into documents: format detection, the front ends, the shared stages, and the one error type.

:func:`parse_file` is what the CLI, the web upload and the tests call. It tells DOCX from text by content (a ZIP
signature), not by the file name alone, and refuses anything it cannot read with a :class:`ParseError` whose message
names the file and the fault in one line: missing, empty, binary, not valid UTF-8, a corrupt DOCX, or text in which
no declaration or note verbale can be recognised.
"""

from __future__ import annotations

from pathlib import Path

from .blocks import Block
from .markdown import read_blocks
from .model import Declaration, NoteVerbale
from .package import link_package
from .structure import StructureError, build_declaration, build_note, classify, segment

ZIP_SIGNATURE = b"PK\x03\x04"


class ParseError(ValueError):
    """A source that cannot be read as documents. ``str(error)`` is ``"<source>: <what is wrong>"``."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


def parse_blocks(blocks: list[Block], source: str = "<text>") -> list[Declaration | NoteVerbale]:
    """Run the shared stages (classify, segment, build, link) over blocks from any front end."""
    if not blocks:
        raise ParseError(source, "no text to read")
    segments = segment(classify(blocks))
    if not segments:
        raise ParseError(
            source,
            "no recognisable structure: found neither the title of a declaration, resolution or convention "
            "nor the number, enclosure line or opening formula of a note verbale",
        )
    try:
        documents = [build_declaration(s) if s.kind == "declaration" else build_note(s) for s in segments]
    except StructureError as error:
        raise ParseError(source, str(error)) from None
    link_package(documents)
    return documents


def parse_text(text: str, source: str = "<text>") -> list[Declaration | NoteVerbale]:
    """Parse Markdown or plain text."""
    if not text.strip():
        raise ParseError(source, "empty file")
    if "\x00" in text:
        raise ParseError(source, "binary content, not text (NUL bytes found)")
    return parse_blocks(read_blocks(text.lstrip("\ufeff")), source)


def parse_bytes(data: bytes, source: str = "<bytes>") -> list[Declaration | NoteVerbale]:
    """Parse the bytes of an uploaded file: DOCX when they start with a ZIP signature, else UTF-8 text."""
    if not data.strip():
        raise ParseError(source, "empty file")
    if data.startswith(ZIP_SIGNATURE):
        from .docx_reader import read_docx_blocks

        return parse_blocks(read_docx_blocks(data, source), source)
    if source.lower().endswith(".docx"):
        raise ParseError(source, "not a DOCX file (no ZIP signature)")
    if b"\x00" in data:
        raise ParseError(source, "binary content, not text (NUL bytes found)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ParseError(source, f"not UTF-8 text (invalid byte at offset {error.start})") from None
    return parse_text(text, source)


def parse_file(path: str | Path) -> list[Declaration | NoteVerbale]:
    """Parse a .md, .txt or .docx file into its documents."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ParseError(str(path), "is a directory, not a file") from None
    except OSError as error:
        raise ParseError(str(path), f"cannot be read ({error.strerror})") from None
    return parse_bytes(data, str(path))
