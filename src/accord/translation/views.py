"""Pages of the translation: the list of language versions awaiting their translators (the entry point, where the
secretariat also adds a language to a revision), and a version's workspace — source and target side by side, the
previous source's redline, the term base's terms and the concordance findings per provision, the XLIFF and TBX
downloads, the upload of a translated file, the reviser's approval and the secretariat's issue.

Views stay thin: :mod:`.services` and :func:`accord.negotiation.revisions.update_translation` decide who may and
what the version allows. Only translators, revisers and the secretariat have these pages (403 for the other roles);
a version's workspace is for those working into its language and the secretariat (403 for the others), and a version
of a document the user may not read does not exist for them (404). A refused POST shows the workspace again with the
one-line reason and a 4xx status — 403 for a role that may not, 409 for a provision someone else changed since the
page was read, 400 for anything else refused — and nothing is written; a successful POST redirects with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from accord.correspondence.services import NOTE_KIND
from accord.documents.access import readable_documents
from accord.documents.models import LanguageVersion, Revision
from accord.negotiation import permissions, revisions
from accord.negotiation.services import Conflict, Refused
from accord.project.pages import allowed, form_errors, language_name, refusal_status
from accord.registry.models import User
from accord.text.languages import all_languages

from . import services
from .forms import AddLanguageForm, ImportForm, SaveForm
from .models import Approval

STATE_NAMES = {
    services.NEW: pgettext_lazy("provision", "new"),
    services.CHANGED: pgettext_lazy("provision", "changed"),
    services.STALE: pgettext_lazy("provision", "stale"),
    services.CURRENT: pgettext_lazy("provision", "current"),
}


def _drafts(user: User):
    """The draft (not issued) translations ``user`` works on: in their languages for a translator or a reviser,
    every one for the secretariat; master-language versions and notes verbales are not translations."""
    versions = (
        LanguageVersion.objects.filter(issued_at__isnull=True, revision__document__in=readable_documents(user))
        .exclude(language=F("revision__document__master_language"))
        .exclude(revision__document__kind=NOTE_KIND)
        .select_related("revision__document", "approval__approved_by")
        .defer("source", "content")
        .order_by("revision__document_id", "-revision__sequence", "language")
    )
    if user.role != User.SECRETARIAT:
        versions = versions.filter(language__in=user.languages or [])
    return versions


def _missing_languages(user: User) -> list[tuple[Revision, list[tuple[str, str]]]]:
    """The latest revision of each document (notes verbales aside) with the languages that have a table but no
    version of it yet, each with its name: what the secretariat may add."""
    tables = all_languages()
    latest: dict[int, Revision] = {}
    revisions_ = (Revision.objects.filter(document__in=readable_documents(user)).exclude(document__kind=NOTE_KIND)
                  .select_related("document")
                  .prefetch_related(Prefetch("versions", LanguageVersion.objects.only("language", "revision")))
                  .order_by("document_id", "-sequence"))
    for revision in revisions_:
        latest.setdefault(revision.document_id, revision)
    result = []
    for revision in latest.values():
        present = {version.language for version in revision.versions.all()}
        missing = [(code, language_name(code)) for code in tables if code not in present]
        if missing:
            result.append((revision, missing))
    return result


def home_page(request):
    """The draft translations awaiting work, each with how many provisions are pending and whether it is approved;
    for the secretariat also the form that adds a language to a revision."""
    services.check_translation_role(request.user)
    return _home_response(request)


def _home_response(request, *, errors=(), status: int = 200):
    secretariat = request.user.role == User.SECRETARIAT
    return render(request, "translation/home.html", {
        "versions": _drafts(request.user),
        "secretariat": secretariat,
        "missing": _missing_languages(request.user) if secretariat else [],
        "errors": list(errors),
    }, status=status)


@require_POST
def add_language(request):
    """The secretariat adds a draft version in a new language to a revision: every provision awaits translation."""
    services.check_translation_role(request.user)
    form = AddLanguageForm(request.POST)
    if not form.is_valid():
        return _home_response(request, errors=form_errors(form), status=400)
    revision = Revision.objects.filter(document__in=readable_documents(request.user),
                                       pk=form.cleaned_data["revision"]).first()
    if revision is None:
        raise Http404
    try:
        version = services.add_language(revision, form.cleaned_data["language"], request.user)
    except (PermissionDenied, services.TranslationRefused) as refusal:
        return _home_response(request, errors=[str(refusal)], status=refusal_status(refusal))
    messages.success(request, ngettext(
        "%(version)s added: %(count)d provision to translate into %(language)s.",
        "%(version)s added: %(count)d provisions to translate into %(language)s.", len(version.stale_provisions),
    ) % {"version": version, "count": len(version.stale_provisions), "language": language_name(version.language)})
    return HttpResponseRedirect(reverse("translation:workspace", args=[version.pk]))


# The workspace -----------------------------------------------------------------------------------------------------


def _version(request, pk: int) -> LanguageVersion:
    """The version if the user may read its document (404 otherwise) and work on its language (403 otherwise)."""
    version = (LanguageVersion.objects.filter(pk=pk, revision__document__in=readable_documents(request.user))
               .select_related("revision__document").first())
    if version is None:
        raise Http404(f"no language version {pk}")
    services.check_works_on(request.user, version.language)
    return version


def _show_all(request) -> bool:
    return (request.POST.get("all") or request.GET.get("all")) in ("1", "on", "true")


def workspace_page(request, pk: int):
    """The version's provisions to translate (``?all=1``: every provision), with what the user's role may do."""
    return _workspace_response(request, _version(request, pk))


def _workspace_response(request, version: LanguageVersion, *, errors=(), status: int = 200,
                        typed: dict[str, str] | None = None, import_form: ImportForm | None = None):
    """The workspace page; ``typed`` holds what the translator typed for a provision whose save was refused, shown
    again in its box (and the row shown even if it is no longer pending)."""
    try:
        space = services.workspace(version)
    except services.TranslationRefused as refusal:  # a master-language version, a note verbale: nothing to translate
        raise Http404(str(refusal)) from None
    typed = typed or {}
    show_all = _show_all(request)
    user, language = request.user, version.language
    issued = version.is_issued
    rows = [row for row in space.rows if show_all or row.state != services.CURRENT or row.provision_id in typed]
    return render(request, "translation/workspace.html", {
        "version": version,
        "revision": version.revision,
        "document": version.revision.document,
        "space": space,
        "rows": [(row, STATE_NAMES[row.state], typed.get(row.provision_id)) for row in rows],
        "pending": len(space.pending),
        "show_all": show_all,
        "issued": issued,
        "may_translate": not issued and allowed(permissions.check_translates, user, language),
        "may_approve": not issued and allowed(services.check_revises, user, language),
        "may_issue": not issued and allowed(services.check_issues, user),
        "export_all": show_all or not space.pending,
        "import_form": import_form or ImportForm(),
        "errors": list(errors),
    }, status=status)


def _back(version: LanguageVersion, show_all: bool, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("translation:workspace", args=[version.pk]) + ("?all=1" if show_all else "")
    return HttpResponseRedirect(url + (f"#{anchor}" if anchor else ""))


@require_POST
def save_provision(request, pk: int):
    """A translator saves one provision's translation, from the text they started from (``expected``): its stale
    flag clears, the change is audited, a reviser's approval is withdrawn; 409 if someone changed it meanwhile."""
    version = _version(request, pk)
    form = SaveForm(request.POST)
    if not form.is_valid():
        return _workspace_response(request, version, errors=form_errors(form), status=400)
    data = form.cleaned_data
    approved = Approval.objects.filter(version=version).exists()
    try:
        version = revisions.update_translation(version, data["provision"], data["text"], request.user,
                                               expected=data["expected"])
    except (PermissionDenied, Refused) as refusal:
        return _workspace_response(request, version, errors=[str(refusal)],
                                   status=refusal_status(refusal, (Conflict,)), typed={data["provision"]: data["text"]})
    label = next((p.label for p in version.text().provisions() if p.id == data["provision"]), data["provision"])
    done = _("%(label)s saved.") % {"label": label}
    if approved:
        done += " " + _("The reviser's approval is withdrawn: the version needs approving again.")
    messages.success(request, done)
    return _back(version, data["all"], data["provision"])


def export_xliff(request, pk: int, fmt: str):
    """The provisions to translate (``?all=1``: all of them) as XLIFF 2.0 (``xliff2``) or 1.2 (``xliff12``)."""
    version = _version(request, pk)
    if fmt not in services.XLIFF_FORMATS:
        raise Http404(f"no format {fmt}")
    try:
        exported = services.export_xliff(version, fmt, pending_only=not _show_all(request))
    except services.TranslationRefused as refusal:
        return _workspace_response(request, version, errors=[str(refusal)], status=400)
    return _attachment(exported)


def export_terms(request):
    """The term base as TBX, for the CAT tool to show the terms the workspace shows."""
    services.check_translation_role(request.user)
    return _attachment(services.export_tbx())


def _attachment(exported: services.Export) -> HttpResponse:
    return HttpResponse(exported.content, content_type=exported.content_type, headers={
        "Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename)})


@require_POST
def import_xliff(request, pk: int):
    """A translator brings a translated XLIFF file back: every unit, or nothing if the file is refused."""
    version = _version(request, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _workspace_response(request, version, errors=form_errors(form), status=400, import_form=form)
    upload = form.cleaned_data["file"]
    try:
        imported = services.import_xliff(version, upload.read(), request.user, name=upload.name)
    except (PermissionDenied, services.TranslationRefused) as refusal:
        return _workspace_response(request, version, errors=[str(refusal)], status=refusal_status(refusal))
    if imported.updated:
        labels = {p.id: p.label for p in LanguageVersion.objects.get(pk=version.pk).text().provisions()}
        messages.success(request, ngettext(
            "%(file)s: %(count)d provision updated (%(labels)s).",
            "%(file)s: %(count)d provisions updated (%(labels)s).", len(imported.updated),
        ) % {"file": upload.name, "count": len(imported.updated),
             "labels": ", ".join(labels.get(pid, pid) for pid in imported.updated)})
    else:
        messages.success(request, _("%(file)s: no provision updated; its translations are the version's already.")
                         % {"file": upload.name})
    return _back(version, _show_all(request))


@require_POST
def approve(request, pk: int):
    """A reviser of the language (or the secretariat) approves the version as it stands."""
    version = _version(request, pk)
    try:
        services.approve(version, request.user)
    except (PermissionDenied, services.TranslationRefused) as refusal:
        return _workspace_response(request, version, errors=[str(refusal)], status=refusal_status(refusal))
    messages.success(request, _("%(version)s approved.") % {"version": version})
    return _back(version, _show_all(request))


@require_POST
def issue(request, pk: int):
    """The secretariat issues the approved version: from now on it never changes."""
    version = _version(request, pk)
    try:
        services.issue(version, request.user)
    except (PermissionDenied, services.TranslationRefused) as refusal:
        return _workspace_response(request, version, errors=[str(refusal)], status=refusal_status(refusal))
    messages.success(request, _("%(version)s issued.") % {"version": version})
    return _back(version, _show_all(request))
