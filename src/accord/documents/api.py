"""REST endpoints for documents, their revisions and language versions, exports and imports.

Every endpoint reads through :mod:`accord.documents.access`: a document the user may not read answers 404 exactly like
one that does not exist, and so do its revisions, versions and exports. Only the secretariat imports (403 for the
other roles). Failures are JSON (see :mod:`accord.project.api_errors`).
"""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from accord.project.api_errors import errors
from accord.text import normalise_symbol
from accord.text.languages import all_languages

from . import rendering
from .access import can_import, readable_documents
from .models import Document, LanguageVersion, Revision
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
