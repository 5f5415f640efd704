"""The translation's REST endpoints, as a script or a CAT tool's connector would use them: the workspace as JSON, the
XLIFF out and back, the TBX, the approval, the issue and a new language; and their refusals."""

import lxml.etree
import pytest

from accord.documents.models import LanguageVersion
from accord.negotiation import revisions
from accord.translation.models import Approval
from translation_helpers import NEW_WORDS, OP27, RU_NEW, bearer, cat_tool_xliff2, cat_tool_xliff12, upload
from json_errors import assert_json_error

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def api(client, demo):
    """``api("get", "translator", url, ...)``: the test client with that demo user's bearer token."""
    tokens = {}

    def call(method, username, url, **kwargs):
        headers = tokens.setdefault(username, bearer(username))
        return getattr(client, method)(url, headers=headers, **kwargs)

    return call


def test_the_workspace_as_json(api, russian):
    response = api("get", "translator", f"/api/versions/{russian.pk}/workspace")

    assert response.status_code == 200
    data = response.json()
    assert data["version"] == {"id": russian.pk, "revision_id": russian.revision_id, "symbol": "MM/2021/DRAFT/4",
                               "language": "ru", "issued_at": None, "stale_provisions": [OP27], "approval": None}
    assert (data["source_language"], data["previous"], data["pending"]) == ("en", "MM/2021/DRAFT/3", 1)
    (row,) = data["rows"]
    assert (row["provision"], row["label"], row["state"]) == (OP27, "OP27", "changed")
    assert {"op": "insert", "text": NEW_WORDS} in row["redline"]
    assert {"source": "Statute of the Secretariat", "targets": ["Устав Секретариата"]} in row["terms"]
    assert [finding["code"] for finding in row["findings"]] == ["terminology.missing"]
    every = api("get", "reviser", f"/api/versions/{russian.pk}/workspace?all=true").json()
    assert len(every["rows"]) == 40


def test_xliff_out_and_back(api, russian, users):
    exported = api("get", "translator", f"/api/versions/{russian.pk}/xliff")
    assert exported.status_code == 200 and exported["Content-Type"] == "application/xliff+xml"
    assert exported["Content-Disposition"] == 'attachment; filename="MM-2021-DRAFT-4.en-ru.xlf"'
    root = lxml.etree.fromstring(exported.content)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en-GB", "ru-RU")
    assert [unit.get("id") for unit in root.iter(f"{{{XLIFF2}}}unit")] == [OP27]
    older = api("get", "translator", f"/api/versions/{russian.pk}/xliff?format=1.2&all=true")
    assert older.status_code == 200 and older.content.count(b"<trans-unit ") == 40

    response = api("post", "translator", f"/api/versions/{russian.pk}/xliff",
                   data={"file": upload("op27.xlf", cat_tool_xliff2(exported.content, OP27, RU_NEW))})

    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["updated"], data["unchanged"], data["version"]["stale_provisions"]) == ([OP27], 0, [])
    assert next(p.text for p in LanguageVersion.objects.get(pk=russian.pk).text().provisions()
                if p.id == OP27) == RU_NEW


def test_xliff_refusals(api, russian):
    before = LanguageVersion.objects.get(pk=russian.pk).content
    url = f"/api/versions/{russian.pk}/xliff"
    exported = api("get", "translator", f"{url}?format=1.2").content
    wrong_pair = cat_tool_xliff12(exported, OP27, RU_NEW).replace(b'target-language="ru-RU"',
                                                                  b'target-language="kk-KZ"')

    assert assert_json_error(api("post", "translator", url, data={"file": upload("pair.xlf", wrong_pair)}), 422) == (
        "pair.xlf is for en-GB → kk-KZ, not en → ru")
    assert assert_json_error(api("post", "translator", url, data={"file": upload("x.xlf", b"<html/>")}), 422).startswith(
        "x.xlf: ")
    assert "only a translator into 'ru'" in assert_json_error(
        api("post", "reviser", url, data={"file": upload("op27.xlf", cat_tool_xliff12(exported, OP27, RU_NEW))}), 403)
    assert_json_error(api("post", "translator", url), 422)  # no file
    assert LanguageVersion.objects.get(pk=russian.pk).content == before
    assert_json_error(api("get", "translator", f"{url}?format=3.0"), 422)
    assert_json_error(api("get", "delegate-ru", url), 403)
    assert_json_error(api("get", "translator", "/api/versions/999999/xliff"), 404)
    assert_json_error(api("get", "chair", f"/api/versions/{russian.pk}/workspace"), 403)


def test_the_term_base_as_tbx(api):
    response = api("get", "reviser", "/api/terms.tbx")

    assert response.status_code == 200 and response["Content-Type"] == "application/x-tbx+xml"
    assert b"<conceptEntry" in response.content
    assert_json_error(api("get", "delegate-in", "/api/terms.tbx"), 403)


def test_approval_then_issue(api, russian, users):
    approval_url, issue_url = f"/api/versions/{russian.pk}/approval", f"/api/versions/{russian.pk}/issue"
    assert "still has 1 provisions to translate" in assert_json_error(api("post", "reviser", approval_url), 422)
    assert "is not approved" in assert_json_error(api("post", "officer", issue_url), 422)
    revisions.update_translation(russian, OP27, RU_NEW, users["translator"])
    assert_json_error(api("post", "translator", approval_url), 403)

    approved = api("post", "reviser", approval_url)

    assert approved.status_code == 201
    assert approved.json()["approved_by"] == "reviser" and approved.json()["version_id"] == russian.pk
    assert "approved already" in assert_json_error(api("post", "reviser", approval_url), 422)
    assert_json_error(api("post", "reviser", issue_url), 403)

    issued = api("post", "officer", issue_url)

    assert issued.status_code == 200
    data = issued.json()
    assert data["issued_at"] and data["approval"]["approved_by"] == "reviser" and data["stale_provisions"] == []
    assert LanguageVersion.objects.get(pk=russian.pk).is_issued
    assert "is issued already" in assert_json_error(api("post", "officer", issue_url), 422)
    assert Approval.objects.filter(version=russian).exists()


def test_a_language_added_to_a_revision(api, draft4):
    url = f"/api/revisions/{draft4.pk}/languages"
    assert_json_error(api("post", "translator", url, data={"language": "kk"}, content_type="application/json"), 403)

    response = api("post", "officer", url, data={"language": "kk"}, content_type="application/json")

    assert response.status_code == 201
    data = response.json()
    assert (data["symbol"], data["language"], data["issued_at"]) == ("MM/2021/DRAFT/4", "kk", None)
    assert len(data["stale_provisions"]) == 40
    assert "already" in assert_json_error(api("post", "officer", url, data={"language": "kk"},
                                       content_type="application/json"), 422)
    assert assert_json_error(api("post", "officer", url, data={"language": "xx"}, content_type="application/json"),
                      422) == "no language table for 'xx'"
    assert_json_error(api("post", "officer", "/api/revisions/999999/languages", data={"language": "kk"},
                   content_type="application/json"), 404)
