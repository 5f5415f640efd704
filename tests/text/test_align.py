"""Alignment of language versions: by id where the structures agree, by sequence alignment where they do not."""

import copy
from pathlib import Path

import pytest

from accord.text import parse_file, parse_text
from accord.text.align import (
    EXTRA,
    MATCH,
    MERGED,
    MISSING,
    MOVED,
    RENUMBERED,
    SPLIT,
    Link,
    Unit,
    align,
    units,
)
from accord.text.concordance import starter
from accord.text.concordance.pair import Pair, Version
from accord.text.model import Paragraph

FIXTURES = Path(__file__).parent / "fixtures" / "concordance"


def renumber(declaration):
    """Ids and labels by position, as the parser gives them to a text typed with its new numbering."""
    number = 0
    for section in declaration.sections:
        for paragraph in section.paragraphs:
            number += 1
            paragraph.id, paragraph.label, paragraph.num = f"para_{number}", f"OP{number}", str(number)


def aligned(source, target):
    return Pair(Version(source, starter()), Version(target, starter())).links


def differences(links):
    return [(link.relation, [u.id for u in link.source], [u.id for u in link.target])
            for link in links if link.relation != MATCH]


@pytest.fixture
def ru(seed_declarations):
    return copy.deepcopy(seed_declarations["ru"])


def test_units_list_every_part_of_a_declaration_in_reading_order(seed_declarations):
    found = units(seed_declarations["en"])
    assert [u.id for u in found[:3]] == ["title", "formula_opening", "recs_1__rec_1"]
    assert [u.kind for u in found].count("recital") == 11
    assert [u.kind for u in found].count("paragraph") == 29
    assert found[-1].id == "para_29" and found[-1].section == "sec_V"
    assert [u.index for u in found] == list(range(len(found)))


def test_units_of_a_note_verbale(seed_notes):
    found = units(seed_notes["ru"])
    assert [u.id for u in found] == ["note_para_1", "note_para_2", "note_para_3", "enclosure", "place_date",
                                     "addressee"]
    assert found[3].text == "Приложение: упомянутое, на 7 л."
    assert found[4].text == "город Нур-Султан, 26 августа 2021г."


def test_the_seed_versions_align_by_id(seed_declarations, seed_notes):
    assert differences(aligned(seed_declarations["en"], seed_declarations["ru"])) == []
    for pair in (("en", "ru"), ("en", "kk"), ("ru", "kk")):
        assert differences(aligned(seed_notes[pair[0]], seed_notes[pair[1]])) == []


def test_a_missing_paragraph_is_found_where_it_is_missing(seed_declarations, ru):
    del ru.sections[1].paragraphs[2]  # OP6
    renumber(ru)
    found = differences(aligned(seed_declarations["en"], ru))
    assert found[0] == (MISSING, ["para_6"], [])
    # The renumbering that follows is a consequence, paired one to one.
    assert (RENUMBERED, ["para_7"], ["para_6"]) in found


def test_a_paragraph_split_in_two(seed_declarations, ru):
    paragraph = ru.sections[0].paragraphs[0]  # OP1: two sentences
    first, second = paragraph.text.split(". ", 1)
    paragraph.text = first + "."
    ru.sections[0].paragraphs.insert(1, Paragraph("x", "x", "x", second))
    renumber(ru)
    found = differences(aligned(seed_declarations["en"], ru))
    assert found[0] == (SPLIT, ["para_1"], ["para_1", "para_2"])


def test_two_paragraphs_merged_into_one(seed_declarations, ru):
    paragraphs = ru.sections[1].paragraphs
    paragraphs[0].text += " " + paragraphs.pop(1).text  # OP4 + OP5
    renumber(ru)
    found = differences(aligned(seed_declarations["en"], ru))
    assert found[0] == (MERGED, ["para_4", "para_5"], ["para_4"])


def test_a_paragraph_moved_elsewhere(seed_declarations, ru):
    moved = ru.sections[1].paragraphs.pop(0)  # OP4 …
    ru.sections[1].paragraphs.insert(6, moved)  # … after OP10
    renumber(ru)
    found = differences(aligned(seed_declarations["en"], ru))
    assert (MOVED, ["para_4"], ["para_10"]) in found
    assert not [f for f in found if f[0] in (MISSING, EXTRA)]


def test_articles_in_english_and_kazakh_align_by_id():
    english, kazakh = parse_file(FIXTURES / "convention_en_kk.md")
    links = aligned(english, kazakh)
    assert differences(links) == []
    ids = {u.id for link in links for u in link.source}
    assert ids >= {"art_1__heading", "art_1__para_1__point_c", "art_4__para_2"}


def test_the_sequence_alignment_finds_one_missing_unit_among_many():
    def unit(number, text):
        return Unit(f"para_{number}", f"OP{number}", text, "paragraph", None, number)

    texts = [f"Paragraph {n} about {'peace ' * (n % 7 + 1)}and cooperation in {1990 + n}." for n in range(800)]
    source = [unit(n, text) for n, text in enumerate(texts)]
    target = [unit(n if n < 400 else n - 1, text) for n, text in enumerate(texts) if n != 400]
    anchors = [frozenset({("number", str(1990 + n))}) for n in range(800)]
    links = align(source, target, anchors, anchors[:400] + anchors[401:])
    assert [link for link in links if link.relation in (MISSING, EXTRA)] == [Link(MISSING, (source[400],), ())]


def test_a_short_plain_text_aligns_with_its_translation():
    english = parse_text("**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n1. We meet.\n\n2. We agree on 2 points.\n")
    russian = parse_text("**ПРОЕКТ ДЕКЛАРАЦИИ**\n\nМы, Министры,\n\n1. Мы встречаемся.\n\n2. Мы согласны по 2 вопросам.\n")
    assert differences(aligned(english[0], russian[0])) == []
