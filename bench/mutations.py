"""Inputs for fuzzing Accord's readers: hypothesis strategies for edits of a real input (the seed, Accord's DOCX and
XLIFF exports of it), and the bases themselves. bench/fuzz.py runs them by the hundred thousand;
tests/text/test_fuzz_*.py by the hundred, in ``make test``.

An edit list (:func:`edits`) is drawn by hypothesis, so that a failing input shrinks to few, small edits; each edit
inserts, deletes, overwrites, duplicates or repeats bytes at a position taken modulo the input's length, with
payloads from a dictionary of what the reader looks for (Markdown syntax, the language tables' formulas and lead
phrases, WordprocessingML and XLIFF elements, entity declarations, bad UTF-8) or raw bytes.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
LANGUAGE_TABLES = ROOT / "src" / "accord" / "text" / "languages"

_SYNTAX = [
    "\n", "\n\n", "\r\n", "\f", " ", "\t", "  \n", "\\\n", "<br>", "*", "**", "***", "_", "__", "\\*", "#", "## ",
    "###### ", "> ", "---\n", "***\n", "===\n", "[", "]", "](", ")", "![", "<b>", "</b>", "<", ">", "&amp;", "1. ",
    "12. ", "7 bis. ", "(a) ", "(iv) ", "б) ", "a) ", "I. ", "II ", "XIV. ", "Article 1", "Статья 2", "Section II",
    "ANNEX", "No. 17-1/542", "№ 17-1/542", "MM/2021/DRAFT/3", "ММ/2021/DRAFT/3", "A/RES/76/1", "SWG/2021/DRAFT/7",
    "ST/SGB/2019/1", ", ", "; ", ": ", ".", "…", "«", "»", "\u00a0", "\u200b", "\ufeff", "\u2028", "中文", "。", "，", "：",
    "Nur-Sultan, 26 August 2021", "Нур-Султан, 26 августа 2021 года", "31 February 2021", "Enclosure: 7 pages",
    "Приложение: на 7 л.", "DRAFT DECLARATION", "ПРОЕКТ ДЕКЛАРАЦИИ", "DRAFT RESOLUTION", "CONVENTION",
    "DECLARE THE FOLLOWING:", "We, the Ministers,", "Мы, министры,", "The Ministry of Foreign Affairs", "9" * 30,
]
_BAD_BYTES = (b"\x00", b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x80\x80",
              b"\xf4\x90\x80\x80")


@functools.cache
def text_tokens() -> tuple[bytes, ...]:
    """Markdown syntax, symbols, and every formula word the language tables hold (lead phrases, months, note words)."""
    words: list[str] = list(_SYNTAX)
    for table in sorted(LANGUAGE_TABLES.glob("*.json")):
        data = json.loads(table.read_text(encoding="utf-8"))
        words += data.get("lead_phrases", []) + data.get("months", [])
        note = data.get("note", {})
        words += note.get("opening", []) + note.get("closing", [])
    return tuple(dict.fromkeys(w.encode() for w in words)) + tuple(_BAD_BYTES)


WORD_TOKENS: tuple[bytes, ...] = tuple(t.encode() for t in [
    "<w:p>", "</w:p>", "<w:p/>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", '<w:t xml:space="preserve">', "<w:br/>",
    "<w:tab/>", "<w:pPr>", "</w:pPr>", "<w:rPr>", "</w:rPr>", "<w:b/>", '<w:b w:val="0"/>', "<w:i/>", "<w:vanish/>",
    '<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="Title"/>', '<w:rStyle w:val="Strong"/>',
    '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>', '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="x"/>',
    '<w:outlineLvl w:val="1"/>', '<w:outlineLvl w:val="99999999999999999999999"/>', '<w:start w:val="-5"/>',
    '<w:lvlText w:val="%1.%2.%9"/>', '<w:numFmt w:val="upperRoman"/>', '<w:basedOn w:val="Normal"/>',
    '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>',
    "<w:instrText>PAGE</w:instrText>", '<w:fldSimple w:instr="NUMPAGES">', "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:del>", "<w:ins>",
    '<w:sectPr><w:headerReference w:type="first" r:id="rId8"/><w:titlePg/></w:sectPr>', 'r:id="rId1"',
    '<!DOCTYPE w:document [<!ENTITY e "eee">]>', "&e;", "&#0;", "&#xD800;", "&#x1F600;", "<![CDATA[x]]>", "<!-- -->",
    "<?pi x?>", 'Target="../../../etc/passwd"', 'TargetMode="External"', 'Target="/word/document.xml"',
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"', "xmlns:w=\"\"",
    '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">', "\"", "'", "=", ">", "<", "&",
]) + _BAD_BYTES

XLIFF_TOKENS: tuple[bytes, ...] = tuple(t.encode() for t in [
    '<unit id="para_1">', '<unit id="para_1" name="OP1">', "</unit>", "<unit>", "<segment>", "</segment>",
    '<segment state="final">', '<segment state="bogus">', "<ignorable>", "</ignorable>", "<source>", "</source>",
    "<target>", "</target>", '<target order="2">', '<target order="²">', '<target order="' + "9" * 5000 + '">',
    '<cp hex="D800"/>', '<cp hex="0"/>', '<cp hex="110000"/>', '<cp hex="1F600"/>', '<cp hex="zz"/>', "<mrk>", "</mrk>",
    '<pc id="1">', "</pc>", '<ph id="1"/>', '<group id="g">', "</group>", "<notes><note>x</note></notes>", "<file>",
    '<file id="f2">', "</file>", 'xml:space="preserve"', 'xml:space="default"', 'srcLang="ru"', 'trgLang=""',
    'version="1.2"', 'version="3.0"', 'xmlns="urn:oasis:names:tc:xliff:document:1.2"', "<trans-unit>",
    '<trans-unit id="para_1" approved="yes">', "</trans-unit>", '<target state="x-custom">', "<g>", "</g>", "<x/>",
    "<!DOCTYPE xliff [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;", "&#10;", "&#0;", "<mtc:matches/>",
    '<unit id="a&#10;b">', "\"", "<", ">", "&",
]) + _BAD_BYTES

# The "aligned" forms act at a boundary, the end of a tag (">") or of a line: XML stays well-formed more often, and
# a text's lines stay lines, so that more inputs get past the parser to the stages behind it.
_OPERATIONS = ("insert", "delete", "overwrite", "duplicate", "repeat", "truncate", "insert-aligned",
               "duplicate-aligned", "repeat-aligned", "delete-aligned")


def edits(tokens: tuple[bytes, ...], max_edits: int = 8) -> st.SearchStrategy[list[tuple]]:
    """Lists of edits: ``(operation, position, length, payload, count)``, applied by :func:`apply`. Payloads are
    mostly tokens, else text, else raw bytes (which are mostly not UTF-8, and end the reading early)."""
    token = st.sampled_from(tokens)
    payload = st.one_of(token, token, token, st.text(min_size=1, max_size=8).map(str.encode),
                        st.binary(min_size=1, max_size=12))
    edit = st.tuples(
        st.sampled_from(_OPERATIONS),
        st.integers(0, 1 << 24),
        st.integers(1, 400),
        payload,
        st.one_of(st.integers(2, 12), st.integers(100, 3000)),
    )
    return st.lists(edit, min_size=1, max_size=max_edits)


def apply(base: bytes, edit_list: list[tuple]) -> bytes:
    """``base`` with the edits made in order (positions modulo the current length)."""
    data = bytearray(base)
    for operation, position, length, payload, count in edit_list:
        position %= len(data) + 1
        if operation.endswith("-aligned"):
            operation = operation.removesuffix("-aligned")
            position = _boundary(data, position)
            length = max(1, _boundary(data, position + length) - position)
        if operation == "insert":
            data[position:position] = payload
        elif operation == "delete":
            del data[position:position + length]
        elif operation == "overwrite":
            data[position:position + len(payload)] = payload
        elif operation == "duplicate":
            piece = bytes(data[position:position + length])
            target = (position + length * 7 + count) % (len(data) + 1)
            data[target:target] = piece
        elif operation == "repeat":  # a long line, or thousands of blocks
            data[position:position] = payload * count
        else:
            del data[position:]
    return bytes(data)


def _boundary(data: bytearray, position: int) -> int:
    """Just past the first ">" or line break at or after ``position`` (the end if there is none)."""
    ends = [found + 1 for found in (data.find(b">", position), data.find(b"\n", position)) if found >= 0]
    return min(ends) if ends else len(data)


# Bases --------------------------------------------------------------------------------------------------------


@functools.cache
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@functools.cache
def seed_lines() -> tuple[bytes, ...]:
    return tuple(seed_bytes().split(b"\n"))


def seed_window(start: int, length: int) -> bytes:
    """Lines ``start``… of the seed (modulo its length), ``length`` of them: a part of a real package."""
    lines = seed_lines()
    start %= len(lines)
    return b"\n".join(lines[start:start + length])


@functools.cache
def seed_documents():
    from accord.text import parse_file

    return parse_file(SEED)


@functools.cache
def docx_exports() -> tuple[dict[str, bytes], ...]:
    """The parts of Accord's DOCX exports of the seed: the English declaration and the Russian note verbale as written,
    and the declaration again with its styles part cut down to the styles the document uses (the full part is 350 KB,
    which a fuzzer would mostly spend its time parsing)."""
    from accord.text.docx_writer import render_docx

    documents = seed_documents()
    declaration = next(d for d in documents if d.kind == "declaration" and d.language == "en")
    note = next(d for d in documents if d.kind == "note_verbale" and d.language == "ru")
    full, note_parts = _parts(render_docx(declaration)), _parts(render_docx(note))
    slim = {name: content for name, content in full.items() if name != "word/stylesWithEffects.xml"}
    slim["word/styles.xml"] = _used_styles(full)
    return full, note_parts, slim


def _parts(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


_STYLE_REFERENCE_RE = re.compile(rb'w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')


def _used_styles(parts: dict[str, bytes]) -> bytes:
    """styles.xml with only the styles the other parts name, and those they are based on or linked to."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(parts["word/styles.xml"])
    styles = {s.get(f"{w}styleId"): s for s in root.iter(f"{w}style")}
    used = {s.get(f"{w}styleId") for s in styles.values() if s.get(f"{w}default") in ("1", "true")}
    for name, content in parts.items():
        if name.endswith(".xml") and name != "word/styles.xml":
            used |= {m.decode() for m in _STYLE_REFERENCE_RE.findall(content)}
    pending = list(used)
    while pending:
        style = styles.get(pending.pop())
        if style is None:
            continue
        for link in ("basedOn", "link", "next"):
            found = style.find(f"{w}{link}")
            target = found.get(f"{w}val") if found is not None else None
            if target and target not in used:
                used.add(target)
                pending.append(target)
    for style_id, style in styles.items():
        if style_id not in used:
            style.getparent().remove(style)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_parts(files: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@functools.cache
def docx_bytes(index: int) -> bytes:
    return zip_parts(docx_exports()[index], zipfile.ZIP_DEFLATED)


XML_PARTS = ("word/document.xml", "word/document.xml", "word/document.xml", "word/styles.xml", "word/numbering.xml",
             "word/header1.xml", "word/_rels/document.xml.rels", "_rels/.rels", "[Content_Types].xml")


def mutated_docx(base: int, part: int, edit_list: list[tuple], deflate: bool) -> bytes:
    """Export ``base`` (see :func:`docx_exports`) with part ``XML_PARTS[part]`` edited, repacked as a sound ZIP."""
    files = dict(docx_exports()[base])
    name = XML_PARTS[part % len(XML_PARTS)]
    files[name] = apply(files.get(name, b""), edit_list)
    return zip_parts(files, zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)


@functools.cache
def xliff_exports() -> tuple[bytes, bytes]:
    """The seed's declaration, English to Russian, as XLIFF 2.0 and 1.2 (every provision, some marked stale)."""
    from accord.text.xliff import write_xliff2, write_xliff12

    declarations = {d.language: d for d in seed_documents() if d.kind == "declaration"}
    stale = {p.id for p in declarations["en"].provisions()[::3]}
    return (write_xliff2(declarations["en"], declarations["ru"], stale=stale),
            write_xliff12(declarations["en"], declarations["ru"], stale=stale))
