"""The XLIFF reader under random input: Accord's XLIFF 2.0 and 1.2 exports of the seed's declaration edited, random
bytes, random XLIFF-like XML. Each gives units whose texts can be stored, or an XliffError of one line, never another
exception. Modest runs for ``make test``; bench/fuzz.py runs them by the ten thousand."""

import pytest
from fuzz_helpers import mutations, read_xliff_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text.xliff import XliffError, read_xliff

FAST = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


@given(st.sampled_from([0, 1]), mutations.edits(mutations.XLIFF_TOKENS, 4))
@FAST
def test_the_export_edited_reads_or_is_refused(version, edits):
    read_xliff_file(mutations.apply(mutations.xliff_exports()[version], edits), "seed.xlf")


@given(st.binary(max_size=1000) | st.lists(st.sampled_from(mutations.XLIFF_TOKENS), max_size=40).map(
    lambda pieces: b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">'
                   b'<file id="f">' + b"".join(pieces) + b"</file></xliff>"))
@FAST
def test_random_xml_reads_or_is_refused(data):
    read_xliff_file(data, "random.xlf")


def xliff2(body: str) -> bytes:
    return (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">'
            f'<file id="f"><unit id="para_1">{body}</unit></file></xliff>').encode()


# What the fuzzer found: each raised ValueError, or gave a text that could not be stored.
@pytest.mark.parametrize(("body", "problem"), [
    # "²" is a digit to str.isdigit but not to int()
    ('<segment><source>a</source><target order="²">b</target></segment>', "target order values"),
    # int() refuses a string of 4,300 digits or more
    (f'<segment><source>a</source><target order="{"1" * 5000}">b</target></segment>', "target order values"),
    # half of a surrogate pair: a str that cannot be written out as UTF-8
    ('<segment><source>a</source><target>b<cp hex="D800"/></target></segment>',
     "<cp> with hex 'D800', half of a surrogate pair"),
])
def test_what_the_fuzzer_found_is_refused_in_one_line(body, problem):
    with pytest.raises(XliffError) as caught:
        read_xliff(xliff2(body))
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_a_unit_id_with_a_line_break_gives_a_one_line_refusal():
    data = xliff2("").replace(b'<unit id="para_1">', b'<unit id="a&#10;b">')  # a unit without a segment
    with pytest.raises(XliffError, match="^unit a b: no <segment>$"):
        read_xliff(data)


def test_thousands_of_faulty_units_are_reported_at_once_and_quickly():
    units = "".join(f'<unit id="u{n}"/>' for n in range(20_000))
    data = (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">'
            f'<file id="f">{units}</file></xliff>').encode()
    with pytest.raises(XliffError, match=r"^units u0, u1, .*, u9 and 19990 more: no <segment>$"):
        read_xliff(data)
