"""Hostile files for Accord's importers: one of each kind a careless or malicious upload may be, and the refusal each
must end in. bench/fuzz.py imports them into a database among its inputs; tests/documents/test_hostile_files.py sends
each through the service, the CLI and the API.

:func:`hostile_files` gives them by kind as :class:`Hostile`: a file name, its bytes, and ``problem``, a piece of the
one-line refusal ``import_file`` gives (``"<name>: …problem…"``). Where the text core alone (``accord parse``) words
it differently, ``parse_problem`` says how. Word documents are made from a real DOCX, Accord's own export of the seed's
declaration, with one part replaced or the package damaged, so that the fault is the only thing wrong with them.

Building the large ones (a ZIP bomb, XML of two million tags) takes about a second in all; they are made once.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
DOCUMENT = "word/document.xml"


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    problem: str
    parse_problem: str | None = None  # how the text core alone words it, where that differs
    readable: bool = False  # the text core reads it: only storing it is refused

    @property
    def parse_refusal(self) -> str:
        return self.parse_problem or self.problem


@functools.cache
def seed_declaration_docx() -> bytes:
    """Accord's DOCX export of the seed's English declaration (MM/2021/DRAFT/3)."""
    from accord.text import Declaration, parse_file
    from accord.text.docx_writer import render_docx

    declaration = next(d for d in parse_file(SEED) if isinstance(d, Declaration) and d.language == "en")
    return render_docx(declaration)


def parts_of(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_of(files: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def with_document(xml: bytes | str, level: int = 6) -> bytes:
    """The seed's DOCX with its main document part replaced by ``xml``."""
    files = parts_of(seed_declaration_docx())
    files[DOCUMENT] = xml.encode() if isinstance(xml, str) else xml
    return zip_of(files, level)


def document_xml(body: str, prolog: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {DECLS}><w:body>{body}</w:body></w:document>'


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The ZIP ``data`` with the uncompressed size of entry ``name`` stated as ``size`` in its local header and in the
    central directory: a directory that lies."""
    out = bytearray(data)
    encoded = name.encode()
    position = 0
    while (position := out.find(b"PK\x03\x04", position)) >= 0:  # local headers: size at +22, name at +30
        length = struct.unpack_from("<H", out, position + 26)[0]
        if out[position + 30:position + 30 + length] == encoded:
            struct.pack_into("<I", out, position + 22, size)
        position += 4
    position = 0
    while (position := out.find(b"PK\x01\x02", position)) >= 0:  # central directory: size at +24, name at +46
        length = struct.unpack_from("<H", out, position + 28)[0]
        if out[position + 46:position + 46 + length] == encoded:
            struct.pack_into("<I", out, position + 24, size)
        position += 4
    return bytes(out)


KINDS = (
    "not-a-zip", "zip-signature-then-garbage", "truncated", "zip-bomb", "zip-bomb-ratio", "zip-bomb-lying-sizes",
    "huge-xml", "deeply-nested-xml", "billion-laughs", "external-entity", "no-document-xml", "malformed-xml",
    "too-many-paragraphs-docx", "enormous-paragraph-docx", "not-utf-8", "nul-bytes", "binary", "enormous-line",
    "too-many-paragraphs-text", "zip-named-text", "empty", "no-structure", "half-importable",
    "revision-number-overflow", "revision-number-taken", "symbol-too-long",
)
"""The kinds :func:`hostile_files` makes, known without making them (for test ids)."""


@functools.cache
def hostile_files() -> dict[str, Hostile]:
    """Every kind of hostile file, by kind (see the module)."""
    from accord.text.blocks import MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS
    from accord.text.docx_reader import MAX_RATIO, MAX_XML_TAGS

    rnd = random.Random(9)
    good = seed_declaration_docx()
    zeros = b"\0" * (60 << 20)  # 60 MB: past the 50 MB a part may unpack to
    words = " ".join(rnd.choice(["consensus", "cooperation", "Member", "States", "dialogue"]) for _ in range(40_000))
    separators = "abcdefghijklmnop"
    many_tags = "".join("<w:p/>" + rnd.choice(separators) for _ in range(MAX_XML_TAGS + 10))
    laughs = '<!DOCTYPE w:document [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol;" if n == 1 else f"&lol{n - 1};") * 10}">' for n in range(1, 10)
    ) + "]>"
    files = [
        # Word documents
        ("not-a-zip", Hostile("minutes.docx", b"Minutes of the meeting, typed in a text editor.\n",
                              "claims to be a Word document but is not one", "not a DOCX file (no ZIP signature)")),
        ("zip-signature-then-garbage", Hostile("garbage.docx", b"PK\x03\x04" + rnd.randbytes(4000),
                                               "not a valid DOCX")),
        ("truncated", Hostile("truncated.docx", good[: len(good) // 2], "not a valid DOCX")),
        ("zip-bomb", Hostile("bomb.docx", zip_of({**parts_of(good), "word/media/image1.png": zeros}, level=1),
                             "refused: part word/media/image1.png would unpack to 62914560 bytes")),
        ("zip-bomb-ratio", Hostile("ratio.docx", with_document(zeros[: 4 << 20], level=9),
                                   f"refused: part {DOCUMENT} would unpack to 4194304 bytes from")),
        ("zip-bomb-lying-sizes", Hostile("lying.docx", declare_size(with_document(zeros, level=1), DOCUMENT, 1000),
                                         f"part {DOCUMENT} cannot be extracted")),
        ("huge-xml", Hostile("huge.docx", with_document(document_xml(many_tags), level=1),
                             f"refused: {DOCUMENT} holds more than {MAX_XML_TAGS:,} XML tags")),
        ("deeply-nested-xml", Hostile("deep.docx", with_document(document_xml("<w:sdt>" * 5000 + "</w:sdt>" * 5000)),
                                      f"malformed XML in {DOCUMENT}: Excessive depth in document")),
        ("billion-laughs", Hostile("laughs.docx", with_document(document_xml(
            "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=laughs)), f"refused: {DOCUMENT} declares a DTD")),
        ("external-entity", Hostile("xxe.docx", with_document(document_xml(
            "<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>",
            prolog='<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>')),
            f"refused: {DOCUMENT} declares a DTD")),
        ("no-document-xml", Hostile("hollow.docx", zip_of({n: c for n, c in parts_of(good).items() if n != DOCUMENT}),
                                    "not a Word document: the ZIP has no word/document.xml")),
        ("malformed-xml", Hostile("malformed.docx", with_document(b"<w:document><w:body><w:p>"),
                                  f"malformed XML in {DOCUMENT}")),
        ("too-many-paragraphs-docx", Hostile("paragraphs.docx",
                                             with_document(document_xml("<w:p/>" * (MAX_PARAGRAPHS + 1))),
                                             f"refused: more than {MAX_PARAGRAPHS:,} paragraphs")),
        ("enormous-paragraph-docx", Hostile("paragraph.docx", with_document(document_xml(
            f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>")),
            f"refused: the paragraph at paragraph 1 is longer than {MAX_PARAGRAPH_CHARS:,} characters")),
        # Text
        ("not-utf-8", Hostile("latin1.txt", "DRAFT DECLARATION\n\n1. Déclaration.\n".encode("latin-1"),
                              "not UTF-8 text (invalid byte at offset 23)")),
        ("nul-bytes", Hostile("nul.md", b"**DRAFT DECLARATION**\n\n1. We\x00agree.\n",
                              "binary content, not text (NUL bytes found)")),
        ("binary", Hostile("binary.txt", bytes(range(256)) * 16, "binary content, not text")),
        ("enormous-line", Hostile("line.md", ("**DRAFT DECLARATION**\n\n1. " + words * 2 + "\n").encode(),
                                  f"refused: the paragraph at line 3 is longer than {MAX_PARAGRAPH_CHARS:,} "
                                  "characters")),
        ("too-many-paragraphs-text", Hostile("paragraphs.md", b"**DRAFT DECLARATION**\n\n" + b"x\n\n" * MAX_PARAGRAPHS,
                                             f"refused: more than {MAX_PARAGRAPHS:,} paragraphs")),
        ("zip-named-text", Hostile("archive.md", good, "claims to be text but is a ZIP archive", readable=True)),
        ("empty", Hostile("empty.md", b"\n \n", "empty file")),
        ("no-structure", Hostile("prose.txt", b"A few words of prose.\n\nAnd a few more.\n",
                                 "no recognisable structure")),
        # Files that read, but cannot all be stored: the whole import is refused.
        ("half-importable", Hostile("half.md", (
            "SWG/2021/DRAFT/7\n\n**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**\n\n*Recalling* the Almaty Act,\n\n"
            "1. We agree.\n\n**DRAFT DECLARATION**\n\n*Recalling* the Almaty Act,\n\n1. We agree.\n").encode(),
            "text 'DRAFT DECLARATION' has no symbol", readable=True)),
        ("revision-number-overflow", Hostile("overflow.md", (
            "SWG/2021/DRAFT/99999999999999999999\n\n**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**\n\n"
            "*Recalling* the Almaty Act,\n\n1. We agree.\n").encode(), "a revision number larger than 2147483647",
            readable=True)),
        ("revision-number-taken", Hostile("taken.md", (
            "SWG/2021/DRAFT/7\n\n**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**\n\n*Recalling* the Almaty Act,\n\n"
            "1. We agree.\n\nSWG/2021/DRAFT/07\n\n**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**\n\n"
            "*Recalling* the Almaty Act,\n\n1. We agree.\n").encode(),
            "SWG/2021/DRAFT/07 would be revision 7 of the document, which is SWG/2021/DRAFT/7 already", readable=True)),
        ("symbol-too-long", Hostile("long-number.md", (
            f"No. 17-1/{'5' * 150}\n\nThe Ministry of Foreign Affairs presents its compliments to the Embassy and has "
            "the honour to transmit the draft.\n\nNur-Sultan, 26 August 2021\n").encode(),
            "is longer than 100 characters", readable=True)),
    ]
    assert MAX_RATIO < 1000  # the ratio bomb (4 MB of zeros) compresses a thousand times
    assert tuple(kind for kind, _ in files) == KINDS
    return dict(files)
