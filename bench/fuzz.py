"""The long fuzz run of Accord's importers: over 100,000 inputs through every reader, a few thousand of them through the
database-level import, in a few minutes.

What is fuzzed, each by hypothesis (``@given`` with ``max_examples``, no example database, no deadline), in chunks
spread over worker processes:

* the text reader (``parse_text``, ``parse_bytes``): random text and bytes, and the seed package
  (../shared/seeds/000_eb14f680198fb1ca.txt), a window of its lines or the whole of it, under random edits;
* the DOCX reader: Accord's own DOCX exports of the seed with one XML part edited and the package repacked, the same
  exports damaged as bytes, and packages of random parts (missing ones, random XML, directories that lie about sizes);
* the XLIFF reader (``read_xliff``): Accord's XLIFF 2.0 and 1.2 exports of the seed's declaration under edits, and
  random XML;
* enormous inputs: a short piece repeated into a line or into thousands of blocks, read at two sizes four times apart;
  a time more than ten times longer at the larger size is a failure (a reader gone quadratic);
* ``documents.services.import_file`` on a fresh SQLite database: edited seeds, fixtures and DOCX exports, and the
  hostile files of bench/hostile.py. A refused import must leave every table as it was, an accepted one must store
  what PostgreSQL would accept too (symbols of at most 100 characters, revision numbers that fit an integer, no NUL).

Edits are drawn by hypothesis (bench/mutations.py), so that a failing input shrinks before it is reported.

A failure is any exception other than the reader's own refusal (``ParseError``, ``XliffError``, ``ImportRefused``),
a refusal that is not one line naming the file, a result the model cannot store or read back, an input taking more
than :data:`SLOW_SECONDS`, or a worker that hangs (killed after :data:`HANG_SECONDS`) or dies (memory is capped at
:data:`MEMORY_LIMIT` per worker). Each failing input is saved under ``var/fuzz/`` with its traceback, and printed; the
run then exits 1.

The baseline, measured in the same run: the rate at which the unmutated seed is parsed.

    .venv/bin/python bench/fuzz.py                 # the full run
    .venv/bin/python bench/fuzz.py --scale 0.05    # a twentieth of each target, to try it
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import queue
import resource
import shutil
import struct
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:  # imported by the tests (tests/text/fuzz_helpers.py): its neighbours, shadowing nothing
    sys.path.append(str(HERE))

from report import record  # noqa: E402

OUT = ROOT / "var" / "fuzz"
SLOW_SECONDS = 10.0  # an input read this slowly is a failure: a hang in the making
HANG_SECONDS = 90.0  # a worker stuck this long on one input is killed, and the input reported
MEMORY_LIMIT = 3 << 30  # address space per worker: a blow-up ends in MemoryError, a failure, not in swapping
CHUNK = 2_500  # examples per hypothesis run
SUPERLINEAR = 10.0  # enormous inputs: the larger (4×) may take at most this many times as long as the smaller
TOTAL_TARGET = 100_000

# name, examples, what
TARGETS: list[tuple[str, int, str]] = [
    ("database", 3_000, "import_file on SQLite: edited seeds, fixtures, DOCX exports, hostile files"),
    ("enormous", 240, "a piece repeated into a long line or many blocks, at two sizes (2 inputs each)"),
    ("text", 20_000, "random Markdown-like text -> parse_text"),
    ("bytes", 15_000, "random bytes named .md/.txt/.docx -> parse_bytes"),
    ("seed-window", 28_000, "a window of the seed's lines, edited -> parse_bytes"),
    ("seed-whole", 1_500, "the whole seed, edited -> parse_bytes"),
    ("docx-xml", 10_000, "a part of the seed's DOCX export edited, repacked -> parse_bytes"),
    ("docx-zip", 8_000, "the seed's DOCX export damaged as bytes -> parse_bytes"),
    ("docx-package", 3_000, "packages of random parts, sizes that lie -> parse_bytes"),
    ("xliff", 9_000, "the seed's XLIFF 2.0/1.2 exports edited -> read_xliff"),
    ("xliff-random", 3_000, "random bytes and XLIFF-like XML -> read_xliff"),
]
INPUTS_PER_EXAMPLE = {"enormous": 2}


# ---------------------------------------------------------------------------------------------------------------
# What a worker does


class Failure(AssertionError):
    """A property of a reader's answer that does not hold."""


class Current:
    """The input being read, kept in a file so that the parent can report it if the worker hangs or dies: a length,
    then the target and file name on a line, then the bytes (written over the last, never truncated: that is slow)."""

    def __init__(self, worker: int, heartbeat):
        self.fd = os.open(OUT / f"current-{worker}.bin", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        self.heartbeat = heartbeat
        self.worker = worker

    def set(self, target: str, name: str, data: bytes) -> None:
        record = f"{target} {name}\n".encode() + data
        os.pwrite(self.fd, struct.pack("<Q", len(record)) + record, 0)
        self.heartbeat[self.worker] = time.monotonic()

    def clear(self) -> None:
        self.heartbeat[self.worker] = 0.0


def last_input(worker: int) -> tuple[str, str, bytes]:
    """What worker ``worker`` was reading: its target, file name and bytes."""
    raw = (OUT / f"current-{worker}.bin").read_bytes() if (OUT / f"current-{worker}.bin").exists() else b""
    if len(raw) < 8:
        return "?", "?", b""
    (length,) = struct.unpack_from("<Q", raw)
    head, _, data = raw[8:8 + length].partition(b"\n")
    target, _, name = head.decode(errors="replace").partition(" ")
    return target, name, data


REPRODUCE = {
    "text": "parse_text(data.decode('utf-8', 'surrogatepass'), name)  # from accord.text",
    "enormous": "parse_text(data.decode('utf-8', 'surrogatepass'), name)  # from accord.text",
    "xliff": "read_xliff(data)  # from accord.text.xliff",
    "xliff-random": "read_xliff(data)  # from accord.text.xliff",
    "database": "import_file(data, name, None)  # from accord.documents.services, on a migrated database",
}


def save_failure(target: str, key: str, name: str, data: bytes, problem: str) -> Path:
    """Keep a failing input and what went wrong; during shrinking the same file is overwritten by smaller inputs."""
    path = OUT / f"failure-{target}-{key}.bin"
    path.write_bytes(data)
    reproduce = REPRODUCE.get(target, "parse_bytes(data, name)  # from accord.text")
    path.with_suffix(".txt").write_text(
        f"target: {target}\nfile name: {name}\nreproduce: data = open({str(path)!r}, 'rb').read(); name = {name!r}; "
        f"{reproduce}\n\n{problem}\n", encoding="utf-8")
    return path


def check_documents(documents, name: str) -> None:
    """What every document read must be: storable as JSON in UTF-8 without NUL, and read back equal from it."""
    from accord.text import Declaration, NoteVerbale, document_from_dict

    if not documents:
        raise Failure("the reader returned no document and no refusal")
    for document in documents:
        if not isinstance(document, (Declaration, NoteVerbale)):
            raise Failure(f"the reader returned a {type(document).__name__}")
        content = document.to_dict()
        encoded = json.dumps(content, ensure_ascii=False)
        encoded.encode("utf-8")  # a lone surrogate cannot be stored
        if "\x00" in encoded or "\\u0000" in encoded:
            raise Failure("a document holds NUL, which PostgreSQL cannot store")
        if document_from_dict(content) != document:
            raise Failure("the document does not read back from its own JSON")


def check_refusal(message: str, name: str) -> None:
    if "\n" in message or "\r" in message:
        raise Failure(f"a refusal of more than one line: {message[:300]!r}")
    if not message.startswith(f"{name}: "):
        raise Failure(f"a refusal that does not start with the file name {name!r}: {message[:300]!r}")


def read_with(parse, source, name: str) -> str:
    """``parse(source, name)`` with a reader of the text core: "read" when the documents hold together, "refused"
    when it refused in one line naming the file; anything else raises :class:`Failure`."""
    from accord.text import ParseError

    try:
        documents = parse(source, name)
    except ParseError as error:
        check_refusal(str(error), name)
        return "refused"
    check_documents(documents, name)
    return "read"


def read_bytes(data: bytes, name: str) -> str:
    from accord.text import parse_bytes

    return read_with(parse_bytes, data, name)


def read_text(text: str, name: str) -> str:
    from accord.text import parse_text

    return read_with(parse_text, text, name)


def read_xliff_file(data: bytes, name: str) -> str:
    from accord.text.xliff import STATES, XliffError, read_xliff

    try:
        xliff = read_xliff(data)
    except XliffError as error:
        check_refusal(f"{name}: {error}", name)
        return "refused"
    for unit in xliff.units:
        for text in (unit.id, unit.source, unit.target or "", unit.label or ""):
            if not isinstance(text, str):
                raise Failure(f"unit {unit.id!r}: a {type(text).__name__} where text belongs")
            text.encode("utf-8")  # a lone surrogate could be neither stored nor written out
        if unit.state not in STATES:
            raise Failure(f"unit {unit.id!r}: state {unit.state!r}")
    return "read"


# The database ------------------------------------------------------------------------------------------------

_database_ready = False


def database() -> None:
    """Django over a fresh SQLite database of this worker's own, migrated (once per worker)."""
    global _database_ready
    if _database_ready:
        return
    data_dir = tempfile.mkdtemp(prefix="accord-fuzz-")
    os.environ.pop("ACCORD_DATABASE_URL", None)
    os.environ.update(DJANGO_SETTINGS_MODULE="accord.project.settings", ACCORD_DATA_DIR=data_dir, ACCORD_DEBUG="0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _database_ready = True


def fingerprint() -> dict[str, int]:
    from django.apps import apps

    return {model.__name__: model.objects.count() for model in apps.get_app_config("documents").get_models()}


class _Undo(Exception):
    """Leaves the block that wraps an import, rolling it back, so that every input meets the same database."""


def import_into_database(data: bytes, name: str) -> str:
    from django.db import transaction
    from django.utils import translation

    from accord.documents.models import LanguageVersion, Revision
    from accord.documents.services import MAX_SEQUENCE, ImportRefused, import_file

    before = fingerprint()
    outcome = ""
    try:
        with translation.override("en"), transaction.atomic():
            try:
                stored = import_file(data, name, None)
            except ImportRefused as refusal:
                check_refusal(str(refusal), name)
                if fingerprint() != before:
                    raise Failure(f"a refused import left rows behind: {before} -> {fingerprint()}") from None
                outcome = "refused"
                raise _Undo from None
            after = fingerprint()
            if after["LanguageVersion"] != before["LanguageVersion"] + len(stored) or not stored:
                raise Failure(f"{len(stored)} versions stored, but the table went {before} -> {after}")
            symbol_length = Revision._meta.get_field("symbol").max_length
            for version in LanguageVersion.objects.filter(pk__in=[v.pk for v in stored]).select_related("revision"):
                revision = version.revision
                if len(revision.symbol) > symbol_length or not 0 < revision.sequence <= MAX_SEQUENCE:
                    raise Failure(f"stored {revision.symbol!r} (revision {revision.sequence}): PostgreSQL refuses it")
                if "\\u0000" in json.dumps(version.content):
                    raise Failure("stored NUL, which PostgreSQL cannot store")
            outcome = "read"
            raise _Undo
    except _Undo:
        pass
    if fingerprint() != before:
        raise Failure(f"the database changed: {before} -> {fingerprint()}")
    return outcome


# Strategies ------------------------------------------------------------------------------------------------------


def strategies():
    """Each target's strategy of cases and how a case becomes ``(name, data, reader)``."""
    from hypothesis import strategies as st

    import mutations as m

    text_tokens = m.text_tokens()
    syntax = st.sampled_from(list("*_#\\ \n\t.,;:()[]<>!-/=1234567890abcIVXаәбв№ММDRAFT«»\u00a0\ufeff\u2028中"))
    markdownish = st.text(alphabet=syntax | st.characters(), max_size=1500)
    tokens_text = st.lists(st.sampled_from([t.decode("utf-8", "replace") for t in text_tokens]) | markdownish,
                           max_size=60).map("".join)
    zip_tokens = (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PK\x07\x08", b"\x00\x00\x00\x00", b"\xff\xff\xff\xff",
                  b"\x14\x00", b"\x08\x00", b"\x00" * 22)
    part_names = ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                  "word/styles.xml", "word/numbering.xml", "word/header1.xml", "WORD/Document.XML", "word/", "../x",
                  "/word/document.xml", "word/media/image1.png")
    word_xml = st.lists(st.sampled_from(m.WORD_TOKENS) | st.binary(max_size=8), max_size=80).map(
        lambda pieces: b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                       b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>'
                       + b"".join(pieces) + b"</w:body></w:document>")
    rels = st.sampled_from([
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>',
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/><Relationship Id="rId1" Type="x/officeDocument" Target="../../../../etc"/>'
        b"</Relationships>",
        b"<Relationships/>",
    ])
    package = st.tuples(
        st.dictionaries(st.sampled_from(part_names), st.one_of(word_xml, rels, st.binary(max_size=200)), max_size=6),
        st.booleans(),
        st.none() | st.tuples(st.sampled_from(part_names), st.sampled_from([0, 1, 1000, 1 << 20, (50 << 20) + 1,
                                                                             0xFFFFFFFF])),
    )
    xliff_xml = st.lists(st.sampled_from(m.XLIFF_TOKENS) | st.binary(max_size=6), max_size=80).map(
        lambda pieces: b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-GB" '
                       b'trgLang="ru-RU"><file id="f">' + b"".join(pieces) + b"</file></xliff>")
    prefixes = ("", "DRAFT DECLARATION\n\n", "**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n*Recalling* the Act;\n\n",
                "No. 17-1/542\n\n", "ПРОЕКТ ДЕКЛАРАЦИИ\n\n", "DRAFT CONVENTION\n\nArticle 1\n\n",
                "**DRAFT DECLARATION**\n\n***DECLARE THE FOLLOWING:***\n\n")
    pieces = st.sampled_from([t.decode("utf-8", "replace") for t in text_tokens]) | st.text(min_size=1, max_size=6)

    def named(name: str, data: bytes, reader):
        return name, data, reader

    return {
        "text": (st.one_of(markdownish, tokens_text, tokens_text),
                 lambda text: ("fuzz.md", text.encode("utf-8", "surrogatepass"), lambda d, n: read_text(text, n))),
        "bytes": (st.tuples(st.binary(max_size=3000), st.sampled_from(["fuzz.md", "fuzz.txt", "fuzz.docx", "fuzz"])),
                  lambda case: named(case[1], case[0], read_bytes)),
        "seed-window": (st.tuples(st.integers(0, 10_000), st.integers(1, 300), m.edits(text_tokens)),
                        lambda case: named("seed.txt", m.apply(m.seed_window(case[0], case[1]), case[2]), read_bytes)),
        "seed-whole": (m.edits(text_tokens, max_edits=4),
                       lambda case: named("seed.txt", m.apply(m.seed_bytes(), case), read_bytes)),
        "docx-xml": (st.tuples(st.sampled_from([2, 2, 2, 2, 1, 0]), st.integers(0, 100), m.edits(m.WORD_TOKENS, 4),
                               st.booleans()),
                     lambda case: named("seed.docx", m.mutated_docx(*case), read_bytes)),
        "docx-zip": (st.tuples(st.sampled_from([0, 1, 2]), m.edits(zip_tokens + m.WORD_TOKENS, max_edits=4)),
                     lambda case: named("seed.docx", m.apply(m.docx_bytes(case[0]), case[1]), read_bytes)),
        "docx-package": (package, lambda case: named("package.docx", _package(*case), read_bytes)),
        "xliff": (st.tuples(st.sampled_from([0, 1]), m.edits(m.XLIFF_TOKENS, 4)),
                  lambda case: named("seed.xlf", m.apply(m.xliff_exports()[case[0]], case[1]), read_xliff_file)),
        "xliff-random": (st.one_of(st.binary(max_size=2000), xliff_xml),
                         lambda data: named("random.xlf", data, read_xliff_file)),
        "enormous": (st.tuples(st.sampled_from(prefixes), pieces, st.sampled_from(["line", "blocks", "lines"])),
                     lambda case: _enormous(*case)),
        "database": (st.one_of(
            st.tuples(st.just("seed"), m.edits(text_tokens, max_edits=3)),
            st.tuples(st.just("window"), st.tuples(st.integers(0, 10_000), st.integers(1, 200), m.edits(text_tokens))),
            st.tuples(st.just("fixture"), st.tuples(st.integers(0, 100), m.edits(text_tokens, max_edits=3))),
            st.tuples(st.just("docx"), st.tuples(st.sampled_from([2, 1]), st.integers(0, 100), m.edits(m.WORD_TOKENS),
                                                 st.booleans())),
            st.tuples(st.just("hostile"), st.integers(0, 1000)),
        ), _database_case),
    }


def _package(files: dict[str, bytes], deflate: bool, lie) -> bytes:
    import hostile
    import mutations as m

    data = m.zip_parts(files, zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED)
    if lie is not None:
        data = hostile.declare_size(data, lie[0], lie[1])
    return data


def _enormous(prefix: str, piece: str, shape: str):
    """A piece repeated to some 8,000 and 32,000 characters; read at both sizes, timed."""
    unit = piece if shape == "line" else piece + ("\n\n" if shape == "blocks" else "\n")
    small = prefix + unit * max(1, 8_000 // len(unit))
    large = prefix + unit * max(4, 32_000 // len(unit))

    def reader(data: bytes, name: str) -> str:
        times = []
        for text in (small, large):
            start = time.perf_counter()
            outcome = read_text(text, name)
            times.append(time.perf_counter() - start)
        if times[1] > 0.25 and times[1] > SUPERLINEAR * times[0]:  # measured again, the best of three, to be sure
            times = [min(_timed(read_text, text, name) for _ in range(3)) for text in (small, large)]
            if times[1] > 0.25 and times[1] > SUPERLINEAR * times[0]:
                raise Failure(f"{len(large):,} characters took {times[1]:.2f} s, {times[1] / times[0]:.0f} times "
                              f"the {times[0]:.3f} s of {len(small):,}: reading is not linear")
        return outcome

    return "enormous.md", large.encode("utf-8", "surrogatepass"), reader


def _timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _database_case(case):
    import hostile
    import mutations as m

    kind, detail = case
    if kind == "seed":
        return "seed.txt", m.apply(m.seed_bytes(), detail), import_into_database
    if kind == "window":
        return "window.md", m.apply(m.seed_window(detail[0], detail[1]), detail[2]), import_into_database
    if kind == "fixture":
        fixtures = sorted((ROOT / "tests" / "text" / "fixtures").glob("*.md")) + sorted(
            (ROOT / "tests" / "text" / "fixtures").glob("*.txt"))
        path = fixtures[detail[0] % len(fixtures)]
        return path.name, m.apply(path.read_bytes(), detail[1]), import_into_database
    if kind == "docx":
        return "seed.docx", m.mutated_docx(*detail), import_into_database
    files = list(hostile.hostile_files().values())
    chosen = files[detail % len(files)]
    return chosen.name, chosen.data, import_into_database


def run_chunk(target: str, examples: int, chunk_seed: int, current: Current) -> dict:
    """``examples`` inputs of ``target``; the counts, the slowest input, and the failures with their saved inputs."""
    from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings

    strategy, build = strategies()[target]
    stats = {"target": target, "inputs": 0, "read": 0, "refused": 0, "slowest": 0.0, "failures": []}
    key = f"{chunk_seed:x}"
    if target == "database":
        database()

    @seed(chunk_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet)
    @given(strategy)
    def fuzz(case):
        try:
            name, data, reader = build(case)
        except Exception as error:  # a fault of the harness: kept, with the case hypothesis drew
            save_failure(target, key, "?", repr(case).encode(), "".join(traceback.format_exception(error)))
            raise
        current.set(target, name, data)
        start = time.perf_counter()
        try:
            outcome = reader(data, name)
        except (Exception, RecursionError) as error:
            problem = "".join(traceback.format_exception(error))
            save_failure(target, key, name, data, problem)
            raise
        finally:
            current.clear()
        elapsed = time.perf_counter() - start
        stats["inputs"] += INPUTS_PER_EXAMPLE.get(target, 1)
        stats[outcome] += 1
        stats["slowest"] = max(stats["slowest"], elapsed)
        if elapsed > SLOW_SECONDS:
            path = save_failure(target, f"{key}-slow", name, data, f"took {elapsed:.1f} s (limit {SLOW_SECONDS} s)")
            stats["failures"].append({"target": target, "problem": f"took {elapsed:.1f} s", "input": str(path)})

    start = time.perf_counter()
    try:
        fuzz()
    except Exception as error:  # noqa: BLE001 — reported, with the shrunk input hypothesis last ran
        path = OUT / f"failure-{target}-{key}.bin"
        stats["failures"].append({"target": target, "problem": f"{type(error).__name__}: {error}"[:2000],
                                  "input": str(path)})
    stats["seconds"] = time.perf_counter() - start
    stats["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return stats


def worker(number: int, tasks, results, heartbeat) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    current = Current(number, heartbeat)
    while True:
        task = tasks.get()
        if task is None:
            return
        results.put((number, task, run_chunk(*task, current)))


# ---------------------------------------------------------------------------------------------------------------
# The parent: baseline, chunks, watchdog, report


def baseline() -> float:
    """Parses per second of the unmutated seed: the best of five rounds of ten."""
    from accord.text import parse_bytes

    import mutations as m

    data = m.seed_bytes()
    parse_bytes(data, "seed.txt")
    best = min(_timed(lambda: [parse_bytes(data, "seed.txt") for _ in range(10)]) for _ in range(5))
    return 10 / best


def chunks(scale: float, run_seed: int) -> list[tuple[str, int, int]]:
    tasks = []
    for name, examples, _ in TARGETS:
        count = max(1, round(examples * scale))
        for index, start in enumerate(range(0, count, CHUNK)):
            digest = hashlib.sha256(f"{run_seed}/{name}/{index}".encode()).digest()
            tasks.append((name, min(CHUNK, count - start), int.from_bytes(digest[:4], "big")))
    return tasks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="run this fraction of each target's inputs")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="worker processes (default: one a CPU)")
    parser.add_argument("--seed", type=int, default=1, help="hypothesis seed of the run (same seed, same inputs)")
    args = parser.parse_args(argv)

    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    rate = baseline()
    print(f"baseline: the unmutated seed parses {rate:,.0f} times a second")
    tasks = chunks(args.scale, args.seed)
    planned = sum(n * INPUTS_PER_EXAMPLE.get(t, 1) for t, n, _ in tasks)
    print(f"{planned:,} inputs in {len(tasks)} chunks on {args.workers} workers")

    context = mp.get_context("spawn")
    task_queue, results = context.Queue(), context.Queue()
    for task in tasks:
        task_queue.put(task)
    heartbeat = context.Array("d", args.workers, lock=False)
    processes: dict[int, mp.Process] = {}

    def start(number: int) -> None:
        task_queue.put(None)  # one stop sign per worker started
        process = context.Process(target=worker, args=(number, task_queue, results, heartbeat), daemon=True)
        process.start()
        processes[number] = process

    for number in range(args.workers):
        start(number)

    by_target: dict[str, dict] = {}
    failures: list[dict] = []
    peak_mb = 0.0
    done = 0
    began = last_report = time.monotonic()
    finished = 0
    while finished < len(tasks):
        try:
            number, task, stats = results.get(timeout=1.0)
        except queue.Empty:
            now = time.monotonic()
            for number, process in list(processes.items()):
                started = heartbeat[number]
                hung = started and now - started > HANG_SECONDS
                if not hung and process.exitcode == 0:  # out of work, it stopped
                    del processes[number]
                    continue
                if hung or process.exitcode is not None:
                    target, name, data = last_input(number)
                    problem = (f"no answer after {HANG_SECONDS:.0f} s" if hung
                               else f"the worker died (exit status {process.exitcode})")
                    kept = save_failure(target, f"{'hang' if hung else 'death'}-{number}-{int(now)}", name, data,
                                        problem)
                    failures.append({"target": target, "problem": problem, "input": str(kept)})
                    print(f"!! {target}: {problem}; input kept in {kept}", flush=True)
                    process.kill()
                    process.join()
                    heartbeat[number] = 0.0
                    finished += 1  # its chunk is lost
                    start(number)
            if now - last_report > 15:
                last_report = now
                print(f"   {done:,} inputs, {done / (now - began):,.0f}/s, {finished}/{len(tasks)} chunks", flush=True)
            continue
        finished += 1
        done += stats["inputs"]
        peak_mb = max(peak_mb, stats["peak_mb"])
        total = by_target.setdefault(stats["target"], {"inputs": 0, "read": 0, "refused": 0, "slowest": 0.0,
                                                        "seconds": 0.0, "failures": 0})
        for field_name in ("inputs", "read", "refused", "seconds"):
            total[field_name] += stats[field_name]
        total["slowest"] = max(total["slowest"], stats["slowest"])
        total["failures"] += len(stats["failures"])
        failures += stats["failures"]
        for failure in stats["failures"]:
            print(f"!! {failure['target']}: {failure['problem'].splitlines()[0][:300]}", flush=True)
    for process in processes.values():
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    elapsed = time.monotonic() - began

    print(f"\n{'target':14} {'inputs':>8} {'read':>7} {'refused':>8} {'failures':>8} {'slowest s':>9} {'inputs/s':>9}")
    for name, _, what in TARGETS:
        if name in by_target:
            t = by_target[name]
            print(f"{name:14} {t['inputs']:8,} {t['read']:7,} {t['refused']:8,} {t['failures']:8} "
                  f"{t['slowest']:9.2f} {t['inputs'] / max(t['seconds'], 1e-9):9,.0f}   {what}")
    inputs = sum(t["inputs"] for t in by_target.values())
    slowest = max((t["slowest"] for t in by_target.values()), default=0.0)
    database_inputs = by_target.get("database", {}).get("inputs", 0)
    print(f"\n{inputs:,} inputs in {elapsed:.0f} s ({inputs / elapsed:,.0f}/s on {args.workers} workers), "
          f"{database_inputs:,} through the database; {len(failures)} failures; slowest input {slowest:.2f} s; "
          f"peak worker memory {peak_mb:,.0f} MB")
    (OUT / "summary.json").write_text(json.dumps({"inputs": inputs, "seconds": elapsed, "failures": failures,
                                                  "targets": by_target, "baseline_parses_per_second": rate}, indent=1))
    for failure in failures:
        path = Path(failure["input"])
        data = path.read_bytes() if path.exists() else b""
        print(f"\nFAILURE in {failure['target']}: {failure['problem']}\n  input ({len(data):,} bytes) saved in {path}"
              f"\n  {data[:400]!r}{'…' if len(data) > 400 else ''}")

    bench = "fuzz (importers)"
    full = args.scale >= 1.0
    record(bench, "inputs run", inputs, target=f">= {TOTAL_TARGET:,}", ok=inputs >= TOTAL_TARGET or not full)
    record(bench, "failures (unexpected exceptions, hangs, bad refusals)", len(failures), target="0",
           ok=not failures)
    record(bench, "database imports checked for partial state", database_inputs, target=">= 2,000",
           ok=database_inputs >= 2_000 or not full)
    record(bench, "throughput", inputs / elapsed, unit="inputs/s", baseline=rate,
           baseline_label="parses/s of the unmutated seed", target="informative")
    record(bench, "slowest input", slowest, unit="s", baseline=1 / rate, baseline_label="s to parse the seed",
           target=f"< {SLOW_SECONDS:.0f} s", ok=slowest < SLOW_SECONDS)
    record(bench, "peak memory of a worker", peak_mb, unit="MB", target=f"< {MEMORY_LIMIT >> 20:,} MB",
           ok=peak_mb < MEMORY_LIMIT >> 20)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
