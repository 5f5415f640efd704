"""Aligning language versions for the reading room: rows matched by provision id, in reading order, with a hole where
a version lacks a provision."""

from accord.documents.alignment import Cell, align
from accord.text import Declaration, Item, NoteVerbale, Paragraph, Recital, Section


def declaration(language, recitals, paragraphs, header=()):
    return Declaration(
        language=language,
        title=f"Title {language}",
        metadata={"header": list(header)} if header else {},
        preamble=[Recital(f"recs_1__rec_{n}", f"PP{n}", lead, text) for n, (lead, text) in enumerate(recitals, 1)],
        enacting_formula=f"DECLARE {language}",
        sections=[Section("sec_I", "I", paragraphs=paragraphs)],
    )


def paragraph(num, text, items=(), pid=None):
    pid = pid or f"para_{num}"
    return Paragraph(pid, f"OP{num}", num, text,
                     items=[Item(f"{pid}__point_{letter}", letter, words) for letter, words in items])


def test_versions_meet_provision_by_provision_in_reading_order():
    english = declaration("en", [("Noting", "Noting the text;")], [paragraph("1", "One:", [("a", "first")])])
    russian = declaration("ru", [("Отмечая", "Отмечая текст;")], [paragraph("1", "Один:", [("a", "первое")])])
    rows = align([english, russian])
    assert [(row.key, row.kind, row.label) for row in rows] == [
        ("title", "title", ""),
        ("recs_1__rec_1", "recital", "PP1"),
        ("enacting_formula", "formula", ""),
        ("sec_I", "heading", "I"),
        ("para_1", "paragraph", "OP1"),
        ("para_1__point_a", "item", "OP1(a)"),
    ]
    recital = rows[1]
    assert recital.cells == (("en", Cell(" the text;", "Noting")), ("ru", Cell(" текст;", "Отмечая")))
    assert rows[4].cells[0] == ("en", Cell("One:", "", "1."))
    assert rows[5].cells[1] == ("ru", Cell("первое", "", "(a)"))
    assert all(row.complete for row in rows)


def test_what_one_version_lacks_is_a_hole_and_what_only_one_has_keeps_its_place():
    english = declaration("en", [], [paragraph("1", "One."), paragraph("2", "Two.")])
    russian = declaration("ru", [], [paragraph("1", "Один."), paragraph("1", "Один бис.", pid="para_1bis")],
                          header=["Проект"])
    rows = {row.key: row for row in align([english, russian])}
    assert list(rows) == ["header_1", "title", "enacting_formula", "sec_I", "para_1", "para_1bis", "para_2"]
    assert rows["header_1"].cells == (("en", None), ("ru", Cell("Проект")))
    assert rows["para_2"].cells == (("en", Cell("Two.", "", "2.")), ("ru", None))
    assert not rows["para_2"].complete


def test_a_lead_that_does_not_open_the_text_is_not_shown_twice():
    assert Cell.led("Recalling the text", "Noting") == Cell("Recalling the text")


def test_notes_verbales_meet_paragraph_by_paragraph():
    english = NoteVerbale(language="en", title="Note", number="1/2", paragraphs=["First.", "Second."])
    kazakh = NoteVerbale(language="kk", title="Нота", number="1/2", paragraphs=["Бірінші."])
    rows = align([english, kazakh])
    assert [(row.key, row.label) for row in rows] == [("number", ""), ("para_1", "1"), ("para_2", "2")]
    assert rows[2].cells == (("en", Cell("Second.")), ("kk", None))
