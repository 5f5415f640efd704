"""What the security tests share: the roles, a session and an API token per role, the class an answer falls in,
the state of the database as one digest, and reading the authorization tables."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from accord.registry.models import ApiToken, LoginFailure, User

ANONYMOUS = "anonymous"

# The columns of the tables: a short name for each role, and the demo user who has it.
ROLES = {
    "anon": ANONYMOUS,
    "secr": "officer",  # secretariat officer
    "chair": "chair",  # acts for the State holding the Chairmanship today (a Member State)
    "ru": "delegate-ru",  # delegate of Russia, a Member State
    "in": "delegate-in",  # delegate of India, a Member State: the other delegation
    "tm": "observer-tm",  # observer delegate of Turkmenistan, an Observer
    "transl": "translator",  # translator into Russian and Kazakh
    "reviser": "reviser",  # reviser of Russian and Kazakh
}
USER_ROLES = {
    "officer": User.SECRETARIAT, "chair": User.CHAIR, "delegate-ru": User.DELEGATE, "delegate-in": User.DELEGATE,
    "observer-tm": User.OBSERVER_DELEGATE, "translator": User.TRANSLATOR, "reviser": User.REVISER,
}

# The classes of an answer, as the tables write them.
OK = "ok"  # 2xx, or a redirect that is not a refusal (back to the page, to the new object)
LOGIN = "login"  # a redirect to the login page (the site's, or the admin's)
INBOX = "→inbox"  # a page that sends the user to their inbox instead (the secretariat's registry of notes)
CLASSES = {OK, LOGIN, INBOX, "400", "401", "403", "404", "405", "409"}
REFUSED = {LOGIN, INBOX, "401", "403", "404", "405"}

# Routes are written with converters, like Django's (``<int:pk>``), or with braces, like the OpenAPI schema's.
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")


def outcome(response) -> str:
    """The class of ``response``: :data:`OK`, :data:`LOGIN`, :data:`INBOX` or the refusing status code."""
    status = response.status_code
    if 300 <= status < 400:
        path = urlsplit(response["Location"]).path
        if path in (resolve_url(settings.LOGIN_URL), "/admin/login/"):
            return LOGIN
        if path == "/inbox/" and response.request["REQUEST_METHOD"] == "GET":
            return INBOX
        return OK
    if 200 <= status < 300:
        return OK
    return str(status)


def fill(route: str, values: dict) -> str:
    """``route`` with each parameter replaced by its value: ``/revisions/<int:pk>/`` → ``/revisions/7/``."""

    def value(match):
        name = match.group(1) or match.group(2)
        if name not in values:
            raise KeyError(f"{route}: no value for {name}")
        return str(values[name])

    return PARAMETER.sub(value, route)


def parameters(route: str) -> list[str]:
    return [a or b for a, b in PARAMETER.findall(route)]


# The state of the database ---------------------------------------------------------------------------------------

# Columns that change when a request is only read: the moment a token was last used.
_VOLATILE = {(ApiToken, "last_used_at")}
_SKIPPED = {LoginFailure}  # failed logins are the throttle's, written for every wrong password


def _plain(row: tuple) -> tuple:
    """A row as it compares across databases (PostgreSQL gives binary columns as ``memoryview``)."""
    return tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)


def db_state() -> str:
    """A digest of every row of every Accord table: equal digests, nothing was written.

    Read with plain SQL, JSON columns as their stored text: decoding them is what would make this slow, and it runs
    after every refused request."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table, columns, key in _tables():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {key}")
            digest.update(table.encode())
            digest.update(repr([_plain(row) for row in cursor.fetchall()]).encode())
    return digest.hexdigest()


def _tables() -> list[tuple[str, str, str]]:
    quote = connection.ops.quote_name
    tables = []
    for model in apps.get_models():
        if not model.__module__.startswith("accord.") or model in _SKIPPED or model._meta.proxy:
            continue
        columns = [f.column for f in model._meta.concrete_fields if (model, f.attname) not in _VOLATILE]
        tables.append((quote(model._meta.db_table), ", ".join(map(quote, columns)), quote(model._meta.pk.column)))
    return tables


# Clients per role --------------------------------------------------------------------------------------------------


@dataclass
class Callers:
    """A signed-in session and an API token for each demo user, made once for a module, and one test client that
    every request goes through with only the cookies of the user it is for: so that one request (a logout) cannot
    change what the next one sends, and the middleware is loaded once (a new client loads it anew)."""

    sessions: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    client: Client = field(default_factory=Client)

    @classmethod
    def make(cls) -> Callers:
        callers = cls()
        for username in USER_ROLES:
            callers.client.cookies = SimpleCookie()  # else logging in flushes the session of the user before
            callers.client.force_login(User.objects.get(username=username))
            callers.sessions[username] = callers.client.cookies[settings.SESSION_COOKIE_NAME].value
            out = io.StringIO()
            call_command("token", username, stdout=out)
            callers.tokens[username] = out.getvalue().strip()
        return callers

    def web(self, username: str) -> Client:
        """The client, carrying ``username``'s session (nothing for :data:`ANONYMOUS`)."""
        self.client.cookies = SimpleCookie()
        if username != ANONYMOUS:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[username]
        return self.client

    def api_headers(self, username: str) -> dict[str, str]:
        return {} if username == ANONYMOUS else {"Authorization": f"Bearer {self.tokens[username]}"}


def send(client: Client, method: str, url: str, *, data=None, files=None, query=None, json_body: bool = False,
         headers=None):
    """One request: a form (or multipart with ``files``) on the web, JSON for the API unless files are sent."""
    if query:
        url = f"{url}?{urlencode(query, doseq=True)}"
    headers = headers or {}
    if method == "GET":
        return client.get(url, headers=headers)
    if files:
        return client.generic(method, url, encode_multipart(BOUNDARY, {**(data or {}), **files}),
                              content_type=MULTIPART_CONTENT, headers=headers)
    if json_body:
        return client.generic(method, url, json.dumps(data if data is not None else {}),
                              content_type="application/json", headers=headers)
    return client.generic(method, url, urlencode(data or {}, doseq=True),
                          content_type="application/x-www-form-urlencoded", headers=headers)


# The tables --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    route: str
    method: str
    expected: dict[str, str]  # username → class

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.route

    def __str__(self) -> str:
        return f"{self.method} {self.route}"


def read_table(text: str) -> dict[tuple[str, str], Row]:
    """The rows of a table: ``route method`` then one class per role, in the order of :data:`ROLES`. The header line
    names the roles; ``#`` starts a comment."""
    rows: dict[tuple[str, str], Row] = {}
    header = None
    for line in text.splitlines():
        line = line.split(" #", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = line.split()
        if header is None:
            header = words
            assert header == ["route", "method", *ROLES], f"the table's header names the roles: {header}"
            continue
        route, method, *classes = words
        assert len(classes) == len(ROLES), f"{route} {method}: {len(classes)} classes for {len(ROLES)} roles"
        unknown = set(classes) - CLASSES
        assert not unknown, f"{route} {method}: unknown classes {unknown}"
        row = Row(route, method, dict(zip(ROLES.values(), classes)))
        assert row.key not in rows, f"{row} is in the table twice"
        rows[row.key] = row
    return rows


def table_of(results: dict[str, str], expected: dict[str, str]) -> str:
    """One line per role where the answer differs from the table: what a failure prints."""
    return "\n".join(f"    {role:<12} expected {expected[role]:<6} got {results[role]}"
                     for role in expected if results[role] != expected[role])
