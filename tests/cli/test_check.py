"""``accord check`` as a reviser runs it: real processes, real exit codes."""

import json
import subprocess
import sys
from pathlib import Path

ACCORD = str(Path(sys.executable).with_name("accord"))
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_eb14f680198fb1ca.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "text" / "fixtures"


def accord(*args):
    return subprocess.run([ACCORD, *map(str, args)], capture_output=True, timeout=120)


def test_the_seed_report_names_its_real_differences_and_exits_1():
    result = accord("check", SEED)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert "Note verbale 17-1/542 (en ↔ ru ↔ kk): 2 errors" in out
    assert "Declaration MM/2021/DRAFT/3 (en ↔ ru): 0 errors, 3 warnings, 2 info" in out
    for expected in ("OP27", "“Statute of the Secretariat”", "PP6", "PP7", "“СЕНИМ”", "“ММ/2021/DRAFT/3”",
                     "Проект для рассмотрения СРГ и КСДЛ"):
        assert expected in out
    # Grouped by provision: each provision's heading once per pair.
    assert out.count("\n  OP27  [en → ru]") == 1


def test_json_lists_the_findings_with_the_documented_keys():
    result = accord("check", SEED, "--json", "--pair", "en:ru")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert {(f["source"]["lang"], f["target"]["lang"]) for f in findings} == {("en", "ru")}
    for finding in findings:
        assert {"check", "severity", "message", "source", "target"} <= finding.keys()
        for side in ("source", "target"):
            assert {"lang", "label", "excerpt"} <= finding[side].keys()
    statute = next(f for f in findings if f["check"] == "terminology")
    assert statute["source"] == {"lang": "en", "label": "OP27", "excerpt": "Statute of the Secretariat",
                                 "id": "para_27", "start": statute["source"]["start"]}


def test_a_term_base_of_ones_own_can_accept_a_rendering(tmp_path):
    terms = tmp_path / "ours.tbx"
    terms.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
        'xml:lang="en"><text><body><conceptEntry id="statute-secretariat">'
        '<langSec xml:lang="en"><termSec><term>Statute of the Secretariat</term></termSec></langSec>'
        '<langSec xml:lang="ru"><termSec><term>Соглашение о Секретариате</term></termSec></langSec>'
        '</conceptEntry></body></text></tbx>', encoding="utf-8")
    result = accord("check", SEED, "--pair", "en:ru", "--terms", terms, "--json")
    checks = [f["check"] for f in json.loads(result.stdout)["findings"]]
    assert "terminology" not in checks and "punctuation" in checks


def test_versions_that_agree_exit_0():
    result = accord("check", FIXTURES / "concordance" / "resolution_en_ru.md")
    assert result.returncode == 0, result.stderr
    assert "Resolution A/RES/80/12 (en ↔ ru): 0 errors, 0 warnings, 0 info" in result.stdout.decode()


def test_versions_in_two_files_are_one_text():
    result = accord("check", FIXTURES / "convention_en.md", FIXTURES / "convention_kk.md", "--json")
    assert result.returncode == 1  # the Kazakh draft lacks PP2 and an item
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "structure.missing" in codes


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    not_tbx = tmp_path / "terms.tbx"
    not_tbx.write_text("not xml", encoding="utf-8")
    cases = [
        ((tmp_path / "missing.md",), "no such file"),
        ((SEED, "--terms", not_tbx), "terms.tbx: not well-formed XML"),
        ((SEED, "--pair", "en:zh"), "no text has both a en and a zh version"),
        ((FIXTURES / "resolution_un.md",), "no text in two languages"),
    ]
    for args, problem in cases:
        result = accord("check", *args)
        err = result.stderr.decode().strip()
        assert result.returncode == 2, (args, err)
        assert len(err.splitlines()) == 1 and problem in err and "Traceback" not in err, err


def test_without_files_accord_check_is_still_djangos_system_check():
    result = subprocess.run([ACCORD, "check"], capture_output=True, timeout=120)
    assert result.returncode == 0
    assert "System check identified no issues" in result.stdout.decode()
