"""The term base as TBX bytes: what a CAT tool is given beside the XLIFF file, and what write_tbx saves."""

from accord.text.concordance import load_tbx, starter, write_tbx
from accord.text.concordance.termbase import Concept, Term, TermBase, tbx_bytes


def test_tbx_bytes_are_what_write_tbx_saves_and_read_back_unchanged(tmp_path):
    termbase = starter().merged(TermBase({"statute": Concept("statute", {
        "en": [Term("Statute & Rules <draft>", "preferred")], "ru": [Term("Устав", "preferred", "fullForm")]})}))
    data = tbx_bytes(termbase, title="CICA terms")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<tbx ")
    assert b"<title>CICA terms</title>" in data

    write_tbx(termbase, tmp_path / "written.tbx", title="CICA terms")
    assert (tmp_path / "written.tbx").read_bytes() == data  # one way to write TBX
    (tmp_path / "served.tbx").write_bytes(data)
    assert load_tbx(tmp_path / "served.tbx") == termbase
