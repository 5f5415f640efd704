"""Middleware that applies Accord's safety rules to every request and response.

* :class:`LoginRequiredMiddleware`: every page requires a signed-in user; an anonymous visitor is sent to the login
  page. Django's own middleware, except for the REST API, which authenticates its requests itself (bearer token or
  session) and answers an anonymous client with a JSON 401, not with a redirect to an HTML form; and except that an
  htmx request (a session that expired while a page was open) has the browser load the login page whole.
* :class:`ContentSecurityPolicyMiddleware`: the ``Content-Security-Policy`` header of
  ``settings.ACCORD_CONTENT_SECURITY_POLICY`` on every response, so that a script slipped into a document's text
  could not run: pages load scripts and styles from Accord's static files only.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpResponse

API_NAMESPACE = "api"


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Redirects anonymous users to ``settings.LOGIN_URL`` from every view not marked ``login_not_required``, except
    the views of the ``api`` URL namespace."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if API_NAMESPACE in request.resolver_match.namespaces:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        redirect = super().handle_no_permission(request, view_func)
        if not request.headers.get("HX-Request"):
            return redirect
        # The browser would follow a redirect itself and htmx swap the login page into the part being updated.
        return HttpResponse(headers={"HX-Redirect": redirect["Location"]})


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response that does not carry one of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.ACCORD_CONTENT_SECURITY_POLICY)
        return response
