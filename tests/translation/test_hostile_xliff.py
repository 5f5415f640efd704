"""Hostile XLIFF files brought back into a translation, on the page and through the API: entity expansion, external
entities, XML of millions of tags, a Word document, and what the fuzzer found (a ``<cp>`` standing for U+0000 or half
a surrogate pair, a target ``order`` that is a digit only to ``str.isdigit``). Each is refused whole, in one line
naming the file (the page answers 400, the API 422 with JSON), and the version is left as it was."""

import pytest
from django.urls import reverse

from accord.documents.models import LanguageVersion
from accord.negotiation.models import AuditEntry
from accord.text.docx_reader import MAX_XML_TAGS
from translation_helpers import OP27, RU_NEW, bearer, cat_tool_xliff2, errors, upload


def state_of(version):
    version = LanguageVersion.objects.get(pk=version.pk)
    return version.content, version.stale_provisions, AuditEntry.objects.count()


def exported(client, version) -> bytes:
    response = client.get(reverse("translation:export", args=[version.pk, "xliff2"]))
    assert response.status_code == 200
    return response.content


def hostile(good: bytes) -> dict[str, tuple[bytes, str]]:
    """By kind: a file made from ``good`` (OP27 translated as a CAT tool returns it), and a piece of its refusal."""
    prolog = b'<?xml version="1.0" encoding="UTF-8"?>'
    body = good.split(b"?>", 1)[1] if good.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else good
    laughs = b'<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    xxe = b'<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    segment = good.index(b"<segment")  # past the translation memory's <target>, in a module's element
    opening = good.index(b"<target", segment)
    first_target = good.index(b">", opening) + 1
    return {
        "billion-laughs": (prolog + laughs + body, "declares entities"),
        "external-entity": (prolog + xxe + body, "declares entities"),
        "huge-xml": (b"<xliff>" + b"<a/>" * (MAX_XML_TAGS + 1) + b"</xliff>", f"more than {MAX_XML_TAGS:,} XML tags"),
        "a-word-document": (b"PK\x03\x04" + bytes(200), "not XML"),
        "nul-as-cp": (good[:first_target] + b'<cp hex="0000"/>' + good[first_target:], "cannot be stored"),
        "surrogate-as-cp": (good[:first_target] + b'<cp hex="D800"/>' + good[first_target:],
                            "half of a surrogate pair"),
        "superscript-order": (good[:opening] + '<target order="²"'.encode() + good[opening + len(b"<target"):],
                              "target order values"),
    }


KINDS = ["billion-laughs", "external-entity", "huge-xml", "a-word-document", "nul-as-cp", "surrogate-as-cp",
         "superscript-order"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_refuses_a_hostile_file_whole(russian, sign_in, kind):
    translator = sign_in("translator")
    data, problem = hostile(cat_tool_xliff2(exported(translator, russian), OP27, RU_NEW))[kind]
    before = state_of(russian)
    response = translator.post(reverse("translation:import", args=[russian.pk]), {"file": upload("back.xlf", data)})
    assert response.status_code == 400
    (message,) = errors(response)
    assert message.startswith("back.xlf: ") and problem in message and "\n" not in message, message
    assert state_of(russian) == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_api_refuses_a_hostile_file_whole(russian, sign_in, client, kind):
    data, problem = hostile(cat_tool_xliff2(exported(sign_in("translator"), russian), OP27, RU_NEW))[kind]
    client.logout()
    before = state_of(russian)
    response = client.post(f"/api/versions/{russian.pk}/xliff", {"file": upload("back.xlf", data)},
                           headers=bearer("translator"))
    assert response.status_code == 422, response.content[:300]
    detail = response.json()["detail"]
    assert detail.startswith("back.xlf: ") and problem in detail and "\n" not in detail, detail
    assert state_of(russian)[:2] == before[:2] and state_of(russian)[2] == before[2]
