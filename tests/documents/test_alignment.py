"""The reading room's rows: versions side by side the way the concordance checker aligns them — a row per provision
of the first version, split, merged, missing, moved and added provisions shown as the checker reports them, heading
and header rows, and every finding landing on a row."""

import copy

import pytest
from django.conf import settings

from accord.documents.alignment import Cell, Column, align, anchor
from accord.text import Declaration, Item, NoteVerbale, Paragraph, Recital, Section, parse_file
from accord.text.align import units
from accord.text.concordance import check


@pytest.fixture(scope="module")
def seed():
    """The seed's draft declaration by language: ``{"en": …, "ru": …}``."""
    return {d.language: d for d in parse_file(settings.ACCORD_SEED_PATH) if d.kind == "declaration"}


@pytest.fixture
def ru(seed):
    return copy.deepcopy(seed["ru"])


def renumber(declaration):
    """Ids and labels by position, as the parser gives them to a text typed with its new numbering."""
    number = 0
    for section in declaration.sections:
        for paragraph in section.paragraphs:
            number += 1
            paragraph.id, paragraph.label, paragraph.num = f"para_{number}", f"OP{number}", str(number)


def declaration(language, recitals, paragraphs, header=()):
    return Declaration(
        language=language,
        title=f"Title {language}",
        metadata={"header": list(header)} if header else {},
        preamble=[Recital(f"recs_1__rec_{n}", f"PP{n}", lead, text) for n, (lead, text) in enumerate(recitals, 1)],
        enacting_formula=f"DECLARE {language}",
        sections=[Section("sec_I", "I", paragraphs=paragraphs)],
    )


def paragraph(num, text, items=()):
    return Paragraph(f"para_{num}", f"OP{num}", num, text,
                     items=[Item(f"para_{num}__point_{letter}", letter, words) for letter, words in items])


def by_key(rows):
    return {row.key: row for row in rows}


def test_versions_meet_provision_by_provision_in_reading_order():
    english = declaration("en", [("Noting", "Noting the text of 2021;")],
                          [paragraph("1", "One in 1999:", [("a", "first of 5")])])
    russian = declaration("ru", [("Отмечая", "Отмечая текст 2021 года;")],
                          [paragraph("1", "Один в 1999 году:", [("a", "первое из 5")])])
    rows = align([english, russian])
    assert [(row.key, row.kind, row.label) for row in rows] == [
        ("title", "title", ""),
        ("recs_1__rec_1", "recital", "PP1"),
        ("formula_enacting", "formula", ""),
        ("sec_I__heading", "heading", "I"),  # a section without a heading text still has its row
        ("para_1", "intro", "OP1"),
        ("para_1__point_a", "item", "OP1(a)"),
    ]
    assert rows[1].columns == (Column("en", (Cell(" the text of 2021;", "Noting"),)),
                               Column("ru", (Cell(" текст 2021 года;", "Отмечая"),)))
    assert rows[4].columns[0].parts == (Cell("One in 1999:", "", "1."),)
    assert rows[5].columns[1].parts == (Cell("первое из 5", "", "(a)"),)
    assert all(row.complete for row in rows)


def test_a_header_line_one_version_lacks_is_a_hole():
    english = declaration("en", [], [paragraph("1", "One in 1999.")])
    russian = declaration("ru", [], [paragraph("1", "Один в 1999 году.")], header=["Проект"])
    rows = by_key(align([english, russian]))
    assert list(rows)[0] == "header_1"
    assert rows["header_1"].columns == (Column("en", ()), Column("ru", (Cell("Проект"),)))
    assert not rows["header_1"].complete


def test_a_missing_paragraph_is_a_hole_and_the_renumbered_rest_meets_its_counterparts(seed, ru):
    del ru.sections[1].paragraphs[2]  # OP6
    renumber(ru)
    rows = by_key(align([seed["en"], ru]))
    assert rows["para_6"].columns[1] == Column("ru", (), "missing")
    english, russian = rows["para_7"].columns
    assert english.parts[0].num == "7." and russian.relation == "renumbered" and russian.parts[0].num == "6."


def test_a_split_paragraph_shows_both_parts_in_its_row(seed, ru):
    op1 = ru.sections[0].paragraphs[0]
    first, second = op1.text.split(". ", 1)
    op1.text = first + "."
    ru.sections[0].paragraphs.insert(1, Paragraph("x", "x", "x", second))
    renumber(ru)
    rows = by_key(align([seed["en"], ru]))
    split = rows["para_1"].columns[1]
    assert split.relation == "split" and [part.num for part in split.parts] == ["1.", "2."]
    assert rows["para_2"].columns[1].parts[0].num == "3."  # the rest follows, one to one


def test_two_merged_paragraphs_share_one_row(seed, ru):
    paragraphs = ru.sections[1].paragraphs
    paragraphs[0].text += " " + paragraphs.pop(1).text  # OP4 + OP5
    renumber(ru)
    rows = by_key(align([seed["en"], ru]))
    merged = rows["para_4"]
    assert merged.label == "OP4 + OP5" and merged.anchors == ("para_4", "para_5") and "para_5" not in rows
    assert len(merged.columns[0].parts) == 2
    assert merged.columns[1].relation == "merged" and len(merged.columns[1].parts) == 1


def test_a_moved_paragraph_is_shown_beside_its_counterpart(seed, ru):
    moved = ru.sections[1].paragraphs.pop(0)  # OP4 …
    ru.sections[1].paragraphs.insert(6, moved)  # … after OP10
    renumber(ru)
    rows = by_key(align([seed["en"], ru]))
    column = rows["para_4"].columns[1]
    assert column.relation == "moved" and column.parts[0].num == "10." and column.parts[0].rest == moved.text


def test_an_added_paragraph_gets_its_own_row_even_when_its_id_is_taken(seed, ru):
    ru.sections[1].paragraphs.insert(2, Paragraph("x", "x", "x", "Мы приветствуем решение о проведении 2 встреч в "
                                                  "2025 году в городе Алматы и в 2027 году в городе Баку."))
    renumber(ru)  # the added paragraph is OP6 in Russian, as the English OP6 is
    rows = align([seed["en"], ru])
    keys = [row.key for row in rows]
    added = by_key(rows)["para_6--ru"]
    assert keys.index("para_6--ru") == keys.index("para_5") + 1 and keys.index("para_6") == keys.index("para_5") + 2
    assert added.columns[0].missing and added.columns[1].relation == "extra"
    assert added.columns[1].parts[0].rest.startswith("Мы приветствуем решение")
    # The checker's finding about it lands on that row.
    findings = [f for f in check(seed["en"], ru) if f.code == "structure.extra"]
    source_ids = {unit.id for unit in units(seed["en"])}
    assert [anchor(f, source_ids) for f in findings] == ["para_6--ru"]


def test_every_finding_of_the_seed_lands_on_a_row(seed):
    rows = align([seed["en"], seed["ru"]])
    anchors = {a for row in rows for a in row.anchors}
    source_ids = {unit.id for unit in units(seed["en"])}
    found = [anchor(f, source_ids) for f in check(seed["en"], seed["ru"])]
    assert found and set(found) <= anchors
    assert {"header_1", "header_2", "recs_1__rec_6", "recs_1__rec_7", "para_27"} <= set(found)


def test_a_lead_that_does_not_open_the_text_is_not_shown_twice():
    assert Cell.led("Recalling the text", "Noting") == Cell("Recalling the text")


def test_notes_verbales_meet_paragraph_by_paragraph():
    english = NoteVerbale(language="en", title="Note", number="1/2", paragraphs=["First of 2.", "Second in 2021."],
                          addressees=["Ministry of Foreign Affairs", "Astana"])
    kazakh = NoteVerbale(language="kk", title="Нота", number="1/2", paragraphs=["2 бірінші."],
                         addressees=["Сыртқы істер министрлігі", "Астана"])
    rows = align([english, kazakh])
    assert [(row.key, row.label) for row in rows] == [
        ("number", ""), ("note_para_1", "¶1"), ("note_para_2", "¶2"), ("addressee", "")]
    assert rows[2].columns == (Column("en", (Cell("Second in 2021."),)), Column("kk", (), "missing"))
    assert rows[3].columns[0].parts == (Cell("Ministry of Foreign Affairs\nAstana"),)  # shown line by line
