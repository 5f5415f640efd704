"""Notes verbales written from data: the seed's note regenerated in three languages, the other purposes, the errors.

The fidelity test composes note № 17-1/542 from its facts and compares it with the seed's notes as the reader parses
them, sentence for sentence. Text is compared after :func:`accord.text.note_writer.comparable`, which allows exactly this and nothing else:

* whitespace: any run of spaces, no-break spaces or line breaks is one space, and none at either end;
* typography: curly and angle quotes are straight quotes, hyphens and dashes of every width are "-";
* document symbols are compared by their normalised value (:func:`accord.text.normalise_symbol`), so the Russian and
  Kazakh notes' ``ММ/2021/DRAFT/3``, typed with Cyrillic Em, equals the ``MM/2021/DRAFT/3`` the generator writes;
* a space between a number and an abbreviation the language lets stand glued to it (the table's
  ``numbers.attached``: Russian "г") is dropped, so Babel's "2021 г." equals the seed's "2021г.".

Every word must be identical. One slip of the seed is corrected before comparing, and listed in :data:`SEED_SLIPS`:
the Kazakh addressee block's "СЕНИМ", typed with a Russian "и" for the Kazakh "і" (the concordance checker reports
it too). The seed's Kazakh copy has no letterhead, so letterheads are compared where the seed has one.
"""

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

import accord.text
from accord.text import parse_bytes
from accord.text.concordance import check_versions
from accord.text.docx_writer import render_docx
from accord.text.html_writer import render_html
from accord.text.languages import all_languages, get_language
from accord.text.note_writer import (
    AGENDA,
    FORWARD,
    INVITATION,
    DocumentRef,
    Meeting,
    Named,
    NoteFacts,
    comparable,
    compose_note,
    compose_notes,
    differences,
    sentences,
)

LANGUAGES = ("en", "ru", "kk")
CICA = json.loads(
    (Path(accord.text.__file__).parents[1] / "registry" / "forums" / "cica.json").read_text(encoding="utf-8")
)

# The registry holds names in the nominative; the forms the Russian and Kazakh wording inflects them into.
# The forum and its bodies as the forum file has them, with the forms of their names the wording needs.
FORUM = Named.from_dict(CICA["forum"])
SWG = Named.from_dict(next(body for body in CICA["bodies"] if body["symbol_prefix"] == "SWG"))
NUR_SULTAN = Named(CICA["forum"]["seat"])
DRAFT_DECLARATION = DocumentRef(
    symbol="MM/2021/DRAFT/3",
    names={
        "en": "draft declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs",
        "ru": "проект декларации шестой Встречи министров иностранных дел СВМДА",
        "kk": "АӨСШК Сыртқы істер министрлерінің алтыншы кездесуіне қатысты декларация жобасы",
    },
    forms={
        "en": {"short": "draft declaration"},
        "ru": {
            "accusative": "проект декларации шестой Встречи министров иностранных дел СВМДА",
            "genitive": "проекта декларации шестой Встречи министров иностранных дел СВМДА",
            "short": "проект декларации",
            "gender": "m",
        },
        "kk": {
            "accusative": "АӨСШК Сыртқы істер министрлерінің алтыншы кездесуіне қатысты декларация жобасын",
            "short": "декларацияның жобасы",
        },
    },
)
SWG_MEETING = Meeting(SWG, dt.date(2021, 9, 14), dt.date(2021, 9, 15), venue=NUR_SULTAN)

# The seed's note: forwarding MM/2021/DRAFT/3 on behalf of the Chairmanship, on the SWG's draft agenda, 7 pages.
SEED_FACTS = NoteFacts(
    number="17-1/542",
    forum=FORUM,
    purpose=FORWARD,
    place=NUR_SULTAN,
    date=dt.date(2021, 8, 26),
    documents=(DRAFT_DECLARATION,),
    meeting=SWG_MEETING,
    enclosure_pages=7,
    letterhead=("en", "ru"),
)

# Typing slips of the seed that the generator rightly does not reproduce: (as typed, as it should read).
SEED_SLIPS = {"kk": [("СЕНИМ", "СЕНІМ")]}

def corrected(seed_lines: list[tuple[str, str]], code: str) -> list[tuple[str, str]]:
    for typed, right in SEED_SLIPS.get(code, []):
        assert any(typed in text for _, text in seed_lines), f"the seed's slip {typed!r} is not in its {code} note"
        seed_lines = [(role, text.replace(typed, right)) for role, text in seed_lines]
    return seed_lines


# -- fidelity ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_seed_note_regenerated_from_its_facts_matches_the_seed_sentence_for_sentence(seed_notes, code):
    seed = seed_notes[code]
    generated = compose_note(SEED_FACTS, code)
    with_letterhead = bool(seed.metadata.get("letterhead"))
    assert with_letterhead or code == "kk"  # only the Kazakh copy was printed without the letterhead
    assert sentences(generated, with_letterhead) == corrected(sentences(seed, with_letterhead), code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_regenerated_note_has_the_seed_notes_fields(seed_notes, code):
    seed, generated = seed_notes[code], compose_note(SEED_FACTS, code)
    assert generated.title == seed.title and generated.number == seed.number == "17-1/542"
    assert generated.sender == seed.sender
    assert generated.enclosure == seed.enclosure and generated.enclosure_pages == 7
    assert (generated.place, generated.place_text) == (seed.place, seed.place_text)
    assert generated.date == seed.date == dt.date(2021, 8, 26)
    assert [s.value for s in generated.refers_to] == [s.value for s in seed.refers_to] == ["MM/2021/DRAFT/3"]
    # The generator writes the symbol in Latin letters where the seed's typist used Cyrillic look-alikes.
    assert not any(symbol.has_lookalikes for symbol in generated.refers_to)


def test_the_dates_are_babels_in_each_language():
    notes = compose_notes(SEED_FACTS, LANGUAGES)
    assert [notes[code].date_text for code in LANGUAGES] == [
        "26 August 2021", "26 августа 2021 г.", "2021 жылғы 26 тамыз"]
    assert "14 and 15 September 2021." in notes["en"].paragraphs[1]
    assert notes["ru"].paragraphs[1].endswith("14 и 15 сентября 2021 г.")  # one full stop, not "г.."
    assert "2021 жылғы 14 мен 15 қыркүйекте өтетін" in notes["kk"].paragraphs[1]


@pytest.mark.parametrize(
    "change",
    [
        {"enclosure_pages": 8},
        {"number": "17-1/543"},
        {"date": dt.date(2021, 8, 27)},
        {"observers": True},
        {"meeting": dataclasses.replace(SWG_MEETING, end=dt.date(2021, 9, 16))},
    ],
)
def test_the_fidelity_comparison_sees_a_one_word_difference(seed_notes, change):
    for code in LANGUAGES:
        seed = seed_notes[code]
        with_letterhead = bool(seed.metadata.get("letterhead"))
        generated = compose_note(dataclasses.replace(SEED_FACTS, **change), code)
        assert sentences(generated, with_letterhead) != corrected(sentences(seed, with_letterhead), code)


def test_differences_name_the_sentences_two_notes_word_differently(seed_notes):
    # The Kazakh copy's one slip (the Russian "и" in "СЕНИМ") is all that differs; the Kazakh copy has no letterhead,
    # so letterheads are not compared with it.
    assert differences(compose_note(SEED_FACTS, "kk"), seed_notes["kk"]) == [(
        "addressee",
        "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ",
        "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНИМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ",
    )]
    assert differences(compose_note(SEED_FACTS, "en"), seed_notes["en"]) == []
    three_pages = compose_note(dataclasses.replace(SEED_FACTS, enclosure_pages=3), "ru")
    assert [role for role, _expected, _actual in differences(three_pages, seed_notes["ru"])] == ["enclosure"]


def test_normalisation_keeps_words_and_letters():
    assert comparable("26 августа 2021 г.", "ru") == comparable("26 августа\u00a02021г.", "ru")
    assert comparable("(документ ММ/2021/DRAFT/3)", "ru") == "(документ MM/2021/DRAFT/3)"
    assert comparable("«проект» – текст", "ru") == comparable('"проект" - текст', "ru")
    assert comparable("Секретариат", "ru") != comparable("Секретариата", "ru")
    assert comparable("СЕНИМ", "kk") != comparable("СЕНІМ", "kk")
    assert comparable("Мы", "ru") != comparable("My", "ru")  # look-alike letters count outside symbols
    assert comparable("2021 года", "ru") != comparable("2021года", "ru")


# -- the generated notes render and read back ----------------------------------------------------------------------


@pytest.mark.parametrize("purpose", [FORWARD, AGENDA, INVITATION])
@pytest.mark.parametrize("code", LANGUAGES)
def test_a_generated_note_renders_as_docx_and_reads_back_unchanged(code, purpose):
    note = compose_note(dataclasses.replace(SEED_FACTS, purpose=purpose, observers=True), code)
    (read,) = parse_bytes(render_docx(note), f"note.{code}.docx")
    assert read.to_dict() == note.to_dict()


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_generated_note_renders_as_html(code):
    note = compose_note(SEED_FACTS, code)
    html = render_html(note)
    enclosure = get_language(code).enclosure_line(note.enclosure.text, note.enclosure.pages)
    for text in [*note.paragraphs, enclosure, note.date_text, *note.addressees, *note.metadata["letterhead"]]:
        assert text in html
    assert f'<article class="note-verbale" lang="{code}">' in html


@pytest.mark.parametrize("purpose", [FORWARD, AGENDA, INVITATION])
def test_the_three_versions_agree_for_the_concordance_checker(purpose):
    notes = compose_notes(dataclasses.replace(SEED_FACTS, purpose=purpose, observers=True), LANGUAGES)
    assert [(f.code, f.message) for f in check_versions(list(notes.values()))] == []


# -- addressees and purposes ---------------------------------------------------------------------------------------


def test_observers_are_addressed_with_the_member_states_in_every_formula_and_the_addressee_block():
    notes = compose_notes(dataclasses.replace(SEED_FACTS, observers=True), LANGUAGES)
    expected = {
        "en": ("the CICA Member States and Observers",
               "MEMBER STATES AND OBSERVERS OF THE CONFERENCE ON INTERACTION AND CONFIDENCE BUILDING MEASURES IN ASIA"),
        "ru": ("государствам-членам и наблюдателям СВМДА",
               "ГОСУДАРСТВА-ЧЛЕНЫ И НАБЛЮДАТЕЛИ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ И МЕРАМ ДОВЕРИЯ В АЗИИ"),
        "kk": ("АӨСШК мүше мемлекеттері мен байқаушыларына",
               "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ МЕН БАЙҚАУШЫЛАРЫ"),
    }
    for code, (recipient, block) in expected.items():
        note = notes[code]
        assert recipient in note.paragraphs[0] and recipient in note.paragraphs[-1]
        assert note.addressees == [block]
    members_only = compose_notes(SEED_FACTS, LANGUAGES)
    assert not any("Observers" in p for p in members_only["en"].paragraphs)
    assert not any("наблюдател" in p for p in members_only["ru"].paragraphs)
    assert not any("байқаушы" in p for p in members_only["kk"].paragraphs)


def test_a_note_informing_of_an_agenda():
    facts = dataclasses.replace(SEED_FACTS, purpose=AGENDA, enclosure_pages=None)
    notes = compose_notes(facts, LANGUAGES)
    assert notes["en"].paragraphs == [
        "The Secretariat of the Conference on Interaction and Confidence Building Measures in Asia (CICA) presents "
        "its compliments to the CICA Member States and has the honour to inform them that the draft agenda of the "
        "Special Working Group (SWG) meeting on 14 and 15 September 2021 includes the consideration of the draft "
        "declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs (document MM/2021/DRAFT/3).",
        "The Secretariat avails itself of this opportunity to renew to the CICA Member States the assurances of its "
        "highest consideration.",
    ]
    assert notes["ru"].paragraphs == [
        "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА) свидетельствует свое уважение "
        "государствам-членам СВМДА и имеет честь сообщить, что в проект повестки дня заседания Специальной рабочей "
        "группы (СРГ) 14 и 15 сентября 2021 г. включено рассмотрение проекта декларации шестой Встречи министров "
        "иностранных дел СВМДА (документ MM/2021/DRAFT/3).",
        "Секретариат пользуется случаем, чтобы возобновить государствам-членам СВМДА уверения в своем весьма высоком "
        "уважении.",
    ]
    assert notes["kk"].paragraphs == [
        "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (АӨСШК) Хатшылығы АӨСШК мүше мемлекеттеріне өзінің "
        "зор ілтипатын білдіре отырып, 2021 жылғы 14 мен 15 қыркүйекте өтетін Арнаулы жұмыс тобы (АЖТ) отырысының "
        "күн тәртібінің жобасына АӨСШК Сыртқы істер министрлерінің алтыншы кездесуіне қатысты декларация жобасын "
        "(құжат MM/2021/DRAFT/3) қарау енгізілгені туралы хабарлауды өзіне мәртебе санайды.",
        "Хатшылық осы мүмкіндікті пайдалана отырып, АӨСШК мүше мемлекеттеріне өзінің зор ілтипатын тағы да растайды.",
    ]
    assert all(note.enclosure is None for note in notes.values())


def test_a_note_inviting_to_a_meeting():
    facts = dataclasses.replace(SEED_FACTS, purpose=INVITATION, enclosure_pages=None)
    notes = compose_notes(facts, LANGUAGES)
    assert notes["en"].paragraphs[0].endswith(
        "has the honour to invite them to take part in the Special Working Group (SWG) meeting to be held in "
        "Nur-Sultan on 14 and 15 September 2021."
    )
    assert notes["ru"].paragraphs[0].endswith(
        "имеет честь пригласить их принять участие в заседании Специальной рабочей группы (СРГ), которое состоится "
        "14 и 15 сентября 2021 г. в городе Нур-Султан."
    )
    assert notes["kk"].paragraphs[0].endswith(
        "өзінің зор ілтипатын білдіре отырып, 2021 жылғы 14 мен 15 қыркүйекте Нұр-Сұлтан қаласында өтетін Арнаулы "
        "жұмыс тобы (АЖТ) отырысына қатысуға шақыруды өзіне мәртебе санайды."
    )
    assert [notes[code].paragraphs[1] for code in LANGUAGES] == [
        "The agenda of the meeting includes the consideration of the draft declaration of the Sixth Meeting of the "
        "CICA Ministers of Foreign Affairs (document MM/2021/DRAFT/3).",
        "В повестку дня заседания включено рассмотрение проекта декларации шестой Встречи министров иностранных дел "
        "СВМДА (документ MM/2021/DRAFT/3).",
        "Отырыстың күн тәртібіне АӨСШК Сыртқы істер министрлерінің алтыншы кездесуіне қатысты декларация жобасын "
        "(құжат MM/2021/DRAFT/3) қарау енгізілді.",
    ]
    # Without documents to refer to, the invitation is the opening and closing formulas alone.
    bare = compose_notes(dataclasses.replace(facts, documents=()), LANGUAGES)
    assert [len(note.paragraphs) for note in bare.values()] == [2, 2, 2]
    assert all(note.refers_to == [] for note in bare.values())


def test_forwarding_without_a_meeting_has_no_agenda_sentence():
    notes = compose_notes(dataclasses.replace(SEED_FACTS, meeting=None), LANGUAGES)
    assert [len(note.paragraphs) for note in notes.values()] == [2, 2, 2]


def test_several_documents_are_listed_and_the_agenda_sentence_agrees_with_them():
    resolution = DocumentRef(
        symbol="SOC/2021/DRAFT/1",
        names={"en": "draft resolution", "ru": "проект резолюции", "kk": "қарар жобасы"},
        forms={
            "en": {"short": "draft resolution"},
            "ru": {"accusative": "проект резолюции", "short": "проект резолюции", "gender": "m"},
            "kk": {"accusative": "қарар жобасын", "short": "қарардың жобасы"},
        },
    )
    notes = compose_notes(dataclasses.replace(SEED_FACTS, documents=(DRAFT_DECLARATION, resolution)), LANGUAGES)
    assert notes["en"].paragraphs[0].endswith(
        "(document MM/2021/DRAFT/3) and the draft resolution (document SOC/2021/DRAFT/1)."
    )
    assert notes["en"].paragraphs[1].startswith("The draft declaration and draft resolution are included in")
    assert notes["ru"].paragraphs[1].startswith("Проект декларации и проект резолюции включены в проект повестки")
    assert notes["kk"].paragraphs[1].startswith("Аталмыш декларацияның жобасы және қарардың жобасы 2021 жылғы")
    assert [s.value for s in notes["ru"].refers_to] == ["MM/2021/DRAFT/3", "SOC/2021/DRAFT/1"]


def test_the_russian_agenda_sentence_agrees_with_the_documents_gender():
    russian = {**DRAFT_DECLARATION.forms["ru"], "short": "декларация", "gender": "f"}
    declaration = dataclasses.replace(DRAFT_DECLARATION, forms={**DRAFT_DECLARATION.forms, "ru": russian})
    note = compose_note(dataclasses.replace(SEED_FACTS, documents=(declaration,)), "ru")
    assert note.paragraphs[1].startswith("Декларация включена в проект повестки дня")


# -- other numbers, dates and meetings -----------------------------------------------------------------------------


def test_another_number_and_date():
    facts = dataclasses.replace(SEED_FACTS, number="17-1/601", date=dt.date(2022, 3, 1))
    notes = compose_notes(facts, LANGUAGES)
    assert [notes[code].title for code in LANGUAGES] == [
        "Note verbale No. 17-1/601", "Вербальная нота № 17-1/601", "Вербалдық нота № 17-1/601"]
    assert [notes[code].date_text for code in LANGUAGES] == ["1 March 2022", "1 марта 2022 г.", "2022 жылғы 1 наурыз"]
    assert {note.number for note in notes.values()} == {"17-1/601"}
    assert {note.date for note in notes.values()} == {dt.date(2022, 3, 1)}


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (dt.date(2022, 5, 4), None, ("4 May 2022", "4 мая 2022 г.", "2022 жылғы 4 мамырда")),
        (dt.date(2022, 5, 4), dt.date(2022, 5, 6), ("4–6 May 2022", "4–6 мая 2022 г.", "2022 жылғы 4–6 мамырда")),
        (dt.date(2022, 5, 31), dt.date(2022, 6, 1),
         ("31 May – 1 June 2022", "31 мая – 1 июня 2022 г.", "2022 жылғы 31 мамыр – 1 маусымда")),
        (dt.date(2022, 12, 30), dt.date(2023, 1, 2),
         ("30 December 2022 – 2 January 2023", "30 декабря 2022 г. – 2 января 2023 г.",
          "2022 жылғы 30 желтоқсан – 2023 жылғы 2 қаңтарда")),
    ],
)
def test_meeting_dates_in_each_language(start, end, expected):
    facts = dataclasses.replace(SEED_FACTS, meeting=Meeting(SWG, start, end, NUR_SULTAN))
    notes = compose_notes(facts, LANGUAGES)
    for code, dates in zip(LANGUAGES, expected):
        assert dates in notes[code].paragraphs[1]
    assert notes["ru"].paragraphs[1].endswith("г.") and not notes["ru"].paragraphs[1].endswith("..")


# -- missing facts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        ({"number": " "}, "no number"),
        ({"purpose": "congratulate"}, "unknown purpose 'congratulate'"),
        ({"documents": ()}, "no document to refer to"),
        ({"enclosure_pages": None}, "no enclosure page count"),
        ({"enclosure_pages": 0}, "enclosure page count 0 is not positive"),
        ({"purpose": AGENDA, "meeting": None}, "no meeting"),
        ({"purpose": INVITATION, "meeting": dataclasses.replace(SWG_MEETING, venue=None)}, "no venue"),
        ({"meeting": dataclasses.replace(SWG_MEETING, end=dt.date(2021, 9, 13))}, "ends (2021-09-13) before it starts"),
    ],
)
def test_missing_or_wrong_facts_are_a_value_error_that_says_what(change, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        compose_note(dataclasses.replace(SEED_FACTS, **change), "en")


def test_every_problem_is_reported_at_once():
    facts = dataclasses.replace(SEED_FACTS, number="", documents=(), enclosure_pages=None)
    with pytest.raises(ValueError) as error:
        compose_note(facts, "en")
    assert str(error.value) == (
        "cannot compose note verbale (no number): no number; no document to refer to, which a note to forward needs; "
        "no enclosure page count, which a note forwarding a document needs"
    )


def test_a_name_or_form_the_language_needs_is_a_value_error_naming_it():
    nominative_only = dataclasses.replace(SEED_FACTS, forum=Named.from_dict({**CICA["forum"], "forms": {}}),
                                          letterhead=("en",))
    assert compose_note(nominative_only, "en").sender.startswith("Secretariat of the Conference")
    missing_genitive = (
        "'Conference on Interaction and Confidence Building Measures in Asia' has no 'genitive' form in ru")
    with pytest.raises(ValueError, match=missing_genitive):
        compose_note(dataclasses.replace(nominative_only, letterhead=()), "ru")
    with pytest.raises(ValueError, match=missing_genitive):  # the English note's Russian letterhead needs it too
        compose_note(dataclasses.replace(nominative_only, letterhead=("en", "ru")), "en")
    without_accusative = dataclasses.replace(DRAFT_DECLARATION, forms={**DRAFT_DECLARATION.forms, "kk": {}})
    with pytest.raises(ValueError, match="'MM/2021/DRAFT/3' has no 'accusative' form in kk"):
        compose_note(dataclasses.replace(SEED_FACTS, documents=(without_accusative,)), "kk")
    no_kazakh_place = Named({"en": "Baku", "ru": "Баку"})
    with pytest.raises(ValueError, match="'Baku' has no name in kk"):
        compose_note(dataclasses.replace(SEED_FACTS, place=no_kazakh_place), "kk")


def test_a_russian_document_without_a_gender_cannot_be_agreed_with():
    russian = {form: text for form, text in DRAFT_DECLARATION.forms["ru"].items() if form != "gender"}
    genderless = dataclasses.replace(DRAFT_DECLARATION, forms={**DRAFT_DECLARATION.forms, "ru": russian})
    with pytest.raises(ValueError, match="'purposes.forward.follow_up' agrees with f, m, n, plural"):
        compose_note(dataclasses.replace(SEED_FACTS, documents=(genderless,)), "ru")
    assert compose_note(dataclasses.replace(SEED_FACTS, documents=(genderless,)), "en")  # English does not agree


def test_an_unknown_sender_or_language_is_a_value_error():
    with pytest.raises(ValueError, match="the en note templates have no 'senders.chairmanship.name'"):
        compose_note(dataclasses.replace(SEED_FACTS, sender="chairmanship"), "en")
    with pytest.raises(ValueError, match="no note templates for language 'fr'"):
        compose_note(SEED_FACTS, "fr")


# -- a language added by data alone -------------------------------------------------------------------------------


@pytest.fixture
def french(tmp_path, monkeypatch):
    """A French table beside the built-in ones, through ``ACCORD_LANGUAGES_PATH``: no code changes."""
    table = json.loads((Path(accord.text.__file__).parent / "languages" / "en.json").read_text(encoding="utf-8"))
    table.update(code="fr", iso639_2="fra", locale="fr-FR", name="Français")
    table["note"] = {
        **table["note"],
        "title": "Note verbale no {number}",
        "enclosure_line": "Pièce jointe : {text}{pages}",
        "enclosure_pages": ", {pages} p.",
    }
    table["note_templates"] = {
        "senders": {"secretariat": {"name": "Secrétariat de la {forum[name]} ({forum[abbr]})", "short": "Secrétariat",
                                    "letterhead": "Secrétariat de la {forum[name]}"}},
        "addressees": {"members": {"recipient": "aux États membres de la {forum[abbr]}",
                                   "block": "États membres de la {forum[name]}"}},
        "opening": "Le {sender} présente ses compliments {recipient} et a l'honneur de {action}.",
        "closing": "Le {sender_short} saisit cette occasion pour renouveler {recipient} les assurances de sa très "
        "haute considération.",
        "purposes": {"forward": {"action": "transmettre au nom de la Présidence de la {forum[abbr]} {documents}"}},
        "document": "le {title} (document {symbol})",
        "place": "{place[name]}",
        "date": "{date:d MMMM y}",
        "enclosure": "mentionnée",
    }
    (tmp_path / "fr.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("ACCORD_LANGUAGES_PATH", str(tmp_path))
    all_languages.cache_clear()
    yield
    monkeypatch.undo()  # before the caches are cleared, so that they fill again without the French table
    all_languages.cache_clear()


def test_a_language_is_added_by_data_alone(french):
    forum = Named(
        {**FORUM.names, "fr": "Conférence pour l'interaction et les mesures de confiance en Asie"},
        {**FORUM.abbreviations, "fr": "CICA"},
        FORUM.forms,
    )
    declaration = dataclasses.replace(
        DRAFT_DECLARATION, names={**DRAFT_DECLARATION.names, "fr": "projet de déclaration"})
    place = Named({**NUR_SULTAN.names, "fr": "Nur-Sultan"})
    facts = dataclasses.replace(SEED_FACTS, forum=forum, documents=(declaration,), place=place, meeting=None,
                                letterhead=())
    note = compose_note(facts, "fr")
    assert note.paragraphs[0] == (
        "Le Secrétariat de la Conférence pour l'interaction et les mesures de confiance en Asie (CICA) présente ses "
        "compliments aux États membres de la CICA et a l'honneur de transmettre au nom de la Présidence de la CICA le "
        "projet de déclaration (document MM/2021/DRAFT/3)."
    )
    assert note.date_text == "26 août 2021" and note.title == "Note verbale no 17-1/542"
    assert note.metadata["letterhead"] == [
        "SECRÉTARIAT DE LA CONFÉRENCE POUR L'INTERACTION ET LES MESURES DE CONFIANCE EN ASIE"]
