"""Concurrent numbering of notes verbales: several secretariat officers issue notes at the same moment, through the
REST API of a real server, and the registry's numbers stay unique and gapless.

The database is fresh, as in bench/negotiation.py (whose :func:`fresh_database` and :func:`_request` this reuses): an
SQLite file, or with ``--database-url`` a database created on that PostgreSQL server and dropped after. The server
process migrates, loads the demo and makes one officer with an API token per client, then serves with Django's
threaded WSGI server. A barrier starts the clients together; each issues its invitations to the demo's SWG meeting
(they enclose nothing, so no PDF is laid out and the race on the counter is all there is). The run checks that every
request was answered 201 and that the year's numbers are 1…N, each once.

    .venv/bin/python bench/notes.py                     # 8 officers × 10 notes on SQLite
    .venv/bin/python bench/notes.py --database-url postgres://accord@127.0.0.1:54329/accord

tests/correspondence/test_numbering_concurrency.py runs :func:`run` on the database of each test pass.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from report import record

OFFICERS = 8
NOTES = 10


def _negotiation_bench():
    """bench/negotiation.py, for its fresh database and its HTTP request."""
    spec = importlib.util.spec_from_file_location("negotiation_bench", Path(__file__).with_name("negotiation.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def serve(count: int) -> None:
    """The server process: migrate, load the demo, make ``count`` officers with tokens, print ``{"port", "meeting",
    "tokens"}`` as one line, then serve until killed."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    from accord.meetings.models import Meeting
    from accord.registry.models import ApiToken, User

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    tokens = [ApiToken.issue(User.objects.create(username=f"officer-{n}", role=User.SECRETARIAT))
              for n in range(count)]

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Server(ThreadedWSGIServer):
        request_queue_size = 128

    server = Server(("127.0.0.1", 0), QuietHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    print(json.dumps({"port": server.server_address[1], "meeting": Meeting.objects.get().pk, "tokens": tokens}),
          flush=True)
    server.serve_forever()


@dataclass
class Result:
    officers: int
    per_officer: int
    seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # as the answers gave them

    @property
    def expected(self) -> int:
        return self.officers * self.per_officer

    @property
    def gapless(self) -> bool:
        return self.statuses == {201: self.expected} and sorted(
            self.numbers, key=lambda number: int(number.rsplit("/", 1)[1])
        ) == [f"17-1/{n}" for n in range(1, self.expected + 1)]


def run(officers: int = OFFICERS, per_officer: int = NOTES, database_url: str | None = None) -> Result:
    """``officers`` × ``per_officer`` invitations issued at once against a fresh server; see the module."""
    harness = _negotiation_bench()
    result = Result(officers, per_officer)
    with harness.fresh_database(database_url) as environment:
        # The notes' e-mails are not what is measured, and the console would fill the pipe no one reads.
        environment["ACCORD_EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(officers)], env=environment,
                                  stdout=subprocess.PIPE, text=True)
        try:
            started = json.loads(server.stdout.readline() or "null")
            if started is None:
                raise RuntimeError(f"the server did not start (exit status {server.wait()})")
            port, meeting, tokens = started["port"], started["meeting"], started["tokens"]
            lock, barrier = threading.Lock(), threading.Barrier(len(tokens))
            note = {"purpose": "invitation", "meeting": meeting, "date": time.strftime("%Y-%m-%d")}

            def issue_all(token: str) -> None:
                barrier.wait()
                for _ in range(per_officer):
                    begun = time.perf_counter()
                    status, body = harness._request(port, "POST", "/api/notes", token, note)
                    with lock:
                        result.latencies.append(time.perf_counter() - begun)
                        result.statuses[status] = result.statuses.get(status, 0) + 1
                        if status == 201:
                            result.numbers.append(json.loads(body)["number"])
                        elif len(result.errors) < 5:
                            result.errors.append(f"{status} {body[:200].decode(errors='replace')}")

            begun = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
                list(pool.map(issue_all, tokens))
            result.seconds = time.perf_counter() - begun
        finally:
            server.terminate()
            server.wait()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=OFFICERS)
    parser.add_argument("--notes", type=int, default=NOTES, help="per officer")
    parser.add_argument("--database-url", default=os.environ.get("ACCORD_DATABASE_URL"),
                        help="a PostgreSQL server to create the run's database on (default: SQLite)")
    options = parser.parse_args()
    result = run(options.officers, options.notes, options.database_url)
    latencies = sorted(result.latencies)
    database = "PostgreSQL" if options.database_url else "SQLite"
    print(f"concurrent notes verbales on {database}: {result.officers} officers × {result.per_officer} notes = "
          f"{result.expected}")
    print(f"  {result.seconds:.1f} s, {result.expected / result.seconds:.1f} notes/s; latency median "
          f"{statistics.median(latencies) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    numbers = f"1…{result.expected}, each once" if result.gapless else "WITH GAPS OR REPEATS"
    print(f"  answers {result.statuses}; numbers {numbers}")
    for error in result.errors:
        print(f"  {error}")
    record("notes", f"notes numbered once each, of those issued at once ({database})",
           len(set(result.numbers)) if result.gapless else 0, baseline=result.expected, baseline_label="issued",
           target="ratio 1.00, numbers 1…N", ok=result.gapless)
    return 0 if result.gapless else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]))
    else:
        sys.exit(main())
