"""Every operation of the REST API, called by Schemathesis with inputs generated from ``/api/openapi.json``, as users
of the main roles: no answer is a server error (5xx), and every answer is one the schema declares — its status,
content type, headers and body.

The API runs in-process (the Django WSGI application, on the test database) with the demo loaded once for the module
and a little negotiation on top (bench/api_fuzz.py's ``build_world``: amendments tabled and supported, a statement
under a silence procedure), so that generated paths reach real objects: besides the values Schemathesis generates
(which mostly name nothing, hence 404), path parameters are drawn from the identifiers that exist. Each operation
gets a few generated examples per role (valid and invalid input alike), derandomized so that a run is repeatable and
quick; ``bench/api_fuzz.py`` runs the same checks against a real server with many more examples, every role, and
Schemathesis's other phases (the schema's boundary values, operations chained by the identifiers they return).

The schema itself: no two of the API's schemas share a name, since the OpenAPI components are keyed by class name
and one would silently stand for the other (a translation's version was documented as a catalogue's). And what the
fuzzers found stays fixed, each case once, on the database of the test pass.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api_fuzz.py"
EXAMPLES = 4
# The secretariat and a Member State's delegate; bench/api_fuzz.py adds the chair, an Observer and a translator.
ROLES = ["officer", "delegate-ru"]


def load_harness():
    spec = importlib.util.spec_from_file_location("api_fuzz_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # where its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


harness = load_harness()
CHECKS = harness.checks()
# The identifiers that exist, by path parameter name, for the test running now (filled by the `world` fixture).
REAL: dict[str, list] = {}

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
schema.hook("flatmap_path_parameters")(harness.flatmap_path_parameters(REAL))


@pytest.fixture(scope="module")
def loaded_world(django_db_setup, django_db_blocker):
    # Django's own test client does the same: the WSGI handler would close the connection, and with it the test's
    # transaction, at every request's end (SQLite's in-memory test database happens to survive that, PostgreSQL not).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("demo", stdout=io.StringIO())
            yield harness.build_world()
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(loaded_world, db):
    REAL.update(harness.real_values())
    yield loaded_world
    REAL.clear()


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_answer_as_the_schema_declares(case, world, role):
    case.call_and_validate(headers=world.headers(role), checks=CHECKS)


def test_no_two_schemas_share_a_name():
    from ninja import Schema

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names: dict[str, set[str]] = {}
    for cls in subclasses(Schema):
        if cls.__module__.startswith("accord."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}


@pytest.mark.parametrize("method, path, body, status", [
    ("GET", "/api/meetings?year=0", None, 422),  # was 500: no date has year 0
    ("GET", "/api/documents?limit=47990675382688063514738688", None, 422),  # was 500: past SQLite's integers
    ("GET", "/api/documents?offset=10000000000000000000", None, 422),
    # SQLite cannot even compare the number (422 now); PostgreSQL finds no such revision (404).
    ("GET", "/api/revisions/{draft}/versions/ru/redline/html?against=-53758296496006433341440", None, {404, 422}),
    ("POST", "/api/notes", {"purpose": "agenda", "documents": [-176452092003104718848], "date": "2021-09-15"}, 422),
    ("POST", "/api/imports", b"--", 400),  # was 500: a multipart body without its boundary
    ("POST", "/api/revisions/{draft}/adoption", b"\xff{", 400),  # answered, but not declared
    # PostgreSQL stores no NUL character (was 500 there), nor an index longer than its column.
    ("GET", "/api/meetings?body=S%00WG", None, 422),
    ("POST", "/api/meetings", {"body": "SWG", "start": "2021-10-01", "end": "2021-10-02", "venue": {"en": "\x00"}},
     422),
    ("POST", "/api/notes", {"purpose": "forward", "documents": [], "index": "9" * 40}, 422),
])
def test_what_fuzzing_found_stays_fixed(world, client, method, path, body, status):
    from accord.documents.models import Revision

    path = path.format(draft=Revision.objects.get(symbol="MM/2021/DRAFT/3").pk)
    headers = world.headers("officer")
    if body is None:
        response = client.get(path, headers=headers)
    elif isinstance(body, dict):
        response = client.post(path, body, content_type="application/json", headers=headers)
    else:
        content_type = "multipart/form-data" if "imports" in path else "application/json"
        response = client.generic(method, path, body, content_type=content_type, headers=headers)
    statuses = status if isinstance(status, set) else {status}
    assert response.status_code in statuses, response.content
    assert "\n" not in response.json()["detail"]
    operation = next(operation for template, operations in schema.raw_schema["paths"].items()
                     for verb, operation in operations.items()
                     if verb == method.lower() and re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template),
                                                                 path.split("?")[0]))
    assert str(response.status_code) in map(str, operation["responses"])  # and the schema says so
