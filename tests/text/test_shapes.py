"""Shapes beyond the seed: conventions with articles, sub-items and wrap-ups, UN-style resolutions, plain text."""

from pathlib import Path

import pytest

from accord.text import parse_file, parse_text

FIXTURES = Path(__file__).parent / "fixtures"


def read_one(name):
    (document,) = parse_file(FIXTURES / name)
    return document


def test_a_convention_is_read_as_articles_with_numbered_paragraphs_and_items():
    convention = read_one("convention_en.md")
    assert (convention.form, convention.draft, convention.akn_name) == ("convention", True, "conventionDraft")
    assert convention.opening_formula == "The States Parties to this Convention,"
    assert convention.enacting_formula == "Have agreed as follows:"
    articles = convention.sections[0].articles
    assert [(a.id, a.num, a.heading) for a in articles] == [
        ("art_1", "1", "Definitions"),
        ("art_2", "2", "Juridical personality"),
        ("art_3", "3", None),
    ]
    definitions = articles[0].paragraphs[0]
    assert (definitions.id, definitions.label) == ("art_1__para_1", "Art. 1(1)")
    assert [(i.id, i.num) for i in definitions.items] == [
        ("art_1__para_1__point_a", "a"),
        ("art_1__para_1__point_b", "b"),
        ("art_1__para_1__point_c", "c"),
    ]
    assert definitions.wrap_up == "unless the context requires otherwise."
    assert articles[1].paragraphs[0].label == "Art. 2" and articles[1].paragraphs[0].num is None


def test_kazakh_articles_share_their_ids_with_the_english_version():
    english, kazakh = read_one("convention_en.md"), read_one("convention_kk.md")
    assert kazakh.language == "kk"
    assert kazakh.sections[0].articles[0].num == "1"
    kazakh_ids = [p.id for p in kazakh.provisions() if p.kind == "paragraph"]
    assert kazakh_ids == [p.id for p in english.provisions() if p.kind == "paragraph"]
    items = kazakh.sections[0].articles[0].paragraphs[0].items
    assert [(i.num, i.id) for i in items] == [("а", "art_1__para_1__point_a"), ("б", "art_1__para_1__point_b")]


def test_a_un_resolution_has_a_symbol_line_an_opening_and_operative_leads_but_no_enacting_formula():
    resolution = read_one("resolution_un.md")
    assert resolution.symbol.value == "A/RES/76/1"
    assert resolution.form == "resolution" and not resolution.draft
    assert resolution.opening_formula == "The General Assembly,"
    assert resolution.enacting_formula is None
    assert [r.lead for r in resolution.preamble] == ["Recalling", "Noting"]
    assert [(p.label, p.lead) for p in resolution.operative_paragraphs()] == [("OP1", "Decides"), ("OP2", "Requests")]
    assert resolution.sections[0].num is None and resolution.sections[0].id is None


def test_plain_text_without_marks_is_read_by_capitals_lead_phrases_and_line_numbers():
    statement = read_one("declaration_plain_ru.txt")
    assert statement.form == "statement" and statement.draft
    assert statement.title == "ПРОЕКТ СОВМЕСТНОГО ЗАЯВЛЕНИЯ министров иностранных дел государств-членов СВМДА"
    assert [r.lead for r in statement.preamble] == ["Подтверждая", "Отмечая", "Учитывая"]
    first = statement.operative_paragraphs()[0]
    assert [i.num for i in first.items] == ["а", "б", "в"]
    assert first.items[2].text.endswith("в целях достижения общих целей СВМДА.")
    # A hard-wrapped line is part of its paragraph, not a new one.
    assert statement.operative_paragraphs()[1].text.endswith("подготовить доклад к следующей Встрече министров.")


@pytest.mark.parametrize("level", ["#", "##", "####", "######"])
def test_headings_are_read_alike_at_any_level(level):
    text = f"{level} DRAFT DECLARATION\n\nWe, the Ministers,\n\n*Recalling* the Charter;\n\n{level} I\n\n1. We agree.\n"
    (declaration,) = parse_text(text)
    assert declaration.sections[0].id == "sec_I"
    assert declaration.operative_paragraphs()[0].text == "We agree."


def test_an_unnumbered_operative_part_is_one_paragraph_per_block():
    text = "**DECLARATION**\n\nWe, the Heads of State,\n\n*Recalling* the Charter,\n\n**Declare:**\n\nWe agree.\n\nWe act.\n"
    (declaration,) = parse_text(text)
    assert [(p.id, p.label, p.num, p.text) for p in declaration.operative_paragraphs()] == [
        ("para_1", "OP1", None, "We agree."),
        ("para_2", "OP2", None, "We act."),
    ]


def test_paragraphs_numbered_bis_keep_their_number():
    text = "**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n*Noting* it;\n\n1. One.\n\n1 bis. One again.\n\n2. Two.\n"
    (declaration,) = parse_text(text)
    assert [(p.id, p.label) for p in declaration.operative_paragraphs()] == [
        ("para_1", "OP1"), ("para_1bis", "OP1 bis"), ("para_2", "OP2"),
    ]


def test_a_repeated_or_skipped_number_is_read_whole_and_reported():
    text = "**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n*Noting* it;\n\n1. One.\n\n2. Two.\n\n2. Two again.\n\n4. Four.\n"
    (declaration,) = parse_text(text)
    assert [(p.id, p.label) for p in declaration.operative_paragraphs()] == [
        ("para_1", "OP1"), ("para_2", "OP2"), ("para_2__2", "OP2"), ("para_4", "OP4"),
    ]
    assert declaration.metadata["warnings"] == [
        "line 11: para_2 repeats the number used at line 9",
        "line 13: paragraph 4 follows 2",
    ]


def test_a_bold_line_that_starts_with_a_roman_letter_is_not_a_section():
    text = "**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n*Noting* it;\n\n## I\n\n1. One.\n\n## Cooperation\n\n2. Two.\n"
    (declaration,) = parse_text(text)
    assert [s.id for s in declaration.sections] == ["sec_I"]


def test_an_article_heading_that_names_the_convention_stays_in_the_convention():
    text = (
        "# CONVENTION ON COOPERATION\n\nThe States Parties,\n\n*Desiring* to cooperate,\n\nHave agreed as follows:\n\n"
        "### Article 1 Scope of this Convention\n\nThis Convention applies to all.\n\n"
        "### Article 2\n\n### Parties to this Convention\n\nAny State may join.\n"
    )
    (convention,) = parse_text(text)
    articles = convention.sections[0].articles
    assert [(a.num, a.heading) for a in articles] == [("1", "Scope of this Convention"), ("2", "Parties to this Convention")]


def test_a_first_recital_ending_in_a_comma_is_not_taken_for_the_opening_formula():
    (declaration,) = parse_text("**DRAFT RESOLUTION**\n\n*Recalling* its resolution 75/1,\n\n1. *Decides* to act.\n")
    assert declaration.opening_formula is None
    assert declaration.preamble[0].lead == "Recalling"
