"""The DOCX front end: the bytes of a Word document in, :class:`~accord.text.blocks.Block` objects out.

It makes the same blocks the Markdown front end makes, so that the shared stages of :mod:`accord.text.structure`
do the rest. It reads the package with :mod:`zipfile` and :mod:`lxml` alone (no python-docx), so that every fault of
the input is caught at a known place and reported as a :class:`~accord.text.reader.ParseError`.

The pipeline, each stage a small function that reads and writes the named things:

1. :func:`open_package` reads the bytes and writes a :class:`Package`: the ZIP directory, checked against ZIP bombs
   by the uncompressed sizes and compression ratios it declares before anything is extracted; :meth:`Package.read`
   then stops extracting past the limits whatever the directory said. Each XML part is refused before it is parsed
   if it declares a DTD (entity expansion, external entities) or holds more than :data:`MAX_XML_TAGS` tags.
2. :func:`load_parts` reads the package and writes :class:`Parts`: the parsed XML of the main document, its styles,
   its numbering definitions and the page header of its first section, found through the package relationships.
3. :func:`read_styles` reads the styles part and writes :class:`Styles`; :func:`read_numbering` reads the numbering
   part and writes :class:`Numbering`: what a paragraph inherits (bold, italic, heading level, list numbering).
4. :func:`walk_paragraphs` reads the parts and writes :class:`SourceParagraph` objects: the header's paragraphs
   first, then the body's in document order, those inside tables and content controls included.
5. :func:`make_block` reads one paragraph with the styles and a :class:`ListCounter` and writes a :class:`Block`:
   its runs with inherited emphasis, its heading level, its list number (automatic or typed); None when it is empty.

What is read as what: line breaks (``w:br``) and tabs are white space (a line break is none between two characters of
scripts written without spaces, see :func:`~accord.text.blocks.squash`); page breaks, ``lastRenderedPageBreak``,
deleted text (tracked changes), hidden text, text boxes, drawings and the results of page-number fields are not
text. A paragraph that a converter split in two at a page break stays two blocks here: the shared stages join them.
``origin`` is the 1-based index of the paragraph among all paragraphs of its part (empty ones counted); header
blocks count within the header and have ``in_header`` set.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from .blocks import (
    LIST_NUMBER_RE,
    MAX_PARAGRAPH_CHARS,
    MAX_PARAGRAPHS,
    Block,
    Run,
    TooLarge,
    paragraph_too_long,
    take_list_number,
    too_many_paragraphs,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

# A ZIP bomb is refused by the sizes its directory declares before anything is extracted, and, since a directory can
# lie, by the bytes extraction actually gives (Package.read stops reading past the limits). An upload is at most
# 10 MB (ACCORD_UPLOAD_MAX_BYTES); Word compresses its XML five to fifteen times.
MAX_PART_SIZE = 50 * 1024 * 1024
"""The largest uncompressed size a single part of the package may declare, or give when extracted."""
MAX_TOTAL_SIZE = 200 * 1024 * 1024
"""The largest uncompressed size all the parts together may declare, or give when extracted."""
MAX_RATIO = 200
"""The highest compression ratio a part larger than :data:`RATIO_FLOOR` may declare: real XML compresses far less, a
ZIP bomb (a stream of zeros or of one repeated tag) a thousand times or more."""
RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this may have any ratio: a near-empty part compresses well and costs nothing."""
MAX_XML_TAGS = 2_000_000
"""The most tags ("<") an XML part may hold. A parsed element costs about 100 bytes, so this bounds the tree of one part
to a few hundred megabytes however small its elements (50 MB of ``<w:p/>`` would be eight million); the seed's
declaration has 700, a 500-page Word document a few hundred thousand."""

_READ_CHUNK = 256 * 1024

DEFAULT_DOCUMENT = "word/document.xml"
_PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("p")`` → ``{…/main}p``."""
    return f"{{{W_NS}}}{name}"


class DocxError(Exception):
    """A fault of the input, turned into a ParseError naming the source by :func:`read_docx_blocks`."""


def read_docx_blocks(data: bytes, source: str) -> list[Block]:
    """Read the blocks of a DOCX file; any fault of the input raises ``ParseError(source, …)`` and nothing else."""
    from .reader import ParseError  # reader imports this module lazily; importing it here avoids a cycle

    try:
        package = open_package(data)
        parts = load_parts(package)
        styles = read_styles(parts.styles)
        numbering = read_numbering(parts.numbering, styles)
        counters = {True: ListCounter(numbering), False: ListCounter(numbering)}
        paragraphs = list(walk_paragraphs(parts))  # counted first: too many are refused before any is read
        blocks = [make_block(p, styles, counters[p.in_header]) for p in paragraphs]
    except (DocxError, TooLarge) as error:
        raise ParseError(source, str(error)) from None
    except RecursionError:
        raise ParseError(source, "not a valid DOCX: nesting too deep") from None
    except Exception as error:  # noqa: BLE001 — the contract: no other exception type escapes for any input
        raise ParseError(source, f"not a valid DOCX: {type(error).__name__}: {error}") from None
    return [block for block in blocks if block is not None]


# ---------------------------------------------------------------------------------------------------------------
# Stage 1: the ZIP package


@dataclass
class Package:
    """An opened ZIP whose declared sizes passed the checks; ``names`` maps case-folded part names to ZIP entries."""

    zip: zipfile.ZipFile
    names: dict[str, zipfile.ZipInfo]
    extracted: int = 0  # bytes extracted so far, whatever the directory declared

    def has(self, name: str) -> bool:
        return name.casefold() in self.names

    def read(self, name: str) -> bytes:
        """The bytes of part ``name`` (part names are case-insensitive); DocxError when the entry is corrupt or gives
        more than the limits allow (a directory may understate what an entry unpacks to)."""
        info = self.names[name.casefold()]
        limit = min(MAX_PART_SIZE, MAX_TOTAL_SIZE - self.extracted)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                # In small reads: zipfile inflates as much as one read asks for before it cuts the data to the size
                # the directory declares, so a single large read would unpack a bomb whose directory understates it.
                while size <= limit and (chunk := stream.read(_READ_CHUNK)):
                    chunks.append(chunk)
                    size += len(chunk)
        except Exception as error:  # noqa: BLE001 — zlib.error, BadZipFile (CRC), EOFError, encrypted entries…
            raise DocxError(f"not a valid DOCX: part {info.filename} cannot be extracted ({error})") from None
        data = b"".join(chunks)
        if len(data) > limit:
            raise DocxError(
                f"refused: part {info.filename} unpacks to more than {limit // 2**20} MB (a ZIP bomb?)"
                if limit == MAX_PART_SIZE else
                f"refused: the parts unpack to more than {MAX_TOTAL_SIZE // 2**20} MB in all (a ZIP bomb?)"
            )
        self.extracted += len(data)
        return data


def open_package(data: bytes) -> Package:
    """Open the ZIP directory and refuse a ZIP bomb by its declared sizes, before extracting anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as error:  # noqa: BLE001 — BadZipFile, but also ValueError/OSError/EOFError on odd directories
        problem = error or type(error).__name__
        raise DocxError(f"not a valid DOCX: {problem} (not a ZIP archive, or a truncated one)") from None
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_SIZE:
            raise DocxError(
                f"refused: part {info.filename} would unpack to {info.file_size} bytes "
                f"(limit {MAX_PART_SIZE // 2**20} MB per part; a ZIP bomb?)"
            )
        total += info.file_size
    if total > MAX_TOTAL_SIZE:
        raise DocxError(
            f"refused: the parts would unpack to {total} bytes in all (limit {MAX_TOTAL_SIZE // 2**20} MB; a ZIP bomb?)"
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocxError(
                f"refused: part {info.filename} would unpack to {info.file_size} bytes from {info.compress_size} "
                f"(more than {MAX_RATIO} times; a ZIP bomb?)"
            )
    return Package(archive, {info.filename.casefold(): info for info in infos if not info.is_dir()})


# ---------------------------------------------------------------------------------------------------------------
# Stage 2: the parts


@dataclass
class Parts:
    """The parsed XML a document needs; ``styles``, ``numbering`` and ``header`` are None when absent."""

    document: etree._Element
    styles: etree._Element | None = None
    numbering: etree._Element | None = None
    header: etree._Element | None = None


def _parse_xml(package: Package, name: str) -> etree._Element:
    """Parse one part, entities unexpanded and nothing fetched (a parser per call: lxml parsers are not thread-safe).

    A part that declares a DTD is refused (Word writes none; it is how entity expansion and external entities come),
    and so is one of more than :data:`MAX_XML_TAGS` tags, before it is parsed. ``huge_tree`` off keeps libxml2's own
    limits: elements nested at most 256 deep, a text node at most 10 MB."""
    data = package.read(name)
    if data.count(b"<") > MAX_XML_TAGS:
        raise DocxError(f"refused: {name} holds more than {MAX_XML_TAGS:,} XML tags")
    if b"<!DOCTYPE" in data:  # before parsing: libxml2 would otherwise start expanding what it declares
        raise DocxError(_DTD_REFUSED.format(name=name))
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise DocxError(f"malformed XML in {name}: {error}") from None
    if root.getroottree().docinfo.doctype:  # one the byte check missed (a part in UTF-16)
        raise DocxError(_DTD_REFUSED.format(name=name))
    return root


_DTD_REFUSED = "refused: {name} declares a DTD (entity expansion and external entities are refused)"


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part`` as ``{rId: (type, target part name)}``; external targets are left out."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{base}.rels")
    if not package.has(rels):
        return {}
    result: dict[str, tuple[str, str]] = {}
    for rel in _parse_xml(package, rels).iter(f"{{{PKG_REL_NS}}}Relationship"):
        target, rid = rel.get("Target"), rel.get("Id")
        if not target or not rid or rel.get("TargetMode") == "External":
            continue
        target = unquote(target)
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        result[rid] = (rel.get("Type") or "", posixpath.normpath(path).lstrip("/"))
    return result


def _related(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for type_, target in rels.values() if type_.endswith(f"/{kind}")), None)


def load_parts(package: Package) -> Parts:
    """Find the main document through the package relationships, then its styles, numbering and first header."""
    main = _related(_relationships(package, ""), "officeDocument") or DEFAULT_DOCUMENT
    if not package.has(main):
        main = DEFAULT_DOCUMENT
    if not package.has(main):
        raise DocxError(f"not a Word document: the ZIP has no {DEFAULT_DOCUMENT}")
    document = _parse_xml(package, main)
    if document.tag == f"{{{STRICT_W_NS}}}document":
        raise DocxError("a Strict Open XML document, which is not supported: save it as a Word Document (.docx)")
    rels = _relationships(package, main)
    folder = posixpath.dirname(main)

    def optional(kind: str, default: str) -> etree._Element | None:
        name = _related(rels, kind) if rels else posixpath.join(folder, default)
        return _parse_xml(package, name) if name and package.has(name) else None

    parts = Parts(document, optional("styles", "styles.xml"), optional("numbering", "numbering.xml"))
    header_rid = _first_header_id(document)
    if header_rid and header_rid in rels and package.has(rels[header_rid][1]):
        parts.header = _parse_xml(package, rels[header_rid][1])
    return parts


def _first_header_id(document: etree._Element) -> str | None:
    """The relationship id of the page header shown at the top of the first page of the first section."""
    body = document.find(w("body"))
    if body is None:
        return None
    sect = next(body.iter(w("sectPr")), None)  # the first section's properties end its last paragraph, or the body
    if sect is None:
        return None
    refs = {ref.get(w("type"), "default"): ref.get(f"{{{R_NS}}}id") for ref in sect.findall(w("headerReference"))}
    title_page = sect.find(w("titlePg"))
    if title_page is not None and _on(title_page) and refs.get("first"):
        return refs["first"]
    return refs.get("default")


# ---------------------------------------------------------------------------------------------------------------
# Stage 3: styles and numbering definitions


def _on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property element: None when absent; ``w:val`` "0", "false" or "off" turn it off."""
    if element is None:
        return None
    return (element.get(w("val")) or "true").strip().lower() not in ("0", "false", "off")


def _val(element: etree._Element | None, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(w("val")) if found is not None else None


def _int(text: str | None, default: int | None = None, low: int = -(10**6), high: int = 10**6) -> int | None:
    try:
        return max(low, min(high, int((text or "").strip())))
    except ValueError:
        return default


@dataclass
class Style:
    """One style: its id, name, type, the style it is based on, and its paragraph and run properties."""

    id: str
    name: str
    type: str
    based_on: str | None
    ppr: etree._Element | None
    rpr: etree._Element | None


@dataclass
class Styles:
    """The styles of a document and the defaults that apply where no style says otherwise."""

    by_id: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    default_rpr: etree._Element | None = None

    def chain(self, style_id: str | None) -> Iterator[Style]:
        """The style and the ones it is based on, nearest first (cycles broken)."""
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on

    def run_property(self, style_id: str | None, name: str) -> bool | None:
        """An on/off run property as the style defines it or inherits it through ``basedOn``; None if never set."""
        for style in self.chain(style_id):
            value = _on(style.rpr.find(w(name))) if style.rpr is not None else None
            if value is not None:
                return value
        return None

    def paragraph_property(self, style_id: str | None, path: str) -> etree._Element | None:
        """The nearest element at ``path`` in the paragraph properties of the style and its ancestors."""
        for style in self.chain(style_id):
            found = style.ppr.find(path) if style.ppr is not None else None
            if found is not None:
                return found
        return None


def read_styles(root: etree._Element | None) -> Styles:
    """Read ``styles.xml``: every style by id, the default paragraph style and the document's default run properties."""
    styles = Styles()
    if root is None:
        return styles
    styles.default_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    for element in root.iter(w("style")):
        style_id = element.get(w("styleId"))
        if not style_id:
            continue
        style = Style(
            id=style_id,
            name=(_val(element, w("name")) or style_id).strip(),
            type=element.get(w("type"), "paragraph"),
            based_on=_val(element, w("basedOn")),
            ppr=element.find(w("pPr")),
            rpr=element.find(w("rPr")),
        )
        styles.by_id[style_id] = style
        if style.type == "paragraph" and (element.get(w("default")) or "").strip().lower() in ("1", "true", "on"):
            styles.default_paragraph = style_id
    return styles


@dataclass
class Level:
    """One level of a list: start value, number format, level text (``%1.``), legal numbering, restart rule."""

    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    legal: bool = False
    restart: int | None = None
    style: str | None = None


def _level(element: etree._Element, base: Level | None = None) -> Level:
    level = Level(**vars(base)) if base else Level()
    if (start := _int(_val(element, w("start")))) is not None:
        level.start = start
    level.fmt = _val(element, w("numFmt")) or level.fmt
    text = element.find(w("lvlText"))
    if text is not None:
        level.text = text.get(w("val"), "")
    legal = _on(element.find(w("isLgl")))
    level.legal = legal if legal is not None else level.legal
    if (restart := _int(_val(element, w("lvlRestart")))) is not None:
        level.restart = restart
    level.style = _val(element, w("pStyle")) or level.style
    return level


@dataclass
class Numbering:
    """The lists of a document: for each ``numId`` its levels (``ilvl`` → :class:`Level`), overrides applied."""

    lists: dict[str, dict[int, Level]] = field(default_factory=dict)


def read_numbering(root: etree._Element | None, styles: Styles) -> Numbering:
    """Read ``numbering.xml``: resolve each ``w:num`` to its abstract definition (through numbering styles too)."""
    numbering = Numbering()
    if root is None:
        return numbering
    abstracts = {(a.get(w("abstractNumId")) or "").strip(): a for a in root.iter(w("abstractNum"))}
    nums = {(n.get(w("numId")) or "").strip(): n for n in root.iter(w("num"))}

    def levels_of(num_id: str | None, depth: int = 0) -> dict[int, Level]:
        num = nums.get((num_id or "").strip())
        abstract = abstracts.get((_val(num, w("abstractNumId")) or "").strip()) if num is not None else None
        if abstract is None:
            return {}
        link = _val(abstract, w("numStyleLink"))
        if link and depth < 4:
            # The definition lives with a numbering style: follow the style's own numId.
            linked = styles.paragraph_property(link, f"{w('numPr')}/{w('numId')}")
            if linked is not None:
                return levels_of(linked.get(w("val")), depth + 1)
        levels: dict[int, Level] = {}
        for element in abstract.findall(w("lvl")):
            ilvl = _int(element.get(w("ilvl")), None, 0, 8)
            if ilvl is not None:
                levels[ilvl] = _level(element)
        return levels

    for num_id, num in nums.items():
        levels = dict(levels_of(num_id))
        for override in num.findall(w("lvlOverride")):
            ilvl = _int(override.get(w("ilvl")), None, 0, 8)
            if ilvl is None:
                continue
            replacement = override.find(w("lvl"))
            if replacement is not None:
                levels[ilvl] = _level(replacement, levels.get(ilvl))
            start = _int(_val(override, w("startOverride")))
            if start is not None:
                levels[ilvl] = Level(**{**vars(levels.get(ilvl, Level())), "start": start})
        numbering.lists[num_id] = levels
    return numbering


# ---------------------------------------------------------------------------------------------------------------
# Stage 4: paragraphs in reading order


@dataclass
class SourceParagraph:
    """A ``w:p`` element, the part it is in, and its 1-based index among that part's paragraphs."""

    element: etree._Element
    origin: int
    in_header: bool


_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("tbl"), w("tr"), w("tc"), w("ins"), w("moveTo")}


def _paragraph_elements(container: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of a body, header or table cell in order, descending into tables and content controls."""
    stack = [iter(container)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == w("p"):
            yield child
        elif child.tag in _CONTAINERS:
            stack.append(iter(child))


def walk_paragraphs(parts: Parts) -> Iterator[SourceParagraph]:
    """The first page header's paragraphs, then the body's, in document order."""
    count = 0
    if parts.header is not None:
        for index, element in enumerate(_paragraph_elements(parts.header), start=1):
            count += 1
            if count > MAX_PARAGRAPHS:
                raise too_many_paragraphs()
            yield SourceParagraph(element, index, True)
    body = parts.document.find(w("body"))
    if body is not None:
        for index, element in enumerate(_paragraph_elements(body), start=1):
            count += 1
            if count > MAX_PARAGRAPHS:
                raise too_many_paragraphs()
            yield SourceParagraph(element, index, False)


# ---------------------------------------------------------------------------------------------------------------
# Stage 5: one paragraph to one block


def paragraph_style(ppr: etree._Element | None, styles: Styles) -> str | None:
    style_id = _val(ppr, w("pStyle"))
    return style_id if style_id in styles.by_id else styles.default_paragraph


_HEADING_NAME_RE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def heading_level(ppr: etree._Element | None, style_id: str | None, styles: Styles) -> int:
    """1 for style Title, N for "Heading N", else the outline level (``w:outlineLvl`` 0–8 → 1–9, 9: body text).

    A direct ``w:outlineLvl`` on the paragraph wins over the style's name; a style not named like a heading may
    still inherit an outline level through ``basedOn``.
    """
    direct = _int(_val(ppr, w("outlineLvl")), None, 0, 9)
    if direct is not None:
        return direct + 1 if direct < 9 else 0
    style = styles.by_id.get(style_id or "")
    if style is not None:
        for name in (style.name, style.id):
            if name.strip().lower() == "title":
                return 1
            if match := _HEADING_NAME_RE.match(name.strip()):
                return int(match.group(1))
    inherited = styles.paragraph_property(style_id, w("outlineLvl"))
    level = _int(inherited.get(w("val")), None, 0, 9) if inherited is not None else None
    return level + 1 if level is not None and level < 9 else 0


class ListCounter:
    """Word's list counters: one per ``numId`` and level; a level restarts when a higher level advances."""

    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.counters: dict[str, dict[int, int]] = {}

    def number(self, ppr: etree._Element | None, style_id: str | None, styles: Styles) -> str | None:
        """Advance the counters for this paragraph and return its number as Word shows it ("12.", "(a)"), or None."""
        num_id = _val(ppr, f"{w('numPr')}/{w('numId')}")
        ilvl_text = _val(ppr, f"{w('numPr')}/{w('ilvl')}")
        if num_id is None:
            inherited = styles.paragraph_property(style_id, f"{w('numPr')}/{w('numId')}")
            num_id = inherited.get(w("val")) if inherited is not None else None
        if ilvl_text is None:
            inherited = styles.paragraph_property(style_id, f"{w('numPr')}/{w('ilvl')}")
            ilvl_text = inherited.get(w("val")) if inherited is not None else None
        if num_id is None or num_id.strip() == "0":
            return None
        levels = self.numbering.lists.get(num_id.strip())
        if not levels:
            return None
        ilvl = _int(ilvl_text, None, 0, 8)
        if ilvl is None:
            # A level may name the paragraph style that selects it (outline numbering of headings).
            chain = [s.id for s in styles.chain(style_id)]
            ilvl = next((i for s in chain for i, lvl in sorted(levels.items()) if lvl.style == s), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(num_id.strip(), {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt in ("bullet", "none") and not re.search(r"%[1-9]", level.text or ""):
            return None if level.fmt == "bullet" else (level.text or "").strip() or None
        return self._render(level, ilvl, levels, counters)

    @staticmethod
    def _render(level: Level, ilvl: int, levels: dict[int, Level], counters: dict[int, int]) -> str | None:
        def placeholder(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index)
            if shown is None:
                return ""
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and index < ilvl else shown.fmt
            return format_number(value, fmt)

        text = re.sub(r"%([1-9])", placeholder, level.text if level.text is not None else f"%{ilvl + 1}.")
        return text.strip() or None


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def format_number(value: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt``: decimal, decimalZero, lower/upperLetter, lower/upperRoman (else decimal)."""
    if fmt in ("lowerLetter", "upperLetter") and 1 <= value <= 780:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= value <= 3999:
        roman, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                roman, rest = roman + digits, rest - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


@dataclass
class _Field:
    """A complex field open: the pieces of its instruction, whether its result was reached, whether it hides text."""

    instruction: list[str] = field(default_factory=list)
    result: bool = False
    hides: bool = True


@dataclass
class _RunState:
    """What the walk over a paragraph's runs carries: the complex fields open, and how many of them hide the text
    (kept as a count, so that a paragraph opening thousands of fields costs no walk over them at each run)."""

    fields: list[_Field] = field(default_factory=list)
    hiding: int = 0

    def begin(self) -> None:
        self.fields.append(_Field())
        self.hiding += 1  # a field's instruction is not text

    def separate(self) -> None:
        """The result starts: it is text, unless the field is a page number (its name is complete by now)."""
        current = self.fields[-1]
        if not current.result:
            current.result = True
            if _field_name("".join(current.instruction)) not in _PAGE_FIELDS:
                current.hides = False
                self.hiding -= 1

    def end(self) -> None:
        if self.fields.pop().hides:
            self.hiding -= 1

    def hidden(self) -> bool:
        """True inside a field's instruction, or inside the result of a page-number field."""
        return self.hiding > 0


def _field_name(instruction: str) -> str:
    words = instruction.split(maxsplit=1)
    return words[0].upper() if words else ""


_SKIPPED = {w("pPr"), w("rPr"), w("del"), w("moveFrom"), f"{{{MC_NS}}}AlternateContent", w("sdtPr"), w("sdtEndPr")}


def read_runs(p: etree._Element, style_id: str | None, styles: Styles) -> list[Run]:
    """The paragraph's text as runs with their effective bold and italic, neighbours of one emphasis merged."""
    runs: list[Run] = []
    pieces: list[list[str]] = []  # each run's text, joined at the end: appending to a str attribute copies it
    state = _RunState()

    def add(text: str, bold: bool, italic: bool) -> None:
        if not text:
            return
        if runs and (runs[-1].bold, runs[-1].italic) == (bold, italic):
            pieces[-1].append(text)
        else:
            runs.append(Run("", bold, italic))
            pieces.append([text])

    def visit(element: etree._Element, hide_page_field: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == w("r"):
                read_run(child, hide_page_field)
            elif tag == w("fldSimple"):
                visit(child, hide_page_field or _field_name(child.get(w("instr"), "")) in _PAGE_FIELDS)
            else:
                visit(child, hide_page_field)  # hyperlinks, insertions, smart tags, content controls…

    def read_run(r: etree._Element, hide_page_field: bool) -> None:
        rpr = r.find(w("rPr"))
        char_style = _val(rpr, w("rStyle"))
        bold = effective(rpr, "b", style_id, char_style, styles)
        italic = effective(rpr, "i", style_id, char_style, styles)
        vanish = effective(rpr, "vanish", style_id, char_style, styles)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    state.begin()
                elif kind == "separate" and state.fields:
                    state.separate()
                elif kind == "end" and state.fields:
                    state.end()
                continue
            if tag == w("instrText"):
                if state.fields and not state.fields[-1].result:
                    state.fields[-1].instruction.append(child.text or "")
                continue
            if vanish or hide_page_field or state.hidden():
                continue
            if tag == w("t"):
                add(child.text or "", bold, italic)
            elif tag in (w("tab"), w("ptab")):
                add("\t", bold, italic)
            elif tag in (w("br"), w("cr")):
                # A line break is white space (none between Chinese characters: blocks.squash); a page break separates
                # nothing.
                add("\n", bold, italic)
            elif tag == w("noBreakHyphen"):
                add("-", bold, italic)

    visit(p, False)
    for run, texts in zip(runs, pieces):
        run.text = "".join(texts)
    return runs


def effective(rpr: etree._Element | None, name: str, para_style: str | None, char_style: str | None,
              styles: Styles) -> bool:
    """An on/off run property as Word applies it (ECMA-376 §17.7.3, toggle properties).

    Direct formatting on the run sets the value outright (``w:b w:val="0"`` turns bold off). Otherwise the document
    default applies, toggled by the paragraph style and then by the character style when they set it (each style
    inheriting through ``basedOn``): italic text in an italic paragraph style shows upright, as in Word.
    """
    direct = _on(rpr.find(w(name))) if rpr is not None else None
    if direct is not None:
        return direct
    value = bool(_on(styles.default_rpr.find(w(name)))) if styles.default_rpr is not None else False
    if styles.run_property(para_style, name):
        value = not value
    if styles.run_property(char_style, name):
        value = not value
    return value


def make_block(source: SourceParagraph, styles: Styles, counter: ListCounter) -> Block | None:
    """One paragraph as a block: runs, heading level, list number (automatic from ``w:numPr``, else typed).

    None for an empty paragraph, numbered or not (its number still counts); a typed number alone ("7.") is kept,
    as the Markdown front end keeps it: the paragraph's text may follow in the next one.
    """
    ppr = source.element.find(w("pPr"))
    style_id = paragraph_style(ppr, styles)
    runs = read_runs(source.element, style_id, styles)
    if sum(len(run.text) for run in runs) > MAX_PARAGRAPH_CHARS:
        raise paragraph_too_long(f"paragraph {source.origin}" + (" of the page header" if source.in_header else ""))
    number = counter.number(ppr, style_id, styles)
    if not "".join(run.text for run in runs).strip():
        return None
    if number is None:
        number, runs = take_list_number(runs)
    else:
        match = LIST_NUMBER_RE.match(number)
        if not (match and match.group(1) == number):
            # Not a paragraph or item number ("Article 1", "I.", "1)"): text the reader sees, read as typed text is.
            first = next((run for run in runs if run.text.strip()), Run(""))
            runs = [Run(f"{number} ", first.bold, first.italic), *runs]
            number = None
    return Block(
        runs=runs,
        origin=source.origin,
        heading=heading_level(ppr, style_id, styles),
        number=number,
        in_header=source.in_header,
        unit="paragraph",
    )
