"""REST endpoints of the translation: a language version's workspace, XLIFF out to a CAT tool and back, the term base
as TBX, the reviser's approval, issuing the approved version, and a new language for a revision.

A thin layer over :mod:`.services`, which decide: who may (403), and what the version or the file allows (422 with
the one-line reason; a refused file writes nothing). A version of a document the user may not read answers 404,
exactly like one that does not exist. The workspace and the files of a version are for its translators and
revisers and the secretariat. Errors are JSON like every other of the API (:mod:`accord.project.api_errors`).
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Literal

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from accord.documents import wording
from accord.documents.access import readable_documents
from accord.documents.models import LanguageVersion, Revision
from accord.documents.services import check_size
from accord.project.api_errors import errors

from . import services
from .models import Approval

router = Router(tags=["translation"])

XliffVersion = Literal["2.0", "1.2"]
FORMATS = {version: fmt for fmt, version in services.XLIFF_FORMATS.items()}  # "2.0" → "xliff2"


@contextmanager
def _refusals():
    """A :class:`services.TranslationRefused` as a 422 with its one line."""
    try:
        yield
    except services.TranslationRefused as refusal:
        raise HttpError(422, str(refusal)) from None


class ApprovalOut(Schema):
    version_id: int
    approved_by: str  # the reviser's user name
    approved_at: dt.datetime

    @staticmethod
    def resolve_approved_by(approval: Approval) -> str:
        return approval.approved_by.username


class VersionOut(Schema):
    id: int
    revision_id: int
    symbol: str
    language: str
    issued_at: dt.datetime | None  # null while a draft
    stale_provisions: list[str]  # the provisions awaiting their translator
    approval: ApprovalOut | None

    @staticmethod
    def resolve_symbol(version: LanguageVersion) -> str:
        return version.revision.symbol

    @staticmethod
    def resolve_approval(version: LanguageVersion) -> Approval | None:
        return Approval.objects.select_related("approved_by").filter(version=version).first()


class EditOut(Schema):
    op: Literal["equal", "insert", "delete"]
    text: str


class TermOut(Schema):
    source: str  # the term as the source uses it
    targets: list[str]  # the concept's terms in the target language, preferred first


class WorkspaceFindingOut(Schema):
    fingerprint: str
    check: str
    code: str
    severity: str
    message: str  # in the interface language


class RowOut(Schema):
    provision: str  # the provision's id (para_27), the XLIFF unit's id
    label: str  # OP27
    state: Literal["new", "changed", "stale", "current"]
    source: str
    target: str
    redline: list[EditOut]  # from the previous revision's source to this one; empty when unchanged
    terms: list[TermOut]
    findings: list[WorkspaceFindingOut]  # the open concordance findings about the provision


class WorkspaceOut(Schema):
    version: VersionOut
    source_language: str
    previous: str | None  # the symbol of the revision the redline compares with
    pending: int  # how many provisions are new, changed or stale
    rows: list[RowOut]


class ImportedOut(Schema):
    updated: list[str]  # the provisions the file updated (or confirmed, for a stale one)
    unchanged: int  # units whose target was the version's already
    version: VersionOut


class LanguageIn(Schema):
    language: str  # ISO 639-1 code of a language with a table (accord.text.languages)


def _version(user, version_id: int) -> LanguageVersion:
    version = (LanguageVersion.objects.filter(pk=version_id, revision__document__in=readable_documents(user))
               .select_related("revision__document").first())
    if version is None:
        raise Http404(f"no language version {version_id}")
    return version


def _worked_on(user, version_id: int) -> LanguageVersion:
    version = _version(user, version_id)
    services.check_works_on(user, version.language)
    return version


def _attachment(exported: services.Export) -> HttpResponse:
    return HttpResponse(exported.content, content_type=exported.content_type, headers={
        "Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename)})


def _binary(content_type: str, description: str) -> dict:
    return {"responses": {200: {"description": description,
                                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/versions/{version_id}/workspace", response={200: WorkspaceOut, **errors(401, 403, 404, 422)})
def get_workspace(request, version_id: int, all: bool = False):
    """The provisions to translate into the version's language (``all``: every provision), each with its state, the
    source and its redline against the previous revision, the target, the term base's terms and the open findings."""
    version = _worked_on(request.auth, version_id)
    with _refusals():
        space = services.workspace(version)
    rows = space.rows if all else space.pending
    return {
        "version": version,
        "source_language": space.source.language,
        "previous": space.previous.revision.symbol if space.previous else None,
        "pending": len(space.pending),
        "rows": [{
            "provision": row.provision_id, "label": row.label, "state": row.state, "source": row.source,
            "target": row.target, "redline": [{"op": edit.op, "text": edit.text} for edit in row.redline],
            "terms": [{"source": term, "targets": targets} for term, targets in row.terms],
            "findings": [{"fingerprint": found.fingerprint, "check": found.finding.check, "code": found.finding.code,
                          "severity": found.finding.severity, "message": wording.message(found.finding)}
                         for found in row.findings],
        } for row in rows],
    }


@router.get("/versions/{version_id}/xliff", response={200: None, **errors(401, 403, 404, 422)},
            openapi_extra=_binary(services.XLIFF_CONTENT_TYPE,
                                  "The XLIFF file, as an attachment named like MM-2021-DRAFT-4.en-ru.xlf."))
def export_xliff(request, version_id: int, format: XliffVersion = "2.0", all: bool = False):
    """The provisions to translate (``all``: every provision) as XLIFF 2.0 or 1.2, one unit per provision; 422 when
    none is left to translate and ``all`` is false."""
    version = _worked_on(request.auth, version_id)
    with _refusals():
        return _attachment(services.export_xliff(version, FORMATS[format], pending_only=not all))


@router.post("/versions/{version_id}/xliff", response={200: ImportedOut, **errors(401, 403, 404, 422)})
def import_xliff(request, version_id: int, file: File[UploadedFile]):
    """A translator into the version's language brings back a translated XLIFF file (2.0 or 1.2): all its units, in
    one transaction, or — for a file that is not XLIFF, is for another pair of languages, names a provision the
    revision lacks, or whose sources are no longer the revision's — nothing, and 422 naming the units."""
    version = _version(request.auth, version_id)
    check_size(file.size, file.name)  # before reading an oversized file into memory
    with _refusals():
        imported = services.import_xliff(version, file.read(), request.auth, name=file.name)
    return {"updated": imported.updated, "unchanged": imported.unchanged,
            "version": LanguageVersion.objects.select_related("revision").get(pk=version.pk)}


@router.get("/terms.tbx", response={200: None, **errors(401, 403)},
            openapi_extra=_binary(services.TBX_CONTENT_TYPE, "The term base as TBX-Basic, an attachment."))
def export_terms(request):
    """The term base the workspace and the concordance checks use, as TBX for a CAT tool."""
    services.check_translation_role(request.auth)
    return _attachment(services.export_tbx())


@router.post("/versions/{version_id}/approval", response={201: ApprovalOut, **errors(401, 403, 404, 422)})
def approve(request, version_id: int):
    """A reviser of the version's language (or the secretariat) approves the draft as it stands; 422 while a
    provision is stale, or for a version approved or issued already."""
    version = _version(request.auth, version_id)
    with _refusals():
        approval = services.approve(version, request.auth)
    return Status(201, approval)


@router.post("/versions/{version_id}/issue", response={200: VersionOut, **errors(401, 403, 404, 422)})
def issue(request, version_id: int):
    """The secretariat issues the approved version: from then on it never changes. 422 unless approved."""
    version = _version(request.auth, version_id)
    with _refusals():
        return services.issue(version, request.auth)


@router.post("/revisions/{revision_id}/languages", response={201: VersionOut, **errors(401, 403, 404, 422)})
def add_language(request, revision_id: int, body: LanguageIn):
    """The secretariat adds a draft version in a language the revision has no version in yet (any language with a
    table): the master text's structure with every provision awaiting translation."""
    revision = Revision.objects.filter(document__in=readable_documents(request.auth), pk=revision_id).first()
    if revision is None:
        raise Http404(f"no revision {revision_id}")
    with _refusals():
        version = services.add_language(revision, body.language, request.auth)
    return Status(201, version)
