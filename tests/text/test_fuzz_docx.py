"""The DOCX reader under random input: Accord's own DOCX export of the seed with an XML part edited, the export damaged
as bytes, packages of random parts. Each gives documents that store and read back, or a ParseError of one line naming
the file, never another exception. Modest runs for ``make test``; bench/fuzz.py runs them by the ten thousand."""

import io
import tracemalloc
import zipfile

import pytest
from fuzz_helpers import mutations, read_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text import ParseError, parse_bytes
from accord.text.docx_reader import MAX_PART_SIZE

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SLIM, NOTE = 2, 1  # mutations.docx_exports(): the declaration with its styles cut down, the Russian note as written


@given(st.sampled_from([SLIM, SLIM, NOTE]), st.integers(0, 100), mutations.edits(mutations.WORD_TOKENS, 4),
       st.booleans())
@FAST
def test_the_export_with_a_part_edited_reads_or_is_refused(base, part, edits, deflate):
    read_bytes(mutations.mutated_docx(base, part, edits, deflate), "seed.docx")


ZIP_TOKENS = (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\x00\x00\x00\x00", b"\xff\xff\xff\xff")


@given(st.sampled_from([SLIM, NOTE]), mutations.edits(ZIP_TOKENS + mutations.WORD_TOKENS, 4))
@FAST
def test_the_export_damaged_as_bytes_reads_or_is_refused(base, edits):
    read_bytes(mutations.apply(mutations.docx_bytes(base), edits), "seed.docx")


PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
         "word/numbering.xml", "WORD/Document.XML", "word/")


@given(st.dictionaries(st.sampled_from(PARTS), st.binary(max_size=200) | st.sampled_from(mutations.WORD_TOKENS),
                       max_size=5), st.booleans())
@FAST
def test_a_package_of_random_parts_is_refused_or_read(files, deflate):
    read_bytes(mutations.zip_parts(files, zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED), "random.docx")


def test_a_directory_that_understates_a_part_unpacks_no_more_than_it_states():
    """zipfile inflates as much as one read asks for before cutting to the declared size: the reader reads in small
    pieces, so that 60 MB of zeros declared as 1,000 bytes cost a megabyte, not 60."""
    import hostile  # bench/hostile.py, loaded by fuzz_helpers

    files = mutations.docx_exports()[SLIM] | {"word/document.xml": b"\0" * (60 << 20)}
    data = hostile.declare_size(mutations.zip_parts(files, zipfile.ZIP_DEFLATED), "word/document.xml", 1000)
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match=r"^lying\.docx: not a valid DOCX: part word/document\.xml cannot be "
                                             r"extracted \(Bad CRC-32"):
            parse_bytes(data, "lying.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak / 2**20:.0f} MB"


def test_a_part_over_the_limit_is_refused_when_read_too(monkeypatch):
    """Past the limit when extracted, whatever the directory declared (here the limit is lowered under a real part)."""
    from accord.text import docx_reader

    data = mutations.docx_bytes(SLIM)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = archive.getinfo("word/document.xml").file_size
    monkeypatch.setattr(docx_reader, "MAX_PART_SIZE", size - 1)
    monkeypatch.setattr(docx_reader, "open_package", _trusting(docx_reader.open_package))
    with pytest.raises(ParseError, match=r"^x\.docx: refused: part word/document\.xml unpacks to more than"):
        parse_bytes(data, "x.docx")
    assert MAX_PART_SIZE == 50 << 20


def _trusting(open_package):
    """open_package without its check of declared sizes, as if the directory had understated them."""

    def trusting(data):
        from accord.text import docx_reader

        limit = docx_reader.MAX_PART_SIZE
        docx_reader.MAX_PART_SIZE = MAX_PART_SIZE
        try:
            return open_package(data)
        finally:
            docx_reader.MAX_PART_SIZE = limit

    return trusting
