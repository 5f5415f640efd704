"""The REST API fuzzed: Schemathesis generates requests for every operation of ``/api/openapi.json`` as users of
each main role, against a real server, and counts the answers that are server errors (5xx; target 0) or that the
schema does not declare (status, content type, headers, body; target 0).

A fresh database (an SQLite file in a temporary folder, or with ``--database-url`` a PostgreSQL database created for
the run and dropped after) gets the migrations, the demo and a little negotiation (:func:`build_world`); a separate
process serves it with Django's threaded WSGI server, as bench/negotiation.py does. Schemathesis's own runner
(``schemathesis run``) then takes each role in turn, with all its phases: the schema's examples, its boundary values
(coverage), generated valid and invalid input (fuzzing, up to ``--examples`` per operation) and operations chained by
the identifiers they return (stateful), until the role's share of ``--time-limit`` is spent. Path parameters are
either what Schemathesis generates or, half the time, identifiers that exist (:func:`real_values`, through this module
loaded as Schemathesis's hooks), so that requests reach real objects. Every request is counted from Schemathesis's
HAR record. The baseline, measured in the same run on the same server, is a trivial authenticated API read
(``GET /api/states``), one connection after another as the fuzzer makes them.

    .venv/bin/python bench/api_fuzz.py                        # 5 roles, 240 s
    .venv/bin/python bench/api_fuzz.py --time-limit 600 --database-url postgres://accord@127.0.0.1:54329/accord

tests/api/test_schemathesis.py runs the same checks in-process with a few examples each; it takes
:func:`build_world`, :func:`real_values`, :func:`flatmap_path_parameters` and :func:`checks` from here.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator"]
EXAMPLES = 60
TIME_LIMIT = 240.0  # seconds of fuzzing at most, whatever --examples says

# Provisions of MM/2021/DRAFT/3 that the generated requests may name, beside what Schemathesis makes up.
PROVISIONS = ["para_1", "para_6", "para_12", "para_12__point_a", "para_27", "recs_1__rec_1", "recs_1__rec_5", "sec_II"]

# A short declaration for the Member States only: its silence procedure runs while MM/2021/DRAFT/3 stays open.
STATEMENT = """SWG/2021/DRAFT/1

**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**

We, the members of the Special Working Group,

*Recalling* the Almaty Act of 2002,

1. *Welcome* the progress made in the implementation of confidence building measures;

2. *Decide* to meet again in 2022.
""".encode()


def checks() -> list:
    """No 5xx, and the answer is one the schema declares. Schemathesis's other checks judge whether the API accepts
    or refuses what the schema alone allows or forbids (a file that is not a document is schema-valid, and is
    refused), which is not what is asked here."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
            response_schema_conformance]


@dataclass
class World:
    tokens: dict[str, str]  # role (a demo user name) -> bearer token

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def build_world() -> World:
    """On top of the demo: two amendments tabled by Russia on MM/2021/DRAFT/3, one supported by China, a statement
    for Member States only under a silence procedure, and an API token for each of :data:`ROLES`."""
    import datetime as dt

    from django.utils import timezone

    from accord.documents.models import Document, Revision
    from accord.documents.services import import_file
    from accord.negotiation import consensus, services
    from accord.registry.models import ApiToken, User

    users = {user.username: user for user in User.objects.all()}
    draft = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    alternative = services.table(draft, users["delegate-ru"], kind="alternative", provision_id="para_6",
                                 text="We call on all Member States to strengthen cooperation.")
    services.table(draft, users["delegate-ru"], kind="delete", provision_id="para_12")
    services.back(alternative, users["delegate-cn"], "support")
    (statement,) = import_file(STATEMENT, "statement.md", users["officer"], distribution=Document.MEMBERS)
    consensus.start_silence(statement.revision, users["officer"], deadline=timezone.now() + dt.timedelta(days=30))
    return World(tokens={role: ApiToken.issue(users[role]) for role in ROLES})


def real_values() -> dict[str, list]:
    """The values that name something, by path parameter name."""
    from accord.correspondence.models import Delivery, OutgoingNote
    from accord.documents.models import Document, LanguageVersion, Revision
    from accord.institutions.models import Instrument, Mandate, Plan, PlanEvent
    from accord.meetings.models import Meeting
    from accord.negotiation.models import Amendment, SilenceProcedure

    def ids(model) -> list:
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:50])

    return {
        "document_id": ids(Document),
        "revision_id": ids(Revision),
        "version_id": ids(LanguageVersion),
        "lang": sorted(set(LanguageVersion.objects.values_list("language", flat=True))),
        "number": sorted(set(Amendment.objects.values_list("number", flat=True)))[:20],
        "provision_id": PROVISIONS,
        "procedure_id": ids(SilenceProcedure),
        "meeting_id": ids(Meeting),
        "note_id": ids(OutgoingNote),
        "delivery_id": ids(Delivery),
        "year": sorted(set(Plan.objects.values_list("year", flat=True))),
        "event_id": ids(PlanEvent),
        "instrument_id": ids(Instrument),
        "mandate_id": ids(Mandate),
    }


def flatmap_path_parameters(real: dict[str, list]):
    """The Schemathesis hook: each path parameter is what was generated, or (twice as likely) a value that exists."""
    from hypothesis import strategies as st

    def hook(context, path_parameters):
        if not isinstance(path_parameters, dict):
            return st.just(path_parameters)
        return st.fixed_dictionaries({
            name: st.one_of(st.just(value), st.sampled_from(real[name]), st.sampled_from(real[name]))
            if real.get(name) else st.just(value)
            for name, value in path_parameters.items()
        })

    return hook


# The server process.

def serve() -> None:
    """Migrate, load the demo and :func:`build_world`, print ``{"port", "tokens", "real"}`` as one line, serve."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    world = build_world()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    print(json.dumps({"port": server.server_address[1], "tokens": world.tokens, "real": real_values()}), flush=True)
    server.serve_forever()


# The client: Schemathesis's own runner, once per role.

@dataclass
class Result:
    operations: int = 0
    roles: int = 0
    examples: int = 0  # requests sent by the fuzzer
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)  # HTTP status -> answers
    server_errors: int = 0
    failures: list[tuple[str, str, int, list[str]]] = field(default_factory=list)  # role, failure, count, operations
    details: dict[str, str] = field(default_factory=dict)  # role -> Schemathesis's account of the failures
    baseline_rate: float = 0.0  # GET /api/states per second, on the same server
    stops: dict[str, str] = field(default_factory=dict)  # role -> why Schemathesis stopped (completed, max_time)


def fuzz(base_url: str, tokens: dict[str, str], real: dict[str, list], examples: int, time_limit: float,
         roles: list[str] | None = None, seed: int | None = None) -> Result:
    """Every operation as each role: Schemathesis's examples, coverage (the schema's boundaries), fuzzing (up to
    ``examples`` per operation) and stateful phases (operations chained by the identifiers they return), within
    ``time_limit`` seconds shared between the roles. Path parameters come from ``real`` half the time (the hook is
    this module, which Schemathesis loads with the values in ``ACCORD_FUZZ_REAL``)."""
    roles = roles or ROLES
    result = Result(roles=len(roles))
    schemathesis = Path(sys.executable).with_name("schemathesis")
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": Path(__file__).stem, "ACCORD_FUZZ_REAL": json.dumps(real),
                   "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    check_names = ",".join(check.__name__ for check in checks())
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="accord-api-fuzz-") as reports:
        for role in roles:
            har, report = Path(reports, f"{role}.har.json"), Path(reports, f"{role}.json")
            command = [
                str(schemathesis), "run", f"{base_url}/api/openapi.json", "--header",
                f"Authorization: Bearer {tokens[role]}", "--checks", check_names, "--max-examples", str(examples),
                "--max-time", str(max(1, int(time_limit / len(roles)))), "--workers", "1", "--no-color",
                "--report", "har,json", "--report-har-path", str(har), "--report-json-path", str(report),
                *(["--seed", str(seed)] if seed is not None else []),
            ]
            output = subprocess.run(command, env=environment, cwd=reports, capture_output=True, text=True).stdout
            summary = json.loads(report.read_text())
            result.stops[role] = summary["stop_reason"]
            result.operations = max(result.operations, summary["operations"]["tested"])
            for failure in summary["failures"]:
                result.failures.append((role, f"{failure['code']} {failure['title']}", failure["count"],
                                        failure["operations"]))
            if summary["failures"] or summary["errors"]:
                result.details[role] = output[output.find("FAILURES"):output.find("SUMMARY")].strip() or output
            for entry in json.loads(har.read_text())["log"]["entries"]:
                status = entry["response"]["status"]
                result.examples += 1
                result.statuses[status] += 1
                result.server_errors += status >= 500
    result.seconds = time.perf_counter() - begun
    result.baseline_rate = _baseline(base_url, tokens[roles[0]])
    return result


def _baseline(base_url: str, token: str, requests: int = 300) -> float:
    """Trivial authenticated reads per second (``GET /api/states``), one connection after another as the fuzzer
    makes them."""
    host, port = base_url.removeprefix("http://").split(":")
    begun = time.perf_counter()
    for _ in range(requests):
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.request("GET", "/api/states", headers={"Authorization": f"Bearer {token}"})
        connection.getresponse().read()
        connection.close()
    return requests / (time.perf_counter() - begun)


def run(examples: int = EXAMPLES, database_url: str | None = None, time_limit: float = TIME_LIMIT,
        roles: list[str] | None = None, seed: int | None = None) -> Result:
    """A fresh server (see the module), fuzzed."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from negotiation import fresh_database

    with fresh_database(database_url) as environment:
        # Plain HTTP on the loopback, as behind the TLS terminator: no redirect to HTTPS.
        environment = {**environment, "ACCORD_SSL_REDIRECT": "0"}
        server = subprocess.Popen([sys.executable, __file__, "--serve"], env=environment, stdout=subprocess.PIPE,
                                  text=True)
        try:
            started = json.loads(server.stdout.readline() or "null")
            if started is None:
                raise RuntimeError(f"the server did not start (exit status {server.wait()})")
            return fuzz(f"http://127.0.0.1:{started['port']}", started["tokens"], started["real"], examples,
                        time_limit, roles, seed)
        finally:
            server.terminate()
            server.wait()


def main() -> int:
    from report import record

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=EXAMPLES, help="generated requests per operation and role")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT, help="seconds of fuzzing at most")
    parser.add_argument("--seed", type=int, help="Schemathesis's seed, to repeat a run")
    parser.add_argument("--database-url", default=os.environ.get("ACCORD_DATABASE_URL"),
                        help="a PostgreSQL server to create the run's database on (default: SQLite)")
    options = parser.parse_args()
    result = run(options.examples, options.database_url, options.time_limit, seed=options.seed)
    database = "PostgreSQL" if options.database_url else "SQLite"
    rate = result.examples / result.seconds
    mismatches = sum(count for _role, _failure, count, _operations in result.failures)
    print(f"API fuzzing on {database}: {result.operations} operations × {result.roles} roles, "
          f"{result.examples} requests in {result.seconds:.0f} s ({rate:.0f}/s; a trivial read: "
          f"{result.baseline_rate:.0f}/s)")
    print(f"  answers: {dict(sorted(result.statuses.items()))}; runs: {result.stops}")
    print(f"  server errors (5xx): {result.server_errors}; failed checks: {mismatches}")
    for role, failure, count, operations in result.failures:
        print(f"  [{role}] {count} × {failure}: {', '.join(operations)}")
    for role, details in result.details.items():
        print(f"\n[{role}]\n{details}")
    ok = result.server_errors == 0 and mismatches == 0
    bench = "api_fuzz"
    record(bench, f"requests: {result.operations} operations × {result.roles} roles", result.examples,
           unit="requests", target=f"≤ {options.examples} fuzzed per operation and role, and the boundaries",
           ok=result.examples > 0)
    record(bench, "server errors (5xx)", result.server_errors, unit="answers", target="0",
           ok=result.server_errors == 0)
    record(bench, "answers not as the schema declares, or 5xx", mismatches, unit="failures", target="0",
           ok=mismatches == 0)
    record(bench, "fuzzed requests per second", rate, unit="/s", baseline=result.baseline_rate,
           baseline_label="GET /api/states /s", target="reported", ok=True)
    return 0 if ok else 1


if os.environ.get("ACCORD_FUZZ_REAL"):
    # Loaded by Schemathesis as its hooks module (SCHEMATHESIS_HOOKS, see :func:`fuzz`).
    import schemathesis

    schemathesis.hook("flatmap_path_parameters")(flatmap_path_parameters(json.loads(os.environ["ACCORD_FUZZ_REAL"])))

if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        sys.exit(main())
