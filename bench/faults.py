"""Faults: the server killed with SIGKILL in the middle of writes, and the database restarted under load — nothing
half-written afterwards, nothing acknowledged lost, clear errors (503) while the database is away.

The run, from scratch each time, bounded to a few minutes (``--limit``, default 480 s, after which it stops and
fails):

1. a PostgreSQL cluster of its own (scripts/pg-cluster.sh with ``ACCORD_PG_CLUSTER_STATE`` in a temporary folder,
   stopped at the end whatever happens); the migrations, the demo, and API tokens for ``--delegates`` delegates of
   the Member States, the chair and ``--officers`` secretariat officers;
2. ``accord serve`` (``--workers`` × ``--threads``) on a free port of 127.0.0.1, debug off, a random secret key, its
   data in a temporary folder, in a process group of its own;
3. clients writing through the API all along, each on a connection of its own per request: the delegates table
   amendments to the current revision of MM/2021/DRAFT/3 (each text carries a marker naming the client and the
   write, so that the database can be checked against the answers); the chair closes the round (tabling deadline),
   decides every amendment (one accepted per revision, the others not) and issues the next revision — the heaviest
   transaction: a whole new revision with its language versions; the officers issue notes verbales (invitations to
   the demo's meeting: a number, three language versions, a delivery per Member State); delegates and officers
   pause ``THINK_SECONDS`` after each write that went through. A probe reads the round every 50 ms. A client retries a write that got no answer or a 503 (after ``Retry-After``) with the same request,
   gives up on a 4xx (the round closed meanwhile), and waits while the server is down (connection refused: nothing
   was sent);
4. the phases: ``--baseline`` seconds without faults (the baseline write rate); ``--kills`` rounds of SIGKILL to the
   server's whole process group at random moments — every third one aimed at the moment the chair has sent the next
   revision, every third at a note being issued — each followed by a restart; then the database restarted under load
   (``pg_ctl stop --mode=fast`` + start: open transactions rolled back, connections cut) twice at once and once after
   ``--down`` seconds down;
5. the checks against the database, with the clients stopped and the server stopped: every write answered 2xx is
   there as answered; nothing half-written (every amendment complete with its audit entry, numbered 1…N per revision
   as its round counts; every revision with all its language versions, each with the master's provisions, and its
   audit entry; every note with its number, its language versions and a delivery per addressee; note numbers 1…N);
   each marker in the database at most as often as its write was answered 2xx plus retried after no answer or a 5xx
   (the only way a write can be there twice; the report counts how often it happened), none of a write refused with
   a 4xx; no answer 500 ever, every 503 a one-line JSON error with ``Retry-After``, no answer slower than
   ``MAX_ANSWER_SECONDS``; ``accord audit verify`` holds.

Writes that got no answer (the server killed under them) may or may not be in the database; the run counts both.
The figures — write rates with faults against the rate without, the server's restart after SIGKILL against its cold
start, the time the API takes to answer again after the database is back against the restart's own duration, and the
counts that must be 0 — go to the benchmarks' report (bench/report.py) when ``ACCORD_BENCH_REPORT`` is set. Exit
status 1 when an invariant breaks.

    .venv/bin/python bench/faults.py                 # about two minutes
    .venv/bin/python bench/faults.py --kills 3 --baseline 8 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import record  # noqa: E402  (bench/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
PG_CLUSTER = str(ROOT / "scripts" / "pg-cluster.sh")
SYMBOL = "MM/2021/DRAFT/3"
BENCH = "faults"
DELEGATES, OFFICERS = 6, 2
WORKERS, THREADS = 3, 4
BASELINE_SECONDS, KILLS, DOWN_SECONDS = 15.0, 6, 4.0
LIMIT_SECONDS = 480
MAX_ANSWER_SECONDS = 10.0  # no answer may take longer, faults or not: a client is told, it does not hang
CLIENT_TIMEOUT = 30.0
# A client's pause after a write went through: the load stays below what the server can take, so that a rate with
# faults against the rate without measures what the faults cost, and the chair's rounds are short (a few amendments).
THINK_SECONDS = 0.3
PROVISIONS = [f"para_{n}" for n in range(1, 30)]  # MM/2021/DRAFT/3's operative paragraphs
# What the TLS terminator in front of `accord serve` adds: without it, a request outside debug is redirected to HTTPS.
BEHIND_TLS = {"X-Forwarded-Proto": "https"}
MARKER = re.compile(r"wording \[(?P<marker>[a-z]+-[0-9]+)\]")


def _bin(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


# In the Django subprocesses ----------------------------------------------------------------------------------------


def prepare(delegates: int, officers: int, out: str) -> None:
    """Migrate, load the demo, make ``delegates`` delegates of as many Member States and ``officers`` officers, each
    with an API token, and one for the chair; write them and the ids the clients need to ``out``."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from accord.documents.models import Revision
    from accord.meetings.models import Meeting
    from accord.registry.models import ApiToken, Membership, State, User

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    today = timezone.localdate()
    members = [state for state in State.objects.select_related("delegation").order_by("code")
               if (membership := state.membership_on(today)) is not None and membership.status == Membership.MEMBER]
    tokens = {"chair": ApiToken.issue(User.objects.get(username="chair"))}
    for state in members[:delegates]:
        user = User.objects.create(username=f"faults-{state.code.lower()}", role=User.DELEGATE,
                                   delegation=state.delegation)
        tokens[state.code.lower()] = ApiToken.issue(user)
    for number in range(officers):
        user = User.objects.create(username=f"faults-officer{number}", role=User.SECRETARIAT)
        tokens[f"officer{number}"] = ApiToken.issue(user)
    tokens["probe"] = ApiToken.issue(User.objects.get(username="chair"))
    revision = Revision.objects.get(symbol=SYMBOL)
    with open(out, "w", encoding="utf-8") as file:
        json.dump({"tokens": tokens, "revision": revision.pk, "document": revision.document_id,
                   "meeting": Meeting.objects.order_by("pk").first().pk}, file)


def inspect(out: str) -> None:
    """Everything the checks need from the database, and what is wrong with it already: write to ``out``."""
    import django

    django.setup()
    from django.db.models import Count

    from accord.correspondence.models import NoteCounter, OutgoingNote
    from accord.correspondence.services import addressees, format_number, note_languages, note_symbol
    from accord.documents.models import Revision
    from accord.negotiation.models import Amendment, AuditEntry, Round

    problems: list[str] = []
    audit = defaultdict(list)  # (object_type, object_id) -> [(action, after)]
    for action, object_type, object_id, after in AuditEntry.objects.values_list("action", "object_type",
                                                                                 "object_id", "after"):
        audit[(object_type, object_id)].append((action, after or {}))

    first = Revision.objects.get(symbol=SYMBOL)
    revisions = list(first.document.revisions.prefetch_related("versions").order_by("sequence"))
    languages = sorted(version.language for version in first.versions.all())
    sequences = [revision.sequence for revision in revisions]
    if sequences != list(range(sequences[0], sequences[0] + len(sequences))):
        problems.append(f"revision sequences with a gap: {sequences}")
    master = first.document.master_language
    issued = []
    for revision in revisions:
        versions = {version.language: version for version in revision.versions.all()}
        if sorted(versions) != languages:
            problems.append(f"{revision.symbol}: language versions {sorted(versions)}, not {languages}")
            continue
        if revision.issued_at is None:
            problems.append(f"{revision.symbol}: not issued")
        ids = {language: [p.id for p in version.text().provisions()] for language, version in versions.items()}
        if not ids[master] or any(these != ids[master] for these in ids.values()):
            problems.append(f"{revision.symbol}: the versions' provisions differ from the master's")
        for language, version in versions.items():
            if not set(version.stale_provisions) <= set(ids[master]):
                problems.append(f"{revision.symbol} [{language}]: stale provisions it does not have")
        if revision.pk != first.pk:
            entries = [after for action, after in audit[("revision", str(revision.pk))]
                       if action == AuditEntry.REVISION_ISSUED]
            if len(entries) != 1 or entries[0].get("revision") != revision.symbol:
                problems.append(f"{revision.symbol}: {len(entries)} audit entries of its issue, not 1")
        issued.append({"id": revision.pk, "symbol": revision.symbol})

    amendments = []
    decided = set(Amendment.DECISIONS)
    counts = dict(Round.objects.filter(revision__document=first.document).values_list("revision_id",
                                                                                      "amendments_tabled"))
    by_revision = defaultdict(list)
    for amendment in Amendment.objects.filter(revision__document=first.document).select_related("revision"):
        by_revision[amendment.revision_id].append(amendment.number)
        name = f"{amendment.revision.symbol} No. {amendment.number}"
        if not (amendment.text and amendment.label and amendment.provision_id and amendment.tabled_at):
            problems.append(f"amendment {name}: incomplete")
        actions = audit[("amendment", str(amendment.pk))]
        tabled = [after for action, after in actions if action == AuditEntry.TABLED]
        if len(tabled) != 1 or tabled[0].get("number") != amendment.number or tabled[0].get("text") != amendment.text:
            problems.append(f"amendment {name}: {len(tabled)} audit entries of its tabling, not 1 matching it")
        if amendment.status in decided and not any(action == AuditEntry.DECIDED for action, _after in actions):
            problems.append(f"amendment {name}: {amendment.status} without an audit entry of the decision")
        match = MARKER.search(amendment.text)
        amendments.append({"revision": amendment.revision_id, "symbol": amendment.revision.symbol,
                           "number": amendment.number, "status": amendment.status,
                           "marker": match["marker"] if match else None})
    for revision_id, numbers in by_revision.items():
        if sorted(numbers) != list(range(1, counts.get(revision_id, 0) + 1)):
            problems.append(f"revision {revision_id}: amendment numbers {sorted(numbers)[:5]}… are not 1…"
                            f"{counts.get(revision_id, 0)}, as its round counts")

    notes = []
    expected_languages = sorted(note_languages())
    year = dt.date.today().year
    bench_notes = (OutgoingNote.objects.filter(issued_by__username__startswith="faults-officer")
                   .select_related("revision", "issued_by").annotate(deliveries_count=Count("deliveries")))
    for note in bench_notes:
        name = f"note {note.number} ({note.year})"
        if note.number != format_number(note.index, note.sequence) or note.revision.symbol != note_symbol(
                note.number, note.year):
            problems.append(f"{name}: number, sequence and symbol disagree")
        versions = sorted(note.revision.versions.values_list("language", flat=True))
        if versions != expected_languages:
            problems.append(f"{name}: language versions {versions}, not {expected_languages}")
        if note.deliveries_count != len(addressees(note.date, note.observers)):
            problems.append(f"{name}: {note.deliveries_count} deliveries, not one per addressee")
        notes.append({"id": note.pk, "number": note.number, "officer": note.issued_by.username})
    for counter in NoteCounter.objects.filter(year=year):
        sequences = sorted(OutgoingNote.objects.filter(index=counter.index, year=year)
                           .values_list("sequence", flat=True))
        if sequences != list(range(1, counter.last_number + 1)):
            problems.append(f"notes {counter.index} of {year}: numbers {sequences[:5]}… are not 1…{counter.last_number}")

    with open(out, "w", encoding="utf-8") as file:
        json.dump({"problems": problems, "revisions": issued, "amendments": amendments, "notes": notes,
                   "decided": [[a["revision"], a["number"], a["status"]] for a in amendments]}, file)


# The clients -------------------------------------------------------------------------------------------------------


@dataclass
class Answer:
    fate: str  # "answered"; "unanswered": sent, then the connection failed; "not_sent": no connection at all
    status: int | None = None
    body: dict | None = None
    raw: bytes = b""
    retry_after: str | None = None
    content_type: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def call(port: int, method: str, path: str, token: str, body: dict | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    begun = time.monotonic()
    try:
        try:
            connection.connect()
        except OSError:
            return Answer("not_sent", seconds=time.monotonic() - begun)
        try:
            connection.request(method, path, body=json.dumps(body) if body is not None else None,
                               headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                        **BEHIND_TLS})
            response = connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            return Answer("unanswered", seconds=time.monotonic() - begun)
        answer = Answer("answered", response.status, raw=raw, retry_after=response.getheader("Retry-After"),
                        content_type=response.getheader("Content-Type") or "", seconds=time.monotonic() - begun)
        try:
            answer.body = json.loads(raw) if raw else None
        except ValueError:
            pass
        return answer
    finally:
        connection.close()


@dataclass
class Attempt:
    kind: str  # amendment, note, deadline, decision, revision, read
    client: str
    key: str  # the logical write: retries of one write share it
    phase: str
    begun: float
    answer: Answer


class Run:
    """The shared state of the clients and the fault injector."""

    def __init__(self, port: int, setup: dict, rng: random.Random):
        self.port = port
        self.tokens = setup["tokens"]
        self.document = setup["document"]
        self.meeting = setup["meeting"]
        self.revision = setup["revision"]  # the current revision, as the chair last found it
        self.rng = rng
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.phase = "setup"
        self.attempts: list[Attempt] = []
        self.probes: list[tuple[float, str, int | None]] = []  # (time, fate, status)
        self.in_flight: Counter = Counter()
        self.sent = {"revision": threading.Event(), "note": threading.Event()}
        self.acked_amendments: dict[str, tuple[str, int]] = {}  # marker -> (revision symbol, number)
        self.acked_notes: dict[int, tuple[str, str]] = {}  # id -> (number, officer)
        self.acked_revisions: dict[int, str] = {}  # id -> symbol
        self.acked_decisions: dict[tuple[str, int], str] = {}  # (revision symbol, number) -> outcome

    def write(self, kind: str, client: str, key: str, method: str, path: str, body: dict | None = None,
              signal_sent: str | None = None) -> Answer:
        with self.lock:
            self.in_flight[kind] += 1
            phase = self.phase
        if signal_sent:
            self.sent[signal_sent].set()
        begun = time.monotonic()
        try:
            answer = call(self.port, method, path, self.tokens[client.split(":")[0]], body)
        finally:
            with self.lock:
                self.in_flight[kind] -= 1
        with self.lock:
            self.attempts.append(Attempt(kind, client, key, phase, begun, answer))
        return answer

    def read(self, client: str, path: str) -> Answer:
        return call(self.port, "GET", path, self.tokens[client], None)

    def pause(self, answer: Answer) -> None:
        """How a client waits before its next try: ``Retry-After`` on a 503, a moment otherwise."""
        if answer.status == 503 and answer.retry_after and answer.retry_after.isdigit():
            self.stop.wait(int(answer.retry_after))
        else:
            self.stop.wait(0.2)


def delegate(run: Run, code: str) -> None:
    """Tables alternatives to the current revision, one after the other; retries one that got no answer or a 503."""
    sequence = 0
    while not run.stop.is_set():
        sequence += 1
        marker = f"{code}-{sequence}"
        body = {"kind": "alternative", "provision": run.rng.choice(PROVISIONS),
                "text": f"The delegation proposes wording [{marker}] for this paragraph."}
        while not run.stop.is_set():
            revision = run.revision
            answer = run.write("amendment", code, marker, "POST", f"/api/revisions/{revision}/amendments", body)
            if answer.ok:
                with run.lock:
                    run.acked_amendments[marker] = (answer.body["revision"], answer.body["number"])
                run.stop.wait(THINK_SECONDS)
                break
            if answer.fate != "answered" or answer.status >= 500:
                run.pause(answer)  # the same write again: it may or may not have been stored
                continue
            run.stop.wait(0.3)  # refused (the round closed, the revision superseded): a new write next
            break


def officer(run: Run, name: str) -> None:
    """Issues invitations to the demo's meeting, one after the other; retries one that got no answer or a 503."""
    sequence = 0
    body = {"purpose": "invitation", "meeting": run.meeting}
    while not run.stop.is_set():
        sequence += 1
        key = f"{name}-{sequence}"
        while not run.stop.is_set():
            answer = run.write("note", name, key, "POST", "/api/notes", body, signal_sent="note")
            if answer.ok:
                with run.lock:
                    run.acked_notes[answer.body["id"]] = (answer.body["number"], f"faults-{name}")
                run.stop.wait(THINK_SECONDS)
                break
            if answer.fate != "answered" or answer.status >= 500:
                run.pause(answer)
                continue
            run.stop.wait(0.3)
            break


class Retry(Exception):
    def __init__(self, answer: Answer):
        self.answer = answer


def chair(run: Run, open_seconds: float = 1.0) -> None:
    """Round after round: let the delegates table for a moment, close the round, decide every amendment (the first
    alternative accepted, the others not), issue the next revision. Every step reads the state first, so that after
    a write with no answer the chair goes on from what the database holds."""
    step = 0

    def get(path: str) -> dict:
        answer = run.read("chair", path)
        if not answer.ok:
            raise Retry(answer)
        return answer.body

    def send(kind: str, method: str, path: str, body: dict | None = None, signal_sent: str | None = None) -> Answer:
        nonlocal step
        step += 1
        answer = run.write(kind, "chair", f"chair-{step}", method, path, body, signal_sent)
        if not answer.ok:
            raise Retry(answer)
        return answer

    while not run.stop.is_set():
        try:
            revisions = get(f"/api/documents/{run.document}/revisions?limit=1000")["items"]
            current = max(revisions, key=lambda revision: revision["sequence"])
            run.revision, symbol = current["id"], current["symbol"]
            round_ = get(f"/api/revisions/{current['id']}/round")
            if round_["tabling_deadline"] is None:
                if run.stop.wait(open_seconds):
                    break
                now = dt.datetime.now(dt.timezone.utc).isoformat()
                send("deadline", "PUT", f"/api/revisions/{current['id']}/round",
                     {"tabling_deadline": now, "version": round_["version"]})
            path = f"/api/revisions/{current['id']}/amendments"
            accepted = get(f"{path}?status=accepted&limit=1")["count"]
            for amendment in get(f"{path}?status=tabled&limit=1000")["items"]:
                outcome = "not_accepted" if accepted else "accepted"
                send("decision", "POST", f"{path}/{amendment['number']}/decision",
                     {"outcome": outcome, "reason": "faults bench", "version": amendment["version"]})
                with run.lock:
                    run.acked_decisions[(symbol, amendment["number"])] = outcome
                accepted += outcome == "accepted"
            answer = send("revision", "POST", f"/api/revisions/{current['id']}/next", signal_sent="revision")
            with run.lock:
                run.acked_revisions[answer.body["revision_id"]] = answer.body["symbol"]
            run.revision = answer.body["revision_id"]
        except Retry as retry:
            run.pause(retry.answer)


def probe(run: Run, path: str) -> None:
    """Reads the round every 50 ms: when the API answers, and what."""
    while not run.stop.wait(0.05):
        answer = run.read("probe", path)
        with run.lock:
            run.probes.append((time.monotonic(), answer.fate, answer.status))


# The harness -------------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> str:
    """"" when the server is up: it answers a request without credentials (401), which needs no database; else what
    happened instead."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/api/chairmanship", headers=BEHIND_TLS)
        status = connection.getresponse().status
        return "" if status == 401 else f"answered {status}"
    except (OSError, http.client.HTTPException) as error:
        return f"{type(error).__name__}: {error}"
    finally:
        connection.close()


class Server:
    """``accord serve`` in a process group of its own, started again on the same port after a kill."""

    def __init__(self, environment: dict, port: int, workers: int, threads: int, log_path: str):
        self.environment, self.port, self.log_path = environment, port, log_path
        self.command = [_bin("accord"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                        "--threads", str(threads)]
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start it; the seconds until it answers."""
        begun = time.monotonic()
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(self.command, env=self.environment, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = begun + 60
        while failure := _answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"accord serve did not answer ({failure}):\n"
                                   f"{Path(self.log_path).read_text()[-2000:]}")
            time.sleep(0.02)
        return time.monotonic() - begun

    def kill(self) -> None:
        """SIGKILL to the whole process group: the master and every worker, mid-request."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        """SIGTERM (workers finish their requests), then SIGKILL to what is left."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(35)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        self.kill()


class Cluster:
    """A PostgreSQL cluster of the run's own through scripts/pg-cluster.sh."""

    def __init__(self, folder: str):
        self.environment = {**os.environ, "ACCORD_PG_CLUSTER_STATE": os.path.join(folder, "pg-cluster")}

    def _script(self, *args: str) -> str:
        return subprocess.run([PG_CLUSTER, *args], env=self.environment, check=True, capture_output=True,
                              text=True).stdout.strip()

    def start(self) -> str:
        self._script("start")
        return self._script("url")

    def restart(self, down: float) -> None:
        self._script("restart", str(down))

    def stop(self) -> None:
        subprocess.run([PG_CLUSTER, "stop"], env=self.environment, stdout=subprocess.DEVNULL)


@dataclass
class Phase:
    name: str
    begun: float
    ended: float = 0.0

    @property
    def seconds(self) -> float:
        return self.ended - self.begun


@dataclass
class Kill:
    target: str
    at: float
    in_flight: dict
    restart_seconds: float


@dataclass
class Restart:
    down: float
    begun: float
    back: float  # when the script returned: the database accepts connections again
    answered_again: float | None = None  # the probe's first 200 after it
    acked_again: float | None = None  # the first write answered 2xx that began after it
    answers_while_down: Counter = field(default_factory=Counter)

    @property
    def seconds(self) -> float:
        return self.back - self.begun


class Deadline(Exception):
    pass


def _on_alarm(signum, frame):
    raise Deadline("the run took longer than its limit")


def _on_term(signum, frame):
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delegates", type=int, default=DELEGATES)
    parser.add_argument("--officers", type=int, default=OFFICERS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--baseline", type=float, default=BASELINE_SECONDS, help="seconds without faults")
    parser.add_argument("--kills", type=int, default=KILLS, help="rounds of SIGKILL")
    parser.add_argument("--down", type=float, default=DOWN_SECONDS, help="seconds the database stays down once")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--limit", type=int, default=LIMIT_SECONDS, help="seconds the whole run may take")
    parser.add_argument("--server-log", help="keep the server's log in this file")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else secrets.randbelow(10**6)
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(options.limit)
    print(f"faults: seed {seed}, {options.delegates} delegates, the chair, {options.officers} officers; "
          f"accord serve {options.workers} workers × {options.threads} threads", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="accord-faults-") as folder:
            cluster = Cluster(folder)
            try:
                return run(options, seed, folder, cluster)
            finally:
                cluster.stop()
    except Deadline as error:
        print(f"faults: FAILED: {error} ({options.limit} s)", flush=True)
        return 1
    finally:
        signal.alarm(0)


def run(options, seed: int, folder: str, cluster: Cluster) -> int:
    rng = random.Random(seed)
    begun = time.monotonic()
    database_url = cluster.start()
    data_dir = os.path.join(folder, "data")
    os.mkdir(data_dir)
    environment = {
        **os.environ, "ACCORD_DATABASE_URL": database_url, "ACCORD_DEBUG": "0", "ACCORD_DEMO_MODE": "1",
        "ACCORD_ALLOWED_HOSTS": "127.0.0.1", "ACCORD_SECRET_KEY": secrets.token_urlsafe(50),
        "ACCORD_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "accord.project.settings",
        # The notes' e-mails are not what is tested.
        "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    setup_path = os.path.join(folder, "setup.json")
    subprocess.run([sys.executable, __file__, "--prepare", str(options.delegates), str(options.officers),
                    setup_path], env=environment, check=True)
    with open(setup_path, encoding="utf-8") as file:
        setup = json.load(file)
    print(f"  cluster, migrations and demo in {time.monotonic() - begun:.1f} s", flush=True)

    server = Server(environment, _free_port(), options.workers, options.threads, os.path.join(folder, "server.log"))
    shared = Run(server.port, setup, rng)
    threads: list[threading.Thread] = []
    phases: dict[str, Phase] = {}
    kills: list[Kill] = []
    restarts: list[Restart] = []
    try:
        cold_start = server.start()
        print(f"  accord serve answers {cold_start:.2f} s after it starts", flush=True)
        clients = [(delegate, code) for code in setup["tokens"] if len(code) == 2]
        clients += [(officer, name) for name in setup["tokens"] if name.startswith("officer")]
        threads = [threading.Thread(target=target, args=(shared, name), daemon=True) for target, name in clients]
        threads.append(threading.Thread(target=chair, args=(shared,), daemon=True))
        threads.append(threading.Thread(target=probe, args=(shared, f"/api/revisions/{setup['revision']}/round"),
                                        daemon=True))

        def phase(name: str) -> Phase:
            with shared.lock:
                shared.phase = name
            phases[name] = Phase(name, time.monotonic())
            return phases[name]

        current = phase("baseline")
        for thread in threads:
            thread.start()
        time.sleep(options.baseline)
        current.ended = time.monotonic()

        current = phase("sigkill")
        targets = ["any moment", "next revision sent", "note sent"]
        for round_number in range(options.kills):
            target = targets[round_number % len(targets)]
            time.sleep(rng.uniform(1.5, 3.5))
            if target != "any moment":
                event = shared.sent["revision" if target == "next revision sent" else "note"]
                event.clear()
                if event.wait(20):
                    time.sleep(rng.uniform(0.0, 0.15))  # within the transaction, most of the time
                else:
                    target = "any moment (the write aimed at was not sent within 20 s)"
            with shared.lock:
                in_flight = {kind: count for kind, count in shared.in_flight.items() if count}
            at = time.monotonic()
            server.kill()
            kills.append(Kill(target, at, in_flight, server.start()))
            print(f"  SIGKILL {round_number + 1} at {target}: writes in flight {in_flight or 'none'}; answering "
                  f"again after {kills[-1].restart_seconds:.2f} s", flush=True)
        time.sleep(2)
        current.ended = time.monotonic()

        current = phase("database restart")
        for down in [0.0, 0.0, options.down]:
            time.sleep(4)
            restart = Restart(down, time.monotonic(), 0.0)
            cluster.restart(down)
            restart.back = time.monotonic()
            restarts.append(restart)
            print(f"  PostgreSQL restarted ({down:g} s down): {restart.seconds:.2f} s", flush=True)
        time.sleep(5)
        current.ended = time.monotonic()
    finally:
        # The cleanup is bounded by itself: no alarm may cut it short and leave the server running.
        signal.alarm(0)
        shared.stop.set()
        until = time.monotonic() + CLIENT_TIMEOUT + 10
        for thread in threads:
            thread.join(max(0.0, until - time.monotonic()))
        server.stop()
    signal.alarm(120)  # for the checks

    stuck = [thread.name for thread in threads if thread.is_alive()]
    inspected_path = os.path.join(folder, "inspected.json")
    subprocess.run([sys.executable, __file__, "--inspect", inspected_path], env=environment, check=True)
    with open(inspected_path, encoding="utf-8") as file:
        inspected = json.load(file)
    verified = subprocess.run([_bin("accord"), "audit", "verify"], env=environment, capture_output=True, text=True)
    server_log = Path(folder, "server.log").read_text(errors="replace")
    if options.server_log:
        Path(options.server_log).write_text(server_log)
    return report(shared, phases, kills, restarts, cold_start, inspected, verified, stuck, server_log)


def report(shared: Run, phases: dict[str, Phase], kills: list[Kill], restarts: list[Restart], cold_start: float,
           inspected: dict, verified: subprocess.CompletedProcess, stuck: list[str], server_log: str) -> int:
    problems = list(inspected["problems"])
    if stuck:
        problems.append(f"clients still waiting after the run: {stuck}")
    if verified.returncode != 0:
        problems.append(f"accord audit verify: {verified.stdout.strip()} {verified.stderr.strip()}")
    attempts = shared.attempts
    writes = attempts

    # Acknowledged writes: each is in the database, as it was answered.
    stored_amendments = defaultdict(list)
    for amendment in inspected["amendments"]:
        if amendment["marker"]:
            stored_amendments[amendment["marker"]].append((amendment["symbol"], amendment["number"]))
    lost = [f"amendment [{marker}]" for marker, where in shared.acked_amendments.items()
            if tuple(where) not in map(tuple, stored_amendments.get(marker, []))]
    stored_notes = {note["id"]: (note["number"], note["officer"]) for note in inspected["notes"]}
    lost += [f"note {number}" for pk, (number, officer_name) in shared.acked_notes.items()
             if stored_notes.get(pk) != (number, officer_name)]
    stored_revisions = {revision["id"]: revision["symbol"] for revision in inspected["revisions"]}
    lost += [f"revision {symbol}" for pk, symbol in shared.acked_revisions.items() if stored_revisions.get(pk) != symbol]
    decided = {(symbol, number): status for symbol, number, status in
               ((a["symbol"], a["number"], a["status"]) for a in inspected["amendments"])}
    lost += [f"decision on {symbol} No. {number}" for (symbol, number), outcome in shared.acked_decisions.items()
             if decided.get((symbol, number)) != outcome]
    if lost:
        problems.append(f"{len(lost)} acknowledged writes not in the database: {lost[:5]}")

    # Every stored write is explained: answered 2xx, or sent without an answer or with a 5xx (each such try may have
    # been stored); a write refused with a 4xx never is.
    tries = defaultdict(Counter)  # key -> fates
    for attempt in writes:
        answer = attempt.answer
        fate = ("ok" if answer.ok else "unanswered" if answer.fate == "unanswered"
                else "not_sent" if answer.fate == "not_sent" else "5xx" if answer.status >= 500 else "4xx")
        tries[attempt.key][fate] += 1
    unexplained, duplicates, uncertain, uncertain_stored, answered_5xx_stored = [], 0, 0, 0, 0
    for marker, where in stored_amendments.items():
        fates = tries.get(marker, Counter())
        if len(where) > fates["ok"] + fates["unanswered"] + fates["5xx"]:
            unexplained.append(f"amendment [{marker}] stored {len(where)}× for tries {dict(fates)}")
        duplicates += max(0, len(where) - 1)
        if len(where) > fates["ok"]:
            uncertain_stored += len(where) - fates["ok"]
            answered_5xx_stored += fates["5xx"] > 0
    notes_by_officer = Counter(note["officer"] for note in inspected["notes"])
    note_tries = defaultdict(Counter)
    for attempt in writes:
        if attempt.kind == "note":
            answer = attempt.answer
            note_tries[f"faults-{attempt.client}"]["ok" if answer.ok else answer.fate if answer.fate != "answered"
                                                   else "5xx" if answer.status >= 500 else "4xx"] += 1
    for officer_name, count in notes_by_officer.items():
        fates = note_tries[officer_name]
        extra = count - fates["ok"]
        if extra < 0 or extra > fates["unanswered"] + fates["5xx"]:
            unexplained.append(f"{officer_name}: {count} notes stored for tries {dict(fates)}")
        uncertain_stored += max(0, extra)
    for attempt in writes:
        uncertain += attempt.answer.fate == "unanswered" or (attempt.answer.status or 0) >= 500
    if unexplained:
        problems.append(f"{len(unexplained)} stored writes no answer explains: {unexplained[:5]}")

    # The answers themselves: never a 500; a 503 is one line of JSON with Retry-After; none slow.
    answers = [attempt.answer for attempt in attempts]
    statuses = Counter(answer.status for answer in answers if answer.status is not None)
    errors_5xx = [answer for answer in answers if answer.status is not None and answer.status >= 500]
    bad_503 = [answer for answer in errors_5xx if answer.status != 503 or not answer.retry_after
               or not answer.content_type.startswith("application/json") or not isinstance(answer.body, dict)
               or "\n" in str(answer.body.get("detail", "\n"))
               or not str(answer.body.get("detail")).startswith("database unavailable")]
    if bad_503:
        problems.append(f"{len(bad_503)} 5xx answers that are not the 503 JSON error: "
                        f"{[(a.status, a.raw[:120]) for a in bad_503[:3]]}")
    probe_5xx = Counter(status for _at, fate, status in shared.probes if status is not None and status >= 500)
    if set(probe_5xx) - {503}:
        problems.append(f"the probe was answered {dict(probe_5xx)}")
    slowest = max((answer.seconds for answer in answers if answer.fate == "answered"), default=0.0)
    if slowest > MAX_ANSWER_SECONDS:
        problems.append(f"an answer took {slowest:.1f} s (at most {MAX_ANSWER_SECONDS:g} s)")
    if "database restart" in phases:
        restarting = phases["database restart"]
        cut = Counter(attempt.answer.fate for attempt in attempts if attempt.answer.fate != "answered"
                      and restarting.begun <= attempt.begun < restarting.ended)
        if cut:
            problems.append(f"requests without an answer while the database restarted (the server was up): {dict(cut)}")
    timeouts = sum(answer.fate == "unanswered" and answer.seconds >= CLIENT_TIMEOUT - 1 for answer in answers)
    if timeouts:
        problems.append(f"{timeouts} requests timed out after {CLIENT_TIMEOUT:g} s")

    # Rates: writes answered 2xx per second of each phase.
    def acked(phase: Phase, kinds: set | None = None) -> int:
        return sum(1 for attempt in attempts if attempt.answer.ok and phase.begun <= attempt.begun < phase.ended
                   and (kinds is None or attempt.kind in kinds))

    rates = {name: acked(phase) / phase.seconds for name, phase in phases.items() if phase.seconds > 0}
    by_kind = {name: Counter(a.kind for a in attempts if a.answer.ok and phase.begun <= a.begun < phase.ended)
               for name, phase in phases.items()}

    # Recovery after each restart of the database.
    for restart in restarts:
        restart.answered_again = next((at for at, _fate, status in shared.probes
                                       if at >= restart.back and status == 200), None)
        restart.acked_again = next((a.begun + a.answer.seconds for a in sorted(attempts, key=lambda a: a.begun)
                                    if a.begun >= restart.back and a.answer.ok), None)
        restart.answers_while_down = Counter(
            status if status is not None else fate for at, fate, status in shared.probes
            if restart.begun <= at <= restart.back)
        if restart.answered_again is None:
            problems.append(f"the API did not answer again after the database came back ({restart.down:g} s down)")
    down_restart = restarts[-1] if restarts else None
    if down_restart and not down_restart.answers_while_down.get(503):
        problems.append(f"no 503 while the database was down {down_restart.down:g} s: "
                        f"{dict(down_restart.answers_while_down)}")
    if "Traceback" in server_log and "OperationalError" in server_log.split("Traceback", 1)[1][:5000]:
        problems.append("the server logged a traceback of a database error")

    # Print and record.
    total_acked = (len(shared.acked_amendments) + len(shared.acked_notes) + len(shared.acked_revisions)
                   + len(shared.acked_decisions))
    print(f"\n  answers: {dict(sorted(statuses.items()))}; sent without an answer "
          f"{sum(a.fate == 'unanswered' for a in answers)}, not sent (server down) "
          f"{sum(a.fate == 'not_sent' for a in answers)}")
    for name, phase in phases.items():
        print(f"  {name}: {phase.seconds:.1f} s, {rates.get(name, 0):.1f} writes/s acknowledged "
              f"({dict(by_kind[name])})")
    if "baseline" in phases:
        latencies = defaultdict(list)
        for attempt in attempts:
            if attempt.answer.ok and phases["baseline"].begun <= attempt.begun < phases["baseline"].ended:
                latencies[attempt.kind].append(attempt.answer.seconds)
        print("  median latency without faults: " + ", ".join(
            f"{kind} {statistics.median(values) * 1000:.0f} ms" for kind, values in sorted(latencies.items())))
    print(f"  acknowledged: {len(shared.acked_amendments)} amendments, {len(shared.acked_decisions)} decisions, "
          f"{len(shared.acked_revisions)} revisions, {len(shared.acked_notes)} notes; lost {len(lost)}")
    print(f"  database: {len(inspected['revisions'])} revisions, {len(inspected['amendments'])} amendments, "
          f"{len(inspected['notes'])} notes; {verified.stdout.strip() or verified.stderr.strip()}")
    print(f"  tries sent without an answer or answered 5xx: {uncertain}; writes stored anyway: {uncertain_stored} "
          f"(of them with a 503 among their tries: {answered_5xx_stored}); amendments stored twice by a retry: "
          f"{duplicates}")
    restart_times = [kill.restart_seconds for kill in kills]
    for restart in restarts:
        again = f"{restart.answered_again - restart.back:.2f} s" if restart.answered_again else "never"
        written = f"{restart.acked_again - restart.back:.2f} s" if restart.acked_again else "never"
        print(f"  database down {restart.down:g} s: restart took {restart.seconds:.2f} s; API answering again "
              f"{again} after, first write acknowledged {written} after; probe while down "
              f"{dict(restart.answers_while_down)}")
    print(f"  slowest answer {slowest:.2f} s; the server logged {server_log.count('database unavailable')} "
          f"requests refused for the database, {server_log.count('Traceback')} tracebacks")
    for problem in problems:
        print(f"  FAILED: {problem}")
    print(f"faults: {'invariants hold' if not problems else f'{len(problems)} invariants broken'}", flush=True)

    baseline_rate = rates.get("baseline") or None
    record(BENCH, "writes acknowledged/s during SIGKILL rounds", rates.get("sigkill", 0), unit="/s",
           baseline=baseline_rate, baseline_label="/s without faults", target="reported", ok=True)
    record(BENCH, "writes acknowledged/s during database restarts", rates.get("database restart", 0), unit="/s",
           baseline=baseline_rate, baseline_label="/s without faults", target="reported", ok=True)
    if restart_times:
        median_restart = statistics.median(restart_times)
        record(BENCH, "server answering again after SIGKILL (median)", median_restart, unit="s",
               baseline=cold_start, baseline_label="s cold start", target="≤ 2× the cold start",
               ok=median_restart <= 2 * cold_start)
    for number, restart in enumerate(restarts, 1):
        if restart.answered_again is not None:
            recovery = restart.answered_again - restart.back
            record(BENCH, f"API answering again after the database is back (restart {number}, {restart.down:g} s "
                   "down)", recovery,
                   unit="s", baseline=restart.seconds, baseline_label="s the restart itself took",
                   target="≤ 1 s", ok=recovery <= 1.0)
    record(BENCH, "acknowledged writes lost", len(lost), baseline=total_acked, baseline_label="acknowledged",
           target="0", ok=not lost)
    record(BENCH, "half-written or inconsistent records", len(inspected["problems"]), target="0",
           ok=not inspected["problems"])
    record(BENCH, "stored writes no answer or retry explains", len(unexplained), baseline=uncertain_stored or None,
           baseline_label="stored after no answer or a 5xx", target="0", ok=not unexplained)
    record(BENCH, "answers 500 or 503 without the JSON error", len(bad_503), baseline=statuses.get(503) or None,
           baseline_label="503 JSON errors", target="0", ok=not bad_503)
    record(BENCH, "slowest answer under faults", slowest, unit="s", target=f"≤ {MAX_ANSWER_SECONDS:g} s",
           ok=slowest <= MAX_ANSWER_SECONDS)
    record(BENCH, "audit chain", 1.0 if verified.returncode == 0 else 0.0, target="holds",
           ok=verified.returncode == 0)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1:2] == ["--inspect"]:
        inspect(sys.argv[2])
    else:
        sys.exit(main())
