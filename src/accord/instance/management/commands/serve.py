"""``accord serve``: Accord in production, served by gunicorn with several worker processes.

It listens on plain HTTP (by default on 127.0.0.1:8000) for a TLS terminator in front of it (see the README's
"Running it for real"); static files are served by the application itself (WhiteNoise). Settings come from the
``ACCORD_*`` environment variables as always; ``ACCORD_BIND``, ``ACCORD_WORKERS``, ``ACCORD_THREADS`` and
``ACCORD_KEEPALIVE`` give this command's defaults. Stop it with SIGTERM or Ctrl-C: workers finish the requests they
are serving first.
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from accord.documents.management.reading import BAD_INPUT


def _default_workers() -> int:
    """Gunicorn's rule of thumb, two per core plus one, capped so that a large machine does not exhaust the
    database's connections (each worker thread holds at most one)."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = "Serve Accord with several worker processes (gunicorn), for production behind a TLS terminator."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("ACCORD_BIND", "127.0.0.1:8000"),
                            help="HOST:PORT to listen on (default $ACCORD_BIND or 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ACCORD_WORKERS", _default_workers())),
                            help="worker processes (default $ACCORD_WORKERS or 2 × cores + 1, at most 9)")
        parser.add_argument("--threads", type=int, default=int(os.environ.get("ACCORD_THREADS", "4")),
                            help="threads per worker (default $ACCORD_THREADS or 4)")
        parser.add_argument("--timeout", type=int, default=60,
                            help="seconds a request may take before its worker is restarted (default 60)")
        parser.add_argument("--keep-alive", type=int, default=int(os.environ.get("ACCORD_KEEPALIVE", "75")),
                            help="seconds an idle connection is kept open for the next request (default "
                                 "$ACCORD_KEEPALIVE or 75: longer than the proxy in front keeps its idle connections, "
                                 "or a request it sends on one the server is closing at that moment is lost)")
        parser.add_argument("--access-log", action="store_true", help="log every request on standard output")

    def handle(self, *args, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("serve: --workers and --threads must be at least 1", returncode=BAD_INPUT)
        from django.core.management import call_command
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        # WhiteNoise serves the files gathered here, read once per worker at start (settings.STATIC_ROOT).
        call_command("collectstatic", interactive=False, verbosity=0)
        config = {
            "bind": options["bind"],
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "timeout": options["timeout"],
            "keepalive": options["keep_alive"],
            "graceful_timeout": 30,
            "accesslog": "-" if options["access_log"] else None,
            "errorlog": "-",
            "proc_name": "accord",
            # Its control socket sits at one path per user, which two instances on one machine would fight over.
            "control_socket_disable": True,
        }

        class Application(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    if value is not None:
                        self.cfg.set(key, value)

            def load(self):
                return get_wsgi_application()

        Application().run()
