"""Benchmark of the reading room: requests per second of MM/2021/DRAFT/3 in English and Russian side by side, as a
ratio to a trivial signed-in view measured in the same run (target: at least a third of its rate).

A fresh SQLite database in a temporary folder gets the demo, debug off. The delegate of Russia asks for both pages
in alternating rounds (the best round of each counts: the least disturbed by whatever else the machine does), twice:

* over HTTP, from a real server on 127.0.0.1 in a separate process (Django's WSGI server, one request at a time)
  — the requests per second the target is about;
* in this process, through Django's test client — what the application alone costs, without the server and the
  network, which add the same to both views; this ratio is stricter, and printed for comparison.

Run with ``make bench``.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

from report import record

TARGET = 1 / 3
ROUNDS = 7
REQUESTS_PER_ROUND = 60
TRIVIAL_PATH = "/bench/trivial/"

urlpatterns: list = []  # this module is the URL map while it runs: Accord's, plus the trivial view


def trivial(request):
    """The baseline: a page that needs a signed-in user and does nothing else, behind the same middleware."""
    from django.http import HttpResponse

    return HttpResponse(request.user.username)


def set_up(data_dir: str) -> None:
    """Django over the SQLite database in ``data_dir``, debug off, with this module as its URL map."""
    os.environ.pop("ACCORD_DATABASE_URL", None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="accord.project.settings",
        ACCORD_DATA_DIR=data_dir,
        ACCORD_DEBUG="0",
        ACCORD_SSL_REDIRECT="0",  # plain HTTP on loopback: no TLS terminator in front
        ACCORD_DEMO_MODE="1",
        ACCORD_ALLOWED_HOSTS="testserver,127.0.0.1",
    )
    import django

    django.setup()
    from django.test.utils import override_settings
    from django.urls import include, path

    urlpatterns[:] = [path(TRIVIAL_PATH.strip("/") + "/", trivial), path("", include("accord.project.urls"))]
    override_settings(ROOT_URLCONF=__name__).enable()


def serve(data_dir: str) -> None:
    """The server process: Django's WSGI server on a free port of 127.0.0.1, which it prints, until killed."""
    set_up(data_dir)
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = WSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False)
    server.set_app(get_wsgi_application())
    print(server.server_address[1], flush=True)
    server.serve_forever()


def demo_database(data_dir: str) -> None:
    """Django over a fresh SQLite database in ``data_dir`` (:func:`set_up`), migrated, with the demo loaded."""
    set_up(data_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))


@contextmanager
def server(data_dir: str):
    """A server process (:func:`serve`) on the database in ``data_dir`` while the block runs; gives its port."""
    process = subprocess.Popen([sys.executable, __file__, "--serve", data_dir], stdout=subprocess.PIPE, text=True)
    try:
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait()


def session_cookie(client) -> str:
    """The Cookie header that signs a request in as the test ``client``'s user."""
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def best_rate(get, paths: list[str]) -> list[float]:
    """For each of ``paths``, the best requests per second over alternating rounds of ``get(path)``."""
    for path in paths:  # warm up: templates compiled, caches filled
        for _ in range(REQUESTS_PER_ROUND // 4):
            get(path)
    best = [0.0] * len(paths)
    for _ in range(ROUNDS):
        for index, path in enumerate(paths):
            start = time.perf_counter()
            for _ in range(REQUESTS_PER_ROUND):
                get(path)
            best[index] = max(best[index], REQUESTS_PER_ROUND / (time.perf_counter() - start))
    return best


def http_getter(port: int, cookie: str):
    def get(path: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 200, (path, response.status)

    return get


def client_getter(client):
    def get(path: str) -> None:
        assert client.get(path).status_code == 200, path

    return get


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="accord-bench-") as data_dir:
        demo_database(data_dir)
        from django.test import Client

        from accord.documents.models import Revision
        from accord.registry.models import User

        revision = Revision.objects.get(symbol="MM/2021/DRAFT/3")
        reading_room = f"/revisions/{revision.pk}/?lang=en&lang=ru"
        client = Client()
        client.force_login(User.objects.get(username="delegate-ru"))
        page = client.get(reading_room).content.decode()
        assert "ratify the Statute of the Secretariat" in page and "ратифицировать Соглашение" in page, "not the seed"
        paths = [TRIVIAL_PATH, reading_room]

        with server(data_dir) as port:
            over_http = best_rate(http_getter(port, session_cookie(client)), paths)
        in_process = best_rate(client_getter(client), paths)

    print(f"{'requests/s':34} {'trivial view':>13} {'reading room':>13} {'ratio':>6}")
    measures = [("over HTTP (the target)", over_http), ("in process (application only)", in_process)]
    for name, (baseline, room) in measures:
        print(f"{name:34} {baseline:13.0f} {room:13.0f} {room / baseline:6.2f}")
    ratio = over_http[1] / over_http[0]
    record("reading room", "MM/2021/DRAFT/3 en+ru over HTTP", over_http[1], unit="req/s", baseline=over_http[0],
           baseline_label="req/s trivial view", target=f"ratio ≥ {TARGET:.2f}", ok=ratio >= TARGET)
    print(f"\nreading room (MM/2021/DRAFT/3, en+ru) / trivial view over HTTP: {ratio:.2f} (target ≥ {TARGET:.2f})")
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2])
    else:
        sys.exit(main())
