"""What the core reads from Unicode rather than from a language: ISO 15924 script codes and their variants, scripts
written without spaces between words (line breaks, number words, lead phrases, symbols), and the marks that end a
sentence or separate a note's place from its date in any script. Nothing here names a language: the tables below are
English's with a few fields changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.text import find_symbols, parse_text
from accord.text.anchors import mentions
from accord.text.blocks import Block, Run, join_text, squash
from accord.text.concordance import check_versions
from accord.text.detect import detect_language
from accord.text.languages import Language, all_languages
from accord.text.scripts import canonical_script, ends_sentence, same_script, script_class, unspaced
from accord.text.structure import TEXT, Cue, _is_cut, _lead_phrase

TABLES = Path(__file__).resolve().parents[2] / "src" / "accord" / "text" / "languages"


def _table(base: str = "en", **changes) -> dict:
    """The shipped table of ``base`` with ``changes``."""
    return json.loads((TABLES / f"{base}.json").read_text(encoding="utf-8")) | changes


def _han_table(**changes) -> dict:
    """English's table as a language written in Han would change it: its own script, lead phrases, number words,
    end marks and place-and-date separator."""
    table = _table(**({"code": "xh", "iso639_2": "xxh", "locale": "xh", "name": "xh", "script": "Hant",
                        "distinctive_letters": "", "stopwords": [], "lead_phrases": ["注意到", "注意"]} | changes))
    table["numbers"] = table["numbers"] | {"words": {"三十": 30, "two": 2}, "ordinal_stems": {}}
    table["end_punctuation"] = table["end_punctuation"] | {"paragraph": ["。", "；"], "note": ["。"]}
    table["note"] = table["note"] | {"place_date_separator": "、"}
    return table


@pytest.fixture
def extra_tables(tmp_path, monkeypatch):
    """Write tables into a folder named by ACCORD_LANGUAGES_PATH for one test; the shipped ones alone afterwards."""

    def add(*tables: dict) -> dict[str, Language]:
        for table in tables:
            (tmp_path / f"{table['code']}.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setenv("ACCORD_LANGUAGES_PATH", str(tmp_path))
        all_languages.cache_clear()
        return all_languages()

    yield add
    monkeypatch.delenv("ACCORD_LANGUAGES_PATH", raising=False)
    all_languages.cache_clear()


# Scripts ------------------------------------------------------------------------------------------------------------


def test_iso_15924_variants_read_as_their_script():
    assert canonical_script("Hans") == canonical_script("Hant") == canonical_script("Hani") == "Hani"
    assert same_script("Hans", "Hant") and same_script("Latf", "Latn") and not same_script("Hans", "Latn")
    assert script_class("Hans") == script_class("Hani") and "\u4e00" in script_class("Hans")
    assert script_class("Jpan").startswith(script_class("Hani"))  # Han, Hiragana and Katakana
    assert script_class("Qaaa") is None  # a private-use code: no characters known, and no error


@pytest.mark.parametrize("script", ["Hans", "Hant", "Hani"])
def test_a_table_named_by_a_script_variant_is_detected(extra_tables, script):
    extra_tables(_han_table(script=script))
    assert detect_language("我们同意于2024年举行第七次会议。") == "xh"
    assert detect_language("We agree to hold the Seventh Meeting in 2024.") == "en"


@pytest.mark.parametrize("script", ["Hans", "Qaaa"])
def test_the_untranslated_check_runs_for_any_script(extra_tables, script):
    extra_tables(_table(code="xh", iso639_2="xxh", locale="xh", name="xh", script=script))
    english = parse_text("**DRAFT DECLARATION**\n\nWe, the Ministers,\n\nDECLARE THE FOLLOWING:\n\n"
                         "1. We note the importance of cooperation among the member states.\n")[0]
    other = parse_text("**DRAFT DECLARATION**\n\nWe, the Ministers,\n\nDECLARE THE FOLLOWING:\n\n"
                       "1. 我们注意到 the importance of cooperation among the member states.\n")[0]
    other.language = "xh"
    found = [f.code for f in check_versions([english, other]) if f.check == "untranslated"]
    # Han ("Hans") and Latin are two scripts: the English words are flagged; an unknown script falls back on words
    # copied in the source's order, which flags them too.
    assert found == ["untranslated.passage"]


# Line breaks and joins ---------------------------------------------------------------------------------------------


def test_a_line_break_between_characters_of_unspaced_scripts_is_no_space():
    assert squash("并将尽\n一切努力") == "并将尽一切努力"
    assert squash("并将尽  \r\n  一切努力") == "并将尽一切努力"
    assert squash("我们，\n亚洲") == "我们，亚洲"  # full-width punctuation is written with Han
    assert squash("ภาษา\nไทย") == "ภาษาไทย" and squash("ひらがな\nカタカナ") == "ひらがなカタカナ"
    # A break beside a Latin letter or a digit, in Korean (written with spaces), or spaces typed on one line: a space.
    assert squash("会议\nCICA") == "会议 CICA" and squash("于\n2024年") == "于 2024年"
    assert squash("한국어\n문장") == "한국어 문장" and squash("two\nlines") == "two lines"
    assert squash("中文 中文") == "中文 中文"


def test_a_paragraph_wrapped_in_markdown_or_by_br_gets_no_space_between_han_characters():
    [doc] = parse_text("# DRAFT DECLARATION\n\n1. 我们同意于2024年举行\n第七次会议。\n\n2. 我们欢迎<br>新成员。\n\n3. We agree\nto meet.\n")
    assert [p.text for p in doc.operative_paragraphs()] == ["我们同意于2024年举行第七次会议。", "我们欢迎新成员。",
                                                           "We agree to meet."]


def test_join_text_joins_as_squash_does():
    assert join_text("我们欢迎", "新成员。") == "我们欢迎新成员。"
    assert join_text("We welcome", "new members.") == "We welcome new members."
    assert join_text("", "text", " ") == "text"
    assert unspaced("会") and unspaced("。") and not unspaced("a") and not unspaced("한") and not unspaced("")


# Sentence ends -----------------------------------------------------------------------------------------------------


def test_sentence_ends_of_every_script_and_of_the_table_end_a_paragraph():
    for text in ("Done.", "Done;", "Done:", "Really?", "(done)", "«сделано»", "完成。", "完成；", "完成：", "完成！",
                 "完成？", "（完成）", "「完成」", "完了｡", "تم؟", "समाप्त।"):
        assert ends_sentence(text), text
    for text in ("and,", "及，", "及、", "the Member States’", "word", "字", ""):
        assert not ends_sentence(text), text
    assert ends_sentence("text ¶", marks={"¶"})
    han = Language.from_table(_han_table())
    assert not _is_cut("我们同意举行会议。", "我们欢迎新成员。", han)
    assert _is_cut("我们同意举行", "会议。", han)
    assert not _is_cut("The end.", "Next paragraph.") and _is_cut("The end,", "Next paragraph.")


def test_unnumbered_paragraphs_ending_in_full_width_marks_stay_apart(extra_tables):
    extra_tables(_han_table())
    [doc] = parse_text("# DRAFT DECLARATION\n\n我们，各国外交部长，\n\n注意到合作的重要性，\n\n**宣布如下：**\n\n"
                       "我们同意举行会议。\n\n我们欢迎新成员；\n\n我们感谢主席国！\n")
    assert (doc.language, doc.opening_formula, doc.enacting_formula) == ("xh", "我们，各国外交部长，", "宣布如下：")
    assert [r.lead for r in doc.preamble] == ["注意到"]
    assert [p.text for p in doc.operative_paragraphs()] == ["我们同意举行会议。", "我们欢迎新成员；", "我们感谢主席国！"]


# Number words, lead phrases, symbols -------------------------------------------------------------------------------


def test_number_words_stand_between_characters_of_unspaced_scripts_only():
    han = Language.from_table(_han_table())

    def words(text):
        return [(m.value, m.written) for m in mentions(text, han) if m.in_words]

    assert words("亚信将迎来成立三十周年，") == [("30", "三十")]
    assert words("三十") == [("30", "三十")] and words("(two)") == [("2", "two")]
    # Glued to Latin letters, on either side, a word is part of another word, whatever the script of the word.
    assert words("network") == [] and words("twofold") == [] and words("ABC三十") == [] and words("会two") == []


def test_a_lead_phrase_is_found_before_characters_of_unspaced_scripts():
    han = Language.from_table(_han_table())

    def lead(text):
        return _lead_phrase(Cue(Block([Run(text)], 1), "xh", TEXT), han)

    assert lead("注意到亚信将于2022年迎来成立30周年，") == "注意到"
    assert lead("注意到，") == "注意到" and lead("注意到") == "注意到"
    en = Language.from_table(_table(lead_phrases=["Noting"]))
    assert lead("注意Latin") is None
    assert _lead_phrase(Cue(Block([Run("Notingly, …")], 1), "en", TEXT), en) is None
    assert _lead_phrase(Cue(Block([Run("Noting that …")], 1), "en", TEXT), en) == "Noting"


def test_a_symbol_may_follow_a_character_of_an_unspaced_script_but_no_latin_or_cyrillic_letter_or_digit():
    assert [str(s) for s in find_symbols("请参阅文件MM/2021/INF/2。")] == ["MM/2021/INF/2"]
    assert [str(s) for s in find_symbols("见（MM/2021/INF/2号文件）")] == ["MM/2021/INF/2"]
    assert [s.original for s in find_symbols("документ ММ/2021/DRAFT/3")] == ["ММ/2021/DRAFT/3"]
    assert find_symbols("текстMM/2021/INF/2") == [] and find_symbols("xMM/2021/INF/2") == []
    assert find_symbols("документММ/2021/INF/2") == [] and find_symbols("2MM/2021/INF/2") == []
    assert find_symbols("_MM/2021/INF/2") == [] and find_symbols("x/MM/2021/INF/2") == []


# A note's place and date -------------------------------------------------------------------------------------------


def test_a_place_and_date_line_takes_a_full_width_comma_or_the_tables_separator(extra_tables):
    tables = extra_tables(_han_table())
    han = tables["xh"]
    assert han.is_place_date_separator("、") and han.is_place_date_separator("，") and han.is_place_date_separator(",")
    assert not tables["en"].is_place_date_separator("、")
    assert han.place_date_line("Nur-Sultan", "26 August 2021") == "Nur-Sultan、26 August 2021"
    assert tables["en"].place_date_line("Nur-Sultan", "26 August 2021") == "Nur-Sultan, 26 August 2021"
    for separator in ("，", ","):
        note = ("**No. 17-1/542**\n\nThe Secretariat of CICA presents its compliments to the Member States of CICA "
                "and has the honour to transmit the draft declaration.\n\nThe Secretariat of CICA avails itself of "
                "this opportunity to renew to the Member States of CICA the assurances of its highest consideration."
                f"\n\nNur-Sultan{separator} 26 August 2021\n\n**Member States of CICA**\n")
        [parsed] = parse_text(note)
        assert (str(parsed.date), parsed.place_text) == ("2021-08-26", "Nur-Sultan"), separator
        assert parsed.addressees == ["Member States of CICA"], separator
