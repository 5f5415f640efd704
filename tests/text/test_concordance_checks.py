"""Each concordance check on small texts: what it flags, and what it deliberately matches."""

from pathlib import Path

import pytest

from accord.text import parse_file, parse_text
from accord.text.concordance import (
    Concept,
    Term,
    TermBase,
    check,
    load_tbx,
    starter,
    write_tbx,
)
from accord.text.concordance.termbase import DEPRECATED, TermBaseError

FIXTURES = Path(__file__).parent / "fixtures" / "concordance"
HEADINGS = {
    "en": ("**DRAFT DECLARATION**", "We, the Ministers,", "DECLARE THE FOLLOWING:"),
    "ru": ("**ПРОЕКТ ДЕКЛАРАЦИИ**", "Мы, Министры,", "ЗАЯВЛЯЕМ О СЛЕДУЮЩЕМ:"),
    "kk": ("**ДЕКЛАРАЦИЯ ЖОБАСЫ**", "Біз, Министрлер,", "Төмендегілерді мәлімдейміз:"),
}


def declaration(language: str, *paragraphs: str, recitals: tuple[str, ...] = ()):
    """A declaration in ``language`` with the given recitals ("*Lead* text;") and numbered operative paragraphs."""
    title, opening, enacting = HEADINGS[language]
    lines = [title, opening, *recitals, enacting, *(f"{n}. {p}" for n, p in enumerate(paragraphs, start=1))]
    return parse_text("\n\n".join(lines) + "\n")[0]


def findings(source, target, **options):
    return [(f.code, f.source.excerpt, f.target.excerpt) for f in check(source, target, **options)]


def found_codes(source, target, **options):
    return [f.code for f in check(source, target, **options)]


# Numbers and dates ----------------------------------------------------------------------------------------------


def test_numbers_in_each_languages_format_match():
    english = declaration("en", "The budget grew by 1.25 million, to 1,000 posts, or 5% more, in 2024.")
    russian = declaration("ru", "Бюджет вырос на 1,25 миллиона, до 1 000 должностей, или на 5 процентов, в 2024 году.")
    assert findings(english, russian) == []


def test_number_words_and_ordinals_match_digits_and_each_other():
    english = declaration("en", "We hold the Sixth Meeting, two years after the 30th anniversary, the seventh time.")
    russian = declaration("ru", "Мы проводим шестую Встречу через два года после 30-летия, в седьмой раз.")
    kazakh = declaration("kk", "Біз 30 жылдығынан екі жыл өткен соң алтыншы кездесуді жетінші рет өткіземіз.")
    assert findings(english, russian) == []
    assert findings(english, kazakh) == []


def test_a_changed_number_a_year_and_a_percentage_are_errors():
    english = declaration("en", "In 2024 the staff grew from 11 to 19 persons, by 5%.")
    russian = declaration("ru", "В 2023 году штат увеличился с 11 до 18 человек, на 5.")
    found = check(english, russian)
    assert {f.severity for f in found} == {"error"}
    assert [(f.code, f.source.excerpt, f.target.excerpt) for f in found] == [
        ("numbers.differ", "2024", "2023"), ("numbers.differ", "19", "18"), ("numbers.differ", "5%", "5")]
    assert "the year 2024 (en) reads 2023" in found[0].message


def test_a_number_word_alone_is_not_flagged_but_a_changed_one_is():
    english = declaration("en", "We request the two organizations to second one expert.")
    russian = declaration("ru", "Мы просим обе организации командировать эксперта.")
    assert findings(english, russian) == []
    changed = declaration("ru", "Мы приветствуем шестую Встречу.")
    assert found_codes(declaration("en", "We welcome the Fifth Meeting."), changed) == ["numbers.differ"]


def test_dates_in_each_languages_format_and_ranges_match():
    english = declaration("en", "The meeting of 14 and 15 September 2021 follows the Act of 4 June 2002.")
    russian = declaration("ru", "Заседание 14 и 15 сентября 2021г. следует за Актом от 4 июня 2002 года.")
    kazakh = declaration("kk", "2021 жылғы 14 мен 15 қыркүйекте өтетін отырыс 2002 жылғы 4 маусымдағы Актіден кейін.")
    assert findings(english, russian) == []
    assert [f for f in findings(english, kazakh) if f[0].startswith(("dates", "numbers"))] == []


def test_a_changed_date_is_one_error_not_a_number_too():
    english = declaration("en", "We recall the Declaration of 14 September 1999.")
    russian = declaration("ru", "Мы напоминаем о Декларации от 15 сентября 1999 года.")
    assert findings(english, russian) == [("dates.differ", "14 September 1999", "15 сентября 1999 года")]


# Symbols and acronyms --------------------------------------------------------------------------------------------


def test_a_symbol_with_cyrillic_letters_and_a_missing_symbol_are_errors():
    english = declaration("en", "We forward document A/80/345 and MM/2021/DRAFT/3.")
    russian = declaration("ru", "Мы препровождаем документ А/80/345.")
    found = check(english, russian)
    assert [(f.code, f.severity, f.source.excerpt) for f in found] == [
        ("symbols.lookalike", "error", "A/80/345"), ("symbols.missing", "error", "MM/2021/DRAFT/3")]
    assert found[0].target.excerpt == "А/80/345"
    assert "Cyrillic Capital Letter A" in found[0].message


def test_acronyms_differing_by_language_match_through_the_term_base():
    english = declaration("en", "The Special Working Group (SWG) of CICA reviewed the BWC and the CWC.")
    russian = declaration("ru", "Специальная рабочая группа (СРГ) СВМДА рассмотрела КБТО и КЗХО.")
    kazakh = declaration("kk", "АӨСШК Арнаулы жұмыс тобы (АЖТ) БҚТК мен ХҚТК қарады.")
    assert findings(english, russian) == []
    assert [f for f in findings(english, kazakh) if f[0].startswith("acronyms")] == []


def test_an_acronym_with_no_equivalent_is_flagged():
    english = declaration("en", "The Special Working Group (SWG) met the IAEA.")
    russian = declaration("ru", "Специальная рабочая группа встретилась с представителями агентства.")
    assert [(f[0], f[1]) for f in findings(english, russian)] == [("acronyms.unmatched", "SWG"),
                                                                  ("acronyms.unmatched", "IAEA")]


def test_an_acronym_for_a_full_name_is_not_flagged():
    english = declaration("en", "We recognize the central role of the United Nations.")
    russian = declaration("ru", "Мы признаем центральную роль ООН.")
    assert findings(english, russian) == []


# Terminology -----------------------------------------------------------------------------------------------------


def test_a_term_matches_in_any_inflection_and_with_a_word_inserted():
    english = declaration("en", "We commend the CICA Plan on Implementation of Confidence Building Measures "
                                "and the Member States.")
    russian = declaration("ru", "Мы высоко оцениваем План СВМДА по реализации мер доверия и государства-члены.")
    assert findings(english, russian) == []


def test_a_term_without_its_equivalent_is_a_warning():
    english = declaration("en", "We request Member States to ratify the Statute of the Secretariat.")
    russian = declaration("ru", "Мы просим государства-члены ратифицировать Соглашение о Секретариате.")
    found = check(english, russian)
    assert [(f.code, f.severity, f.source.excerpt) for f in found] == [
        ("terminology.missing", "warning", "Statute of the Secretariat")]


def test_a_deprecated_term_is_reported_with_the_preferred_one():
    english = declaration("en", "We welcome the Member States.")
    russian = declaration("ru", "Мы приветствуем страны-члены.")
    found = check(english, russian)
    assert [(f.code, f.target.excerpt) for f in found] == [("terminology.deprecated", "страны-члены")]
    assert "государство-член" in found[0].message


def test_a_term_base_of_ones_own_adds_and_overrides_entries(tmp_path):
    english = declaration("en", "We ratify the Statute of the Secretariat.")
    russian = declaration("ru", "Мы ратифицируем Соглашение о Секретариате.")
    ours = TermBase({"statute-secretariat": Concept("statute-secretariat", {
        "en": [Term("Statute of the Secretariat", "preferred")],
        "ru": [Term("Устав Секретариата", "preferred"), Term("Соглашение о Секретариате", "admitted")],
    })})
    path = tmp_path / "ours.tbx"
    write_tbx(ours, path)
    assert load_tbx(path) == ours
    assert findings(english, russian, termbase=starter().merged(load_tbx(path))) == []


def test_the_starter_glossary_is_tbx_with_the_forums_and_the_uns_terms():
    termbase = starter()
    assert len(termbase.concepts) >= 60
    cica = termbase.concepts["cica"]
    assert [t.text for t in cica.terms["ru"]] == ["Совещание по взаимодействию и мерам доверия в Азии", "СВМДА"]
    assert [t.text for t in cica.terms["kk"]][-1] == "АӨСШК"
    assert any(t.status == DEPRECATED for c in termbase.concepts.values() for ts in c.terms.values() for t in ts)


def test_an_older_tbx_file_reads_too(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="t1"><langSet xml:lang="en"><tig><term>Observer State</term></tig></langSet>'
        '<langSet xml:lang="ru-RU"><tig><term>государство-наблюдатель</term>'
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet></termEntry>'
        '</body></text></martif>', encoding="utf-8")
    concept = load_tbx(path).concepts["t1"]
    assert concept.terms["ru"][0] == Term("государство-наблюдатель", "preferred")


def test_a_file_that_is_not_tbx_is_refused_by_name(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_text("<html/>", encoding="utf-8")
    with pytest.raises(TermBaseError, match="terms.tbx: not a TBX file"):
        load_tbx(path)


# Punctuation, untranslated passages, length ----------------------------------------------------------------------


def test_end_punctuation_follows_each_languages_convention():
    english = declaration("en", "We meet.", "We agree.", recitals=("*Recalling* the past;", "*Noting* the present;"))
    russian = declaration("ru", "Мы встречаемся.", "Мы согласны;",
                          recitals=("*Ссылаясь* на прошлое.", "*Отмечая* настоящее;"))
    found = check(english, russian)
    assert [(f.code, f.target.label) for f in found] == [("punctuation.convention", "PP1"),
                                                        ("punctuation.differ", "OP2")]


def test_an_english_sentence_left_in_the_russian_text_is_untranslated():
    english = declaration("en", "We note the importance of cooperation. We welcome the new members of the forum.")
    russian = declaration("ru", "Мы отмечаем важность сотрудничества. We welcome the new members of the forum.")
    found = check(english, russian)
    assert [(f.code, f.target.excerpt) for f in found] == [
        ("untranslated.passage", "We welcome the new members of the forum")]


def test_a_russian_clause_left_in_the_kazakh_text_is_untranslated():
    russian = declaration("ru", "Мы отмечаем важность укрепления сотрудничества в области охраны окружающей среды.")
    kazakh = declaration("kk", "Біз маңызды екенін атап өтеміз: укрепления сотрудничества в области охраны.")
    assert [f.code for f in check(russian, kazakh)] == ["untranslated.passage"]


def test_names_kept_in_latin_letters_are_not_untranslated():
    english = declaration("en", "We discussed the COVID-19 pandemic with Nursultan Nazarbayev.")
    russian = declaration("ru", "Мы обсудили пандемию COVID-19 с Nursultan Nazarbayev.")
    assert [f for f in findings(english, russian) if f[0].startswith("untranslated")] == []


def test_a_much_shorter_translation_is_a_length_outlier():
    english = declaration("en", "We note the importance of strengthening cooperation in the field of environmental "
                                "protection, adaptation to climate change and sustainable water management.")
    russian = declaration("ru", "Мы отмечаем важность сотрудничества.")
    assert "length.outlier" in found_codes(english, russian)


# Spelling ----------------------------------------------------------------------------------------------------------


def test_a_russian_letter_in_a_kazakh_word_is_a_slip():
    russian = declaration("ru", "Меры доверия и меры доверия.")
    kazakh = declaration("kk", "Сенім шаралары және сеним шаралары.")
    found = check(russian, kazakh)
    assert [(f.code, f.target.excerpt, f.params["fix"]) for f in found] == [
        ("spelling.lookalike_letters", "сеним", "сенім")]


def test_russian_loanwords_in_kazakh_are_not_slips():
    english = declaration("en", "The Minister signed the declaration and the convention of the organization.")
    kazakh = declaration("kk", "Министр декларацияға және ұйымның конвенциясына қол қойды.")
    assert [f for f in findings(english, kazakh) if f[0].startswith("spelling")] == []


def test_words_run_together_are_flagged_where_the_language_does_not_allow_them():
    english = declaration("en", "In 2021, the 30th anniversary of CICA was marked.")
    russian = declaration("ru", "В 2021 году 30-летие СВМДА,и форума отмечено 2021г. и 2021года.")
    found = check(english, russian)
    assert [f.target.excerpt for f in found if f.code == "spelling.run_together"] == ["СВМДА,и", "2021года."]


def test_a_word_mixing_latin_and_cyrillic_letters_is_a_slip():
    english = declaration("en", "The Secretariat met.")
    kazakh = declaration("kk", "Хатшылықтың өкiлдерi кездесті.")  # Latin "i" for Kazakh "і"
    found = [f for f in check(english, kazakh) if f.code == "spelling.mixed_script"]
    assert [f.target.excerpt for f in found] == ["өкiлдерi"]


# Other shapes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["resolution_en_ru.md", "convention_en_kk.md"])
def test_parallel_texts_of_other_shapes_have_no_findings(name):
    source, target = parse_file(FIXTURES / name)
    assert findings(source, target) == []


def test_a_planted_change_in_an_article_is_found_on_that_article():
    english, kazakh = parse_file(FIXTURES / "convention_en_kk.md")
    paragraph = kazakh.sections[0].articles[3].paragraphs[1]
    paragraph.text = paragraph.text.replace("31 желтоқсанға", "30 желтоқсанға")
    found = check(english, kazakh)
    assert [(f.code, f.provision) for f in found] == [("dates.differ", "art_4__para_2")]
