"""The next revision from the decisions, its stale translations, and the translator's updates."""

import pytest
from django.core.exceptions import PermissionDenied

from accord.documents.models import Immutable, LanguageVersion, Revision
from accord.negotiation import editing, revisions, services
from accord.negotiation.models import Amendment, AuditEntry
from accord.negotiation.services import Conflict, Refused
from conftest import NEW_WORDS, OLD_WORDS, OP27


def accepted(draft, users, username="delegate-ru", **fields):
    amendment = services.table(draft, users[username], **fields)
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    return amendment


@pytest.fixture
def decided(draft, users):
    """OP27's words replaced, OP6 rewritten, OP7 bis inserted, OP3 deleted — and an OP1 proposal not accepted."""
    accepted(draft, users, kind="replace", provision_id=OP27, old_text=OLD_WORDS, text=NEW_WORDS)
    accepted(draft, users, "delegate-cn", kind="alternative", provision_id="para_6", text="We condemn terrorism.")
    accepted(draft, users, "delegate-in", kind="insert", provision_id="para_7", text="We meet again in 2022.")
    accepted(draft, users, "delegate-kz", kind="delete", provision_id="para_3")
    rejected = services.table(draft, users["delegate-ru"], kind="delete", provision_id="para_1")
    services.decide(rejected, users["chair"], outcome=Amendment.NOT_ACCEPTED, reason="no consensus", version=1)


def provisions(version):
    return {p.id: p for p in version.text().provisions()}


def test_the_chair_issues_draft_4_with_the_accepted_changes_and_every_other_id_kept(draft, users, decided):
    issued = revisions.issue_next_revision(draft, users["chair"])
    draft4 = issued.revision
    assert (draft4.symbol, draft4.sequence, draft4.stage, draft4.is_issued) == ("MM/2021/DRAFT/4", 4, "DRAFT", True)
    assert draft4.document == draft.document
    before, after = provisions(draft.versions.get(language="en")), provisions(draft4.versions.get(language="en"))
    assert NEW_WORDS in after[OP27].text and OLD_WORDS not in after[OP27].text
    assert after["para_6"].text == "We condemn terrorism."
    assert (after["para_7bis"].label, after["para_7bis"].text) == ("OP7 bis", "We meet again in 2022.")
    assert "para_3" not in after and after["para_1"].text == before["para_1"].text
    assert set(after) == set(before) - {"para_3"} | {"para_7bis"}
    assert (issued.changed, issued.deleted) == (["para_6", "para_7bis", OP27], ["para_3"])
    english = draft4.versions.get(language="en")
    assert english.is_issued and english.text().symbol.value == "MM/2021/DRAFT/4"
    assert "inferred" not in english.content["metadata"]


def test_every_other_language_gets_a_draft_with_the_changed_provisions_stale(draft, users, decided):
    issued = revisions.issue_next_revision(draft, users["chair"])
    russian = issued.revision.versions.get(language="ru")
    assert not russian.is_issued and russian.stale_provisions == ["para_6", "para_7bis", OP27]
    assert issued.stale == {"ru": ["para_6", "para_7bis", OP27]}
    before, after = provisions(draft.versions.get(language="ru")), provisions(russian)
    assert after[OP27].text == before[OP27].text  # the translator's to change
    assert after["para_7bis"].text == "We meet again in 2022."  # the master's words, awaiting translation
    assert "para_3" not in after
    assert issued.findings >= 1  # the untranslated OP7 bis at least
    entry = AuditEntry.objects.get(action=AuditEntry.REVISION_ISSUED)
    assert entry.after["findings"] == issued.findings and entry.after["stale"] == {"ru": issued.stale["ru"]}


def test_the_new_revision_never_changes(draft, users, decided):
    draft4 = revisions.issue_next_revision(draft, users["chair"]).revision
    draft4.stage = "FINAL"
    with pytest.raises(Immutable):
        draft4.save()
    with pytest.raises(Immutable):
        draft4.versions.get(language="en").delete()


def test_the_previous_revision_is_closed_once_superseded(draft, users, decided):
    revisions.issue_next_revision(draft, users["chair"])
    with pytest.raises(Refused, match="MM/2021/DRAFT/3 has been superseded by MM/2021/DRAFT/4"):
        services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    with pytest.raises(Refused, match="superseded"):
        revisions.issue_next_revision(draft, users["chair"])


def test_undecided_amendments_stop_the_next_revision(draft, users):
    services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    with pytest.raises(Refused, match="1 amendments to MM/2021/DRAFT/3 are undecided, the first No. 1 on OP27"):
        revisions.issue_next_revision(draft, users["chair"])
    assert not Revision.objects.filter(symbol="MM/2021/DRAFT/4").exists()


@pytest.mark.parametrize("username", ["officer", "delegate-ru", "translator"])
def test_only_the_chair_issues_a_revision(draft, users, username):
    with pytest.raises(PermissionDenied):
        revisions.issue_next_revision(draft, users[username])


def test_a_translator_updates_a_stale_provision_and_its_flag_clears(draft, users, decided):
    russian = revisions.issue_next_revision(draft, users["chair"]).revision.versions.get(language="ru")
    old = provisions(russian)[OP27].text
    wording = old.replace("как можно скорее", "в кратчайшие сроки")
    revisions.update_translation(russian, OP27, wording, users["translator"], expected=old)
    russian = LanguageVersion.objects.get(pk=russian.pk)
    assert provisions(russian)[OP27].text == wording
    assert russian.stale_provisions == ["para_6", "para_7bis"]
    entry = AuditEntry.objects.get(action=AuditEntry.TRANSLATION_UPDATED)
    assert (entry.before, entry.after) == ({"text": old, "stale": True},
                                           {"provision": OP27, "text": wording, "stale": False})
    with pytest.raises(Conflict, match="OP27 of MM/2021/DRAFT/4 \\[ru\\] has changed since you read it"):
        revisions.update_translation(russian, OP27, "Другой текст.", users["translator"], expected=old)


def test_translations_are_updated_only_by_their_translator_and_only_in_drafts(draft, users, decided):
    issued = revisions.issue_next_revision(draft, users["chair"]).revision
    with pytest.raises(PermissionDenied, match="only a translator into 'ru'"):
        revisions.update_translation(issued.versions.get(language="ru"), OP27, "Текст.", users["delegate-ru"])
    with pytest.raises(PermissionDenied, match="only a translator into 'en'"):
        revisions.update_translation(issued.versions.get(language="en"), OP27, "Text.", users["translator"])
    users["translator"].languages = ["ru", "en"]
    with pytest.raises(Refused, match=r"MM/2021/DRAFT/4 \[en\] is issued: it can no longer change"):
        revisions.update_translation(issued.versions.get(language="en"), OP27, "Text.", users["translator"])
    with pytest.raises(Refused, match="has no provision 'para_3'"):
        revisions.update_translation(issued.versions.get(language="ru"), "para_3", "Текст.", users["translator"])


def test_the_change_of_an_accepted_insertion_uses_the_suffix_its_id_carries(draft, users):
    for name in ("delegate-ru", "delegate-cn"):
        services.table(draft, users[name], kind="insert", provision_id="para_7", text=f"By {name}.")
    second = Amendment.objects.get(number=2)
    services.decide(Amendment.objects.get(number=1), users["chair"], outcome=Amendment.NOT_ACCEPTED, version=1)
    services.decide(second, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    english = revisions.issue_next_revision(draft, users["chair"]).revision.versions.get(language="en")
    ter = editing.locate(english.text(), "para_7ter")
    assert (ter.label, ter.text) == ("OP7 ter", "By delegate-cn.") and "para_7bis" not in provisions(english)


def test_provisions_still_untranslated_stay_stale_in_the_revision_after(draft, users, decided):
    draft4 = revisions.issue_next_revision(draft, users["chair"]).revision
    revisions.update_translation(draft4.versions.get(language="ru"), "para_6", "Мы осуждаем терроризм.",
                                 users["translator"])
    amendment = services.table(draft4, users["delegate-ru"], kind="delete", provision_id="para_1")
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    issued = revisions.issue_next_revision(draft4, users["chair"])
    assert issued.revision.symbol == "MM/2021/DRAFT/5" and issued.deleted == ["para_1"]
    assert issued.stale == {"ru": ["para_7bis", OP27]}
