"""The seed circulation package is read exactly: five documents, every field a conference officer would check."""

import datetime as dt

from accord.text import parse_file


def test_the_seed_holds_three_notes_then_two_declarations(seed_documents):
    assert [(d.kind, d.language) for d in seed_documents] == [
        ("note_verbale", "en"),
        ("note_verbale", "ru"),
        ("note_verbale", "kk"),
        ("declaration", "en"),
        ("declaration", "ru"),
    ]


def test_each_declaration_has_11_preambular_and_29_operative_paragraphs_in_sections_i_to_v(seed_declarations):
    for declaration in seed_declarations.values():
        assert len(declaration.preamble) == 11
        assert len(declaration.operative_paragraphs()) == 29
        assert [s.num for s in declaration.sections] == ["I", "II", "III", "IV", "V"]
        assert [len(s.paragraphs) for s in declaration.sections] == [3, 12, 8, 2, 4]
        assert [p.num for p in declaration.operative_paragraphs()] == [str(n) for n in range(1, 30)]


def test_provision_ids_and_labels_are_shared_by_the_language_versions(seed_declarations):
    en, ru = seed_declarations["en"], seed_declarations["ru"]
    assert [(p.id, p.label) for p in en.provisions()] == [(p.id, p.label) for p in ru.provisions()]
    assert en.preamble[4].id == "recs_1__rec_5" and en.preamble[4].label == "PP5"
    assert en.operative_paragraphs()[11].id == "para_12" and en.operative_paragraphs()[11].label == "OP12"
    assert en.sections[1].id == "sec_II"


def test_titles_formulas_and_lead_phrases(seed_declarations):
    en, ru = seed_declarations["en"], seed_declarations["ru"]
    assert en.title == (
        "DRAFT DECLARATION of the Sixth Meeting of the Ministers of Foreign Affairs of the Conference "
        "on Interaction and Confidence Building Measures in Asia"
    )
    assert en.form == "declaration" and en.draft and en.akn_name == "declarationDraft"
    assert en.opening_formula.startswith("We, the Ministers of Foreign Affairs")
    assert ru.opening_formula.startswith("Мы, Министры иностранных дел")
    assert en.enacting_formula == "DECLARE THE FOLLOWING:"
    assert ru.enacting_formula == "ЗАЯВЛЯЕМ О СЛЕДУЮЩЕМ:"
    assert [r.lead for r in en.preamble][:3] == ["Having met", "Highly appreciating", "Reaffirming"]
    assert en.preamble[7].lead == "Conscious of the fact"
    assert ru.preamble[4].lead == "Принимая во внимание"
    for recital in en.preamble + ru.preamble:
        assert recital.text.startswith(recital.lead)


def test_no_markup_leaks_into_the_text(seed_documents):
    for document in seed_documents:
        for value in _strings(document.to_dict()):
            assert "*" not in value and "#" not in value and "\n" not in value and "  " not in value, value


def test_paragraphs_split_by_a_page_break_are_joined_again(seed_declarations):
    en, ru = seed_declarations["en"], seed_declarations["ru"]
    assert "and the Almaty Act, is an important element" in en.operative_paragraphs()[0].text
    assert "inclusive and rule-based multilateral trading system" in en.operative_paragraphs()[12].text
    assert "включая производство энергии, при соответствующем" in ru.operative_paragraphs()[4].text


def test_header_lines_outside_the_body_are_kept_as_metadata(seed_declarations):
    en, ru = seed_declarations["en"], seed_declarations["ru"]
    assert ru.metadata["header"] == ["Председательство Казахстана", "Проект для рассмотрения СРГ и КСДЛ"]
    assert not ru.preamble[0].text.startswith("Проект")
    assert en.closing == [] and "header" not in en.metadata
    assert "warnings" not in en.metadata and "warnings" not in ru.metadata


def test_notes_verbales_number_place_date_enclosure_and_reference(seed_notes):
    expected_dates = {"en": "26 August 2021", "ru": "26 августа 2021г.", "kk": "2021 жылғы 26 тамыз"}
    for language, note in seed_notes.items():
        assert note.number == "17-1/542"
        assert note.date == dt.date(2021, 8, 26)
        assert note.date_text == expected_dates[language]
        assert note.enclosure.pages == 7
        assert [s.value for s in note.refers_to] == ["MM/2021/DRAFT/3"]
        assert len(note.paragraphs) == 3
    assert (seed_notes["en"].place, seed_notes["ru"].place, seed_notes["kk"].place) == (
        "Nur-Sultan", "Нур-Султан", "Нұр-Сұлтан"
    )
    assert seed_notes["ru"].place_text == "город Нур-Султан"
    assert seed_notes["en"].enclosure.text == "as stated"
    assert seed_notes["en"].sender.startswith("Secretariat of the Conference on Interaction")
    assert seed_notes["en"].addressees == [
        "MEMBER STATES OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA"
    ]


def test_a_symbol_typed_in_cyrillic_is_the_same_symbol_with_its_spelling_kept(seed_notes):
    en_symbol, ru_symbol = seed_notes["en"].refers_to[0], seed_notes["ru"].refers_to[0]
    assert ru_symbol.value == en_symbol.value == "MM/2021/DRAFT/3"
    assert ru_symbol.original == "ММ/2021/DRAFT/3" and ru_symbol.original != en_symbol.original
    assert ru_symbol.has_lookalikes and not en_symbol.has_lookalikes


def test_what_the_package_implies_is_filled_in_and_said_so(seed_notes, seed_declarations):
    assert "number" in seed_notes["kk"].metadata["inferred"]
    assert "inferred" not in seed_notes["en"].metadata
    for declaration in seed_declarations.values():
        assert declaration.symbol.value == "MM/2021/DRAFT/3"
        assert "symbol" in declaration.metadata["inferred"]
        assert declaration.metadata["circulated"] == "2021-08-26"


def test_the_letterhead_of_the_next_note_is_not_taken_for_an_addressee(seed_notes):
    assert len(seed_notes["en"].addressees) == 1
    assert seed_notes["ru"].metadata["letterhead"][0].startswith("SECRETARIAT OF THE CONFERENCE")


def test_the_model_round_trips_through_its_dict(seed_documents):
    from accord.text import document_from_dict

    for document in seed_documents:
        assert document_from_dict(document.to_dict()) == document


def test_reading_is_deterministic(seed_path, seed_documents):
    assert [d.to_dict() for d in parse_file(seed_path)] == [d.to_dict() for d in seed_documents]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
