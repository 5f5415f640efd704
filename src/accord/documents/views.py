"""Pages of the documents app: the list, a document with its revisions, a revision's reading room and concordance
report, accepting a finding as is, downloads and the upload.

Views stay thin: who may read, import or accept is :mod:`.access`'s decision, importing is :mod:`.services`', exports
are :mod:`.rendering`'s, the reading room's table is :mod:`.side_by_side`'s and findings are :mod:`.concordance`'s. What
a user may not read does not exist for them (404); a write by the wrong role is forbidden (403).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import concordance, rendering, side_by_side
from .access import can_accept_findings, can_import, can_read, readable_documents
from .forms import MAX_LANGUAGES_SIDE_BY_SIDE, AcceptForm, LanguagesForm, UploadForm
from .models import LanguageVersion, Revision, in_reading_order
from .services import ImportRefused, import_file

# Lists and the reading room need a version's language and issue date, never its source file, and its text only
# where it is shown (read then, field by field).
_VERSION_SUMMARY = LanguageVersion.objects.only("language", "issued_at", "revision")
# By sequence alone: the models' default orderings join up to the document for nothing.
_REVISIONS_IN_ORDER = Revision.objects.order_by("sequence")


def _readable_revision(user, pk: int) -> Revision:
    """The revision ``pk`` with its document, or 404 when there is none or ``user`` may not read it."""
    revision = get_object_or_404(Revision.objects.select_related("document"), pk=pk)
    if not can_read(user, revision.document):
        raise Http404
    return revision


def _versions(revision: Revision) -> list[LanguageVersion]:
    """The revision's versions in reading order, without their text (read later only where it is needed)."""
    # Unordered: the default ordering joins up to the document, and in_reading_order sorts anyway.
    return in_reading_order(_VERSION_SUMMARY.filter(revision=revision).order_by(), revision.document.master_language)


def document_list(request):
    """Every document the user may read, newest first, with its latest revision."""
    documents = readable_documents(request.user).select_related("body").prefetch_related(
        Prefetch("revisions", _REVISIONS_IN_ORDER.prefetch_related(Prefetch("versions", _VERSION_SUMMARY)),
                 to_attr="revision_list")
    )
    return render(request, "documents/list.html", {"documents": documents})


def document_detail(request, pk: int):
    """A document with each of its revisions and their language versions, with downloads, and from the second
    revision on the redlines against the one before."""
    document = get_object_or_404(readable_documents(request.user).select_related("body"), pk=pk)
    in_order = list(_REVISIONS_IN_ORDER.filter(document=document).prefetch_related(Prefetch("versions", _VERSION_SUMMARY)))
    revisions = [
        (revision, in_reading_order(revision.versions.all(), document.master_language), previous)
        for previous, revision in zip([None, *in_order], in_order)
    ]
    context = {"document": document, "revisions": revisions, "formats": rendering.FORMATS,
               "redline_formats": rendering.REDLINE_FORMATS}
    return render(request, "documents/document.html", context)


def reading_room(request, pk: int):
    """A revision's language versions side by side, aligned provision by provision (``?lang=en&lang=ru``; by default
    the first three in reading order).

    An htmx request gets the reading area alone (the language choice and the table), to swap in place; every other
    request, a history restore included, gets the whole page, so the page works without JavaScript.
    """
    revision = _readable_revision(request.user, pk)
    versions = _versions(revision)
    default = [version.language for version in versions[:MAX_LANGUAGES_SIDE_BY_SIDE]]
    form = LanguagesForm([version.language for version in versions], request.GET if "lang" in request.GET else None)
    wanted = form.cleaned_data["lang"] if form.is_valid() else default
    chosen = [version.language for version in versions if version.language in wanted]  # columns in reading order
    errors = form.errors.get("lang", [])
    swap = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    if swap:
        content = side_by_side.reading_room_content(side_by_side.AREA, revision, versions, chosen, errors)
        response = render(request, "documents/_reading_area_swap.html", {"content": content})
    else:
        content = side_by_side.reading_room_content(side_by_side.BODY, revision, versions, chosen, errors)
        response = render(request, "documents/reading_room.html", {"revision": revision, "content": content})
    patch_vary_headers(response, ["HX-Request"])
    return response


def concordance_report(request, pk: int):
    """A revision's concordance report for a pair of its languages (``?pair=en:ru``; by default the master language
    against the next in reading order): open findings by provision, each linked to its row side by side, the
    accepted ones below; revisers get a form to accept each open finding as is."""
    revision = _readable_revision(request.user, pk)
    return _report_page(request, revision, request.GET.get("pair"))


@require_POST
def accept_finding(request, pk: int):
    """A reviser accepts an open finding as is (``pair``, ``fingerprint``, ``reason``), then goes back to the report.

    A role that may not: 403. A blank reason, a finding already accepted: the report again with the reason, 400; a
    finding the report does not hold: the same, 404.
    """
    revision = _readable_revision(request.user, pk)
    if not can_accept_findings(request.user, revision.document):
        raise PermissionDenied
    form = AcceptForm(request.POST)
    pair_value = request.POST.get("pair")
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return _report_page(request, revision, pair_value, errors, status=400)
    versions = {version.language: version for version in _versions(revision)}
    try:
        source, target = concordance.choose_pair(concordance.pairs(list(versions.values())), form.cleaned_data["pair"])
        acceptance = concordance.accept(versions[source], versions[target], form.cleaned_data["fingerprint"],
                                        form.cleaned_data["reason"], request.user)
    except concordance.ConcordanceRefused as refusal:
        status = 404 if isinstance(refusal, concordance.UnknownFinding) else 400
        return _report_page(request, revision, pair_value, [str(refusal)], status=status)
    messages.success(request, _("Finding accepted as is: %(label)s.") % {"label": acceptance.label})
    return redirect(f"{reverse('documents:concordance', args=[pk])}?pair={source}:{target}")


def _report_page(request, revision: Revision, pair_value: str | None, errors=(), status: int = 200):
    """The report page for the pair ``pair_value`` names (the default pair, with an error, for one not offered)."""
    versions = _versions(revision)
    offered = concordance.pairs(versions)
    errors = list(errors)
    try:
        pair = concordance.choose_pair(offered, pair_value)
    except concordance.UnknownPair as refusal:
        errors.append(str(refusal))
        pair = offered[0] if offered else None
    by_language = {version.language: version for version in versions}
    context = {
        "document": revision.document,
        "revision": revision,
        "pairs": [(f"{source}:{target}", source, target) for source, target in offered],
        "report": concordance.report(by_language[pair[0]], by_language[pair[1]]) if pair else None,
        "errors": errors,
        "can_accept": can_accept_findings(request.user, revision.document),
    }
    return render(request, "documents/concordance.html", context, status=status)


def download(request, pk: int, language: str, fmt: str):
    """A language version of a revision as an attachment in ``fmt`` (akn, docx, html or pdf)."""
    if fmt not in rendering.FORMATS:
        raise Http404
    revision = _readable_revision(request.user, pk)
    version = get_object_or_404(revision.versions.defer("source"), language=language)
    exported = rendering.export(version, fmt)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=exported.filename)
    return response


def redline_download(request, pk: int, language: str, fmt: str):
    """What changed in ``language`` from an earlier revision of the same document (``?against=`` its id; by default
    the one before) to this one, as an attachment: HTML with a table of contents, or DOCX with tracked changes."""
    if fmt not in rendering.REDLINE_FORMATS:
        raise Http404
    revision = _readable_revision(request.user, pk)
    earlier = Revision.objects.filter(document=revision.document, sequence__lt=revision.sequence)
    against = request.GET.get("against", "")
    if against:
        older_revision = get_object_or_404(earlier, pk=int(against) if against.isdigit() else 0)
    else:
        older_revision = earlier.order_by("-sequence").first()
        if older_revision is None:
            raise Http404
    newer = get_object_or_404(revision.versions.defer("source").select_related("revision"), language=language)
    older = get_object_or_404(older_revision.versions.defer("source").select_related("revision"), language=language)
    exported = rendering.redline(older, newer, fmt, author=settings.ACCORD_AKN_AUTHOR.upper())
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=exported.filename)
    return response


def upload(request):
    """The secretariat's import of a file; a refused file is named with the reason, and nothing is stored."""
    if not can_import(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            stored = import_file(uploaded.read(), uploaded.name, request.user,
                                 distribution=form.cleaned_data["distribution"])
        except ImportRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            names = ", ".join(f"{version.revision.symbol} [{version.language}]" for version in stored)
            message = ngettext("Imported %(count)d language version: %(names)s.",
                               "Imported %(count)d language versions: %(names)s.", len(stored))
            messages.success(request, message % {"count": len(stored), "names": names})
            return redirect("documents:list")
    return render(request, "documents/upload.html", {"form": form})
