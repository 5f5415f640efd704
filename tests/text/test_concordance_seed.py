"""The concordance checker on the seed: its real differences are reported, what is equivalent is not."""

import pytest

from accord.text.concordance import check, check_versions, group_texts


@pytest.fixture(scope="module")
def declaration_findings(seed_declarations):
    return check(seed_declarations["en"], seed_declarations["ru"])


@pytest.fixture(scope="module")
def note_findings(seed_notes):
    return check_versions([seed_notes["en"], seed_notes["ru"], seed_notes["kk"]])


def codes(findings):
    return sorted((f.code, f.provision) for f in findings)


def test_the_declarations_differ_exactly_where_the_russian_text_does(declaration_findings):
    assert codes(declaration_findings) == [
        ("one_version.only", "header_1"),
        ("one_version.only", "header_2"),
        ("punctuation.convention", "recs_1__rec_6"),
        ("punctuation.convention", "recs_1__rec_7"),
        ("terminology.missing", "para_27"),
    ]


def test_op27_statute_of_the_secretariat_is_a_terminology_warning(declaration_findings):
    (finding,) = [f for f in declaration_findings if f.check == "terminology"]
    assert finding.severity == "warning"
    assert finding.source.excerpt == "Statute of the Secretariat" and finding.source.label == "OP27"
    assert "Соглашение о Секретариате" in finding.target.excerpt
    assert "Устав Секретариата" in finding.message


def test_pp6_and_pp7_end_with_a_full_stop_in_russian(declaration_findings):
    findings = [f for f in declaration_findings if f.check == "punctuation"]
    assert [f.target.label for f in findings] == ["PP6", "PP7"]
    for finding in findings:
        assert finding.target.excerpt.endswith(".") and finding.target.lang == "ru"
        assert "full stop" in finding.message and "semicolon" in finding.message


def test_the_russian_header_lines_are_in_one_version_only(declaration_findings):
    headers = [f for f in declaration_findings if f.check == "one_version"]
    assert [f.target.excerpt for f in headers] == ["Председательство Казахстана", "Проект для рассмотрения СРГ и КСДЛ"]
    assert {f.severity for f in headers} == {"info"} and {f.source.excerpt for f in headers} == {""}


def test_equivalent_numbers_dates_symbols_and_acronyms_are_not_flagged(declaration_findings, note_findings):
    # 30th / 30-летия, Sixth / шестой, 14 September 1999 / 14 сентября 1999 года, 2022, 2024, 2030, 2014,
    # COVID-19, CICA / СВМДА, BWC / КБТО, UN / ООН, 14 and 15 September 2021 / 14 и 15 сентября 2021г. /
    # 2021 жылғы 14 мен 15 қыркүйекте, 26 August 2021 / 26 августа 2021г. / 2021 жылғы 26 тамыз, 7 p. / 7 л. / 7 п.
    flagged = {f.check for f in declaration_findings + note_findings}
    assert not flagged & {"numbers", "dates", "acronyms", "structure", "length", "untranslated"}


def test_the_cyrillic_letters_in_the_russian_and_kazakh_symbols_are_errors(note_findings):
    lookalikes = [f for f in note_findings if f.code == "symbols.lookalike"]
    assert sorted(f.target.lang for f in lookalikes) == ["kk", "ru"]
    for finding in lookalikes:
        assert finding.severity == "error"
        assert finding.target.excerpt == "ММ/2021/DRAFT/3" and finding.source.excerpt == "MM/2021/DRAFT/3"
        assert "Cyrillic Capital Letter Em" in finding.message and "U+041C" in finding.message


def test_a_slip_in_one_version_is_reported_once_across_pairs(note_findings):
    spelling = [f for f in note_findings if f.check == "spelling"]
    assert len(spelling) == 1
    (finding,) = spelling
    assert finding.target.excerpt == "СЕНИМ" and finding.params["fix"] == "СЕНІМ"
    assert finding.target.label == "Addressee" and finding.severity == "warning"


def test_the_kazakh_note_lacks_the_letterhead_and_prints_no_number(note_findings):
    info = [(f.source.lang, f.target.lang, f.params["what"]) for f in note_findings if f.severity == "info"]
    assert ("en", "kk", "Note number") in info and ("en", "kk", "Letterhead line") in info
    assert not [i for i in info if i[:2] == ("en", "ru")]


def test_the_seed_groups_into_a_note_and_a_declaration(seed_documents):
    texts = group_texts(seed_documents)
    assert [[d.language for d in text] for text in texts] == [["en", "ru", "kk"], ["en", "ru"]]
    assert [text[0].kind for text in texts] == ["note_verbale", "declaration"]


def test_an_accepted_finding_is_not_reported_again(seed_declarations, declaration_findings):
    accepted = {f.fingerprint for f in declaration_findings if f.check == "terminology"}
    again = check(seed_declarations["en"], seed_declarations["ru"], accepted=accepted)
    assert codes(again) == [c for c in codes(declaration_findings) if c[0] != "terminology.missing"]
    # The fingerprint is stable from one run to the next.
    assert [f.fingerprint for f in check(seed_declarations["en"], seed_declarations["ru"])] == [
        f.fingerprint for f in declaration_findings
    ]


def test_a_finding_serialises_with_the_documented_keys(declaration_findings):
    data = declaration_findings[-1].to_dict()
    assert {"check", "severity", "message", "source", "target", "code", "provision", "fingerprint"} <= data.keys()
    assert set(data["source"]) >= {"lang", "label", "excerpt"}
    # The excerpt is exact: the provision's text at the given offset.
    assert data["source"]["start"] is not None


def test_every_excerpt_is_a_substring_of_its_provision(seed_declarations, declaration_findings):
    texts = {(d.language, p.id): p.text for d in seed_declarations.values() for p in d.provisions()}
    for finding in declaration_findings:
        for side in (finding.source, finding.target):
            if side.start is not None:
                text = texts[(side.lang, side.id)]
                assert text[side.start:side.start + len(side.excerpt)] == side.excerpt
