"""The REST API (django-ninja) under ``/api/``; its schema is at ``/api/openapi.json``, its docs at ``/api/docs``.

Every endpoint needs a user: an API token (``accord token USERNAME``) sent as ``Authorization: Bearer <token>``, or
the browser's logged-in session, which must send its CSRF token with any unsafe method (POST). Without either the
answer is 401. What each user may read or do is decided by :mod:`accord.documents.access`, not here.

Every error is JSON with a one-line ``detail`` (:mod:`accord.project.api_errors`), an unknown path under ``/api/``
included.
"""

from django.http import Http404
from ninja import NinjaAPI, Router
from ninja.security import HttpBearer, SessionAuth

from accord.correspondence.api import router as correspondence_router
from accord.documents.api import router as documents_router
from accord.meetings.api import router as meetings_router
from accord.negotiation.api import router as negotiation_router
from accord.registry.api import router as registry_router
from accord.registry.models import ApiToken
from accord.institutions.api import router as institutions_router
from accord.translation.api import router as translation_router

from .api_errors import declare_unparsable_bodies, install_error_handlers


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` with a token from ``accord token``."""

    def authenticate(self, request, token: str):
        return ApiToken.user_for(token)


class BrowserSession(SessionAuth):
    """The logged-in browser session, with the CSRF check on unsafe methods.

    The check runs only for a logged-in session, so that a request with no credentials at all is told 401 (log in),
    not 403 (CSRF).
    """

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


class AccordAPI(NinjaAPI):
    """django-ninja's API, whose schema also declares the 400 of a JSON body that does not parse."""

    def get_openapi_schema(self, **kwargs):
        return declare_unparsable_bodies(super().get_openapi_schema(**kwargs))


api = AccordAPI(
    title="Accord",
    version="1",
    description="Documents, revisions and language versions of an intergovernmental forum, and its registry.",
    urls_namespace="api",
    auth=[BearerToken(), BrowserSession()],
)
install_error_handlers(api)
api.add_router("", documents_router)
api.add_router("", registry_router)
api.add_router("", negotiation_router)
api.add_router("", meetings_router)
api.add_router("", correspondence_router)
api.add_router("", translation_router)
api.add_router("", institutions_router)

unknown_paths = Router()


@unknown_paths.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:unknown}", auth=None, include_in_schema=False
)
def unknown_path(request, unknown: str):
    """Any path under /api/ that no endpoint matches: a JSON 404 rather than Django's HTML page."""
    raise Http404(f"no endpoint at {request.path}")


api.add_router("", unknown_paths)  # last: its pattern matches every path
