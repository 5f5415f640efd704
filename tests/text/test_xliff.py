"""XLIFF for CAT tools: a revision's provisions go out for translation and come back translated.

Accord writes XLIFF 2.0 (and 1.2 for older tools) with one unit per provision, the provision id as unit id, and
reads back what a CAT tool returns — segments split, inline mark-up added, notes and tool attributes added — or
refuses the file in one line naming the units concerned.
"""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from accord.text.model import Declaration, Item, Paragraph, Recital, Section
from accord.text.symbols import make_symbol
from accord.text.xliff import (
    XLIFF2_NS,
    XliffError,
    XliffNote,
    check_structure,
    read_xliff,
    write_xliff2,
    write_xliff12,
)

FIXTURES = Path(__file__).parent / "fixtures"
WRITERS = {"2.0": write_xliff2, "1.2": write_xliff12}


def declaration(language: str, texts: dict[str, str], symbol: str | None = "MM/2021/DRAFT/4") -> Declaration:
    """A small declaration: ``rec_N`` ids become recitals, ``para_N`` operative paragraphs, ``para_N__point_x`` the
    sub-items of the paragraph before them."""
    preamble, paragraphs = [], []
    for id_, text in texts.items():
        number = id_.rsplit("_", 1)[1]
        if id_.startswith("recs_"):
            preamble.append(Recital(id_, f"PP{number}", None, text))
        elif "__point_" in id_:
            paragraphs[-1].items.append(Item(id_, number, text))
        else:
            paragraphs.append(Paragraph(id_, f"OP{number}", number, text))
    return Declaration(
        language=language, title="Declaration", symbol=make_symbol(symbol) if symbol else None,
        preamble=preamble, sections=[Section(None, None, paragraphs=paragraphs)],
    )


def xliff2(units: str, *, root: str = 'version="2.0" srcLang="en" trgLang="ru"', file: str = 'id="f1"') -> bytes:
    """A hand-made XLIFF 2.0 file around ``units``."""
    return (f'<?xml version="1.0" encoding="UTF-8"?><xliff xmlns="{XLIFF2_NS}" {root}><file {file}>{units}'
            f"</file></xliff>").encode()


def unit(id_: str = "para_1", body: str = "<segment><source>Text.</source><target>Текст.</target></segment>") -> str:
    return f'<unit id="{id_}">{body}</unit>'


def xliff12(units: str, *, file: str = 'original="x" source-language="en" target-language="ru" datatype="plaintext"'):
    return (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file {file}><body>{units}'
            f"</body></file></xliff>").encode()


# Round trip of the seed ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_the_seeds_declaration_goes_out_and_comes_back_with_ids_labels_and_texts_unchanged(seed_declarations, version):
    english, russian = seed_declarations["en"], seed_declarations["ru"]
    file = read_xliff(WRITERS[version](english, russian))

    assert file.version == version
    assert (file.source_language, file.target_language) == ("en-GB", "ru-RU")  # the language tables' locales
    assert (file.source_code, file.target_code) == ("en", "ru")
    assert file.original == "MM/2021/DRAFT/3"
    provisions = english.provisions()
    assert [u.id for u in file.units] == [p.id for p in provisions]
    assert [u.label for u in file.units] == [p.label for p in provisions]
    assert [u.source for u in file.units] == [p.text for p in provisions]
    assert [u.target for u in file.units] == [p.text for p in russian.provisions()]
    assert {u.state for u in file.units} == {"translated"}


def test_the_file_id_is_the_symbol_made_an_xml_name_and_original_is_the_symbol(seed_declarations):
    root = etree.fromstring(write_xliff2(seed_declarations["en"], seed_declarations["ru"]))
    file = root.find(f"{{{XLIFF2_NS}}}file")
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en-GB", "ru-RU")
    assert (file.get("id"), file.get("original")) == ("MM-2021-DRAFT-3", "MM/2021/DRAFT/3")
    unit = file.find(f"{{{XLIFF2_NS}}}unit[@id='para_27']")
    assert unit.get("name") == "OP27"
    assert [(n.get("category"), n.text) for n in unit.iter(f"{{{XLIFF2_NS}}}note")] == [
        ("label", "OP27"), ("accord-state", "unchanged")]
    source = unit.find(f".//{{{XLIFF2_NS}}}source")
    assert source.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_a_language_without_a_table_is_written_with_its_bare_code():
    english = declaration("en", {"para_1": "We agree."})
    chinese = declaration("zh", {"para_1": "我们同意。"})
    file = read_xliff(write_xliff2(english, chinese))
    assert (file.source_language, file.target_language) == ("en-GB", "zh")


def test_original_may_be_named_and_a_declaration_without_symbol_still_has_a_file_id():
    english, russian = declaration("en", {"para_1": "A."}, None), declaration("ru", {"para_1": "А."}, None)
    root = etree.fromstring(write_xliff2(english, russian))
    assert root.find(f"{{{XLIFF2_NS}}}file").attrib == {"id": "document"}
    root = etree.fromstring(write_xliff2(english, russian, original="draft 4.docx"))
    assert dict(root.find(f"{{{XLIFF2_NS}}}file").attrib) == {"id": "draft-4.docx", "original": "draft 4.docx"}
    assert read_xliff(write_xliff12(english, russian)).original == "document"


# What a translator is sent -------------------------------------------------------------------------------------


ENGLISH = {"recs_1__rec_1": "Recalling the Charter;", "para_1": "We agree:", "para_1__point_a": "to meet;",
           "para_2": "We welcome the Statute.", "para_3": "We decide to meet again."}
RUSSIAN_BEFORE = {"recs_1__rec_1": "Ссылаясь на Устав;", "para_1": "Мы согласны:", "para_1__point_a": "встречаться;",
                  "para_2": "Мы приветствуем Соглашение."}  # para_3 is new in this revision


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_changed_and_stale_provisions_go_out_as_untranslated_with_the_old_translation_offered(version):
    english, russian = declaration("en", ENGLISH), declaration("ru", RUSSIAN_BEFORE)
    data = WRITERS[version](english, russian, changed={"para_2", "para_3"}, stale={"para_1__point_a", "para_2"})
    units = read_xliff(data).by_id()

    assert units["recs_1__rec_1"].state == "translated"  # unchanged: the translation stands
    assert units["para_1__point_a"].state == "initial"  # stale: offered, not taken as done
    assert units["para_1__point_a"].target == "встречаться;"
    assert units["para_1__point_a"].label == "OP1(a)"
    assert units["para_2"].target == "Мы приветствуем Соглашение."
    assert units["para_3"].target is None  # nothing to offer: no <target> is written
    assert units["para_3"].state == "initial"
    if version == "2.0":
        assert XliffNote("accord-state", "changed") in units["para_2"].notes  # changed wins over stale
        assert XliffNote("accord-state", "stale") in units["para_1__point_a"].notes
        assert XliffNote("label", "OP1(a)") in units["para_1__point_a"].notes
    else:
        assert units["para_2"].notes == [XliffNote("accord", "OP2: changed")]
        assert b'<target state="needs-translation">' in data and b'<target state="translated">' in data


def test_only_restricts_the_units_to_the_provisions_named_in_document_order():
    english, russian = declaration("en", ENGLISH), declaration("ru", RUSSIAN_BEFORE)
    file = read_xliff(write_xliff2(english, russian, only={"para_3", "para_1__point_a", "para_9"}))
    assert [u.id for u in file.units] == ["para_1__point_a", "para_3"]  # para_9 is not in the source: ignored


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_nothing_selected_or_one_language_on_both_sides_is_refused(version):
    english, russian = declaration("en", ENGLISH), declaration("ru", RUSSIAN_BEFORE)
    with pytest.raises(XliffError, match="nothing to write: no provision of the source is selected"):
        WRITERS[version](english, russian, only=set())
    with pytest.raises(XliffError, match="source and target are both in 'en'"):
        WRITERS[version](english, english)


# What a CAT tool sends back -------------------------------------------------------------------------------------


def test_a_file_as_a_cat_tool_returns_it_is_read_with_segments_joined_and_mark_up_reduced_to_text(seed_declarations):
    data = (FIXTURES / "cat_tool_ru.xlf").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # the fixture is what it claims to be

    file = read_xliff(data)
    assert (file.version, file.target_code, file.original) == ("2.0", "ru", "MM/2021/DRAFT/3")
    assert [u.id for u in file.units] == ["para_27", "para_28", "recs_1__rec_5", "para_29"]
    units = file.by_id()

    # Two segments and the ignorable space between them, a term <mrk> in the second target.
    assert units["para_27"].target == (
        "Мы призываем те государства-члены, которые еще не сделали этого, в оперативном порядке ратифицировать Устав "
        "Секретариата Совещания по взаимодействию и мерам доверия в Азии. Мы также призываем те государства-члены, "
        "которые еще не сделали этого, подписать и ратифицировать Конвенцию о привилегиях и иммунитетах Секретариата, "
        "его персонала и представителей членов.")
    assert units["para_27"].state == "translated"
    assert units["para_27"].notes[-1] == XliffNote("translator", "Statute: «Устав», as in the CICA glossary.")
    # A <pc> and a comment in the target; the translation memory's match (mtc:matches) is not the unit's text;
    # segments "reviewed" and "translated" make a unit "translated".
    assert units["para_28"].target == (
        "Мы выражаем благодарность Республике Казахстан за организацию этой Встречи и согласны провести седьмую "
        "Встречу министров иностранных дел СВМДА в 2024 году. Мы приветствуем намерение Республики Казахстан провести "
        "шестой Саммит СВМДА в г. Нур-Султане в 2022 году.")
    assert units["para_28"].state == "translated"
    # The tool dropped xml:space and indented the target: the indentation is not text.
    assert units["recs_1__rec_5"].target == (
        "Принимая во внимание концепцию общей, всеобъемлющей, коллективной, устойчивой, неделимой и равной "
        "безопасности;")
    assert units["recs_1__rec_5"].state == "final"
    assert (units["para_29"].target, units["para_29"].state) == (None, "initial")

    # The sources are the revision's, word for word: what an import checks before taking the targets.
    english = {p.id: p for p in seed_declarations["en"].provisions()}
    assert all(u.source == english[u.id].text for u in file.units)
    assert all(u.label == english[u.id].label for u in file.units)


def test_inline_codes_give_no_text_and_cp_gives_its_character():
    body = ('<segment><source>A<ph id="1"/>B</source><target xml:space="preserve">'
            '<pc id="p"><mrk id="m" translate="no">А</mrk></pc><sc id="s"/>Б<ec startRef="s"/><cp hex="0007"/> '
            '</target></segment>')
    assert read_xliff(xliff2(unit(body=body))).units[0].target == "АБ\x07 "


def test_a_target_order_puts_reordered_segments_back_in_place():
    body = ('<segment><source>One.</source><target order="3">Два.</target></segment>'
            '<ignorable><source> </source></ignorable>'
            '<segment><source>Two.</source><target order="1">Один.</target></segment>')
    file = read_xliff(xliff2(unit(body=body)))
    assert (file.units[0].source, file.units[0].target) == ("One. Two.", "Один. Два.")


def test_a_unit_with_one_segment_untranslated_has_no_target():
    body = ('<segment state="translated"><source>One.</source><target>Один.</target></segment>'
            '<segment><source> Two.</source></segment>')
    only_half = read_xliff(xliff2(unit(body=body))).units[0]
    assert (only_half.source, only_half.target, only_half.state) == ("One. Two.", None, "initial")


def test_an_xliff_1_2_file_from_an_older_tool_is_read_with_its_states_mapped():
    data = xliff12(
        '<group id="g"><trans-unit id="para_1" resname="OP1" approved="yes"><source>We <g id="1">agree</g>.</source>'
        '<seg-source><mrk mtype="seg" mid="1">We agree.</mrk></seg-source>'
        '<target state="needs-review-translation"><mrk mtype="seg" mid="1">Мы <g id="1">согласны</g><x id="2"/>'
        '<bpt id="3">&lt;b&gt;</bpt>.<ept id="3">&lt;/b&gt;</ept></mrk></target>'
        '<alt-trans><target>Мы соглашаемся.</target></alt-trans><note from="translator">ok</note></trans-unit></group>'
        '<trans-unit id="para_2"><source>We meet.</source><target state="signed-off">Мы встречаемся.</target>'
        '</trans-unit><trans-unit id="para_3"><source>We part.</source><target>Мы расстаёмся.</target></trans-unit>'
        '<trans-unit id="para_4"><source>We stop.</source></trans-unit>')
    file = read_xliff(data)
    assert [(u.id, u.source, u.target, u.state) for u in file.units] == [
        ("para_1", "We agree.", "Мы согласны.", "final"),  # approved="yes" outranks its state
        ("para_2", "We meet.", "Мы встречаемся.", "reviewed"),
        ("para_3", "We part.", "Мы расстаёмся.", "translated"),  # a target without a state
        ("para_4", "We stop.", None, "initial"),
    ]
    assert file.units[0].label == "OP1" and file.units[0].notes == [XliffNote("translator", "ok")]


# Refusals ----------------------------------------------------------------------------------------------------------


REFUSALS = [
    (b"<html><body/></html>", "not XLIFF: root element is <html>"),
    (b"", "not XML: "),
    (b"<xliff version='2.0'", "not XML: "),
    (xliff2(unit(), root='version="2.0" srcLang="en"'), "XLIFF 2.0 without trgLang"),
    (xliff2(unit(), root='srcLang="en" trgLang="ru"'), "XLIFF 2.0 without version"),
    (xliff2(unit("para_3") + unit("para_4") + unit("para_3")), "unit ids repeated: para_3"),
    (xliff2(unit("para_9", "<segment><target>Т.</target></segment>")), "unit para_9: <segment> without <source>"),
    (xliff2(unit("para_9", "<notes><note>n</note></notes>")), "unit para_9: no <segment>"),
    (xliff2(unit("para_1", "<ignorable><source> </source></ignorable>") + unit("para_2", "")),
     "units para_1, para_2: no <segment>"),
    (xliff2(unit("para_9", "<segment><source>A</source><target>Б</target><target>В</target></segment>")),
     "unit para_9: <segment> with 2 <target> elements"),
    (xliff2(unit("para_9", "<segment><source>A</source><source>B</source></segment>")),
     "unit para_9: <segment> with 2 <source> elements"),
    (xliff2(unit("para_9", '<segment state="done"><source>A</source></segment>')),
     "unit para_9: <segment> state 'done' (not one of initial, translated, reviewed, final)"),
    (xliff2(unit("para_9", "<segment><source>A<b>B</b></source></segment>")),
     "unit para_9: <b> is not an XLIFF 2.0 core element"),
    (xliff2(unit("para_9", "<segment><source>A<unit id='x'/></source></segment>")),
     "unit para_9: <unit> inside <source>"),
    (xliff2(unit("para_9", '<segment><source>A<cp hex="zz"/></source></segment>')),
     "unit para_9: <cp> with hex 'zz', not a code point"),
    (xliff2('<unit name="x"><segment><source>A</source></segment></unit>'), "unit #1 (no id): <unit> without id"),
    (xliff2(unit(), file='original="x"'), "<file> without id"),
    (xliff2(""), "<file> without <unit>"),
    (xliff2(unit("para_9", '<segment><source>A</source><target order="2">a</target></segment>'
                           '<segment><source>B</source><target>b</target></segment>')),
     "unit para_9: target order values that do not place each segment once"),
    (xliff2(unit()).replace(b"</file>", b'</file><file id="f2">' + unit().encode() + b"</file>"),
     "XLIFF with 2 <file> elements where Accord needs one"),
    (b'<xliff xmlns="urn:example" version="2.0"/>', "not XLIFF 2.0 or 1.2: <xliff> in namespace 'urn:example'"),
    (xliff12('<trans-unit id="a"><source>A</source></trans-unit>', file='source-language="en"'),
     "XLIFF 1.2 without target-language"),
    (xliff12('<trans-unit id="a"><source>A</source></trans-unit><trans-unit id="a"><source>B</source></trans-unit>'),
     "unit ids repeated: a"),
    (xliff12('<trans-unit id="a"><target>A</target></trans-unit>'), "unit a: <trans-unit> without <source>"),
    (xliff12('<trans-unit id="a"><source>A</source><target state="done">Б</target></trans-unit>'),
     "unit a: target state 'done' (not an XLIFF 1.2 state)"),
    (xliff12('<trans-unit id="a"><source>A<span>b</span></source></trans-unit>'),
     "unit a: <span> is not an XLIFF 1.2 element"),
]


@pytest.mark.parametrize("data, message", REFUSALS, ids=[message for _, message in REFUSALS])
def test_a_file_that_is_not_xliff_accord_can_import_is_refused_in_one_line(data, message):
    with pytest.raises(XliffError) as refusal:
        read_xliff(data)
    assert str(refusal.value).startswith(message)
    assert "\n" not in str(refusal.value)
    assert isinstance(refusal.value, ValueError)
    with pytest.raises(XliffError):  # the structure check alone says the same
        check_structure(data)


def test_every_problem_of_a_file_is_reported_at_once():
    data = xliff2(unit("para_1", "") + unit("para_2", "<segment><target>Т</target></segment>") + unit("para_1", ""),
                  root='version="2.0" srcLang="en"')
    with pytest.raises(XliffError) as refusal:
        read_xliff(data)
    assert str(refusal.value) == ("XLIFF 2.0 without trgLang; unit ids repeated: para_1; "
                                  "unit para_1: no <segment>; unit para_2: <segment> without <source>")


def test_a_message_names_ten_units_and_counts_the_rest():
    data = xliff2("".join(unit(f"para_{n}", "") for n in range(1, 14)))
    with pytest.raises(XliffError, match=r"^units para_1, .*, para_10 and 3 more: no <segment>$"):
        read_xliff(data)


def test_a_file_accord_wrote_passes_the_structure_check(seed_declarations):
    assert check_structure(write_xliff2(seed_declarations["en"], seed_declarations["ru"])) is None
    assert check_structure(write_xliff12(seed_declarations["en"], seed_declarations["ru"])) is None


# Safe parsing ----------------------------------------------------------------------------------------------------


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b']><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">'
    b'<file id="f"><unit id="u"><segment><source>&lol9;</source></segment></unit></file></xliff>'
)


def test_a_billion_laughs_is_refused_not_expanded():
    # libxml2 may stop it first ("Maximum entity amplification factor exceeded"); Accord refuses it in any case.
    with pytest.raises(XliffError, match="entit"):
        read_xliff(BILLION_LAUGHS)
    small = BILLION_LAUGHS.replace(b"&lol9;", b"&lol2;")  # within libxml2's limits: refused by Accord
    with pytest.raises(XliffError, match="^XML that declares entities is refused"):
        read_xliff(small)


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    for doctype in (f'<!DOCTYPE xliff [<!ENTITY x SYSTEM "{secret.as_uri()}">]>',
                    f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>'):
        data = (f'<?xml version="1.0"?>{doctype}'
                f'<xliff xmlns="{XLIFF2_NS}" version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u">'
                f"<segment><source>&x;</source></segment></unit></file></xliff>").encode()
        with pytest.raises(XliffError, match="entities is refused") as refusal:
            read_xliff(data)
        assert "SECRET" not in str(refusal.value)


def test_an_entity_that_an_external_dtd_might_declare_is_refused():
    data = xliff2(unit(body="<segment><source>&nbsp;</source></segment>")).replace(
        b"<xliff", b'<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://example.org/xliff.dtd"><xliff', 1)
    with pytest.raises(XliffError, match="^XML that refers to entities is refused"):
        read_xliff(data)


# Any text survives ------------------------------------------------------------------------------------------------


# Control-free text (XML 1.0 can hold all of it), with the characters that need escaping and spaces at the ends.
PLAIN_TEXT = st.text(
    alphabet=st.sampled_from(list(" <>&\"']]>\u00a0\u2028\t")) | st.characters(
        exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"),
    max_size=60,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=PLAIN_TEXT, target=PLAIN_TEXT, version=st.sampled_from(["2.0", "1.2"]))
def test_any_text_survives_writing_and_reading_unchanged(source, target, version):
    file = read_xliff(WRITERS[version](declaration("en", {"para_1": source}), declaration("ru", {"para_1": target})))
    assert (file.units[0].source, file.units[0].target) == (source, target)


@settings(max_examples=100)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_xliff_2_carries_even_characters_xml_cannot_hold_as_cp(text):
    file = read_xliff(write_xliff2(declaration("en", {"para_1": text}), declaration("ru", {"para_1": text})))
    assert (file.units[0].source, file.units[0].target) == (text, text)


def test_xliff_1_2_refuses_a_character_xml_cannot_hold_rather_than_drop_it():
    english = declaration("en", {"para_1": "Fine.", "para_2": "Bell\x07."})
    with pytest.raises(XliffError, match="^XLIFF 1.2 cannot carry .* found in para_2; write XLIFF 2.0"):
        write_xliff12(english, declaration("ru", {}))
    assert read_xliff(write_xliff2(english, declaration("ru", {}))).units[1].source == "Bell\x07."


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), cuts=st.integers(1, 4))
def test_a_damaged_file_is_read_or_refused_never_a_traceback(seed, cuts):
    english, russian = declaration("en", ENGLISH), declaration("ru", RUSSIAN_BEFORE)
    data = bytearray((FIXTURES / "cat_tool_ru.xlf").read_bytes() if seed % 3 == 0 else
                     write_xliff2(english, russian) if seed % 3 == 1 else write_xliff12(english, russian))
    rng = random.Random(seed)
    for _ in range(cuts):  # cut out a random slice (a tag, an attribute, half an element) or copy one elsewhere
        start = rng.randrange(len(data))
        if rng.random() < 0.5:
            del data[start:start + rng.randrange(1, 40)]
        else:
            origin = rng.randrange(len(data))
            data[start:start] = data[origin:origin + rng.randrange(1, 60)]
    try:
        read_xliff(bytes(data))
    except XliffError as error:
        assert "\n" not in str(error)
