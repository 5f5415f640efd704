"""Akoma Ntoso output: what ``render_akn`` writes for the seed package and for a hand-built convention.

Every document is checked against the official OASIS schema; the rest of the tests state, one fact each, how the
model maps onto AKN4UN mark-up.
"""

import datetime as dt
from collections import Counter

import pytest
from lxml import etree
from shared_paths import AKN_SCHEMA

from accord.text import Article, Declaration, Item, Paragraph, Recital, Section, make_symbol
from accord.text.akn import AKN_NAMESPACE, render_akn

NS = {"a": AKN_NAMESPACE}
WORK = "/akn/cica/statement/declarationDraft/2021-08-26/mm-2021-draft-3"


@pytest.fixture(scope="session")
def akn_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(AKN_SCHEMA)))


def akn(document, **options) -> etree._Element:
    """The rendered document, parsed back."""
    return etree.fromstring(render_akn(document, **options))


def assert_valid(schema: etree.XMLSchema, root: etree._Element) -> None:
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)


def values(root: etree._Element, xpath: str) -> list[str]:
    return [str(v) for v in root.xpath(xpath, namespaces=NS)]


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.mark.parametrize("index", range(5))
def test_every_seed_document_validates_against_the_oasis_schema(seed_documents, akn_schema, index):
    assert len(seed_documents) == 5
    assert_valid(akn_schema, akn(seed_documents[index], master_language="en"))


def test_output_is_utf8_xml_with_a_declaration(seed_declarations):
    output = render_akn(seed_declarations["ru"])
    assert output.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "ЗАЯВЛЯЕМ О СЛЕДУЮЩЕМ:".encode() in output


def test_a_declaration_is_a_statement_named_after_its_form(seed_declarations):
    root = akn(seed_declarations["en"])
    assert values(root, "/a:akomaNtoso/a:statement/@name") == ["declarationDraft"]
    assert values(root, "//a:FRBRWork/a:FRBRsubtype/@value") == ["declarationDraft"]


def test_both_language_versions_are_expressions_of_one_work(seed_declarations):
    for language, iso in (("en", "eng"), ("ru", "rus")):
        root = akn(seed_declarations[language], master_language="en")
        assert values(root, "//a:FRBRWork/a:FRBRuri/@value") == [WORK]
        assert values(root, "//a:FRBRWork/a:FRBRthis/@value") == [f"{WORK}/!main"]
        assert values(root, "//a:FRBRWork/a:FRBRnumber/@value") == ["mm-2021-draft-3"]
        assert values(root, "//a:FRBRExpression/a:FRBRuri/@value") == [f"{WORK}/{iso}@"]
        assert values(root, "//a:FRBRManifestation/a:FRBRthis/@value") == [f"{WORK}/{iso}@/!main.xml"]
        assert values(root, "//a:FRBRauthor/@href") == ["#cica"] * 3
        assert values(root, "//a:references/a:TLCOrganization/@eId") == ["cica"]


def test_the_russian_declaration_is_a_translation_of_the_english_master(seed_declarations):
    root = akn(seed_declarations["ru"], master_language="en")
    assert values(root, "//a:FRBRlanguage/@language") == ["rus"]
    assert values(root, "//a:FRBRmasterExpression/@href") == [f"{WORK}/eng@"]
    assert values(root, "//a:FRBRtranslation/@fromLanguage") == ["eng"]
    assert values(root, "//a:FRBRtranslation/@by") == ["#cica"]


def test_the_english_master_is_no_translation(seed_declarations):
    root = akn(seed_declarations["en"], master_language="en")
    assert values(root, "//a:FRBRlanguage/@language") == ["eng"]
    assert root.xpath("//a:FRBRmasterExpression | //a:FRBRtranslation", namespaces=NS) == []


def test_recital_and_paragraph_eids_are_the_models_and_align_across_languages(seed_declarations):
    ids = {}
    for language, declaration in seed_declarations.items():
        root = akn(declaration)
        recitals = values(root, "//a:recitals/a:recital/@eId")
        paragraphs = values(root, "//a:paragraph/@eId")
        assert recitals == [r.id for r in declaration.preamble]
        assert paragraphs == [p.id for p in declaration.operative_paragraphs()]
        ids[language] = recitals + paragraphs
    assert ids["en"] == ids["ru"]


def test_the_seed_declaration_has_11_recitals_and_29_paragraphs_in_5_sections(seed_declarations):
    root = akn(seed_declarations["en"])
    assert len(root.xpath("//a:preamble/a:recitals[@eId='recs_1']/a:recital", namespaces=NS)) == 11
    assert values(root, "//a:mainBody/a:section/a:num/text()") == ["I", "II", "III", "IV", "V"]
    assert values(root, "//a:mainBody/a:section/@eId") == ["sec_I", "sec_II", "sec_III", "sec_IV", "sec_V"]
    assert len(root.xpath("//a:mainBody/a:section/a:paragraph", namespaces=NS)) == 29
    assert values(root, "//a:paragraph[@eId='para_12']/a:num/text()") == ["12."]


def test_every_eid_is_unique(seed_documents):
    for document in seed_documents:
        counts = Counter(values(akn(document), "//@eId"))
        assert [eid for eid, n in counts.items() if n > 1] == []


def test_a_recitals_lead_phrase_is_in_italics_and_the_text_is_whole(seed_declarations):
    declaration = seed_declarations["en"]
    root = akn(declaration)
    (p,) = root.xpath("//a:recital[@eId='recs_1__rec_5']/a:p", namespaces=NS)
    assert values(p, "a:i/text()") == ["Bearing in mind"]
    assert text_of(p) == declaration.preamble[4].text


def test_the_formulas_open_and_close_the_preamble(seed_declarations):
    root = akn(seed_declarations["en"])
    preamble = root.find("a:statement/a:preamble", NS)
    assert [child.get("name") or etree.QName(child).localname for child in preamble] == [
        "openingFormula",
        "recitals",
        "enactingFormula",
    ]
    assert values(preamble, "a:formula[@name='enactingFormula']/a:p/text()") == ["DECLARE THE FOLLOWING:"]


def test_the_russian_header_lines_are_in_the_preface_not_the_preamble(seed_declarations):
    root = akn(seed_declarations["ru"])
    header = ["Председательство Казахстана", "Проект для рассмотрения СРГ и КСДЛ"]
    assert values(root, "//a:preface/a:p[@class='header']/text()") == header
    preamble = text_of(root.find("a:statement/a:preamble", NS))
    assert not any(line in preamble for line in header)


def test_the_preface_carries_the_symbol_and_the_title(seed_declarations):
    declaration = seed_declarations["en"]
    root = akn(declaration)
    assert values(root, "//a:preface//a:docNumber/text()") == ["MM/2021/DRAFT/3"]
    assert values(root, "//a:preface//a:docTitle/text()") == [declaration.title]


def test_the_date_argument_overrides_the_circulation_date(seed_declarations):
    root = akn(seed_declarations["en"], date=dt.date(2021, 9, 15), country="un", author="swg")
    assert values(root, "//a:FRBRWork/a:FRBRuri/@value") == [
        "/akn/un/statement/declarationDraft/2021-09-15/mm-2021-draft-3"
    ]
    assert values(root, "//a:FRBRWork/a:FRBRcountry/@value") == ["un"]
    assert values(root, "//a:identification/@source") == ["#swg"]


def convention() -> Declaration:
    """A convention built by hand: unnumbered, with no sections, two articles, lettered items and a wrap-up."""
    definitions = Paragraph(
        id="art_1__para_1",
        label="Art. 1(1)",
        num="1",
        text="For the purposes of this Convention:",
        items=[
            Item("art_1__para_1__point_a", "a", "“Party” means a State bound by it;"),
            Item("art_1__para_1__point_b", "b", "“Secretariat” means the Secretariat & its staff < 100,"),
        ],
        wrap_up="unless the context requires otherwise.",
    )
    return Declaration(
        language="en",
        title="Convention on Cooperation",
        form="convention",
        opening_formula="The States Parties to this Convention,",
        preamble=[Recital("recs_1__rec_1", "PP1", "Recalling", "Recalling the Charter of the United Nations,")],
        enacting_formula="Have agreed as follows:",
        sections=[
            Section(
                id=None,
                num=None,
                articles=[
                    Article("art_1", "Art. 1", "1", "Definitions", [definitions]),
                    Article(
                        "art_2",
                        "Art. 2",
                        "2",
                        None,
                        [Paragraph("art_2__para_1", "Art. 2", None, "This Convention enters into force.")],
                    ),
                ],
            )
        ],
        closing=["Done at Astana in a single original."],
    )


def test_a_hand_built_convention_with_articles_and_items_validates(akn_schema):
    root = akn(convention(), date=dt.date(2022, 10, 13))
    assert_valid(akn_schema, root)
    assert values(root, "/a:akomaNtoso/a:statement/@name") == ["convention"]
    assert values(root, "//a:FRBRWork/a:FRBRuri/@value") == ["/akn/cica/statement/convention/2022-10-13/unnumbered"]
    assert root.xpath("//a:preface//a:docNumber", namespaces=NS) == []


def test_articles_go_straight_into_the_main_body_with_their_points():
    root = akn(convention(), date=dt.date(2022, 10, 13))
    assert values(root, "//a:mainBody/a:article/@eId") == ["art_1", "art_2"]
    assert values(root, "//a:article/a:num/text()") == ["Article 1", "Article 2"]
    assert values(root, "//a:article[@eId='art_1']/a:heading/text()") == ["Definitions"]
    (paragraph,) = root.xpath("//a:paragraph[@eId='art_1__para_1']", namespaces=NS)
    assert [etree.QName(child).localname for child in paragraph] == ["num", "intro", "point", "point", "wrapUp"]
    assert values(paragraph, "a:point/@eId") == ["art_1__para_1__point_a", "art_1__para_1__point_b"]
    assert values(paragraph, "a:point/a:num/text()") == ["(a)", "(b)"]
    assert values(paragraph, "a:wrapUp/a:p/text()") == ["unless the context requires otherwise."]
    assert values(root, "//a:paragraph[@eId='art_2__para_1']/a:num") == []
    assert values(root, "//a:conclusions/a:p/text()") == ["Done at Astana in a single original."]


def test_markup_characters_in_the_text_come_back_unchanged():
    root = akn(convention(), date=dt.date(2022, 10, 13))
    assert values(root, "//a:point[@eId='art_1__para_1__point_b']/a:content/a:p/text()") == [
        "“Secretariat” means the Secretariat & its staff < 100,"
    ]


def test_a_declaration_with_no_operative_part_still_validates(akn_schema):
    declaration = Declaration(language="ru", title="ПРОЕКТ ЗАЯВЛЕНИЯ", draft=True, form="statement")
    assert_valid(akn_schema, akn(declaration, date=dt.date(2021, 1, 1)))


def resolution() -> Declaration:
    """A UN-style resolution whose symbol was typed with Cyrillic look-alike letters and whose paragraph opens with
    an italic verb."""
    decides = Paragraph("para_1", "OP1", "1", "Постановляет созвать конференцию.", lead="Постановляет")
    return Declaration(
        language="ru",
        title="Резолюция",
        form="resolution",
        symbol=make_symbol("ММ/2021/RES/1"),
        sections=[Section(id=None, num=None, paragraphs=[decides])],
    )


def test_an_operative_lead_phrase_is_in_italics(akn_schema):
    root = akn(resolution(), date=dt.date(2021, 12, 1))
    assert_valid(akn_schema, root)
    assert values(root, "//a:mainBody/a:paragraph[@eId='para_1']/a:content/a:p/a:i/text()") == ["Постановляет"]


def test_the_symbol_is_normalised_and_its_original_spelling_kept(akn_schema):
    root = akn(resolution(), date=dt.date(2021, 12, 1))
    (number,) = root.xpath("//a:preface//a:docNumber", namespaces=NS)
    assert number.text == "MM/2021/RES/1"
    assert number.get("title") == "ММ/2021/RES/1"
    assert values(root, "//a:FRBRWork/a:FRBRnumber/@value") == ["mm-2021-res-1"]


def test_with_no_date_known_the_work_is_dated_today_as_generated():
    before = dt.date.today()
    root = akn(resolution())
    (date,) = values(root, "//a:FRBRWork/a:FRBRdate/@date")
    assert date in {before.isoformat(), dt.date.today().isoformat()}  # the clock may pass midnight meanwhile
    assert values(root, "//a:FRBRWork/a:FRBRdate/@name") == ["generation"]


def test_a_note_is_a_doc_whose_date_element_carries_the_iso_date(seed_notes):
    root = akn(seed_notes["en"])
    assert values(root, "/a:akomaNtoso/a:doc/@name") == ["noteVerbale"]
    assert values(root, "//a:FRBRWork/a:FRBRuri/@value") == ["/akn/cica/doc/noteVerbale/2021-08-26/17-1-542"]
    assert values(root, "//a:conclusions//a:date/@date") == ["2021-08-26"]
    assert values(root, "//a:conclusions//a:date/text()") == ["26 August 2021"]


def test_a_notes_preface_body_and_conclusions(seed_notes):
    note = seed_notes["ru"]
    root = akn(note, master_language="en")
    assert values(root, "//a:preface//a:docNumber/text()") == ["17-1/542"]
    assert values(root, "//a:preface//a:docProponent/text()") == [note.sender]
    assert values(root, "//a:mainBody/a:p/@eId") == ["para_1", "para_2", "para_3"]
    assert values(root, "//a:mainBody/a:p[@class='enclosure']/text()") == ["Приложение: упомянутое, на 7 л."]
    (place_date,) = root.xpath("//a:conclusions/a:p[@class='placeDate']", namespaces=NS)
    assert text_of(place_date) == "город Нур-Султан, 26 августа 2021г."
    assert values(place_date, "a:location/text()") == ["Нур-Султан"]
    assert values(place_date, "a:location/@refersTo") == ["#place"]
    assert values(root, "//a:references/a:TLCLocation/@showAs") == ["Нур-Султан"]
    assert values(root, "//a:conclusions/a:p[@class='addressee']/text()") == note.addressees
