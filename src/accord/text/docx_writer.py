"""Writing a document as a DOCX file a secretariat would recognise, with python-docx.

The layout: A4, Times New Roman 12 pt (a face with every Kazakh letter), single spacing, justified text with a
first-line indent, the document's symbol right-aligned in the page header and the page number centred in the footer.

* A declaration: the lines that stood above the title (``metadata["header"]``), the title centred in bold (style
  Title), the opening formula, the recitals with their lead phrase in an italic run, the enacting formula in bold,
  section headings (style Heading 2, centred), operative paragraphs numbered by Word itself (a list defined in the
  numbering part: ``%1.`` from the first paragraph's number, continuing across sections, and ``(%2)`` for items),
  their lead verbs in italics, wrap-ups, articles (style Heading 3: the language's ``article_title`` and the article's
  heading on a second line), closing lines.
* A note verbale: letterhead lines (bold, centred), ``№ {number}``, the body, the enclosure line in the language's
  wording (the table's ``enclosure_line``), ``{place_text}, {date_text}`` (the place as the note wrote it), and
  the addressees in bold.

Everything is written so that :func:`accord.text.parse_bytes` reads the same document back: numbers Word cannot
produce by itself ("7 bis", "(а)") are typed, and typed numbers are what the reader takes out of the text.
The core properties carry the title, the language and the symbol (as identifier).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from .languages import Language, get_language
from .model import Article, Declaration, NoteVerbale, Paragraph, Section

FONT = "Times New Roman"
SIZE = Pt(12)
FIRST_LINE = Mm(12.5)
# The reader takes a title, an article heading, a number line for what they are only in lines up to 160 characters.
LINE_LIMIT = 150

_INVALID_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_INTEGER_RE = re.compile(r"^\d{1,4}$")
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def render_docx(document: Declaration | NoteVerbale) -> bytes:
    """The DOCX bytes of a declaration or a note verbale."""
    writer = WordWriter(document.language)
    if isinstance(document, Declaration):
        writer.declaration(document)
    elif isinstance(document, NoteVerbale):
        writer.note(document)
    else:
        raise TypeError(f"cannot render {type(document).__name__} as DOCX")
    return writer.finish(document)


def _language(code: str) -> Language:
    """The language's table; a language without one is written with the English wording, which the reader reads."""
    try:
        return get_language(code)
    except KeyError:
        return get_language("en")


def _locale(code: str) -> str:
    """Word's language tag for spelling and hyphenation: the table's locale, else the bare code."""
    try:
        return get_language(code).locale
    except KeyError:
        return code


def _clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _INVALID_XML_RE.sub("", text)


def lower_letter(n: int) -> str:
    """Word's ``lowerLetter`` numbering: a…z, then aa…zz, aaa…"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def title_lines(title: str, limit: int = LINE_LIMIT) -> list[str]:
    """A long title cut into lines of at most ``limit`` characters, as titles are set.

    The reader takes a line for a title only when it is short, and joins the bold lines that follow a title to it;
    so each cut falls before a word that opens in lower case or with a digit ("of the Sixth Meeting…", "76/1. …"),
    which no reader rule takes for a heading, a formula or a symbol. A title with no such place is cut at a space.
    """
    lines: list[str] = []
    rest = title
    while len(rest) > limit:
        spaces = [i for i, char in enumerate(rest[: limit + 1]) if char == " " and i > 0]
        good = [i for i in spaces if rest[i + 1 : i + 2].islower() or rest[i + 1 : i + 2].isdigit()]
        cut = (good or spaces or [None])[-1]
        if cut is None:
            break
        lines.append(rest[:cut])
        rest = rest[cut + 1 :]
    return [*lines, rest]


class _Lists:
    """Automatic numbering: one abstract list (``%1.`` decimal, ``(%2)`` lower-letter) and its instances."""

    def __init__(self, doc: DocxDocument):
        self.numbering = doc.part.numbering_part.element
        self.abstract_id: int | None = None

    def _define(self, start: int) -> int:
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=-1) + 1
        indent = int(FIRST_LINE.twips)
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{0x5AC00000 + abstract_id:08X}"/><w:multiLevelType w:val="multilevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:firstLine="{indent}"/></w:pPr></w:lvl>'
            "</w:abstractNum>"
        )
        # The schema wants every abstractNum before the first num.
        following = next((c for c in self.numbering if c.tag in (qn("w:num"), qn("w:numIdMacAtCleanup"))), None)
        if following is not None:
            following.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return abstract_id

    def new_list(self, start: int) -> int:
        """A new list instance whose paragraphs count from ``start``; the first one defines the abstract list."""
        if self.abstract_id is None:
            self.abstract_id = self._define(start)
            return self.numbering.add_num(self.abstract_id).numId
        num = self.numbering.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId


def _number(paragraph: DocxParagraph, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


class WordWriter:
    """Builds a DOCX in the house layout (A4, Times New Roman 12, symbol in the header, page numbers): the
    normal rendering and the redline (:mod:`accord.text.redline_docx`) both write through it."""

    def __init__(self, language: str):
        self.language = language
        self.doc = new_document()
        self._page_setup()
        self._styles()
        self.lists = _Lists(self.doc)
        self.list_id: int | None = None  # the list the operative paragraphs continue
        self.expected: int | None = None  # the number its next paragraph gets

    # -- the page and the styles ---------------------------------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.header_distance = section.footer_distance = Mm(10)

    def _styles(self) -> None:
        root = self.doc.styles.element
        # Times New Roman everywhere: theme fonts would win over the named face, so they go.
        for fonts in root.iter(qn("w:rFonts")):
            for attr in _THEME_FONT_ATTRS:
                fonts.attrib.pop(qn(attr), None)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), FONT)
        defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for tag in ("w:sz", "w:szCs"):
            defaults.find(qn(tag)).set(qn("w:val"), str(int(SIZE.pt * 2)))
        defaults.find(qn("w:lang")).set(qn("w:val"), _locale(self.language))

        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = FONT, SIZE
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.0

        for name, size, before, after in (
            ("Title", 14, 0, 12), ("Heading 2", 12, 12, 6), ("Heading 3", 12, 12, 6), ("Header", 12, 0, 0)
        ):
            style = self.doc.styles[name]
            rpr = style.element.get_or_add_rPr()
            for tag in ("w:color", "w:spacing", "w:kern"):
                for element in rpr.findall(qn(tag)):
                    rpr.remove(element)
            ppr = style.element.get_or_add_pPr()
            for element in ppr.findall(qn("w:pBdr")):
                ppr.remove(element)
            style.font.name, style.font.size = FONT, Pt(size)
            style.font.color.rgb = None
            if name != "Header":
                style.font.bold = True
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)

    # -- paragraphs ----------------------------------------------------------------------------------------------

    def para(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = True,
    ) -> DocxParagraph:
        paragraph = self.doc.add_paragraph(style=style)
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = FIRST_LINE
        if text:
            run = paragraph.add_run(_clean(text))
            run.bold, run.italic = bold or None, italic or None
        return paragraph

    def led(self, paragraph: DocxParagraph, text: str, lead: str | None) -> DocxParagraph:
        """Add ``text`` to ``paragraph`` with its opening ``lead`` phrase as a separate italic run."""
        if lead and text.startswith(lead):
            paragraph.add_run(_clean(lead)).italic = True
            text = text[len(lead):]
        if text:
            paragraph.add_run(_clean(text))
        return paragraph

    # -- declarations --------------------------------------------------------------------------------------------

    def declaration(self, doc: Declaration) -> None:
        for line in doc.metadata.get("header") or []:
            self.para(line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        for line in title_lines(doc.title):
            self.para(line, style="Title", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        if doc.opening_formula:
            self.para(doc.opening_formula)
        for recital in doc.preamble:
            self.led(self.para(), recital.text, recital.lead)
        if doc.enacting_formula:
            self.para(doc.enacting_formula, bold=True)
        for section in doc.sections:
            self.section(section)
        for line in doc.closing:
            self.para(line)

    def section(self, section: Section) -> None:
        if section.num or section.heading:
            text = section.num or ""
            if section.heading:
                text = f"{text}. {section.heading}" if text else section.heading
            self.para(text, style="Heading 2", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        for paragraph in section.paragraphs:
            self.operative(paragraph)
        for article in section.articles:
            self.article(article)

    def article(self, article: Article) -> None:
        label = _language(self.language).article_title.format(num=article.num)
        heading = self.para(label, style="Heading 3", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        if article.heading and len(f"{label} {article.heading}") <= LINE_LIMIT:
            # On a second line of the same paragraph: a line break is white space to the reader, which finds the
            # heading after the number ("Article 1 Purpose").
            run = heading.add_run()
            run.add_break()
            run.bold = True
            heading.add_run(_clean(article.heading)).bold = True
        elif article.heading:
            # Too long for one heading line: a paragraph of its own, which the reader takes as the article's heading.
            self.para(article.heading, style="Heading 3", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        self.list_id = self.expected = None  # an article's paragraphs count from their own first number
        for paragraph in article.paragraphs:
            self.operative(paragraph)
        self.list_id = self.expected = None

    def operative(self, paragraph: Paragraph) -> None:
        """A numbered paragraph: Word's own numbering when its number is the next one of a list, typed otherwise."""
        num = paragraph.num
        out = self.para(indent=num is None)
        auto = False
        if num is not None and _INTEGER_RE.match(num):
            value = int(num)
            if self.list_id is None or value != self.expected:
                self.list_id = self.lists.new_list(value)
            _number(out, self.list_id, 0)
            self.expected = value + 1
            auto = True
        elif num is not None:
            out.paragraph_format.first_line_indent = FIRST_LINE
            out.add_run(f"{num}. ")
        self.led(out, paragraph.text, paragraph.lead)

        letters = [lower_letter(i) for i in range(1, len(paragraph.items) + 1)]
        auto_items = auto and [item.num for item in paragraph.items] == letters
        for item in paragraph.items:
            line = self.para(indent=not auto_items)
            if auto_items:
                _number(line, self.list_id, 1)
            else:
                line.add_run(f"({item.num}) ")
            line.add_run(_clean(item.text))
        if paragraph.wrap_up:
            self.para(paragraph.wrap_up)

    # -- notes verbales ------------------------------------------------------------------------------------------

    def note(self, note: NoteVerbale) -> None:
        for line in note.metadata.get("header") or []:
            self.para(line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        for line in note.metadata.get("letterhead") or []:
            self.para(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        if note.number:
            self.para(f"№ {note.number}", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
        for text in note.paragraphs:
            self.para(text)
        if note.enclosure is not None:
            line = _language(self.language).enclosure_line(note.enclosure.text, note.enclosure.pages)
            self.para(line, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
        place = note.place_text or note.place  # as the note wrote it ("город Нур-Султан"), else the name
        if place or note.date_text:
            place_date = _language(self.language).place_date_line(place, note.date_text)
            self.para(place_date, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
        for addressee in note.addressees:
            self.para(addressee, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)

    # -- header, footer, properties ------------------------------------------------------------------------------

    def finish(self, document: Declaration | NoteVerbale) -> bytes:
        section = self.doc.sections[0]
        if document.symbol is not None:
            header = section.header.paragraphs[0]
            header.text = _clean(document.symbol.value)
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer._p.append(
            parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )

        props = self.doc.core_properties
        props.title = _clean(document.title)
        props.language = document.language
        props.identifier = document.symbol.value if document.symbol is not None else ""
        props.author = props.last_modified_by = "Accord"
        props.comments = ""
        props.revision = 1
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now

        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
