"""The term base as TBX next to the XLIFF, so that the CAT tool shows the terms the workspace shows: downloaded from
the translation page, it reads back with Accord's own TBX reader and holds every concept of the starter glossary."""

from django.urls import reverse

from accord.text.concordance import load_tbx
from accord.text.concordance.termbase import STARTER


def test_the_tbx_download_reads_back_with_the_starter_s_concepts(demo, sign_in, tmp_path):
    response = sign_in("translator").get(reverse("translation:terms"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-tbx+xml"
    assert response["Content-Disposition"] == 'attachment; filename="accord-terms.tbx"'
    path = tmp_path / "accord-terms.tbx"
    path.write_bytes(response.content)
    downloaded, starter = load_tbx(path), load_tbx(STARTER)
    assert set(downloaded.concepts) == set(starter.concepts) and len(starter.concepts) > 50
    for concept_id, concept in starter.concepts.items():
        for language in ("en", "ru", "kk"):
            assert ([term.text for term in downloaded.concepts[concept_id].terms.get(language, [])]
                    == [term.text for term in concept.terms.get(language, [])])
    statute = next(c for c in downloaded.concepts.values()
                   if "Statute of the Secretariat" in [t.text for t in c.terms.get("en", [])])
    assert [t.text for t in statute.terms["ru"]] == ["Устав Секретариата"]
