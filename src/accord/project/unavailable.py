"""When the database cannot be reached: 503 Service Unavailable with ``Retry-After``, never a bare 500.

A database that is restarting, stopped or out of reach makes the driver raise ``OperationalError`` (no connection,
the connection cut by the server's shutdown, a lock or statement that gave up) or ``InterfaceError`` (a connection
that was closed already). Nothing about the request was wrong, and the same request will succeed once the database is
back: so the answer is 503 with ``Retry-After: RETRY_AFTER_SECONDS``, and whatever the request was writing was rolled
back with its transaction (a write whose commit went through just before the failure stays committed: the client cannot
tell the two apart from a 503, as from a request that got no answer at all).

* Under ``/api/`` the answer is the API's JSON error, ``{"detail": "database unavailable: …"}`` in one line:
  :func:`api_handler` is the NinjaAPI exception handler for the two exceptions (installed by
  :func:`accord.project.api_errors.install_error_handlers`), and :func:`handler500` answers the same for a failure
  before the API's own handling begins (a session read by a middleware).
* A web page gets a short HTML page in the interface language (``unavailable.html``), rendered without the request's
  context, since the context processors would read the database.

:func:`handler500` is the project's ``handler500`` (Django calls it outside debug for any uncaught exception): other
exceptions keep Django's 500 page, or the API's JSON 500 under ``/api/``. Once the database is back the next request
succeeds: ``CONN_HEALTH_CHECKS`` (settings) makes each worker thread drop a persistent connection that broke.
"""

from __future__ import annotations

import json
import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)

# The database's own restart takes a second or so; a client that waits this long finds it back in the common case.
RETRY_AFTER_SECONDS = 3
UNAVAILABLE_EXCEPTIONS = (OperationalError, InterfaceError)
DETAIL = f"database unavailable: try again in {RETRY_AFTER_SECONDS} seconds"
API_PREFIX = "/api/"


def is_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an exception it was raised from, says the database cannot be used just now."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, UNAVAILABLE_EXCEPTIONS):
            return True
        exc, seen = exc.__cause__, seen + 1
    return False


def _log(request: HttpRequest, exc: BaseException) -> None:
    # One line, no traceback: while the database is down every request ends here, and the cause is all that helps.
    logger.warning("%s %s: database unavailable (%s: %s)", request.method, request.path, type(exc).__name__,
                   str(exc).strip().splitlines()[0] if str(exc).strip() else "")


def _with_retry_after(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged already by _log, in one line: Django would log it again, with the whole traceback.
    response._has_been_logged = True
    return response


def _json(status: int, detail: str) -> HttpResponse:
    # Shaped as the API's errors (accord.project.api_errors.Error) without going through NinjaAPI, which is not
    # reached when a middleware fails.
    return HttpResponse(json.dumps({"detail": detail}), status=status, content_type="application/json; charset=utf-8")


def api_handler(api):
    """The NinjaAPI exception handler for :data:`UNAVAILABLE_EXCEPTIONS`: the JSON 503."""

    def unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
        _log(request, exc)
        return _with_retry_after(api.create_response(request, {"detail": DETAIL}, status=503))

    return unavailable


def unavailable_page(request: HttpRequest) -> HttpResponse:
    """The HTML 503, in the language the request asks for (cookie or Accept-Language: nothing from the database)."""
    with translation.override(translation.get_language_from_request(request)):
        body = render_to_string("unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
    return _with_retry_after(HttpResponse(body, status=503))


def handler500(request: HttpRequest) -> HttpResponse:
    """Django's handler for an uncaught exception outside debug: a 503 when the database is unavailable (JSON under
    ``/api/``, else :func:`unavailable_page`); any other failure a JSON 500 under ``/api/``, else Django's 500 page."""
    exc = sys.exc_info()[1]
    api = request.path_info.startswith(API_PREFIX)
    if is_unavailable(exc):
        _log(request, exc)
        return _with_retry_after(_json(503, DETAIL)) if api else unavailable_page(request)
    if api:
        return _json(500, "internal error")
    return defaults.server_error(request)
