"""No input makes the reader raise anything but ParseError, and whatever it returns keeps the model's promises."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text import ParseError, document_from_dict, parse_bytes, parse_text
from accord.text.model import Declaration

from shared_paths import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("*_#\\ \n\t.,;:()[]-/1234567890abcIVXаәбв№МMDRAFT«»\u00a0\ufeff")) | st.characters(),
    max_size=400,
)


def check(documents):
    """The promises of the model for any document the reader returns."""
    for document in documents:
        assert document_from_dict(document.to_dict()) == document
        if isinstance(document, Declaration):
            ids = [p.id for p in document.provisions()]
            assert len(ids) == len(set(ids)), ids
            for recital in document.preamble:
                assert recital.lead is None or recital.text.startswith(recital.lead)


def read(reader, value):
    try:
        documents = reader(value)
    except ParseError as error:
        assert str(error).startswith(("<text>:", "<bytes>:", "x.docx:"))
        assert "\n" not in str(error)
        return
    check(documents)


@given(MARKDOWNISH)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_any_text(text):
    read(parse_text, text)


@given(st.binary(max_size=300))
@settings(max_examples=300)
def test_any_bytes(data):
    read(parse_bytes, data)


@given(st.binary(max_size=300))
@settings(max_examples=100)
def test_any_bytes_behind_a_zip_signature(data):
    read(lambda d: parse_bytes(d, "x.docx"), b"PK\x03\x04" + data)


@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=len(SEED_LINES)))
@settings(max_examples=150, deadline=None)
def test_the_seed_cut_shuffled_and_spliced(rnd: random.Random, cut):
    lines = list(SEED_LINES)
    operation = rnd.choice(["cut", "shuffle-blocks", "drop-lines", "duplicate"])
    if operation == "cut":
        lines = lines[:cut]
    elif operation == "shuffle-blocks":
        blocks = "\n".join(lines).split("\n\n")
        rnd.shuffle(blocks)
        lines = "\n\n".join(blocks).split("\n")
    elif operation == "drop-lines":
        lines = [line for line in lines if rnd.random() > 0.2]
    else:
        lines = lines[cut:] + lines
    read(parse_text, "\n".join(lines))
