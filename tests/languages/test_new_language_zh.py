"""A new language by data alone: Chinese (Simplified), added to Accord without a line of code.

What is shown, and with what data (everything Chinese lives in this folder; nothing under ``src/`` names Chinese):

* ``zh/zh.json`` — the language table (formulas, titles, dates, note wording, punctuation…), found through
  ``ACCORD_LANGUAGES_PATH``. ``zh/declaration_zh.md`` parses into the expected provisions with it; its dates,
  numbers and symbols read as those of ``declaration_en.md``, its English original, and the concordance checks run
  on the pair both ways. ``zh/terms_zh.tbx`` gives Chinese terms for concepts of the starter glossary.
* ``zh/locale/zh/LC_MESSAGES/django.po`` — the interface catalog, compiled here into a temporary folder named by
  ``ACCORD_LOCALE_PATHS``; ``ACCORD_INTERFACE_LANGUAGES=en,ru,kk,zh`` makes it an interface language (Django does not
  know "zh": settings describe it from the table).
* ``forum_zh.json`` — the Chinese names of the forum, its seat and bodies and of the draft declaration, which a
  forum adds to its forum file (``ACCORD_FORUM_FILE``); here merged into a copy of CICA's.

In a fresh process (``zh_round_trip.py``; settings are read at start-up) on the demo: a zh version of
MM/2021/DRAFT/3 goes out as XLIFF 2.0, comes back translated, is approved and issued, and is exported as DOCX, AKN
(valid against the OASIS schema), HTML and PDF; the seed's note verbale is written in Chinese from its facts and read
back; and the reading room shows the zh column in a Chinese interface. The same process without the environment
finds no Chinese anywhere: the language comes from the data.

Chinese has no spaces between words. The core reads that from Unicode, not from the language: a line break, a
number word, a lead phrase or a symbol between two Chinese characters needs no space (``accord/text/scripts.py``),
full-width marks end sentences and separate a note's place from its date, and the table names its script by its
ISO 15924 code, "Hans" (Han, Simplified), which the detector reads as Han. Where a code path still assumes spaces,
or otherwise cannot be reached by data, the test is marked ``xfail(strict=True)`` and its reason names the code in
the way — the list of what a pure-data addition still needs from the code. One choice in the table follows from the
code as it is:

* ``months`` are "1月"…"12月", the form Chinese dates use ("2021年8月26日", GB/T 15835): the table's months are
  matched by name against a date's month, and "8月" is how a date names August; "八月" appears in no date the parser
  can read, since it reads the day and year as digits.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from lxml import etree

from accord.text import parse_file, parse_text
from accord.text.align import units
from accord.text.anchors import mentions
from accord.text.concordance import alignment, check_versions
from accord.text.concordance.termbase import TermBase, load_tbx, starter
from accord.text.languages import Language, all_languages

HERE = Path(__file__).resolve().parent
ZH = HERE / "zh"
REPO = HERE.parents[1]
LANGUAGE_TABLES = REPO / "src" / "accord" / "text" / "languages"
FORUM_FILE = REPO / "src" / "accord" / "registry" / "forums" / "cica.json"
TESTS_TEXT = HERE.parent / "text"

# What the translator brings back for a few provisions of MM/2021/DRAFT/3 (the rest get a placeholder).
TRANSLATIONS = {
    "recs_1__rec_1": "我们在哈萨克斯坦共和国努尔苏丹举行亚信外长第六次会议之际，世界包括亚洲局势要求密切协作、交流看法、"
                     "共同应对新的挑战和威胁、和平解决冲突并加强信任措施；",
    "recs_1__rec_3": "重申致力于《联合国宪章》、公认的国际法准则和原则，遵循1999年9月14日《亚信成员国相互关系指导原则宣言》"
                     "和2002年6月4日《阿拉木图文件》所载的亚信原则；",
    "para_1": "我们深信，以《联合国宪章》以及《亚信成员国相互关系指导原则宣言》和《阿拉木图文件》所载原则为基础的有效多边合作，"
              "是维护地区及国际和平与安全的重要因素。我们将共同努力进一步发展亚信，以落实基于协商一致的有效安全与合作方针。",
    "para_3": "我们支持亚信向亚洲地区安全国际组织转型，请亚信主席国编写关于转型的概念文件并就此问题开展有组织的讨论，"
              "并责成高官委员会为2022年亚信峰会筹备相关决定。",
    "para_24": "我们注意到通过接纳新成员国和观察员进一步扩大亚信的重要性，欢迎土库曼斯坦成为亚信观察员国。",
    "para_28": "我们感谢哈萨克斯坦共和国主办本次会议，同意于2024年举行亚信外长第七次会议。"
               "我们欢迎哈萨克斯坦共和国有意于2022年在努尔苏丹主办亚信第六次峰会。",
    "para_29": "我们承诺支持哈萨克斯坦共和国主席国为纪念亚信成立30周年所作的努力，力争在2022年为进一步加强我们的论坛取得新的里程碑。",
}
HAN = re.compile("[\u4e00-\u9fff]")


def _zh_table() -> dict:
    return json.loads((ZH / "zh.json").read_text(encoding="utf-8"))


def _clear_tables() -> None:
    all_languages.cache_clear()


@contextlib.contextmanager
def _tables_with(folder: Path):
    """The language tables with those of ``folder`` added by ACCORD_LANGUAGES_PATH, in this process; as they were
    before once the block ends."""
    before = os.environ.get("ACCORD_LANGUAGES_PATH")
    os.environ["ACCORD_LANGUAGES_PATH"] = str(folder)
    _clear_tables()
    try:
        yield all_languages()
    finally:
        if before is None:
            os.environ.pop("ACCORD_LANGUAGES_PATH", None)
        else:
            os.environ["ACCORD_LANGUAGES_PATH"] = before
        _clear_tables()


@pytest.fixture
def zh_tables():
    """The language tables with the Chinese one, for one test."""
    with _tables_with(ZH) as tables:
        yield tables


def _zh_termbase() -> TermBase:
    """A copy of the starter glossary with the Chinese terms of ``zh/terms_zh.tbx`` added to its concepts (a TBX
    concept replaces the starter's whole, so the Chinese file's language sections are added here instead)."""
    base = copy.deepcopy(starter())
    for cid, concept in load_tbx(ZH / "terms_zh.tbx").concepts.items():
        base.concepts[cid].terms.update(concept.terms)
    return base


# The table ---------------------------------------------------------------------------------------------------------


def test_the_chinese_table_has_every_key_the_shipped_tables_have():
    table = _zh_table()
    shipped = {code: json.loads((LANGUAGE_TABLES / f"{code}.json").read_text(encoding="utf-8"))
               for code in ("en", "ru", "kk")}
    for code, other in shipped.items():
        assert set(other) <= set(table), f"keys of {code}.json missing from zh.json: {set(other) - set(table)}"
        assert set(other["note"]) <= set(table["note"])
        assert set(other["numbers"]) <= set(table["numbers"])
        assert set(other["end_punctuation"]) <= set(table["end_punctuation"])
        # kk's month_forms fill a Kazakh locative; Chinese needs none.
        assert set(other["note_templates"]) - {"month_forms"} <= set(table["note_templates"])
    language = Language.from_table(table)
    assert (language.code, language.locale, language.english_name, language.name) == ("zh", "zh-CN", "Chinese", "中文")
    assert len(language.months) == 12 and language.month_number("8月") == 8 and language.month_number("12月") == 12
    assert language.end_marks["。"] == shipped["en"]["end_punctuation"]["marks"]["."] == "full stop"


def test_the_language_comes_from_the_folder_named_in_the_environment(zh_tables):
    assert "zh" in zh_tables
    os.environ.pop("ACCORD_LANGUAGES_PATH")
    _clear_tables()
    assert "zh" not in all_languages()


# Parsing, checking, aligning ---------------------------------------------------------------------------------------


def test_the_chinese_declaration_parses_into_its_provisions(zh_tables):
    [doc] = parse_file(ZH / "declaration_zh.md")
    assert (doc.language, doc.form, doc.draft, str(doc.symbol)) == ("zh", "declaration", True, "MM/2021/DRAFT/5")
    assert doc.title == "亚信成员国外交部长第六次会议宣言草案"
    assert doc.opening_formula == "我们，亚洲相互协作与信任措施会议（亚信）成员国外交部长，"
    assert [(r.id, r.label, r.lead) for r in doc.preamble] == [
        ("recs_1__rec_1", "PP1", "重申"), ("recs_1__rec_2", "PP2", "注意到"), ("recs_1__rec_3", "PP3", "欢迎")]
    assert doc.enacting_formula == "宣布如下："
    assert [(p.id, p.label, p.num) for p in doc.operative_paragraphs()] == [
        ("para_1", "OP1", "1"), ("para_2", "OP2", "2"), ("para_3", "OP3", "3")]
    assert doc.operative_paragraphs()[2].text == "我们同意于2024年举行亚信外长第七次会议。"
    assert not doc.metadata.get("warnings")


def test_chinese_titles_headings_and_formulas_are_recognised(zh_tables):
    zh = zh_tables["zh"]

    def title(text):
        return next(((rule.form, rule.draft) for rule in zh.titles if rule.pattern.search(text)), None)

    assert title("亚信成员国外交部长第六次会议宣言草案") == ("declaration", True)
    assert title("亚洲相互协作与信任措施会议秘书处章程") == ("statute", False)
    assert title("关于秘书处特权与豁免的公约（草案）") == ("convention", True)
    assert zh.article.match("第3条 法律人格").group("num", "heading") == ("3", "法律人格")
    assert zh.article_title.format(num=3) == "第3条"
    assert zh.section.match("第II部分 合作").group("num", "heading") == ("II", "合作")
    assert zh.section.match("III. 机构").group("num", "heading") == ("III", "机构")
    assert any(rx.match("本公约各缔约国，") for rx in zh.opening_formulas)
    assert any(rx.match("议定如下：") for rx in zh.enacting_formulas)


def test_chinese_dates_ranges_numbers_and_symbols_are_read(zh_tables):
    from accord.text.structure import find_date

    zh = zh_tables["zh"]
    assert str(find_date("欢迎土库曼斯坦于2021年8月26日成为亚信观察员国", zh)[0]) == "2021-08-26"
    found = {(m.kind, m.value) for m in mentions("会议于2021年9月14日至15日在努尔苏丹举行，共29项措施（MM/2021/INF/2）。", zh)}
    assert found == {("date", "2021-09-14"), ("date", "2021-09-15"), ("number", "29"), ("symbol", "MM/2021/INF/2")}


def test_the_chinese_version_says_what_its_english_original_says(zh_tables):
    """Unit by unit, the dates, numbers and symbols the checks read agree (English number words aside: see
    test_a_number_in_chinese_numerals_matches_its_digits), and the checks run both ways on the pair."""
    en = parse_file(HERE / "declaration_en.md")[0]
    [zh] = parse_file(ZH / "declaration_zh.md")

    def read(document):
        language = zh_tables[document.language]
        return [(unit.id, sorted((m.kind, m.value) for m in mentions(unit.text, language)
                                 if m.kind != "acronym" and not m.in_words)) for unit in units(document)]

    assert read(en) == read(zh)
    for pair in ([en, zh], [zh, en]):
        findings = check_versions(pair, termbase=_zh_termbase())
        # Nothing untranslated, no punctuation out of place, no symbol or spelling slip.
        assert not {f.check for f in findings} & {"untranslated", "punctuation", "symbols", "spelling", "one_version"}


@pytest.mark.xfail(strict=True, reason="accord/text/concordance/pair.py Version.anchors weighs the English side's "
                                       "term-base concepts and number words against each pair; the Chinese side "
                                       "yields no concepts (terms inside runs are not found: see "
                                       "test_a_term_inside_a_run_of_characters_is_found) and few number words, so "
                                       "the pairs look unlike and the aligner "
                                       "(accord/text/align.py) merges provisions; lengths.json's sigma for the pair "
                                       "is English–Russian's, too narrow for Chinese, and is not table data")
def test_the_chinese_version_aligns_provision_by_provision(zh_tables):
    en = parse_file(HERE / "declaration_en.md")[0]
    [zh] = parse_file(ZH / "declaration_zh.md")
    assert {link.relation for link in alignment(en, zh, _zh_termbase())} == {"match"}


def test_chinese_terms_are_found_where_punctuation_delimits_them(zh_tables):
    matcher = _zh_termbase().matcher(zh_tables["zh"])
    # "亚信" stands between brackets; "成员国" opens the run "成员国外交部长" (a term matches a run's beginning).
    hits = matcher.find("我们，亚洲相互协作与信任措施会议（亚信）成员国外交部长，")
    assert {hit.concept for hit in hits} == {"cica", "member-state"}


# Where the code once assumed spaces: now read from Unicode and the table ---------------------------------------


@pytest.mark.parametrize("script", ["Hans", "Hant", "Hani"])
def test_a_table_written_with_any_iso_15924_code_of_han_is_detected(tmp_path, script):
    table = _zh_table() | {"script": script}
    (tmp_path / "zh.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with _tables_with(tmp_path):
        [doc] = parse_file(ZH / "declaration_zh.md")
    assert doc.language == "zh"


def test_a_lead_phrase_is_found_without_italics(zh_tables):
    text = (ZH / "declaration_zh.md").read_text(encoding="utf-8").replace("*", "")
    [doc] = parse_text(text)
    assert [r.lead for r in doc.preamble] == ["重申", "注意到", "欢迎"]


def test_unnumbered_chinese_paragraphs_stay_apart(zh_tables):
    text = re.sub(r"^\d\. ", "", (ZH / "declaration_zh.md").read_text(encoding="utf-8"), flags=re.M)
    [doc] = parse_text(text)
    assert len(doc.operative_paragraphs()) == 3


def test_a_chinese_paragraph_wrapped_in_the_source_gets_no_space(zh_tables):
    text = (ZH / "declaration_zh.md").read_text(encoding="utf-8").replace("并将尽一切努力", "并将尽\n一切努力")
    [doc] = parse_text(text)
    assert "并将尽一切努力" in doc.operative_paragraphs()[1].text


def test_a_number_in_chinese_numerals_matches_its_digits(zh_tables):
    # "成立三十周年" is "the 30th anniversary of its founding": the table lists 三十 among its number words.
    assert zh_tables["zh"].numbers.words["三十"] == 30
    assert ("number", "30") in {(m.kind, m.value) for m in mentions("注意到亚信将于2022年迎来成立三十周年，", zh_tables["zh"])}


def test_a_symbol_written_straight_after_chinese_is_found(zh_tables):
    from accord.text.symbols import find_symbols

    assert [str(s) for s in find_symbols("请参阅文件MM/2021/INF/2。")] == ["MM/2021/INF/2"]


def test_the_place_and_date_of_a_typed_chinese_note_are_read(zh_tables):
    note = ("**№ 17-1/542**\n\n亚洲相互协作与信任措施会议（亚信）秘书处向亚信各成员国致意，并谨转交宣言草案。\n\n"
            "亚信秘书处借此机会向亚信各成员国重申最崇高的敬意。\n\n努尔苏丹，2021年8月26日\n\n**亚洲相互协作与信任措施会议各成员国**\n")
    [parsed] = parse_text(note)
    assert (str(parsed.date), parsed.place_text, parsed.date_text) == ("2021-08-26", "努尔苏丹", "2021年8月26日")
    assert len(parsed.paragraphs) == 2 and parsed.addressees == ["亚洲相互协作与信任措施会议各成员国"]


# What data alone cannot do yet: each names the code in the way -----------------------------------------------------


@pytest.mark.xfail(strict=True, reason="accord/text/concordance/termbase.py tokens()/TermMatcher.find match terms "
                                       "word by word ([^\\W_]+): a Chinese run of characters is one 'word', so a term "
                                       "inside it ('亚信' in '我们支持亚信向…') is never found")
def test_a_term_inside_a_run_of_characters_is_found(zh_tables):
    matcher = _zh_termbase().matcher(zh_tables["zh"])
    assert {hit.concept for hit in matcher.find("我们支持亚信向地区安全国际组织转型。")} >= {"cica"}


@pytest.mark.xfail(strict=True, reason="accord/text/concordance/checks/spelling.py compares only Cyrillic words "
                                       "with the look-alikes of the table's 'spelling': a Traditional '會' typed in "
                                       "Simplified text is never flagged")
def test_a_traditional_character_in_simplified_text_is_flagged(zh_tables):
    en = parse_file(HERE / "declaration_en.md")[0]
    text = (ZH / "declaration_zh.md").read_text(encoding="utf-8").replace("第七次会议", "第七次會议")
    [zh] = parse_text(text)
    assert any(f.check == "spelling" for f in check_versions([en, zh]))


# The Django half, in fresh processes -------------------------------------------------------------------------------


def _merged_forum_file(path: Path) -> Path:
    """CICA's forum file with the Chinese names of forum_zh.json added: what a forum working in Chinese keeps."""

    def merge(base, extra):
        if isinstance(base, dict) and isinstance(extra, dict):
            return {**base, **{k: merge(base.get(k), v) for k, v in extra.items() if k != "comment"}}
        if isinstance(base, list) and isinstance(extra, list):
            merged = list(base)
            for index, item in enumerate(extra):
                key = "symbol_prefix" if isinstance(item, dict) and "symbol_prefix" in item else None
                at = next((i for i, b in enumerate(base) if key and b.get(key) == item[key]), index)
                merged[at] = merge(base[at], item)
            return merged
        return extra if base is None or not isinstance(extra, (dict, list)) else base

    forum = merge(json.loads(FORUM_FILE.read_text(encoding="utf-8")),
                  json.loads((HERE / "forum_zh.json").read_text(encoding="utf-8")))
    path.write_text(json.dumps(forum, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _compiled_catalog(folder: Path) -> Path:
    """The Chinese catalog compiled to .mo, as `make setup` compiles the shipped ones; returns the locale folder."""
    target = folder / "zh" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(ZH / "locale" / "zh" / "LC_MESSAGES" / "django.po", "rb") as po, open(target / "django.mo", "wb") as mo:
        write_mo(mo, read_po(po))
    return folder


def _run(tmp: Path, extra_env: dict[str, str]) -> dict:
    out = tmp / "out"
    out.mkdir()
    (tmp / "translations.json").write_text(json.dumps(TRANSLATIONS, ensure_ascii=False), encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if key not in ("ACCORD_DATABASE_URL", "ACCORD_LANGUAGES_PATH", "ACCORD_INTERFACE_LANGUAGES",
                          "ACCORD_LOCALE_PATHS", "ACCORD_FORUM_FILE", "ACCORD_TERMS_FILE")}
    env.update(DJANGO_SETTINGS_MODULE="accord.project.settings", ACCORD_DATA_DIR=str(tmp / "data"),
               ACCORD_DEMO_MODE="1", **extra_env)
    done = subprocess.run([sys.executable, str(HERE / "zh_round_trip.py"), str(out), str(tmp / "translations.json")],
                          env=env, capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr[-4000:]
    line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith("RESULTS "))
    return json.loads(line[len("RESULTS "):]) | {"out": str(out)}


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    """The round trip with the Chinese data in the environment (about ten seconds)."""
    tmp = tmp_path_factory.mktemp("zh")
    return _run(tmp, {
        "ACCORD_LANGUAGES_PATH": str(ZH),
        "ACCORD_INTERFACE_LANGUAGES": "en,ru,kk,zh",
        "ACCORD_LOCALE_PATHS": str(_compiled_catalog(tmp / "locale")),
        "ACCORD_FORUM_FILE": str(_merged_forum_file(tmp / "forum.json")),
    })


def test_without_the_data_the_same_process_knows_no_chinese(tmp_path):
    plain = _run(tmp_path, {})
    assert "zh" not in plain["tables"] and plain["interface"] == ["en", "ru", "kk"] and not plain["catalog"]
    assert "zh" in plain["add_language_refused"]
    assert {name: view["lang"] for name, view in plain["pages"].items()} == {"login": "en", "list": "en",
                                                                            "reading": "en"}
    assert not HAN.search(plain["pages"]["reading"]["html"])


def test_the_environment_adds_chinese_to_the_tables_and_the_interface(chinese):
    assert "zh" in chinese["tables"] and chinese["interface"] == ["en", "ru", "kk", "zh"] and chinese["catalog"]


def test_a_zh_version_goes_out_as_xliff_and_comes_back_translated_approved_and_issued(chinese):
    provisions = chinese["text"]["provisions"]
    assert chinese["stale_after_add"] == len(provisions) == 40
    assert chinese["xliff"] | {"filename": None} == {"filename": None, "srcLang": "en-GB", "trgLang": "zh-CN",
                                                     "units": 40}
    assert chinese["xliff"]["filename"] == "MM-2021-DRAFT-3.en-zh.xlf"
    assert chinese["import"] == {"updated": 40, "unchanged": 0, "stale_after": 0, "pending_in_workspace": 0}
    assert chinese["issued"] and chinese["text"]["language"] == "zh"
    assert {pid: provisions[pid] for pid in TRANSLATIONS} == TRANSLATIONS
    assert all(HAN.search(text) for text in provisions.values())
    # The concordance report of the pair runs (its findings are those of the placeholders and the English title).
    assert set(chinese["concordance"]["counts"]) == {"error", "warning", "info"}


@pytest.mark.xfail(strict=True, reason="accord/translation/services.py add_language copies the master's title, "
                                       "formulas and headings, and XLIFF (accord/text/xliff.py) carries provisions "
                                       "only: the issued zh version keeps the English title and formulas")
def test_the_issued_zh_version_has_a_chinese_title_and_formulas(chinese):
    assert HAN.search(chinese["text"]["title"]) and HAN.search(chinese["text"]["opening_formula"])


def test_the_issued_zh_version_exports_as_docx_akn_html_and_pdf(chinese):
    out = Path(chinese["out"])
    assert chinese["files"] == {fmt: f"MM-2021-DRAFT-3.zh.{ext}" for fmt, ext in
                                (("akn", "xml"), ("docx", "docx"), ("html", "html"), ("pdf", "pdf"))}

    with zipfile.ZipFile(out / "zh.docx") as docx:
        body = docx.read("word/document.xml").decode()
        styles = docx.read("word/styles.xml").decode()
    assert TRANSLATIONS["para_24"] in body and 'w:val="zh-CN"' in styles

    sys.path.insert(0, str(TESTS_TEXT))
    try:
        from shared_paths import AKN_SCHEMA
        from test_akn import assert_valid  # the AKN check of tests/text
    finally:
        sys.path.remove(str(TESTS_TEXT))
    akn = etree.parse(str(out / "zh.akn")).getroot()
    assert_valid(etree.XMLSchema(etree.parse(str(AKN_SCHEMA))), akn)
    ns = {"a": akn.nsmap[None]}
    assert akn.xpath("//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=ns) == ["zho"]
    assert akn.xpath("//a:FRBRtranslation/@fromLanguage", namespaces=ns) == ["eng"]
    assert TRANSLATIONS["para_24"] in "".join(akn.itertext())

    html = (out / "zh.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in html and TRANSLATIONS["para_29"] in html

    assert (out / "zh.pdf").read_bytes().startswith(b"%PDF") and chinese["pdf_pages"] >= 1


def _cjk_font() -> bool:
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return False
    return bool(listed.strip())


def test_the_pdf_shows_chinese_characters(chinese):
    if not _cjk_font():
        pytest.skip("no font with Chinese glyphs (fc-list :lang=zh is empty): install Debian's fonts-noto-cjk")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(Path(chinese["out"]) / "zh.pdf").pages)
    assert len(HAN.findall(text)) > 500


def test_the_seed_note_verbale_is_written_in_chinese_from_its_facts(chinese):
    note = chinese["note"]
    pages = chinese["pdf_pages"]
    assert note["title"] == "普通照会第17-1/542号"
    assert note["paragraphs"] == [
        "亚洲相互协作与信任措施会议（亚信）秘书处向亚信各成员国致意，并谨代表亚信主席国转交亚信外长第六次会议宣言草案"
        "（MM/2021/DRAFT/3号文件）。",
        "宣言草案已列入2021年9月14日至15日举行的特别工作组会议议程草案。",
        "亚信秘书处借此机会向亚信各成员国重申最崇高的敬意。",
    ]
    assert note["enclosure"] == f"附件：如文，共{pages}页"
    assert note["place_date"] == ["努尔苏丹", "2021年8月26日"]
    assert note["addressees"] == ["亚洲相互协作与信任措施会议各成员国"]
    assert note["refers_to"] == ["MM/2021/DRAFT/3"]
    # Rendered as DOCX and read back, it is the note it was: number, sender, date, the document it refers to.
    assert note["read_back"] == [{"language": "zh", "number": "17-1/542", "sender": "亚洲相互协作与信任措施会议（亚信）秘书处",
                                  "date": "2021-08-26", "refers_to": ["MM/2021/DRAFT/3"]}]


def test_the_chinese_note_reads_back_sentence_for_sentence(chinese):
    assert chinese["note"]["differences"] == []


def test_the_interface_speaks_chinese_from_the_catalog(chinese):
    pages = chinese["pages"]
    assert {name: view["status"] for name, view in pages.items()} == dict.fromkeys(pages, 200)
    assert {name: view["lang"] for name, view in pages.items()} == dict.fromkeys(pages, "zh")
    assert "<h1>登录</h1>" in pages["login"]["html"] and "用户名" in pages["login"]["html"]
    listing = pages["list"]["html"]
    assert '<th scope="col">文号</th>' in listing and '<th scope="col">分发范围</th>' in listing
    reading = pages["reading"]["html"]
    nav = re.search(r'<nav aria-label="主菜单">(.*?)</nav>', reading, re.S).group(1)
    assert [label for label in re.findall(r">([^<>]+)</a>", nav)][:2] == ["文件", "会议"]
    assert "亚洲相互协作与信任措施会议" in reading  # the forum's name, from the forum file
    assert '<th scope="col" data-language="zh">中文</th>' in reading
    assert '<th scope="col" data-language="en">英文</th>' in reading
    table = etree.HTML(reading).xpath('//table[@id="reading-table"]')[0]
    rows = {row.get("id"): "".join(row.xpath('td[@lang="zh"]')[0].itertext()) for row in table.xpath(".//tbody/tr")
            if row.xpath('td[@lang="zh"]')}
    provisions = {key: text for key, text in rows.items() if key.startswith(("recs_", "para_"))}
    # Every provision row shows Chinese in the zh column (rows are as the aligner pairs them: see
    # test_the_chinese_version_aligns_provision_by_provision).
    assert provisions and all(HAN.search(text) for text in provisions.values() if text.strip())
    assert any(TRANSLATIONS["para_24"] in text for text in provisions.values())
    assert "阅览室" in reading and "语文版本对照" in reading
    # The interface language switch names Chinese as the table does.
    assert re.search(r'<button type="submit" name="language" value="zh" lang="zh"[^>]*>中文</button>', reading)
