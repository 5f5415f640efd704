"""With the database unreachable, Accord answers 503 with ``Retry-After``: the API's one-line JSON error, a short page
for the web, never a 500 (accord.project.unavailable).

No mock stands in for the database: a real server (``accord serve``, outside debug as in production) runs in a
subprocess whose ``ACCORD_DATABASE_URL`` names a PostgreSQL server on a port of 127.0.0.1 where nothing listens, so
every connection is refused, as while the database restarts or is stopped. That holds on either test pass, with or
without a PostgreSQL cluster, and takes the server's start-up, a second or two. bench/faults.py does the same against
a cluster that really restarts under load.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ACCORD = str(Path(sys.executable).with_name("accord"))
# A session cookie of a well-formed key: reading it needs the database (a malformed one is ignored without it).
SESSION = f"sessionid={'a' * 32}"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The port of an Accord server whose database is a closed port."""
    port = free_port()
    environment = {
        **os.environ,
        "ACCORD_DATABASE_URL": f"postgres://accord@127.0.0.1:{free_port()}/accord",
        "ACCORD_DEBUG": "0",
        "ACCORD_SECRET_KEY": secrets.token_urlsafe(40),
        "ACCORD_ALLOWED_HOSTS": "127.0.0.1",
        "ACCORD_DATA_DIR": str(tmp_path_factory.mktemp("data")),
    }
    process = subprocess.Popen([ACCORD, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"],
                               env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"accord serve did not start: {process.communicate()[1][-2000:]}")
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def request(port: int, method: str, path: str, body: dict | None = None, **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # What the TLS terminator in front adds: without it, a request outside debug is redirected to HTTPS.
        headers = {"X-Forwarded-Proto": "https", **{name.replace("_", "-"): value for name, value in headers.items()}}
        if body is not None:
            headers["Content-Type"] = "application/json"
        begun = time.monotonic()
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response, response.read().decode(), time.monotonic() - begun
    finally:
        connection.close()


def assert_unavailable(response, seconds: float) -> None:
    assert response.status == 503
    assert int(response.getheader("Retry-After")) > 0
    assert seconds < 5, "the refusal must come at once, not after a wait"


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/api/documents", None),
    ("POST", "/api/revisions/1/amendments", {"kind": "delete", "provision": "para_1"}),
    ("POST", "/api/notes", {"purpose": "invitation", "meeting": 1}),
])
def test_the_api_answers_a_one_line_json_503(server, method, path, body):
    response, text, seconds = request(server, method, path, body, Authorization="Bearer not-checked-without-a-db")
    assert_unavailable(response, seconds)
    assert response.getheader("Content-Type").startswith("application/json")
    detail = json.loads(text)["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    assert detail.startswith("database unavailable")
    assert "Traceback" not in text and "psycopg" not in text and "127.0.0.1" not in text


def test_a_failure_before_the_api_is_reached_is_json_too(server):
    """A browser's session is read by a middleware before django-ninja runs: Django's handler500 answers."""
    response, text, seconds = request(server, "GET", "/api/documents", Cookie=SESSION)
    assert_unavailable(response, seconds)
    assert json.loads(text)["detail"].startswith("database unavailable")


@pytest.mark.parametrize("language, heading", [("en", "Temporarily unavailable"), ("ru", "Временно недоступно"),
                                               ("kk", "Уақытша қолжетімсіз")])
def test_a_page_answers_a_short_html_503_in_the_interface_language(server, language, heading):
    response, text, seconds = request(server, "GET", "/", Cookie=SESSION,
                                      Accept_Language=language)
    assert_unavailable(response, seconds)
    assert response.getheader("Content-Type").startswith("text/html")
    assert f'<html lang="{language}">' in text and f"<h1>{heading}</h1>" in text
    assert "Traceback" not in text and "OperationalError" not in text
