"""Load test: 100 delegates reading, tabling and supporting amendments for two minutes, against `accord serve` with
several workers on PostgreSQL — no failed request, and no amendment lost.

The run, from scratch each time:

1. a PostgreSQL cluster of its own (scripts/pg-cluster.sh with ``ACCORD_PG_CLUSTER_STATE`` in a temporary folder,
   stopped at the end whatever happens), or with ``--database-url`` a database created for the run on that server
   and dropped afterwards (``--sqlite``: an SQLite file instead);
2. the migrations, the demo, and one delegate per simulated user, spread over the Member States' delegations (several
   per delegation), each with an API token and a signed-in session made before the run (while the server's workers
   start);
3. ``accord serve`` (gunicorn: ``--workers`` × ``--threads``, default 4 × 4 = 16 database connections at most, well
   within PostgreSQL's 100) on a free port of 127.0.0.1, debug off, a random secret key, its data in a temporary
   folder; its whole process group is killed at the end;
4. locust, headless, as a separate process with bench/locustfile.py: ``--users`` delegates (default 100) started 20
   a second, for ``--duration`` seconds (default 120), each finishing the action under way when the time is up;
5. the checks: no failed request; every amendment a client was answered 201 for is in the database, and nothing
   else is, numbered 1…N without gap or repeat; every backing answered 200 is there; ``accord audit verify`` holds.

It prints p50 and p99 per request type and overall, requests per second, and each p50 and p99 as a ratio to those
of the baseline: a trivial authenticated API request (``GET /api/chairmanship``) that the same users make during
the same run. With ``ACCORD_BENCH_REPORT`` set, the figures go to the benchmarks' report (bench/report.py). Exit
status 1 when a request failed, an amendment or backing was lost, the audit chain is broken or the server logged an
error.

The delegates pause between actions (1 to 4 s) on connections kept alive, as browsers and proxies do. The server must
keep an idle connection open longer than that: with gunicorn's default of 2 s, a request sent at the moment the server
closed its connection got no answer, and a POST is not retried (the first full run lost 4 tablings that way). `accord
serve` keeps idle connections 75 s (``--keep-alive``), longer than a proxy in front keeps its own.

    .venv/bin/python bench/load.py                        # 100 users, 120 s, 4 workers × 4 threads
    .venv/bin/python bench/load.py --users 20 --duration 20

tests/instance/test_load_smoke.py runs :func:`run` for a few seconds with a few users, so the locustfile cannot rot.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import record  # noqa: E402  (bench/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SYMBOL = "MM/2021/DRAFT/3"
USERS, DURATION, SPAWN_RATE = 100, 120, 20
WORKERS, THREADS = 4, 4
WAIT = "1,4"  # a delegate's pause between two actions, seconds (see the locustfile)
BASELINE = "baseline: chairmanship (API)"  # the locustfile's name for the trivial request
TOTAL = "Aggregated"
# What the TLS terminator in front of `accord serve` says of every request; without it, debug off, plain HTTP is
# redirected to HTTPS.
TERMINATOR = {"X-Forwarded-Proto": "https"}
SERVER_ERRORS = ("[ERROR]", "[CRITICAL]", "WORKER TIMEOUT", "Traceback")  # in gunicorn's log


def _bin(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


# In the Django subprocesses


def prepare(users: int, out: str) -> None:
    """Migrate, load the demo, make ``users`` delegates of the Member States (round robin over the delegations),
    each with an API token and a signed-in session; write what the locustfile needs to ``out``."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.utils import timezone

    from accord.documents.models import Revision
    from accord.negotiation import services
    from accord.registry.models import ApiToken, Membership, State, User

    call_command("migrate", verbosity=0)
    # Nobody signs in with a password here (tokens and sessions are made below), and Argon2, slow by design, would
    # take most of the preparation: the demo users' passwords get a fast hash in this throwaway database.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("demo", stdout=open(os.devnull, "w"))
    today = timezone.localdate()
    members = [state for state in State.objects.select_related("delegation").order_by("code")
               if (membership := state.membership_on(today)) is not None and membership.status == Membership.MEMBER]
    revision = Revision.objects.get(symbol=SYMBOL)
    delegates = []
    for index in range(users):
        state, slot = members[index % len(members)], index // len(members)
        user = User.objects.create(username=f"load-{state.code.lower()}-{slot}", role=User.DELEGATE,
                                   delegation=state.delegation)
        user.set_unusable_password()
        user.save()
        client = Client()
        client.force_login(user)
        delegates.append({
            "username": user.username, "delegation": state.code, "slot": slot,
            # how many delegates this delegation has: they share out the amendments to back by number
            "slots": len(range(index % len(members), users, len(members))),
            "token": ApiToken.issue(user), "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        })
    provisions = [
        {"id": provision.id, "text": provision.text, "once_words": _once_words(provision.text)}
        for provision in services.master_text(revision).provisions()
    ]
    with open(out, "w", encoding="utf-8") as file:
        json.dump({"revision": revision.pk, "session_cookie": settings.SESSION_COOKIE_NAME, "delegates": delegates,
                   "provisions": provisions}, file)


def _once_words(text: str) -> list[str]:
    """The words of ``text`` that occur exactly once in it (as substrings too), as a replacement must quote."""
    words = {word.strip(".,;:()") for word in text.split()}
    return sorted(word for word in words if len(word) > 4 and word.isalpha() and text.count(word) == 1)


def inspect(out: str) -> None:
    """What the database holds after the run: the draft's amendment numbers, its round's count, its backings; and
    what ``accord audit verify`` says of the audit chain (run here, which spares starting Django once more)."""
    import io

    import django

    django.setup()
    from django.core.management import CommandError, call_command

    from accord.documents.models import Revision
    from accord.negotiation.models import Backing

    revision = Revision.objects.get(symbol=SYMBOL)
    said = io.StringIO()
    try:
        call_command("audit", "verify", stdout=said)
        intact = True
    except CommandError as error:
        intact = False
        said.write(str(error))
    with open(out, "w", encoding="utf-8") as file:
        json.dump({
            "numbers": list(revision.amendments.values_list("number", flat=True)),
            "round_count": revision.round.amendments_tabled,
            "backings": Backing.objects.filter(amendment__revision=revision).count(),
            "audit_intact": intact, "audit_output": said.getvalue().strip(),
        }, file)


# The harness


@contextmanager
def postgres_cluster():
    """A PostgreSQL cluster of the run's own (scripts/pg-cluster.sh), stopped whatever happens; gives its URL."""
    with tempfile.TemporaryDirectory(prefix="accord-load-pg-") as folder:
        environment = {**os.environ, "ACCORD_PG_CLUSTER_STATE": os.path.join(folder, "pg-cluster")}
        script = str(ROOT / "scripts" / "pg-cluster.sh")
        try:
            subprocess.run([script, "start"], env=environment, check=True, stdout=subprocess.DEVNULL)
            yield subprocess.run([script, "url"], env=environment, check=True, capture_output=True,
                                 text=True).stdout.strip()
        finally:
            subprocess.run([script, "stop"], env=environment, stdout=subprocess.DEVNULL)


@contextmanager
def fresh_database(database_url: str | None):
    """The environment of a server with debug off, a random secret key and a data folder of its own, on a new SQLite
    file (no ``database_url``) or on a new database next to ``database_url``'s, dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix="accord-load-") as data_dir:
        environment = {
            **os.environ, "ACCORD_DEBUG": "0", "ACCORD_DEMO_MODE": "1", "ACCORD_ALLOWED_HOSTS": "127.0.0.1",
            "ACCORD_SECRET_KEY": secrets.token_urlsafe(50), "ACCORD_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "accord.project.settings",
        }
        if not database_url:
            environment.pop("ACCORD_DATABASE_URL", None)
            yield environment, data_dir
            return
        import psycopg

        name = f"accord_load_{secrets.token_hex(4)}"
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            environment["ACCORD_DATABASE_URL"] = urlunsplit(urlsplit(database_url)._replace(path=f"/{name}"))
            yield environment, data_dir
        finally:
            with psycopg.connect(database_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/chairmanship", headers=TERMINATOR)
        return connection.getresponse().status == 401  # up, and asking who is there
    except OSError:
        return False
    finally:
        connection.close()


def _kill_group(process: subprocess.Popen, grace: float) -> None:
    """SIGTERM to the process group ``process`` leads, then SIGKILL to what is left of it after ``grace`` seconds."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # workers the master left behind, too
    except ProcessLookupError:
        pass
    process.wait()


@contextmanager
def server(environment: dict, workers: int, threads: int, log_path: str, meanwhile=lambda: None):
    """``accord serve`` on a free port of 127.0.0.1 in a process group of its own, killed whole at the end; gives
    the port once the server answers. ``meanwhile()`` runs while its workers start (they touch no database before
    their first request)."""
    port = _free_port()
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [_bin("accord"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads)],
            env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        meanwhile()
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"accord serve did not start:\n{Path(log_path).read_text()[-2000:]}")
            time.sleep(0.2)
        yield port
    finally:
        _kill_group(process, grace=35)  # gunicorn's graceful timeout is 30 s


def _django(environment: dict, mode: str, *args: str) -> None:
    subprocess.run([sys.executable, __file__, mode, *args], env=environment, check=True)


@dataclass
class Stats:
    requests: int
    failures: int
    p50: float  # ms
    p99: float  # ms
    rate: float  # requests per second


@dataclass
class Result:
    users: int
    duration: int
    database: str
    workers: int
    threads: int
    locust_status: int = 0
    stats: dict[str, Stats] = field(default_factory=dict)  # request name -> figures; TOTAL for all of them
    failures: list[str] = field(default_factory=list)  # locust's failures, one line each
    created: list[int] = field(default_factory=list)  # the numbers clients were answered 201 with
    backed: int = 0  # backings clients were answered 200 for
    stored: list[int] = field(default_factory=list)  # the numbers the database holds
    round_count: int = 0
    backings_stored: int = 0
    audit_intact: bool = False
    audit_output: str = ""
    server_errors: list[str] = field(default_factory=list)  # what the server logged as errors (gunicorn's log)

    @property
    def errors(self) -> int:
        return self.stats[TOTAL].failures if TOTAL in self.stats else -1

    @property
    def lost(self) -> int:
        """Amendments that clients and the database disagree on: answered 201 but not stored, or stored unanswered."""
        return len(set(self.created) ^ set(self.stored)) + (len(self.created) - len(set(self.created)))

    @property
    def gapless(self) -> bool:
        return sorted(self.stored) == list(range(1, len(self.stored) + 1)) == list(range(1, self.round_count + 1))

    @property
    def ok(self) -> bool:
        return (self.locust_status == 0 and self.errors == 0 and not self.failures and self.lost == 0
                and self.gapless and self.backed == self.backings_stored and self.audit_intact
                and not self.server_errors and len(self.created) > 0)


def run(users: int = USERS, duration: int = DURATION, database_url: str | None = None, *, workers: int = WORKERS,
        threads: int = THREADS, spawn_rate: float = SPAWN_RATE, wait: str = WAIT, database: str = "") -> Result:
    """The load test of the module on a fresh database next to ``database_url`` (None: SQLite); see the module."""
    result = Result(users, duration, database or ("PostgreSQL" if database_url else "SQLite"), workers, threads)
    with fresh_database(database_url) as (environment, data_dir):
        credentials = os.path.join(data_dir, "credentials.json")
        with server(environment, workers, threads, os.path.join(data_dir, "server.log"),
                    meanwhile=lambda: _django(environment, "--prepare", str(users), credentials)) as port:
            results = os.path.join(data_dir, "results.json")
            locust_environment = {**environment, "ACCORD_LOAD_CREDENTIALS": credentials,
                                  "ACCORD_LOAD_RESULTS": results, "ACCORD_LOAD_WAIT": wait}
            command = [
                _bin("locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary", "--loglevel", "WARNING",
                "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{duration}s",
                # each user finishes the action under way, so that no request is cut off with its answer unread
                "--stop-timeout", "90", "--host", f"http://127.0.0.1:{port}",
            ]
            with open(os.path.join(data_dir, "locust.log"), "w") as log:
                locust = subprocess.Popen(command, env=locust_environment, cwd=data_dir, stdout=log,
                                          stderr=subprocess.STDOUT)
            try:
                result.locust_status = locust.wait(duration + 200)
            finally:
                if locust.poll() is None:
                    locust.kill()
                    locust.wait()
            if not os.path.exists(results):
                raise RuntimeError(f"locust wrote no results (exit status {result.locust_status}):\n"
                                   f"{Path(data_dir, 'locust.log').read_text()[-3000:]}")
        # The server is stopped: every request it took has been answered or rolled back.
        log = Path(data_dir, "server.log").read_text(errors="replace").splitlines()
        result.server_errors = [line for line in log if any(mark in line for mark in SERVER_ERRORS)]
        with open(results, encoding="utf-8") as file:
            counted = json.load(file)
        result.stats = {name: Stats(**figures) for name, figures in counted["stats"].items()}
        result.failures = counted["failures"]
        if result.locust_status != 0:
            result.failures.append(f"locust exited with status {result.locust_status}: "
                                   f"{Path(data_dir, 'locust.log').read_text()[-1500:]}")
        result.created = [number for numbers in counted["tabled"].values() for number in numbers]
        result.backed = sum(counted["backed"].values())
        stored = os.path.join(data_dir, "stored.json")
        _django(environment, "--inspect", stored)
        with open(stored, encoding="utf-8") as file:
            found = json.load(file)
        result.stored, result.round_count, result.backings_stored = (found["numbers"], found["round_count"],
                                                                     found["backings"])
        result.audit_intact, result.audit_output = found["audit_intact"], found["audit_output"]
    return result


def report(result: Result) -> None:
    """Print the figures, and add them to the benchmarks' report."""
    base = result.stats.get(BASELINE)
    total = result.stats[TOTAL]
    print(f"load: {result.users} delegates for {result.duration} s on {result.database}, accord serve "
          f"{result.workers} workers × {result.threads} threads")
    print(f"  {'request':34} {'count':>7} {'failed':>6} {'p50 ms':>7} {'p99 ms':>7} {'p50/base':>8} {'p99/base':>8}")
    names = sorted((name for name in result.stats if name not in (TOTAL, BASELINE)))
    for name in [BASELINE, *names, TOTAL]:
        if name not in result.stats:
            continue
        row = result.stats[name]
        ratios = f"{row.p50 / base.p50:8.2f} {row.p99 / base.p99:8.2f}" if base else ""
        print(f"  {name:34} {row.requests:7d} {row.failures:6d} {row.p50:7.0f} {row.p99:7.0f} {ratios}")
        if base and name != BASELINE:
            label = "ms, a trivial authenticated API request by the same users"
            figure = "all requests" if name == TOTAL else name
            record("load", f"p50 {figure}", row.p50, unit="ms", baseline=base.p50, baseline_label=label)
            record("load", f"p99 {figure}", row.p99, unit="ms", baseline=base.p99, baseline_label=label)
    print(f"  {total.rate:.1f} requests/s overall")
    for failure in result.failures[:10]:
        print(f"  failure: {failure}")
    for line in result.server_errors[:10]:
        print(f"  server: {line}")
    print(f"  amendments: {len(result.created)} answered 201, {len(result.stored)} in the database (round count "
          f"{result.round_count}), numbered 1…N {'without' if result.gapless else 'WITH'} gaps or repeats; lost or "
          f"unaccounted for: {result.lost}")
    print(f"  backings: {result.backed} answered 200, {result.backings_stored} in the database")
    print(f"  {result.audit_output}")
    record("load", "requests per second", total.rate, unit="req/s")
    record("load", "failed requests", result.errors, target="0", ok=result.errors == 0 and result.locust_status == 0)
    record("load", "amendments lost", result.lost, target="0", ok=result.lost == 0 and result.gapless)
    record("load", "backings lost", abs(result.backed - result.backings_stored), target="0",
           ok=result.backed == result.backings_stored)
    record("load", "audit entries that do not verify", 0 if result.audit_intact else 1, target="0",
           ok=result.audit_intact)
    record("load", "amendments tabled", len(result.stored), unit="amendments")
    print("  OK" if result.ok else "  TARGET MISSED")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--duration", type=int, default=DURATION, help="seconds (default 120)")
    parser.add_argument("--spawn-rate", type=float, default=SPAWN_RATE, help="users started per second")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--wait", default=WAIT, help="MIN,MAX seconds between a delegate's actions (default 1,4)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url", help="a PostgreSQL server to create the run's database on (default: a "
                                              "cluster of the run's own)")
    where.add_argument("--sqlite", action="store_true", help="an SQLite file instead of PostgreSQL")
    options = parser.parse_args()
    if options.workers * options.threads > 90:
        parser.error("--workers × --threads must stay within PostgreSQL's 100 connections (90, with room for tools)")

    # A signal becomes an exit, so that the server, its workers and the cluster are stopped on the way out.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda signum, _frame: sys.exit(128 + signum))
    with ExitStack() as stack:
        url = options.database_url
        if not url and not options.sqlite:
            url = stack.enter_context(postgres_cluster())
        result = run(options.users, options.duration, url, workers=options.workers, threads=options.threads,
                     spawn_rate=options.spawn_rate, wait=options.wait)
    report(result)
    return 0 if result.ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["--inspect"]:
        inspect(sys.argv[2])
    else:
        sys.exit(main())
