"""Reading a file into documents: format detection, the front ends, the shared stages, and the one error type.

:func:`parse_file` is what the CLI, the web upload and the tests call. It tells DOCX from text by content (a ZIP
signature), not by the file name alone, and refuses anything it cannot read with a :class:`ParseError` whose message
names the file and the fault in one line: missing, empty, binary, not valid UTF-8, a corrupt DOCX, or text in which
no declaration or note verbale can be recognised.
"""

from __future__ import annotations

import re
from pathlib import Path

from .blocks import MAX_PARAGRAPHS, Block, TooLarge, too_many_paragraphs
from .markdown import read_blocks
from .model import Declaration, NoteVerbale
from .package import link_package
from .structure import StructureError, build_declaration, build_note, classify, segment

ZIP_SIGNATURE = b"PK\x03\x04"

MAX_SOURCE_BYTES = 64 * 1024 * 1024
"""The largest file the text core reads: six times the default upload limit (``ACCORD_UPLOAD_MAX_BYTES``, 10 MB, which
the web and the API apply first), so that ``accord parse`` on a huge file, or on a device that never ends, refuses it
rather than reading it all into memory."""


class ParseError(ValueError):
    """A source that cannot be read as documents. ``str(error)`` is ``"<source>: <what is wrong>"``, one line: line
    breaks in a file's name or in a reported fault are made spaces."""

    def __init__(self, source: str, problem: str):
        super().__init__(" ".join(f"{source}: {problem}".splitlines()))
        self.source = source
        self.problem = problem


def parse_blocks(blocks: list[Block], source: str = "<text>") -> list[Declaration | NoteVerbale]:
    """Run the shared stages (classify, segment, build, link) over blocks from any front end."""
    if not blocks:
        raise ParseError(source, "no text to read")
    if len(blocks) > MAX_PARAGRAPHS:
        raise ParseError(source, str(too_many_paragraphs()))
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
    if len(text) > MAX_SOURCE_BYTES:
        raise ParseError(source, _TOO_LARGE)
    if not text.strip():
        raise ParseError(source, "empty file")
    if "\x00" in text:
        raise ParseError(source, "binary content, not text (NUL bytes found)")
    if surrogate := _SURROGATE_RE.search(text):  # only a str built in Python holds one: decoded bytes never do
        raise ParseError(source, f"not Unicode text (half of a surrogate pair at character {surrogate.start()})")
    try:
        blocks = read_blocks(text.lstrip("\ufeff"))
    except TooLarge as error:
        raise ParseError(source, str(error)) from None
    return parse_blocks(blocks, source)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


_TOO_LARGE = f"refused: larger than the {MAX_SOURCE_BYTES // 2**20} MB a file may be"


def parse_bytes(data: bytes, source: str = "<bytes>") -> list[Declaration | NoteVerbale]:
    """Parse the bytes of an uploaded file: DOCX when they start with a ZIP signature, else UTF-8 text."""
    if len(data) > MAX_SOURCE_BYTES:
        raise ParseError(source, _TOO_LARGE)
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
        with path.open("rb") as file:
            data = file.read(MAX_SOURCE_BYTES + 1)  # no more: the file may be huge, or a device that never ends
    except FileNotFoundError:
        raise ParseError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ParseError(str(path), "is a directory, not a file") from None
    except OSError as error:
        raise ParseError(str(path), f"cannot be read ({error.strerror})") from None
    return parse_bytes(data, str(path))
