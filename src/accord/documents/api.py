"""REST endpoints for documents, their revisions and language versions, exports, imports and concordance findings.

Every endpoint reads through :mod:`accord.documents.access`: a document the user may not read answers 404 exactly like
one that does not exist, and so do its revisions, versions, exports and findings. Only the secretariat imports, only
revisers (the secretariat and translators) accept findings (403 for the other roles). Failures are JSON (see
:mod:`accord.project.api_errors`).
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from accord.project.api_errors import errors
from accord.text import normalise_symbol
from accord.text.concordance import SEVERITIES
from accord.text.languages import all_languages

from . import concordance, rendering
from .access import can_accept_findings, can_import, readable_documents
from .models import AcceptedFinding, Document, LanguageVersion, Revision, in_reading_order
from .services import check_size, import_file

router = Router(tags=["documents"])

Distribution = Literal[tuple(choice for choice, _ in Document.DISTRIBUTIONS)]
Language = Literal[tuple(all_languages())]  # a language the text core reads, so one a version can be in
ExportFormat = Literal[rendering.FORMATS]


class DocumentOut(Schema):
    id: int
    kind: str  # declaration, resolution, convention, statute, statement, note_verbale; a forum's tables may add more
    titles: dict[str, str]
    distribution: Distribution
    body: str | None  # the symbol prefix of the body it belongs to (MM), if any
    master_language: str
    created_at: dt.datetime

    @staticmethod
    def resolve_body(document: Document) -> str | None:
        return document.body.symbol_prefix if document.body else None


class RevisionOut(Schema):
    id: int
    document_id: int
    symbol: str
    sequence: int
    stage: str
    issued_at: dt.datetime | None
    languages: list[str]

    @staticmethod
    def resolve_languages(revision: Revision) -> list[str]:
        return sorted(version.language for version in revision.versions.all())


class LanguageVersionOut(Schema):
    language: str
    source_name: str
    source_sha256: str
    imported_at: dt.datetime
    issued_at: dt.datetime | None


class RevisionDetailOut(RevisionOut):
    versions: list[LanguageVersionOut]

    @staticmethod
    def resolve_versions(revision: Revision) -> list[LanguageVersion]:
        return list(revision.versions.all())


class ImportedVersionOut(Schema):
    document_id: int
    revision_id: int
    symbol: str
    language: str

    @staticmethod
    def resolve_document_id(version: LanguageVersion) -> int:
        return version.revision.document_id

    @staticmethod
    def resolve_symbol(version: LanguageVersion) -> str:
        return version.revision.symbol


class SideOut(Schema):
    lang: str
    label: str
    excerpt: str  # exact: text[start:start + len(excerpt)] of the provision id, or its whole text when start is null
    id: str | None
    start: int | None


class AcceptanceOut(Schema):
    reason: str
    accepted_by: str  # user name
    accepted_at: dt.datetime

    @staticmethod
    def resolve_accepted_by(acceptance: AcceptedFinding) -> str:
        return acceptance.accepted_by.username


class FindingOut(Schema):
    check: str
    code: str
    severity: Literal[SEVERITIES]
    message: str  # the text core's, in English; `code` and `params` are what an interface translates
    provision: str
    source: SideOut
    target: SideOut
    params: dict[str, Any]
    fingerprint: str
    accepted: bool
    acceptance: AcceptanceOut | None  # who accepted it as is, when and why


class ConcordanceOut(Schema):
    revision_id: int
    pair: str
    findings: list[FindingOut]


class AcceptIn(Schema):
    pair: str  # "en:ru", as the report's
    fingerprint: str
    reason: str


class AcceptedOut(AcceptanceOut):
    revision_id: int
    pair: str
    fingerprint: str
    code: str
    provision: str
    label: str

    @staticmethod
    def resolve_pair(acceptance: AcceptedFinding) -> str:
        return f"{acceptance.source_language}:{acceptance.target_language}"


def readable_revisions(user) -> QuerySet[Revision]:
    return Revision.objects.filter(document__in=readable_documents(user)).prefetch_related("versions")


def readable_document(user, document_id: int) -> Document:
    document = readable_documents(user).select_related("body").filter(pk=document_id).first()
    if document is None:
        raise Http404(f"no document {document_id}")
    return document


def readable_revision(user, revision_id: int) -> Revision:
    revision = readable_revisions(user).filter(pk=revision_id).first()
    if revision is None:
        raise Http404(f"no revision {revision_id}")
    return revision


def readable_version(user, revision_id: int, lang: str) -> LanguageVersion:
    version = (
        LanguageVersion.objects.filter(revision__in=readable_revisions(user), revision_id=revision_id, language=lang)
        .select_related("revision__document")
        .first()
    )
    if version is None:
        raise Http404(f"no version in {lang!r} of revision {revision_id}")
    return version


def _pair_versions(revision: Revision, pair: str | None) -> tuple[LanguageVersion, LanguageVersion]:
    """The source and target versions of the pair ``pair`` names, the revision's first pair without one."""
    versions = in_reading_order(revision.versions.all(), revision.document.master_language)
    source, target = concordance.choose_pair(concordance.pairs(versions), pair)
    by_language = {version.language: version for version in versions}
    return by_language[source], by_language[target]


@router.get("/documents", response={200: list[DocumentOut], **errors(401, 422)})
@paginate
def list_documents(request):
    """The documents the user may read, newest first."""
    return readable_documents(request.auth).select_related("body")


@router.get("/documents/{document_id}", response={200: DocumentOut, **errors(401, 404, 422)})
def get_document(request, document_id: int):
    """A document the user may read; 404 for one they may not, as for one that does not exist."""
    return readable_document(request.auth, document_id)


@router.get("/documents/{document_id}/revisions", response={200: list[RevisionOut], **errors(401, 404, 422)})
@paginate
def list_document_revisions(request, document_id: int):
    """A document's revisions, first to latest."""
    return readable_revisions(request.auth).filter(document=readable_document(request.auth, document_id))


@router.get("/revisions", response={200: list[RevisionOut], **errors(401, 422)})
@paginate
def list_revisions(request, symbol: str | None = None):
    """The revisions the user may read; ``symbol`` finds one by its symbol, even typed with Cyrillic look-alikes."""
    revisions = readable_revisions(request.auth)
    return revisions.filter(symbol=normalise_symbol(symbol)) if symbol else revisions


@router.get("/revisions/{revision_id}", response={200: RevisionDetailOut, **errors(401, 404, 422)})
def get_revision(request, revision_id: int):
    """A revision with its language versions."""
    return readable_revision(request.auth, revision_id)


@router.get("/revisions/{revision_id}/versions/{lang}", response={200: dict[str, Any], **errors(401, 404, 422)})
def get_language_version(request, revision_id: int, lang: Language):
    """The language version's text as the core model's JSON: ``accord.text.document_from_dict`` rebuilds it exactly."""
    return readable_version(request.auth, revision_id, lang).content


@router.get(
    "/revisions/{revision_id}/versions/{lang}/export/{fmt}",
    response={200: None, **errors(401, 404, 422)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment named after the symbol and language.",
                "content": {
                    rendering.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}
                    for fmt in rendering.FORMATS
                },
            }
        }
    },
)
def export_language_version(request, revision_id: int, lang: Language, fmt: ExportFormat):
    """The language version as Akoma Ntoso XML, DOCX, HTML or PDF, named like ``MM-2021-DRAFT-3.ru.pdf``."""
    exported = rendering.export(readable_version(request.auth, revision_id, lang), fmt)
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename)},
    )


RedlineFormat = Literal[rendering.REDLINE_FORMATS]


@router.get(
    "/revisions/{revision_id}/versions/{lang}/redline/{fmt}",
    response={200: None, **errors(401, 404, 422)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The redline, as an attachment: HTML with a table of contents, or DOCX with tracked "
                "changes.",
                "content": {
                    rendering.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}
                    for fmt in rendering.REDLINE_FORMATS
                },
            }
        }
    },
)
def redline_language_version(request, revision_id: int, lang: Language, fmt: RedlineFormat, against: int):
    """What changed in ``lang`` from revision ``against`` to this one: HTML, or DOCX with Word tracked changes."""
    newer = readable_version(request.auth, revision_id, lang)
    older = readable_version(request.auth, against, lang)
    if older.revision.document_id != newer.revision.document_id:
        raise Http404(f"revision {against} is not a revision of the same document")
    exported = rendering.redline(older, newer, fmt, author=settings.ACCORD_AKN_AUTHOR.upper())
    return HttpResponse(
        exported.content,
        content_type=exported.content_type,
        headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=exported.filename)},
    )


@router.post("/imports", response={201: list[ImportedVersionOut], **errors(401, 403, 422)})
def import_upload(request, file: File[UploadedFile], distribution: Form[Distribution]):
    """Import an uploaded .md, .txt or .docx file: every document in it becomes an issued language version.

    Secretariat only. All or nothing: a file that cannot be imported answers 422 naming the file and the fault, and
    stores nothing. The documents created get ``distribution``; versions added to an existing document keep its own.
    """
    if not can_import(request.auth):
        raise PermissionDenied("only the secretariat imports documents")
    check_size(file.size, file.name)  # before reading an oversized file into memory
    return Status(201, import_file(file.read(), file.name, request.auth, distribution=distribution))


@router.get("/revisions/{revision_id}/concordance", response={200: ConcordanceOut, **errors(401, 404, 422)})
def get_concordance(request, revision_id: int, pair: str | None = None):
    """Where two language versions of the revision do not say the same thing: every finding of the pair (``en:ru``,
    source first in reading order; by default the master language against the next), in reading order, as
    ``accord check --json`` prints them, with ``accepted`` true for those a reviser accepted as is (which the report
    no longer counts). 422 for a pair the revision does not offer."""
    revision = readable_revision(request.auth, revision_id)
    source, target = _pair_versions(revision, pair)
    acceptances = {a.fingerprint: a for a in concordance.accepted(revision.pk, (source.language, target.language))}
    findings = [
        {**found.finding.to_dict(), "accepted": found.fingerprint in acceptances,
         "acceptance": acceptances.get(found.fingerprint)}
        for found in concordance.findings(source, target)
    ]
    return {"revision_id": revision.pk, "pair": f"{source.language}:{target.language}", "findings": findings}


@router.post(
    "/revisions/{revision_id}/concordance/accepted",
    response={201: AcceptedOut, **errors(401, 403, 404, 409, 422)},
)
def accept_finding(request, revision_id: int, payload: AcceptIn):
    """Accept an open finding of the pair as is, for a reason (required): it is no longer reported for the same words.

    Revisers only: the secretariat and translators (403 for other roles). 404 for a fingerprint the pair's report
    does not hold, 409 for a finding already accepted, 422 for a blank reason or a pair the revision does not offer.
    """
    revision = readable_revision(request.auth, revision_id)
    if not can_accept_findings(request.auth, revision.document):
        raise PermissionDenied("only the secretariat and translators accept findings")
    source, target = _pair_versions(revision, payload.pair)
    return Status(201, concordance.accept(source, target, payload.fingerprint, payload.reason, request.auth))
