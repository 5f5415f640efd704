"""The text reader under random input: any text or bytes give documents that store and read back, or a ParseError of one
line naming the file, never another exception; and reading stays linear in the size of the input.

These are modest runs for ``make test``; bench/fuzz.py runs the same inputs by the hundred thousand."""

import gc
import time

import pytest
from fuzz_helpers import mutations, read_bytes, read_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text import ParseError, parse_text
from accord.text.blocks import MAX_PARAGRAPH_CHARS, MAX_PARAGRAPHS

FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
TOKENS = [token.decode("utf-8", "replace") for token in mutations.text_tokens()]


@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=20), max_size=40).map("".join))
@FAST
def test_text_made_of_the_readers_own_words_reads_or_is_refused(text):
    read_text(text, "fuzz.md")


@given(st.binary(max_size=2000), st.sampled_from(["fuzz.md", "fuzz.txt", "fuzz.docx", "fuzz"]))
@FAST
def test_any_bytes_read_or_are_refused(data, name):
    read_bytes(data, name)


@given(st.integers(0, 10_000), st.integers(1, 300), mutations.edits(mutations.text_tokens()))
@FAST
def test_the_seed_edited_reads_or_is_refused(start, length, edits):
    read_bytes(mutations.apply(mutations.seed_window(start, length), edits), "seed.txt")


@given(mutations.edits(mutations.text_tokens(), max_edits=3))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_whole_seed_edited_reads_or_is_refused(edits):
    read_bytes(mutations.apply(mutations.seed_bytes(), edits), "seed.txt")


def seconds(text: str) -> float:
    """The best of three readings, the garbage collector off: the least disturbed by whatever else the machine does."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            try:
                parse_text(text)
            except ParseError:
                pass
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


# Each of these took time quadratic in its length before the reader was made linear: thousands of them took seconds,
# a 10 MB upload of them hours.
@pytest.mark.parametrize(("head", "unit", "tail", "count"), [
    # emphasis delimiters that never close (parse_inline's search for an opener)
    ("**DRAFT DECLARATION**\n\n1. ", "*a_", "", 4_000),
    # link brackets that never close (the link pattern)
    ("**DRAFT DECLARATION**\n\n1. ", "[", "", 5_000),
    # an ATX heading of spaces before its last word (its lazy closing-sequence pattern)
    ("**DRAFT DECLARATION**\n\n1. x\n\n# x", " ", "y", 5_000),
    # one paragraph number repeated (the ids of the repeats)
    ("**DRAFT DECLARATION**\n\n", "1. word\n", "", 1_500),
    # note anchors in a declaration before its body (asking at each whether the body began)
    ("**DRAFT DECLARATION**\n\n", "Enclosure: 7 pages\n\n", "", 2_000),
])
def test_reading_stays_linear(head, unit, tail, count):
    """Eight times the input takes about eight times as long, far from the 64 of a quadratic reader (the margin is for
    a machine busy with other work)."""
    small, large = head + unit * count + tail, head + unit * (8 * count) + tail
    ratio = seconds(large) / max(seconds(small), 1e-3)
    assert ratio < 32, f"8× the input took {ratio:.1f}× the time"


def test_a_file_of_too_many_paragraphs_or_too_long_a_line_is_refused():
    with pytest.raises(ParseError, match=rf"^many\.md: refused: more than {MAX_PARAGRAPHS:,} paragraphs"):
        parse_text("x\n\n" * (MAX_PARAGRAPHS + 1), "many.md")
    with pytest.raises(ParseError, match=rf"^long\.md: refused: the paragraph at line 2 is longer than "
                                         rf"{MAX_PARAGRAPH_CHARS:,} characters$"):
        parse_text("DRAFT DECLARATION\n" + "word " * MAX_PARAGRAPH_CHARS, "long.md")
    with pytest.raises(ParseError, match=r"^long\.md: refused: the paragraph at line 3 is longer"):
        parse_text("DRAFT DECLARATION\n\nword\n" + "word\n" * (MAX_PARAGRAPH_CHARS // 5), "long.md")


def test_a_refusal_is_one_line_even_when_the_name_of_the_file_is_not():
    with pytest.raises(ParseError) as caught:
        parse_text("", "two\nlines.md")
    assert str(caught.value) == "two lines.md: empty file"


def test_text_holding_half_a_surrogate_pair_is_refused():
    """What the fuzzer found: a str made in Python (bytes never decode to one) read into a document that could be
    neither stored nor written out as UTF-8."""
    with pytest.raises(ParseError, match=r"^x\.md: not Unicode text \(half of a surrogate pair at character 29\)$"):
        parse_text("свидетельствует свое уважение\ud800", "x.md")
