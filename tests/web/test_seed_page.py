"""The home page lists the documents of the seed circulation package."""

import lxml.html

SEED_DOCUMENTS = {
    ("note_verbale", "en"),
    ("note_verbale", "ru"),
    ("note_verbale", "kk"),
    ("declaration", "en"),
    ("declaration", "ru"),
}


def test_seed_page_lists_the_five_documents(client):
    response = client.get("/")

    assert response.status_code == 200
    rows = lxml.html.fromstring(response.content).xpath("//table[@id='seed-documents']/tbody/tr")
    assert len(rows) == 5
    by_key = {(row.get("data-kind"), row.get("data-language")): row for row in rows}
    assert set(by_key) == SEED_DOCUMENTS
    for language in ("en", "ru"):
        declaration = by_key[("declaration", language)]
        assert declaration.findtext("td[@class='count preambular']") == "11"
        assert declaration.findtext("td[@class='count operative']") == "29"
    assert by_key[("declaration", "en")].findtext("td[@class='symbol']") == "MM/2021/DRAFT/3"
    for language in ("en", "ru", "kk"):
        assert "17-1/542" in by_key[("note_verbale", language)].findtext("td[@class='number']")
