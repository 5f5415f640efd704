"""The reviser's approval and the secretariat's issue of a language version, on the workspace page: approved only
once nothing is stale, withdrawn by a later edit, issued only once approved and never changed after."""

import pytest
from django.urls import reverse

from accord.documents.models import Immutable, LanguageVersion
from accord.negotiation import revisions
from accord.negotiation.models import AuditEntry
from accord.negotiation.services import Refused
from accord.registry.models import User
from accord.translation import services
from accord.translation.models import Approval
from translation_helpers import OP27, RU_NEW, errors, html, messages_shown, provision, text


def post(client, name, version, **data):
    return client.post(reverse(f"translation:{name}", args=[version.pk]), data)


def workspace(client, version):
    response = client.get(reverse("translation:workspace", args=[version.pk]))
    assert response.status_code == 200
    return html(response)


def translate_op27(users, russian, wording=RU_NEW):
    return revisions.update_translation(russian, OP27, wording, users["translator"])


def test_the_reviser_cannot_approve_while_op27_is_stale_and_approves_once_translated(russian, users, sign_in):
    reviser = sign_in("reviser")
    (button,) = workspace(reviser, russian).cssselect("#approve button")
    assert button.get("disabled") is not None
    assert "1 provision is still to translate." in text(workspace(reviser, russian).cssselect("#approve")[0])

    refused = post(reviser, "approve", russian)
    assert refused.status_code == 400
    assert errors(refused) == ["MM/2021/DRAFT/4 [ru] still has 1 provisions to translate, the first para_27"]
    assert not Approval.objects.filter(version=russian).exists()

    translate_op27(users, russian)
    page = workspace(reviser, russian)
    assert page.cssselect("#approve button")[0].get("disabled") is None
    done = post(reviser, "approve", russian)
    assert done.status_code == 302
    assert messages_shown(reviser.get(done.url)) == ["MM/2021/DRAFT/4 [ru] approved."]
    approval = Approval.objects.get(version=russian)
    assert approval.approved_by == users["reviser"]
    page = workspace(reviser, russian)
    assert text(page.cssselect("#approved")[0]).startswith("Approved by Reviser Russian and Kazakh on ")
    assert not page.cssselect("#approve")
    (listed,) = html(reviser.get(reverse("translation:home"))).cssselect('#drafts tr[data-symbol="MM/2021/DRAFT/4"]')
    assert "Approved by Reviser Russian and Kazakh on " in text(listed)
    assert AuditEntry.objects.filter(action=AuditEntry.VERSION_APPROVED, actor=users["reviser"]).count() == 1


def test_an_edit_after_the_approval_withdraws_it(russian, users, sign_in):
    translate_op27(users, russian)
    services.approve(russian, users["reviser"])
    translator = sign_in("translator")

    response = post(translator, "save", russian, provision=OP27, expected=RU_NEW, text=RU_NEW.replace("Азии", "Азии "))

    assert response.status_code == 302
    assert messages_shown(translator.get(response.url)) == [
        "OP27 saved. The reviser's approval is withdrawn: the version needs approving again."]
    assert not Approval.objects.filter(version=russian).exists()
    with pytest.raises(services.TranslationRefused, match="is not approved"):
        services.issue(russian, users["officer"])


def test_the_secretariat_issues_only_an_approved_version_which_never_changes_after(russian, users, sign_in):
    officer = sign_in("officer")
    translate_op27(users, russian)
    assert not workspace(officer, russian).cssselect("#issue")
    refused = post(officer, "issue", russian)
    assert refused.status_code == 400
    assert errors(refused) == ["MM/2021/DRAFT/4 [ru] is not approved: a reviser approves it first"]
    assert not LanguageVersion.objects.get(pk=russian.pk).is_issued

    services.approve(russian, users["reviser"])
    assert workspace(officer, russian).cssselect("#issue button")
    done = post(officer, "issue", russian)
    assert done.status_code == 302
    assert messages_shown(officer.get(done.url)) == ["MM/2021/DRAFT/4 [ru] issued."]

    russian = LanguageVersion.objects.get(pk=russian.pk)
    assert russian.is_issued and provision(russian) == RU_NEW
    assert AuditEntry.objects.filter(action=AuditEntry.VERSION_ISSUED, actor=users["officer"]).count() == 1
    page = workspace(sign_in("translator"), russian)
    assert text(page.cssselect("#issued")[0]).startswith("This version was issued on ")
    assert not page.cssselect("main form")  # nothing to save, upload, approve or issue
    saved_again = post(sign_in("translator"), "save", russian, provision=OP27, expected=RU_NEW, text="Другой текст.")
    assert saved_again.status_code == 400
    assert errors(saved_again) == ["MM/2021/DRAFT/4 [ru] is issued: it can no longer change"]
    with pytest.raises(Refused, match="is issued"):
        translate_op27(users, russian, "Другой текст.")
    russian.stale_provisions = [OP27]
    with pytest.raises(Immutable):
        russian.save()
    with pytest.raises(services.TranslationRefused, match="is issued already"):
        services.approve(russian, users["reviser"])


def test_a_reviser_of_kazakh_cannot_approve_russian(russian, users, client):
    kazakh_reviser = User.objects.create_user("reviser-kk", password="x" * 20, role=User.REVISER, languages=["kk"])
    translate_op27(users, russian)
    client.force_login(kazakh_reviser)

    response = post(client, "approve", russian)

    assert response.status_code == 403
    assert not Approval.objects.filter(version=russian).exists()
    with pytest.raises(Exception, match="only a reviser of 'ru' or the secretariat approves this version"):
        services.approve(russian, kazakh_reviser)


@pytest.mark.parametrize("username", ["translator", "chair", "delegate-ru"])
def test_only_revisers_and_the_secretariat_approve(russian, users, sign_in, username):
    translate_op27(users, russian)

    response = post(sign_in(username), "approve", russian)

    assert response.status_code == 403
    assert not Approval.objects.filter(version=russian).exists()


@pytest.mark.parametrize("username", ["reviser", "translator", "chair"])
def test_only_the_secretariat_issues(russian, users, sign_in, username):
    translate_op27(users, russian)
    services.approve(russian, users["reviser"])

    response = post(sign_in(username), "issue", russian)

    assert response.status_code == 403
    assert not LanguageVersion.objects.get(pk=russian.pk).is_issued
