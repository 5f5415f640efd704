"""Concurrent tabling: every Member State's delegation tables its amendments to MM/2021/DRAFT/3 at the same moment,
through the REST API of a real server, and nothing is lost.

A fresh database — an SQLite file in a temporary folder, or with ``--database-url postgres://…/name`` a database
created for the run on that PostgreSQL server and dropped after — gets the migrations, the demo and one delegate
with an API token per Member State. A separate process serves it with Django's threaded WSGI server on 127.0.0.1.
A thread pool of one client per delegation then tables (a barrier starts them together), each request on a
connection of its own. The run checks that every request was answered 201, that the revision holds delegations ×
amendments numbered 1…N without gap or repeat, and that the audit chain holds; it prints amendments per second and
the latencies. Then come races: on each of the first amendments, its proposer withdraws it while the chair decides
on it, both from version 1 — exactly one of the two must win (200) and the other be told of the conflict (409).

    .venv/bin/python bench/negotiation.py                     # 27 × 40 on SQLite
    .venv/bin/python bench/negotiation.py --database-url postgres://accord@127.0.0.1:54329/accord

tests/negotiation/test_concurrency.py runs :func:`run` on the database of each test pass.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from report import record

SYMBOL = "MM/2021/DRAFT/3"
DELEGATIONS = 27  # CICA's Member States in 2021
AMENDMENTS = 40


def serve(count: int) -> None:
    """The server process: migrate, load the demo, make ``count`` Member State delegates with tokens, print
    ``{"port", "revision", "tokens"}`` as one line, then serve until killed."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.utils import timezone

    from accord.documents.models import Revision
    from accord.registry.models import ApiToken, Membership, State, User

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    members = State.objects.filter(
        memberships__status=Membership.MEMBER, memberships__start__lte=timezone.localdate()
    ).order_by("code")[:count]
    tokens = {"chair": ApiToken.issue(User.objects.get(username="chair"))}
    for state in members:
        user = User.objects.create(username=f"bench-{state.code.lower()}", role=User.DELEGATE,
                                   delegation=state.delegation)
        tokens[state.code] = ApiToken.issue(user)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Server(ThreadedWSGIServer):
        request_queue_size = 256  # every client may connect at the same moment

    server = Server(("127.0.0.1", 0), QuietHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    revision = Revision.objects.get(symbol=SYMBOL).pk
    print(json.dumps({"port": server.server_address[1], "revision": revision, "tokens": tokens}), flush=True)
    server.serve_forever()


@contextmanager
def fresh_database(database_url: str | None):
    """The environment of a server on a database of its own: a new SQLite file, or a new PostgreSQL database next
    to ``database_url``'s, dropped afterwards."""
    environment = {
        **os.environ, "ACCORD_DEBUG": "0", "ACCORD_DEMO_MODE": "1", "ACCORD_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback, with no TLS terminator in front to redirect from.
        "ACCORD_SSL_REDIRECT": "0", "DJANGO_SETTINGS_MODULE": "accord.project.settings",
    }
    with tempfile.TemporaryDirectory(prefix="accord-negotiation-") as data_dir:
        environment["ACCORD_DATA_DIR"] = data_dir
        if not database_url:
            environment.pop("ACCORD_DATABASE_URL", None)
            yield environment
            return
        import psycopg

        name = f"accord_bench_{secrets.token_hex(4)}"
        parts = urlsplit(database_url)
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            environment["ACCORD_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
            yield environment
        finally:
            with psycopg.connect(database_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@dataclass
class Result:
    delegations: int
    per_delegation: int
    seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)  # HTTP status -> how many answers
    errors: list[str] = field(default_factory=list)  # the first few bodies of answers other than 201
    latencies: list[float] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # as the revision lists them afterwards
    count: int = 0  # as the revision counts them
    audit_intact: bool = False
    audit_entries: int = 0
    races: list[tuple[int, int, str]] = field(default_factory=list)  # withdrawal's status, decision's, final status

    @property
    def expected(self) -> int:
        return self.delegations * self.per_delegation

    @property
    def lost_nothing(self) -> bool:
        return (
            self.statuses == {201: self.expected} and self.count == self.expected
            and sorted(self.numbers) == list(range(1, self.expected + 1)) and self.audit_intact
        )

    @property
    def races_settled(self) -> bool:
        """Every race had one winner, whose change is the one that stands, and one loser told of the conflict."""
        winners = {(200, 409): "withdrawn", (409, 200): "not_accepted"}
        return bool(self.races) and all(winners.get((w, d)) == final for w, d, final in self.races)


def _request(port: int, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# The provisions the clients amend, in turn: MM/2021/DRAFT/3's operative paragraphs.
PROVISIONS = [f"para_{n}" for n in range(1, 30)]


def _amendment(code: str, index: int) -> dict:
    provision = PROVISIONS[(index + len(code) * ord(code[0])) % len(PROVISIONS)]
    if index % 5 == 4:
        return {"kind": "delete", "provision": provision}
    return {"kind": "alternative", "provision": provision,
            "text": f"We, {code}, propose wording number {index + 1} for this paragraph."}


def _race(port: int, path: str, number: int, proposer: str, chair: str) -> tuple[int, int, str]:
    """The proposer withdraws amendment ``number`` while the chair decides on it, both from version 1."""
    barrier, answers = threading.Barrier(2), {}

    def send(name: str, token: str, action: str, body: dict) -> None:
        barrier.wait()
        answers[name] = _request(port, "POST", f"{path}/{number}/{action}", token, body)[0]

    with ThreadPoolExecutor(max_workers=2) as pool:
        pool.submit(send, "withdraw", proposer, "withdraw", {"version": 1})
        pool.submit(send, "decide", chair, "decision", {"outcome": "not_accepted", "reason": "race", "version": 1})
    final = json.loads(_request(port, "GET", f"{path}/{number}", chair)[1])["status"]
    return answers["withdraw"], answers["decide"], final


def run(delegations: int = DELEGATIONS, per_delegation: int = AMENDMENTS, database_url: str | None = None,
        races: int = 20) -> Result:
    """Table ``delegations`` × ``per_delegation`` amendments at once against a fresh server, then run ``races`` on
    the first amendments; see the module."""
    result = Result(delegations, per_delegation)
    with fresh_database(database_url) as environment:
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(delegations)], env=environment,
                                  stdout=subprocess.PIPE, text=True)
        try:
            started = json.loads(server.stdout.readline() or "null")
            if started is None:
                raise RuntimeError(f"the server did not start (exit status {server.wait()})")
            port, revision, tokens = started["port"], started["revision"], started["tokens"]
            delegates = [code for code in tokens if code != "chair"]
            path = f"/api/revisions/{revision}/amendments"
            lock, barrier = threading.Lock(), threading.Barrier(len(delegates))

            def table_all(code: str) -> None:
                barrier.wait()
                for index in range(per_delegation):
                    begun = time.perf_counter()
                    status, body = _request(port, "POST", path, tokens[code], _amendment(code, index))
                    with lock:
                        result.latencies.append(time.perf_counter() - begun)
                        result.statuses[status] = result.statuses.get(status, 0) + 1
                        if status != 201 and len(result.errors) < 5:
                            result.errors.append(f"{status} {body[:200].decode(errors='replace')}")

            begun = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(delegates)) as pool:
                list(pool.map(table_all, delegates))
            result.seconds = time.perf_counter() - begun

            status, body = _request(port, "GET", f"{path}?limit={result.expected + 10}", tokens["chair"])
            listed = json.loads(body)
            result.count = listed["count"]
            result.numbers = [amendment["number"] for amendment in listed["items"]]
            proposers = {amendment["number"]: amendment["delegation"] for amendment in listed["items"]}
            result.races = [_race(port, path, number, tokens[proposers[number]], tokens["chair"])
                            for number in range(1, min(races, result.expected) + 1)]
            result.audit_intact, result.audit_entries = _audit(environment)
        finally:
            server.terminate()
            server.wait()
    return result


def _audit(environment: dict) -> tuple[bool, int]:
    """``accord audit verify`` on the run's database: whether the chain holds, and its length."""
    accord = os.path.join(os.path.dirname(sys.executable), "accord")
    verified = subprocess.run([accord, "audit", "verify"], env=environment, capture_output=True, text=True)
    entries = int(verified.stdout.split()[1]) if verified.returncode == 0 else 0
    return verified.returncode == 0, entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delegations", type=int, default=DELEGATIONS)
    parser.add_argument("--amendments", type=int, default=AMENDMENTS, help="per delegation")
    parser.add_argument("--database-url", default=os.environ.get("ACCORD_DATABASE_URL"),
                        help="a PostgreSQL server to create the run's database on (default: SQLite)")
    options = parser.parse_args()
    result = run(options.delegations, options.amendments, options.database_url)
    database = "PostgreSQL" if options.database_url else "SQLite"
    latencies = sorted(result.latencies)
    print(f"concurrent tabling on {database}: {result.delegations} delegations × {result.per_delegation} "
          f"amendments = {result.expected}")
    print(f"  {result.seconds:.1f} s, {result.expected / result.seconds:.0f} amendments/s; latency median "
          f"{statistics.median(latencies) * 1000:.0f} ms, 95th percentile "
          f"{latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"  answers {result.statuses}; stored {result.count}, numbers 1…{max(result.numbers, default=0)} "
          f"{'without' if sorted(result.numbers) == list(range(1, result.expected + 1)) else 'WITH'} gaps or "
          f"repeats; audit chain {'intact' if result.audit_intact else 'BROKEN'} ({result.audit_entries} entries)")
    for error in result.errors:
        print(f"  {error}")
    won = sum(final == "withdrawn" for _w, _d, final in result.races)
    print(f"  {len(result.races)} races of a withdrawal and a decision: "
          f"{'each settled by one winner and one 409' if result.races_settled else 'NOT ALL SETTLED'} "
          f"({won} withdrawn, {len(result.races) - won} decided)")
    print("  lost nothing" if result.lost_nothing else "  LOST SOMETHING")
    record("negotiation", f"amendments stored of those tabled at once ({database})", result.count,
           baseline=result.expected, baseline_label="tabled", target="ratio 1.00, numbered without gaps",
           ok=result.lost_nothing)
    record("negotiation", "amendments per second, concurrent tabling", result.expected / result.seconds,
           unit="/s", target="races settled: one winner, one 409", ok=result.races_settled)
    return 0 if result.lost_nothing and result.races_settled else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]))
    else:
        sys.exit(main())
