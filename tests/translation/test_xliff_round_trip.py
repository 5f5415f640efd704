"""XLIFF out of the workspace and back from a CAT tool, as a translator does it on the pages: DRAFT/4's changed OP27
downloaded, translated in a file written by hand the way CAT tools write them, uploaded; and the files Accord must
refuse whole, writing nothing."""

import pytest
from django.urls import reverse

from accord.documents.models import LanguageVersion
from accord.negotiation.models import AuditEntry
from translation_helpers import (
    OP27,
    RU_NEW,
    cat_tool_xliff2,
    cat_tool_xliff12,
    errors,
    issue_draft_4,
    messages_shown,
    provision,
    upload,
)

FORMATS = [("xliff2", cat_tool_xliff2, "MM-2021-DRAFT-4.en-ru.xlf"),
           ("xliff12", cat_tool_xliff12, "MM-2021-DRAFT-4.en-ru.xliff12.xlf")]


def download(client, version, fmt="xliff2", **query):
    response = client.get(reverse("translation:export", args=[version.pk, fmt]), query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/xliff+xml"
    return response


def send(client, version, name, content):
    return client.post(reverse("translation:import", args=[version.pk]), {"file": upload(name, content)})


def state_of(version):
    """What a refused file must leave as it was: the text, the stale flags, the audit log."""
    version = LanguageVersion.objects.get(pk=version.pk)
    return version.content, version.stale_provisions, AuditEntry.objects.count()


@pytest.mark.parametrize(("fmt", "cat_tool", "filename"), FORMATS)
def test_a_translation_made_in_a_cat_tool_comes_back_into_the_russian_version(russian, sign_in, users, fmt, cat_tool,
                                                                               filename):
    translator = sign_in("translator")
    exported = download(translator, russian, fmt)
    assert f'filename="{filename}"' in exported["Content-Disposition"]
    assert b'id="para_27"' in exported.content and b'id="para_26"' not in exported.content  # the pending one only
    translated = cat_tool(exported.content, OP27, RU_NEW)
    assert b"\r\n" in translated

    response = send(translator, russian, "op27-ru.xlf", translated)

    assert response.status_code == 302, errors(response)
    assert messages_shown(translator.get(response.url)) == ["op27-ru.xlf: 1 provision updated (OP27)."]
    assert provision(russian) == RU_NEW
    assert russian.stale_provisions == []
    entry = AuditEntry.objects.filter(action=AuditEntry.TRANSLATION_UPDATED).latest("sequence")
    assert entry.actor == users["translator"]
    assert entry.object_repr == str(russian)
    assert entry.after == {"provision": OP27, "text": RU_NEW, "stale": False}
    assert entry.before["stale"] is True


def test_a_file_sent_back_untouched_clears_nothing(russian, sign_in):
    translator = sign_in("translator")
    exported = download(translator, russian).content  # OP27's old translation in it, "initial"
    before = state_of(russian)

    response = send(translator, russian, "untouched.xlf", exported)

    assert response.status_code == 302
    assert "no provision updated" in messages_shown(translator.get(response.url))[0]
    assert state_of(russian) == before


def test_a_file_exported_before_draft_4_is_refused_naming_op27_and_nothing_is_written(draft, users, sign_in):
    translator = sign_in("translator")
    draft3_russian = draft.versions.get(language="ru")
    old_file = download(translator, draft3_russian, all=1).content  # OP27's source is DRAFT/3's
    russian = issue_draft_4(draft, users).versions.get(language="ru")
    translated = cat_tool_xliff2(old_file, OP27, RU_NEW)
    before = state_of(russian)

    response = send(translator, russian, "old.xlf", translated)

    assert response.status_code == 400
    (message,) = errors(response)
    assert message == ("old.xlf: the source of para_27 is no longer the text of MM/2021/DRAFT/4; "
                       "export the file again")
    assert state_of(russian) == before
    assert russian.stale_provisions == [OP27]


def test_files_that_are_not_xliff_are_refused_with_one_line(russian, sign_in):
    translator = sign_in("translator")
    exported = download(translator, russian).content
    before = state_of(russian)

    html_page = send(translator, russian, "page.xlf", b"<!doctype html><html><body><p>Not XLIFF</p></body></html>")
    truncated = send(translator, russian, "cut.xlf", exported[: len(exported) // 2])

    for response, name in ((html_page, "page.xlf"), (truncated, "cut.xlf")):
        assert response.status_code == 400
        (message,) = errors(response)
        assert message.startswith(f"{name}: ") and "\n" not in message
    assert state_of(russian) == before


def test_a_file_for_another_pair_of_languages_is_refused(russian, sign_in):
    translator = sign_in("translator")
    kazakh = cat_tool_xliff2(download(translator, russian).content, OP27, RU_NEW).replace(
        b'trgLang="ru-RU"', b'trgLang="kk-KZ"')
    before = state_of(russian)

    response = send(translator, russian, "kk.xlf", kazakh)

    assert response.status_code == 400
    assert errors(response) == ["kk.xlf is for en-GB → kk-KZ, not en → ru"]
    assert state_of(russian) == before


def test_a_unit_the_revision_lacks_is_refused(russian, sign_in):
    translator = sign_in("translator")
    exported = download(translator, russian).content
    # OP27 translated, and a unit for a provision DRAFT/4 does not have: nothing of the file is taken.
    extra = '    <unit id="para_99"><segment state="translated"><source>Extra.</source><target>Лишнее.</target>'
    file = cat_tool_xliff2(exported, OP27, RU_NEW).replace(
        b"  </file>", (extra + "</segment></unit>\r\n  </file>").encode())
    before = state_of(russian)

    response = send(translator, russian, "extra.xlf", file)

    assert response.status_code == 400
    assert errors(response) == ["extra.xlf: MM/2021/DRAFT/4 has no provision para_99"]
    assert state_of(russian) == before


def test_only_a_translator_into_the_language_brings_a_file_back(russian, sign_in):
    reviser = sign_in("reviser")
    translated = cat_tool_xliff2(download(reviser, russian).content, OP27, RU_NEW)
    before = state_of(russian)

    response = send(reviser, russian, "op27.xlf", translated)

    assert response.status_code == 403
    assert errors(response) == ["only a translator into 'ru' updates this version"]
    assert state_of(russian) == before
