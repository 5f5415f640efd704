"""How the REST API fails: always JSON ``{"detail": "<one line>"}`` with a 4xx status for anything the client did.

:func:`install_error_handlers` maps each exception an endpoint or django-ninja may raise to its status:

========================================  ======  ==============================================================
exception                                 status  when
========================================  ======  ==============================================================
``ninja.errors.AuthenticationError``      401     no valid bearer token and no logged-in session
``ninja.errors.HttpError``                its own a session request without its CSRF token (403), a JSON body that
                                                  does not parse (400, declared by :func:`declare_unparsable_bodies`)
``MultiPartParserError``                  400     a multipart body (an upload) that does not parse: no boundary…
``PermissionDenied``                      403     the role may not do this (only the secretariat imports)
``Http404``                               404     no such resource, *or one the user may not read*: the two are
                                                  indistinguishable, so a document's existence never leaks
``ImportRefused``                         422     an upload that cannot be imported; the message names the file
``negotiation.services.Refused``          422     what the negotiation's state or the input does not allow: a passed
                                                  deadline, an unknown provision, an adopted revision
``negotiation.services.Conflict``         409     the row changed since the version the client read, or a
                                                  concurrent change won: nothing was written
``ConcordanceRefused``                    its own a finding not in the report (404), already accepted (409), a
                                                  blank reason or a pair the revision does not offer (422)
``ninja.errors.ValidationError``          422     a parameter of the wrong shape: unknown format or language, bad
                                                  pagination, a missing file
``OverflowError``                         422     a number beyond the database's 64-bit integers, which SQLite
                                                  refuses to even compare (``?against=10**25``)
``OperationalError``, ``InterfaceError``  503     the database is unavailable (restarting, stopped, out of reach):
                                                  with ``Retry-After`` (:mod:`accord.project.unavailable`)
any other exception                       500     a bug: logged, and reported as JSON without internals
========================================  ======  ==============================================================

Endpoints declare the 4xx statuses they can answer with :func:`errors`, so the OpenAPI schema lists them; the 400 of a
body that does not parse at all, answered before any endpoint runs, is declared for every operation that reads a body
by :func:`declare_unparsable_bodies`.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accord.documents.concordance import ConcordanceRefused
from accord.documents.services import ImportRefused
from accord.negotiation.services import Conflict, Refused

from . import unavailable

logger = logging.getLogger(__name__)

UNAUTHENTICATED = "authentication required: send 'Authorization: Bearer <token>' (see `accord token`) or log in"


class Error(Schema):
    """Every error the API answers with."""

    detail: str


def errors(*statuses: int) -> dict[int, type[Error]]:
    """The response map entries declaring that an endpoint may answer ``statuses`` with an :class:`Error`."""
    return {status: Error for status in statuses}


def install_error_handlers(api: NinjaAPI) -> None:
    """Make every failure under ``api`` a JSON :class:`Error` (see the module's table)."""

    def error(request: HttpRequest, status: int, detail: str) -> HttpResponse:
        return api.create_response(request, {"detail": detail}, status=status)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error(request, 401, UNAUTHENTICATED)
        response["WWW-Authenticate"] = 'Bearer realm="accord"'
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error(request, exc.status_code, str(exc))

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error(request, 403, str(exc) or "forbidden")

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error(request, 404, str(exc) or "not found")

    def import_refused(request: HttpRequest, exc: ImportRefused) -> HttpResponse:
        return error(request, 422, str(exc))

    def concordance_refused(request: HttpRequest, exc: ConcordanceRefused) -> HttpResponse:
        return error(request, exc.status, str(exc))

    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return error(request, 422, str(exc))

    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return error(request, 409, str(exc))

    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error(request, 422, describe_validation_errors(exc.errors))

    def unparsable(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return error(request, 400, f"the request body does not parse: {exc}")

    def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        return error(request, 422, "a number in the request is out of range")

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if unavailable.is_unavailable(exc):  # raised from a database error: still the database, not a bug
            return unavailable.api_handler(api)(request, exc)
        logger.exception("%s %s failed", request.method, request.path)
        # What Django's own handler does for an uncaught exception: error reporting, and the test client re-raising.
        got_request_exception.send(sender=None, request=request)
        return error(request, 500, "internal error")

    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ImportRefused, import_refused)
    api.add_exception_handler(ConcordanceRefused, concordance_refused)
    api.add_exception_handler(Refused, refused)
    api.add_exception_handler(Conflict, conflict)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(MultiPartParserError, unparsable)
    api.add_exception_handler(OverflowError, out_of_range)
    for exception in unavailable.UNAVAILABLE_EXCEPTIONS:
        api.add_exception_handler(exception, unavailable.api_handler(api))
    api.add_exception_handler(Exception, server_error)


def describe_validation_errors(details: list[dict]) -> str:
    """django-ninja's validation errors in one line: ``path.fmt: Input should be 'akn', 'docx', 'html' or 'pdf'``."""
    return "; ".join(
        f"{'.'.join(map(str, detail.get('loc', ())))}: {detail.get('msg', detail)}" for detail in details
    )


def declare_unparsable_bodies(schema: dict) -> dict:
    """Add to each operation of the OpenAPI ``schema`` that reads a body the 400 :class:`Error` it answers when that
    body does not parse: django-ninja's "Cannot parse request body" for JSON, :class:`MultiPartParserError` for an
    upload."""
    for operations in schema["paths"].values():
        for operation in operations.values():
            if operation.get("requestBody"):
                operation["responses"].setdefault(400, {
                    "description": "Bad Request",
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{Error.__name__}"}}},
                })
    return schema
