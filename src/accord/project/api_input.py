"""Text with NUL characters (U+0000) refused at the API's door: 422, before any of it reaches the database.

PostgreSQL keeps no NUL in text or JSON (the driver refuses to send one: a 500 where SQLite stored it), and no text of
a forum has one. The web pages' forms refuse it already (Django's ``ProhibitNullCharactersValidator``); the API's input
is validated by django-ninja, which does not. So :class:`RefuseNulCharacters` looks at everything a request under
``/api/`` carries as text — its path, query parameters, and a JSON body's keys and values — and answers the API's
JSON error naming where: ``{"detail": "query.body: text cannot contain NUL characters (U+0000)"}``. An upload's
content is bytes, stored as bytes and read by the importers; a multipart body is left to them.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"
MESSAGE = "text cannot contain NUL characters (U+0000)"


def nul_at(value: Any, location: str) -> str | None:
    """Where in ``value`` (decoded JSON, or a string) a NUL character is, as ``body.venue.en``; None if nowhere."""
    if isinstance(value, str):
        return location if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key:
                return location
            found = nul_at(item, f"{location}.{key}")
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_at(item, f"{location}.{index}")
            if found:
                return found
    return None


def nul_in_request(request: HttpRequest) -> str | None:
    if "\x00" in request.path:
        return "path"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return f"query.{key}"
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return None  # django-ninja answers 400 for a body that does not parse
        return nul_at(body, "body")
    return None


class RefuseNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            where = nul_in_request(request)
            if where:
                return HttpResponse(json.dumps({"detail": f"{where}: {MESSAGE}"}), status=422,
                                    content_type="application/json; charset=utf-8")
        return self.get_response(request)
