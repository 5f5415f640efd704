"""DOCX in and out: the writer's layout, the reader's WordprocessingML, the round trip, and refusing bad input."""

import copy
import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text import (
    Article,
    Declaration,
    Item,
    Paragraph,
    ParseError,
    Recital,
    Section,
    make_symbol,
    parse_bytes,
    parse_file,
)
from accord.text.docx_reader import read_docx_blocks
from accord.text.docx_writer import render_docx, title_lines

FIXTURES = Path(__file__).parent / "fixtures"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------------------------------------------------------
# Documents built by hand: the shapes the seed lacks


def declaration_with_items() -> Declaration:
    return Declaration(
        language="en",
        title="DECLARATION on Economic Cooperation in Asia",
        symbol=make_symbol("SOC/2022/1"),
        opening_formula="We, the Member States of the Conference on Interaction and Confidence Building Measures,",
        preamble=[
            Recital("recs_1__rec_1", "PP1", "Recalling", "Recalling the Almaty Act of 4 June 2002;"),
            Recital(
                "recs_1__rec_2", "PP2", "Noting with appreciation",
                "Noting with appreciation, in this regard, the work of the Secretariat;",
            ),
        ],
        enacting_formula="DECLARE THE FOLLOWING:",
        sections=[
            Section("sec_I", "I", None, paragraphs=[
                Paragraph(
                    "para_1", "OP1", "1", "We agree to cooperate in the following areas:",
                    items=[
                        Item("para_1__point_a", "a", "trade and investment;"),
                        Item("para_1__point_b", "b", "transport and logistics."),
                    ],
                    wrap_up="Such cooperation shall be reviewed every two years by the Senior Officials Committee.",
                ),
                Paragraph("para_2", "OP2", "2", "We welcome the Plan of Action."),
            ]),
            Section("sec_II", "II", "Follow-up", paragraphs=[
                Paragraph("para_3", "OP3", "3", "We request the Secretariat to report on the implementation."),
            ]),
        ],
        closing=["Adopted in Nur-Sultan on 12 October 2021."],
    )


def un_resolution() -> Declaration:
    return Declaration(
        language="en",
        title="Resolution adopted by the General Assembly on 8 October 2021",
        form="resolution",
        symbol=make_symbol("A/RES/76/1"),
        opening_formula="The General Assembly,",
        preamble=[
            Recital("recs_1__rec_1", "PP1", "Recalling", "Recalling its resolution 62/77 of 6 December 2007,"),
            Recital(
                "recs_1__rec_2", "PP2", "Reaffirming",
                "Reaffirming the purposes and principles of the Charter of the United Nations,",
            ),
        ],
        sections=[Section(None, None, paragraphs=[
            Paragraph(
                "para_1", "OP1", "1", "Decides to invite the Conference to participate in the work of the Assembly;",
                lead="Decides",
            ),
            Paragraph(
                "para_2", "OP2", "2",
                "Requests the Secretary-General to take the action necessary to implement the present resolution.",
                lead="Requests",
            ),
        ])],
    )


def convention() -> Declaration:
    return Declaration(
        language="en",
        title="CONVENTION on the Privileges and Immunities of the Secretariat",
        form="convention",
        opening_formula="The States Parties to this Convention,",
        preamble=[Recital("recs_1__rec_1", "PP1", "Desiring", "Desiring to define the privileges of the Secretariat,")],
        enacting_formula="Have agreed as follows:",
        sections=[Section(None, None, articles=[
            Article("art_1", "Art. 1", "1", "Purpose", paragraphs=[
                Paragraph("art_1__para_1", "Art. 1(1)", "1", "This text sets out the privileges of the Secretariat."),
                Paragraph("art_1__para_2", "Art. 1(2)", "2", "It applies to the personnel of the Secretariat."),
            ]),
            Article("art_2", "Art. 2", "2", "Legal capacity", paragraphs=[
                Paragraph("art_2__para_1", "Art. 2", None, "The Secretariat shall possess legal capacity."),
            ]),
            Article("art_3", "Art. 3", "3", None, paragraphs=[
                Paragraph("art_3__para_1", "Art. 3(1)", "1", "The premises of the Secretariat shall be inviolable."),
                Paragraph("art_3__para_2", "Art. 3(2)", "2", "The archives of the Secretariat shall be inviolable."),
            ]),
        ])],
    )


HAND_BUILT = {"items": declaration_with_items, "resolution": un_resolution, "convention": convention}


def comparable(document) -> dict:
    """The dict form without what only says how the original package was read (the DOCX states the symbol)."""
    data = document.to_dict()
    data["metadata"] = {k: v for k, v in data["metadata"].items() if k not in ("inferred", "circulated")}
    return data


def round_trip(document):
    (back,) = parse_bytes(render_docx(document), "x.docx")
    return back


def xml_of(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


# ---------------------------------------------------------------------------------------------------------------
# The round trip


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_seed_declarations_come_back_from_docx(seed_declarations, language):
    original = seed_declarations[language]
    assert comparable(round_trip(original)) == comparable(original)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_seed_notes_come_back_from_docx(seed_notes, language):
    original = seed_notes[language]
    back = round_trip(original)
    assert comparable(back) == comparable(original)
    assert "inferred" not in back.metadata  # the Kazakh note's number, inferred in the package, is stated now


@pytest.mark.parametrize("name", sorted(HAND_BUILT))
def test_hand_built_declarations_come_back_from_docx(name):
    original = HAND_BUILT[name]()
    assert comparable(round_trip(original)) == comparable(original)


@pytest.mark.parametrize(
    "name", ["convention_en.md", "convention_kk.md", "declaration_plain_ru.txt", "resolution_un.md"]
)
def test_the_shape_fixtures_come_back_from_docx(name):
    (original,) = parse_file(FIXTURES / name)
    assert comparable(round_trip(original)) == comparable(original)


def test_a_russian_convention_with_cyrillic_items_and_a_bis_paragraph_comes_back():
    original = Declaration(
        language="ru",
        title="ПРОЕКТ КОНВЕНЦИИ о привилегиях и иммунитетах Секретариата",
        form="convention",
        draft=True,
        opening_formula="Государства-участники настоящей Конвенции,",
        preamble=[Recital("recs_1__rec_1", "PP1", "Желая", "Желая определить привилегии Секретариата,")],
        enacting_formula="согласились о нижеследующем:",
        sections=[Section(None, None, articles=[
            Article("art_1", "Art. 1", "1", "Цель", paragraphs=[
                Paragraph(
                    "art_1__para_1", "Art. 1(1)", "1", "Настоящая Конвенция определяет привилегии:",
                    items=[
                        Item("art_1__para_1__point_a", "а", "его персонала;"),
                        Item("art_1__para_1__point_b", "б", "его помещений."),
                    ],
                ),
                Paragraph("art_1__para_1bis", "Art. 1(1 bis)", "1 bis", "Она применяется также к архивам."),
                Paragraph("art_1__para_2", "Art. 1(2)", "2", "Она применяется к персоналу Секретариата."),
            ]),
        ])],
    )
    data = render_docx(original)
    assert comparable(round_trip(original)) == comparable(original)
    text = "\n".join(p.text for p in open_docx(io.BytesIO(data)).paragraphs)
    assert "1 bis. Она применяется" in text and "(а) его персонала;" in text  # what Word cannot count is typed
    assert "Статья 1" in text


def test_a_long_title_is_set_on_lines_the_reader_joins_again():
    title = (
        "DRAFT DECLARATION of the Sixth Meeting of the Ministers of Foreign Affairs of the Conference on Interaction "
        "and Confidence Building Measures in Asia on the occasion of the thirtieth anniversary of the Conference"
    )
    lines = title_lines(title)
    assert len(lines) > 1 and " ".join(lines) == title and all(len(line) <= 150 for line in lines)
    assert all(line[0].islower() or line[0].isdigit() for line in lines[1:])
    original = un_resolution()
    original.title, original.form, original.draft = title, "declaration", True
    assert round_trip(original).title == title


def test_an_article_heading_too_long_for_one_line_gets_a_paragraph_of_its_own():
    original = convention()
    original.sections[0].articles[0].heading = (
        "Purpose and scope of application of the privileges and immunities granted to the Secretariat, "
        "its personnel and the representatives of Members"
    )
    data = render_docx(original)
    texts = [p.text for p in open_docx(io.BytesIO(data)).paragraphs]
    assert texts[texts.index("Article 1") + 1] == original.sections[0].articles[0].heading
    assert comparable(round_trip(original)) == comparable(original)


# ---------------------------------------------------------------------------------------------------------------
# What the writer writes


def test_operative_paragraphs_use_real_word_numbering(seed_declarations):
    data = render_docx(seed_declarations["en"])
    document = open_docx(io.BytesIO(data))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) == 29
    assert not any(re.match(r"\s*\d+\.", p.text) for p in numbered)  # no typed "1."
    assert numbered[0].text.startswith("We are convinced")
    # One list across the sections: paragraph 4 (section II) continues paragraph 3 (section I).
    assert len({p._p.pPr.numPr.numId.val for p in numbered}) == 1
    numbering = xml_of(data, "word/numbering.xml")
    abstract = re.findall(r"<w:abstractNum [^>]*>.*?</w:abstractNum>", numbering, re.S)[-1]
    level_0 = r'<w:lvl w:ilvl="0">.*?<w:start w:val="1"/>.*?<w:numFmt w:val="decimal"/>.*?<w:lvlText w:val="%1\."/>'
    level_1 = r'<w:lvl w:ilvl="1">.*?<w:numFmt w:val="lowerLetter"/>.*?<w:lvlText w:val="\(%2\)"/>'
    assert re.search(level_0, abstract, re.S) and re.search(level_1, abstract, re.S)
    blocks = [b for b in read_docx_blocks(data, "x.docx") if b.number]
    assert [b.number for b in blocks] == [f"{n}." for n in range(1, 30)]


def test_the_list_starts_at_the_first_number_and_restarts_where_numbers_jump():
    document = un_resolution()
    paragraphs = document.sections[0].paragraphs
    for paragraph, num in zip(paragraphs, ["5", "6"]):
        paragraph.num = num
    paragraphs.append(Paragraph("para_9", "OP9", "9", "Decides to remain seized of the matter.", lead="Decides"))
    data = render_docx(document)
    numbering = xml_of(data, "word/numbering.xml")
    abstract = re.findall(r"<w:abstractNum [^>]*>.*?</w:abstractNum>", numbering, re.S)[-1]
    assert '<w:start w:val="5"/>' in abstract
    assert '<w:startOverride w:val="9"/>' in numbering
    assert [b.number for b in read_docx_blocks(data, "x.docx") if b.number] == ["5.", "6.", "9."]


def test_items_are_the_second_level_of_the_same_list():
    data = render_docx(declaration_with_items())
    document = open_docx(io.BytesIO(data))
    items = [p for p in document.paragraphs if p.text in ("trade and investment;", "transport and logistics.")]
    assert [p._p.pPr.numPr.ilvl.val for p in items] == [1, 1]
    blocks = read_docx_blocks(data, "x.docx")
    assert [b.number for b in blocks if b.number] == ["1.", "(a)", "(b)", "2.", "3."]


def test_lead_phrases_are_separate_italic_runs(seed_declarations):
    document = open_docx(io.BytesIO(render_docx(seed_declarations["en"])))
    recital = next(p for p in document.paragraphs if p.text.startswith("Highly appreciating"))
    first, rest = recital.runs[0], recital.runs[1]
    assert (first.text, first.italic) == ("Highly appreciating", True)
    assert rest.text.startswith(", on the eve") and not rest.italic
    resolution = open_docx(io.BytesIO(render_docx(un_resolution())))
    decides = next(p for p in resolution.paragraphs if p.text.startswith("Decides"))
    assert (decides.runs[0].text, decides.runs[0].italic) == ("Decides", True) and not decides.runs[1].italic


def test_the_page_header_holds_the_symbol_and_the_page_is_a4_in_times_new_roman(seed_declarations):
    data = render_docx(seed_declarations["ru"])
    document = open_docx(io.BytesIO(data))
    section = document.sections[0]
    header = section.header.paragraphs[0]
    assert header.text == "MM/2021/DRAFT/3" and header.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 12
    styles = xml_of(data, "word/styles.xml")
    assert "asciiTheme" not in styles  # no theme font overrides the face
    assert '<w:lang w:val="ru-RU"' in styles
    title = next(p for p in document.paragraphs if p.text.startswith("ПРОЕКТ ДЕКЛАРАЦИИ"))
    assert title.style.name == "Title" and title.runs[0].bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    header_lines = ["Председательство Казахстана", "Проект для рассмотрения СРГ и КСДЛ"]
    assert [p.text for p in document.paragraphs[:2]] == header_lines
    heading = next(p for p in document.paragraphs if p.text == "II")
    assert heading.style.name == "Heading 2" and heading.alignment == WD_ALIGN_PARAGRAPH.CENTER
    blocks = read_docx_blocks(data, "x.docx")
    assert blocks[0].in_header and blocks[0].text == "MM/2021/DRAFT/3"


def test_core_properties_name_the_document():
    document = open_docx(io.BytesIO(render_docx(un_resolution())))
    props = document.core_properties
    assert (props.title, props.language, props.identifier) == (
        "Resolution adopted by the General Assembly on 8 October 2021", "en", "A/RES/76/1",
    )


def test_a_note_is_laid_out_as_a_note(seed_notes):
    document = open_docx(io.BytesIO(render_docx(seed_notes["ru"])))
    paragraphs = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    assert texts[2] == "№ 17-1/542"
    assert "Приложение: упомянутое, на 7 л." in texts
    assert "город Нур-Султан, 26 августа 2021г." in texts
    assert paragraphs[0].runs[0].bold and paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraphs[-1].text.startswith("ГОСУДАРСТВА-ЧЛЕНЫ") and paragraphs[-1].runs[0].bold
    kazakh = [p.text for p in open_docx(io.BytesIO(render_docx(seed_notes["kk"]))).paragraphs]
    assert "Қосымша: аталған 7 п." in kazakh and "№ 17-1/542" in kazakh


# ---------------------------------------------------------------------------------------------------------------
# Reading a document made by hand, as a converter or a typist would


def test_a_converted_declaration_is_read_like_its_markdown():
    document = open_docx()
    document.sections[0].header.paragraphs[0].text = "MM/2021/DRAFT/3"
    title = document.add_paragraph()
    title.add_run("DRAFT DECLARATION").bold = True
    document.add_paragraph().add_run("of the Sixth Meeting of the Ministers of Foreign Affairs").bold = True
    document.add_paragraph("We, the Ministers of Foreign Affairs,")
    recital = document.add_paragraph()
    recital.add_run("Having met").italic = True
    recital.add_run(" in Nur-Sultan,")
    recital.add_run().add_break()  # a hard line break inside the recital
    recital.add_run("Republic of Kazakhstan;")
    recital = document.add_paragraph()
    recital.add_run("Highly appreciating,").italic = True
    recital.add_run(" the role of the Founder;")
    document.add_paragraph().add_run("DECLARE THE FOLLOWING:").bold = True
    document.add_paragraph("I", style="Heading 3")
    document.add_paragraph("")  # empty paragraphs are dropped
    document.add_paragraph("1. We are convinced that multilateral cooperation based on the Almaty")
    rest = document.add_paragraph()
    rest.add_run().add_break(WD_BREAK.PAGE)  # the rest of paragraph 1, split off at a page break
    rest.add_run("Act, is an important element of security.")
    document.add_paragraph("2. We affirm our commitment to the UN Charter.")
    document.add_paragraph("II", style="Heading 3")
    document.add_paragraph("3. We support the transformation of CICA.")
    out = io.BytesIO()
    document.save(out)

    (declaration,) = parse_bytes(out.getvalue(), "converted.docx")
    assert declaration.symbol.value == "MM/2021/DRAFT/3"
    assert declaration.title == "DRAFT DECLARATION of the Sixth Meeting of the Ministers of Foreign Affairs"
    assert declaration.draft and declaration.opening_formula == "We, the Ministers of Foreign Affairs,"
    assert [(r.lead, r.text) for r in declaration.preamble] == [
        ("Having met", "Having met in Nur-Sultan, Republic of Kazakhstan;"),
        ("Highly appreciating", "Highly appreciating, the role of the Founder;"),
    ]
    assert declaration.enacting_formula == "DECLARE THE FOLLOWING:"
    assert [(s.id, [p.id for p in s.paragraphs]) for s in declaration.sections] == [
        ("sec_I", ["para_1", "para_2"]),
        ("sec_II", ["para_3"]),
    ]
    assert declaration.sections[0].paragraphs[0].text == (
        "We are convinced that multilateral cooperation based on the Almaty Act, is an important element of security."
    )
    blocks = read_docx_blocks(out.getvalue(), "converted.docx")
    assert [b.origin for b in blocks if b.number] == [9, 11, 13]  # paragraph indices, the empty one counted


def test_a_note_with_its_letterhead_in_a_table_is_read():
    document = open_docx()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("SECRETARIAT OF THE CONFERENCE").bold = True
    table.cell(0, 1).paragraphs[0].add_run("СЕКРЕТАРИАТ СОВЕЩАНИЯ").bold = True
    document.add_paragraph().add_run("No. 17-1/542").bold = True
    document.add_paragraph(
        "The Secretariat of the Conference presents its compliments to the Member States and has the honour to "
        "forward the draft declaration (document MM/2021/DRAFT/3)."
    )
    document.add_paragraph("Enclosure: as stated, on 7 p.")
    document.add_paragraph("Nur-Sultan, 26 August 2021")
    document.add_paragraph().add_run("MEMBER STATES OF THE CONFERENCE").bold = True
    out = io.BytesIO()
    document.save(out)
    (note,) = parse_bytes(out.getvalue(), "note.docx")
    assert note.metadata["letterhead"] == ["SECRETARIAT OF THE CONFERENCE", "СЕКРЕТАРИАТ СОВЕЩАНИЯ"]
    assert (note.number, note.enclosure.pages, note.place, note.date.isoformat()) == (
        "17-1/542", 7, "Nur-Sultan", "2021-08-26",
    )
    assert note.addressees == ["MEMBER STATES OF THE CONFERENCE"]
    assert [s.value for s in note.refers_to] == ["MM/2021/DRAFT/3"]


# ---------------------------------------------------------------------------------------------------------------
# WordprocessingML details, on packages written from raw XML

_DECLS = (
    f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def raw_docx(body: str, styles: str = "", numbering: str = "", header: str = "", title_page: bool = False) -> bytes:
    """A minimal package: the body's XML, and optionally styles, numbering and a first-section header."""
    rels = []
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'
        ),
    }
    for rid, kind, name, content, root in (
        ("rId1", "styles", "styles.xml", styles, "styles"),
        ("rId2", "numbering", "numbering.xml", numbering, "numbering"),
        ("rId3", "header", "header1.xml", header, "hdr"),
    ):
        if content:
            files[f"word/{name}"] = f"<w:{root} {_DECLS}>{content}</w:{root}>"
            rels.append(
                f'<Relationship Id="{rid}" Target="{name}" '
                f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/>'
            )
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    sect = ""
    if header:
        kind = "first" if title_page else "default"
        sect = f'<w:headerReference w:type="{kind}" r:id="rId3"/>' + ("<w:titlePg/>" if title_page else "")
    files["word/document.xml"] = f"<w:document {_DECLS}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def p(text: str = "", ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/>
  <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ArticleHeading"><w:name w:val="Article heading"/>
  <w:basedOn w:val="Heading3"/></w:style>
<w:style w:type="paragraph" w:styleId="Letterhead"><w:name w:val="Letterhead"/><w:basedOn w:val="Normal"/>
  <w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="LetterheadChild"><w:name w:val="Letterhead child"/>
  <w:basedOn w:val="Letterhead"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b w:val="1"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="OP"><w:name w:val="Operative paragraph"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
"""


def test_bold_and_italic_are_inherited_as_word_applies_them():
    body = (
        p("letterhead", "<w:pStyle w:val=\"LetterheadChild\"/>")  # bold through basedOn
        + p("not bold", "<w:pStyle w:val=\"Letterhead\"/>", "<w:b w:val=\"0\"/>")  # direct formatting turns it off
        + p("strong", "", "<w:rStyle w:val=\"Strong\"/>")  # a character style
        + p("upright", "<w:pStyle w:val=\"Quote\"/>", "<w:rStyle w:val=\"Emphasis\"/>")  # italic toggled off
        + p("quoted", "<w:pStyle w:val=\"Quote\"/>")
        + p("explicit", "", "<w:b w:val=\"true\"/><w:i/>")
        + p("off", "", "<w:b w:val=\"false\"/><w:i w:val=\"off\"/>")
    )
    blocks = read_docx_blocks(raw_docx(body, STYLES), "x.docx")
    assert [(b.text, b.bold, b.italic) for b in blocks] == [
        ("letterhead", True, False),
        ("not bold", False, False),
        ("strong", True, False),
        ("upright", False, False),
        ("quoted", False, True),
        ("explicit", True, True),
        ("off", False, False),
    ]


def test_headings_come_from_style_names_and_outline_levels():
    body = (
        p("A title", '<w:pStyle w:val="Title"/>')
        + p("Localised heading 2", '<w:pStyle w:val="berschrift2"/>')
        + p("Article 1", '<w:pStyle w:val="ArticleHeading"/>')  # custom style based on heading 3
        + p("Outline level", '<w:outlineLvl w:val="3"/>')
        + p("Body text", '<w:pStyle w:val="berschrift2"/><w:outlineLvl w:val="9"/>')
        + p("Plain")
    )
    blocks = read_docx_blocks(raw_docx(body, STYLES), "x.docx")
    assert [(b.text, b.heading) for b in blocks] == [
        ("A title", 1), ("Localised heading 2", 2), ("Article 1", 3), ("Outline level", 4), ("Body text", 0),
        ("Plain", 0),
    ]


NUMBERING = """
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="9">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8226;"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>
"""


def numbered(text: str, num_id: int | None, ilvl: int | None = None, style: str = "") -> str:
    num_pr = ""
    if num_id is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        num_pr = f'<w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr>'
    style = f'<w:pStyle w:val="{style}"/>' if style else ""
    return p(text, style + num_pr)


def test_automatic_list_numbers_are_counted_like_word():
    body = (
        numbered("Security", 3, 0, "berschrift2")  # "I." is not a paragraph number: it stays in the text
        + numbered("first", 1, 0)
        + numbered("sub a", 1, 1)
        + numbered("sub b", 1, 1)
        + numbered("sub sub", 1, 2)
        + numbered("second", 1, 0)
        + numbered("sub a again", 1, 1)  # the lower level restarts when the higher one advances
        + numbered("", 1, 0)  # an empty numbered paragraph still counts, and is dropped
        + numbered("by style", None, style="OP")  # numbering from the paragraph style's numPr
        + numbered("restarted list", 2, 0)
        + numbered("Economy", 3, 0, "berschrift2")
        + numbered("lettered", 3, 1)
        + numbered("bulleted", 4, 0)
        + numbered("switched off", 0, 0)
        + numbered("unknown list", 99, 0)
        + p("12. typed number")
        + p("(c) typed item")
    )
    blocks = read_docx_blocks(raw_docx(body, STYLES, NUMBERING), "x.docx")
    assert [(b.number, b.text) for b in blocks] == [
        (None, "I. Security"),
        ("5.", "first"),
        ("(a)", "sub a"),
        ("(b)", "sub b"),
        ("(i)", "sub sub"),
        ("6.", "second"),
        ("(a)", "sub a again"),
        ("8.", "by style"),
        ("1.", "restarted list"),
        (None, "II. Economy"),
        (None, "A) lettered"),
        (None, "bulleted"),
        (None, "switched off"),
        (None, "unknown list"),
        ("12.", "typed number"),
        ("(c)", "typed item"),
    ]
    assert blocks[0].bold and blocks[0].heading == 2  # the number text takes the heading's emphasis


def test_breaks_fields_and_revisions_are_read_as_word_shows_them():
    body = (
        '<w:p><w:r><w:t>Having</w:t><w:br/><w:t>met</w:t><w:tab/><w:t>in</w:t></w:r>'
        '<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"> Nur-Sultan</w:t></w:r>'
        '<w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>'
        '<w:ins><w:r><w:t xml:space="preserve">, inserted</w:t></w:r></w:ins>'
        '<w:hyperlink><w:r><w:t xml:space="preserve"> linked</w:t></w:r></w:hyperlink>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> today</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'  # a page break alone: an empty paragraph, dropped
        '<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>'
        + p("last")
    )
    blocks = read_docx_blocks(raw_docx(body), "x.docx")
    assert [(b.text, b.origin) for b in blocks] == [("Having met in Nur-Sultan, inserted linked today", 1), ("last", 4)]


@pytest.mark.parametrize("title_page", [False, True])
def test_the_first_page_header_comes_first_and_page_numbers_are_not_text(title_page):
    header = (
        p("MM/2021/DRAFT/3")
        + '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    body = (
        "<w:tbl><w:tr><w:tc>" + p("left cell") + "</w:tc><w:tc>"
        "<w:tbl><w:tr><w:tc>" + p("nested cell") + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"
        "<w:sdt><w:sdtContent>" + p("content control") + "</w:sdtContent></w:sdt>"
        + p("body")
    )
    blocks = read_docx_blocks(raw_docx(body, header=header, title_page=title_page), "x.docx")
    assert [(b.text, b.in_header, b.origin) for b in blocks] == [
        ("MM/2021/DRAFT/3", True, 1),
        ("Page", True, 2),
        ("left cell", False, 1),
        ("nested cell", False, 2),
        ("content control", False, 3),
        ("body", False, 4),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Bad input


def zip_of(files: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb(part_size: int, parts: int) -> bytes:
    """A small ZIP whose parts unpack to ``parts`` × ``part_size`` bytes of zeros."""
    out = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", f"<w:document {_DECLS}><w:body/></w:document>")
        for index in range(parts):
            with archive.open(f"word/media/image{index}.bin", "w") as stream:
                for _ in range(part_size >> 20):
                    stream.write(chunk)
    return out.getvalue()


def corrupt_entry() -> bytes:
    """A sound ZIP directory over compressed data that is not what it claims (a CRC or inflate error)."""
    data = bytearray(zip_of({"word/document.xml": f"<w:document {_DECLS}><w:body/></w:document>".encode() * 20}))
    start = 30 + len("word/document.xml")  # past the local file header
    for index in range(start + 2, start + 12):
        data[index] ^= 0x5A
    return bytes(data)


def bad_inputs():
    good = render_docx(un_resolution())
    return {
        "random bytes behind a ZIP signature": (b"PK\x03\x04" + random.Random(7).randbytes(2000), "not a valid DOCX"),
        "a truncated DOCX": (good[: len(good) // 2], "not a valid DOCX"),
        "a ZIP without document.xml": (zip_of({"word/styles.xml": b"<styles/>"}), "no word/document.xml"),
        "malformed XML": (zip_of({"word/document.xml": b"<w:document><w:body>"}), "malformed XML in word/document.xml"),
        "a corrupt entry": (corrupt_entry(), "part word/document.xml cannot be extracted"),
    }


@pytest.mark.parametrize("case", sorted(bad_inputs()))
def test_bad_input_is_refused_with_the_file_name(case):
    data, problem = bad_inputs()[case]
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "broken.docx")
    assert str(caught.value).startswith("broken.docx: ") and problem in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("part_size", "parts", "problem"), [(51 << 20, 1, "per part"), (45 << 20, 5, "in all")])
def test_a_zip_bomb_is_refused_before_anything_is_extracted(part_size, parts, problem, monkeypatch):
    data = zip_bomb(part_size, parts)
    assert len(data) < 2_000_000

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted a part of a ZIP bomb")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extraction)
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "bomb.docx")
    assert str(caught.value).startswith("bomb.docx: refused:") and problem in str(caught.value)


def test_a_document_without_text_is_refused():
    with pytest.raises(ParseError, match=r"^empty\.docx: no text to read$"):
        parse_bytes(raw_docx(p("") + p("   ")), "empty.docx")


def mutated(data: bytes, rnd: random.Random) -> bytes:
    """``data`` with a few bytes of one part's XML changed, repacked so that the ZIP itself is sound."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    name = rnd.choice([n for n in files if n.endswith(".xml") or n.endswith(".rels")])
    content = bytearray(files[name])
    for _ in range(rnd.randint(1, 8)):
        position = rnd.randrange(len(content))
        operation = rnd.choice(["flip", "delete", "insert"])
        if operation == "flip":
            content[position] = rnd.randrange(256)
        elif operation == "delete":
            del content[position : position + rnd.randint(1, 40)]
        else:
            content[position:position] = rnd.choice([b"<", b">", b'"', b"&", b"<w:p>", b"</w:r>", b"\xd0", b"0"])
    files[name] = bytes(content)
    return zip_of(files)


@given(st.randoms(use_true_random=False), st.sampled_from(["resolution", "items", "convention"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_no_damaged_docx_raises_anything_but_parse_error(rnd, name):
    data = render_docx(HAND_BUILT[name]())
    for candidate in (mutated(data, rnd), data[: rnd.randrange(len(data))], _flip(data, rnd)):
        try:
            parse_bytes(candidate, "x.docx")
        except ParseError as error:
            assert str(error).startswith("x.docx: ") and "\n" not in str(error)


def _flip(data: bytes, rnd: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rnd.randint(1, 5)):
        damaged[rnd.randrange(4, len(damaged))] = rnd.randrange(256)
    return bytes(damaged)


def test_hand_built_documents_are_not_changed_by_rendering():
    for build in HAND_BUILT.values():
        document = build()
        before = copy.deepcopy(document)
        render_docx(document)
        assert document == before
