"""Django settings for Accord.

Every deployment-specific value comes from an ``ACCORD_*`` environment variable; the defaults suit a
developer's checkout (an editable install, so the repository root is found from this file's path):

- ``ACCORD_SECRET_KEY``: insecure default, set it anywhere but a developer's machine.
- ``ACCORD_DEBUG``: on unless set to something other than 1/true/yes/on.
- ``ACCORD_ALLOWED_HOSTS``: comma-separated, default the loopback names.
- ``ACCORD_DATA_DIR``: writable data (the SQLite file ``accord.sqlite3``), default ``<repo>/var``, created if missing.
- ``ACCORD_DATABASE_URL``: ``postgres://user:pass@host:port/name`` selects PostgreSQL; unset means SQLite.
- ``ACCORD_DB_CONN_MAX_AGE``: seconds a worker thread keeps its database connection for the next requests (Django's
  ``CONN_MAX_AGE``); default 60 on PostgreSQL, where connecting costs a few milliseconds a request, 0 on SQLite
  (opening the file costs nothing). A kept connection is checked before it is used again (``CONN_HEALTH_CHECKS``), so
  after the database restarts the next request reconnects instead of failing on a dead connection.
- ``ACCORD_SHARED_DIR``: the project's shared folder, default ``<repo>/../shared``.
- ``ACCORD_SEED_PATH``: the seed circulation package, default ``<shared>/seeds/000_eb14f680198fb1ca.txt``.
- ``ACCORD_TIME_ZONE``: default ``Asia/Almaty``, where the Secretariat sits.
- ``ACCORD_MASTER_LANGUAGE``: the language a forum negotiates in, of which other versions are translations
  (Akoma Ntoso's master expression); default ``en``.
- ``ACCORD_TERMS_FILE``: a TBX term base that adds to (or overrides, by concept id) the starter glossary the
  concordance checker works with on the web, as ``accord check --terms`` does; unset means the starter alone.
- ``ACCORD_AKN_COUNTRY``/``ACCORD_AKN_AUTHOR``: the forum's segment in Akoma Ntoso IRIs and the organisation credited
  as author; default ``cica``.
- ``ACCORD_EMAIL_HOST``/``_PORT``/``_USER``/``_PASSWORD``/``_TLS``/``_FROM``: the SMTP server notes verbales are
  e-mailed through; unset host means the console (``ACCORD_EMAIL_BACKEND`` names another back end).
- ``ACCORD_INTERFACE_LANGUAGES``: the interface languages, default ``en,ru,kk``; each needs a catalog (its folder in
  ``ACCORD_LOCALE_PATHS`` for one Accord does not ship) and a language table (``ACCORD_LANGUAGES_PATH``).
- ``ACCORD_HSTS_SECONDS``: how long browsers are told to use HTTPS only, outside debug; default a year (0 turns it
  off). ``ACCORD_HSTS_INCLUDE_SUBDOMAINS``: on by default (it covers the names under Accord's own host name, as in
  ``*.accord.example.org``, not its siblings).
- ``ACCORD_SSL_REDIRECT``: outside debug, plain-HTTP requests are redirected to HTTPS (on by default); the TLS
  terminator in front says a request came over HTTPS in ``X-Forwarded-Proto``, which it must set itself and never
  pass on from the client. Turn it off only for a server that is reached on loopback with no proxy (benchmarks).
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

REPO_DIR = Path(__file__).resolve().parents[3]


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _database(url: str, data_dir: Path) -> dict:
    """Django's DATABASES["default"] for ``url``, or for the SQLite file in ``data_dir`` if ``url`` is empty."""
    # A persistent connection that broke (the database restarted) is replaced at the next request, not reused.
    connections = {"CONN_HEALTH_CHECKS": True}
    max_age = os.environ.get("ACCORD_DB_CONN_MAX_AGE", "")
    if max_age:
        try:
            connections["CONN_MAX_AGE"] = int(max_age)
        except ValueError:
            raise ImproperlyConfigured(f"ACCORD_DB_CONN_MAX_AGE: not a number of seconds: {max_age!r}") from None
    if not url:
        return {
            "CONN_MAX_AGE": 0,
            **connections,
            # Django's backend, with a flush that the lock triggers let through (see the module).
            "ENGINE": "accord.project.sqlite3",
            "NAME": data_dir / "accord.sqlite3",
            # Concurrent writers queue (up to 20 s) instead of failing: a transaction takes the write lock as it
            # begins, so two that have both read can never deadlock on upgrading to write ("database is locked").
            # With the write-ahead log, readers never wait for the writer, nor the writer for readers.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL"},
        }
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"ACCORD_DATABASE_URL: unsupported scheme {parts.scheme!r}")
    return {
        "CONN_MAX_AGE": 60,
        **connections,
        # Django picks psycopg 3 when it is installed.
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # A database host that does not answer at all makes a request fail (503) after this, rather than hang.
        "OPTIONS": {"connect_timeout": 5},
    }


SECRET_KEY = os.environ.get("ACCORD_SECRET_KEY", "django-insecure-accord-development-only")
DEBUG = _env_bool("ACCORD_DEBUG", True)
_hosts = os.environ.get("ACCORD_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
ALLOWED_HOSTS = [host.strip() for host in _hosts.split(",") if host.strip()]

ACCORD_DATA_DIR = _env_path("ACCORD_DATA_DIR", REPO_DIR / "var")
ACCORD_DATA_DIR.mkdir(parents=True, exist_ok=True)
ACCORD_SHARED_DIR = _env_path("ACCORD_SHARED_DIR", REPO_DIR.parent / "shared")
ACCORD_SEED_PATH = _env_path("ACCORD_SEED_PATH", ACCORD_SHARED_DIR / "seeds" / "000_eb14f680198fb1ca.txt")

ACCORD_MASTER_LANGUAGE = os.environ.get("ACCORD_MASTER_LANGUAGE", "en")
ACCORD_TERMS_FILE = os.environ.get("ACCORD_TERMS_FILE", "")
ACCORD_AKN_COUNTRY = os.environ.get("ACCORD_AKN_COUNTRY", "cica")
ACCORD_AKN_AUTHOR = os.environ.get("ACCORD_AKN_AUTHOR", "cica")

DATABASES = {"default": _database(os.environ.get("ACCORD_DATABASE_URL", ""), ACCORD_DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Serves the API docs (/api/docs) from its own static files, not a CDN with an inline script the CSP would block.
    "ninja",
    "accord.registry",
    "accord.documents",
    "accord.negotiation",
    "accord.meetings",
    "accord.correspondence",
    "accord.translation",
    "accord.institutions",
    "accord.instance",
]

AUTH_USER_MODEL = "registry.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "documents:list"
LOGOUT_REDIRECT_URL = "login"
# Argon2 first: new passwords are hashed with it; the others only read hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = ["accord.registry.auth.AccordBackend"]

# Demo mode: `accord demo` may create the demo users, and only then can they log in. On by default in debug.
ACCORD_DEMO_MODE = _env_bool("ACCORD_DEMO_MODE", DEBUG)
# Failed logins allowed per user name and address within the window before logins are refused for the window.
ACCORD_LOGIN_ATTEMPTS = int(os.environ.get("ACCORD_LOGIN_ATTEMPTS", "5"))
ACCORD_LOGIN_WINDOW_SECONDS = int(os.environ.get("ACCORD_LOGIN_WINDOW_SECONDS", "900"))

# The forum's symbol scheme: named groups body, stage and number; a symbol that does not match is a final text.
ACCORD_SYMBOL_SCHEME = os.environ.get(
    "ACCORD_SYMBOL_SCHEME", r"(?P<body>[A-Z]+)/(?P<year>\d{4})/(?P<stage>DRAFT|FINAL)(?:/(?P<number>\d+))?"
)
ACCORD_FORUM_FILE = _env_path("ACCORD_FORUM_FILE", Path(__file__).resolve().parents[1] / "registry" / "forums" / "cica.json")

# Notes verbales go out by e-mail too: printed on the console unless an SMTP server is set (ACCORD_EMAIL_HOST…).
EMAIL_HOST = os.environ.get("ACCORD_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "ACCORD_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("ACCORD_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("ACCORD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ACCORD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("ACCORD_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_EMAIL_FROM", "accord@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

ACCORD_UPLOAD_MAX_BYTES = int(os.environ.get("ACCORD_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = ACCORD_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = ACCORD_UPLOAD_MAX_BYTES + 1024 * 1024

MIDDLEWARE = [
    # Outermost, so that it sees every response, the redirects of the middleware below included.
    "accord.project.security.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the application, so that `accord serve` needs nothing but a TLS terminator in front.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it may read the language from there), before common (it may redirect by language).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accord.project.security.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The API's input with a NUL character is refused (422) before PostgreSQL would fail on it (500).
    "accord.project.api_input.RefuseNulCharacters",
]

# Safety. Pages load scripts and styles from Accord's own static files only: no inline script or style anywhere.
ACCORD_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Forms carry the CSRF token in a hidden field, so no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
# Outside debug, Accord is served over HTTPS only (a proxy in front terminates TLS): cookies never travel in clear.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("ACCORD_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("ACCORD_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_SSL_REDIRECT = not DEBUG and _env_bool("ACCORD_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preloading is a commitment the owner of the parent domain makes for all its names, not an application's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

ROOT_URLCONF = "accord.project.urls"
WSGI_APPLICATION = "accord.project.wsgi.application"
# The API's lists: limit and offset bounded, so that no number reaches the SQL beyond what the database can hold.
NINJA_PAGINATION_CLASS = "accord.project.pagination.Pagination"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.project.context_processors.forum",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
USE_I18N = True
FORMAT_MODULE_PATH = ["accord.project.formats"]
# One catalog for all of Accord's apps; `make messages` updates it, `make setup` compiles it. A forum that works in
# another interface language adds the folder of its catalog (ACCORD_LOCALE_PATHS, ":"-separated).
LOCALE_PATHS = [
    Path(__file__).resolve().parents[1] / "locale",
    *(Path(path) for path in os.environ.get("ACCORD_LOCALE_PATHS", "").split(":") if path),
]


def _interface_languages(codes: list[str]) -> list[tuple[str, str]]:
    """The interface languages (document languages are the text core's business and need not be these). A language
    Django does not know is described to it from its table in accord.text.languages: its names and direction."""
    from django.conf import locale

    from accord.text.languages import all_languages

    languages = []
    for code in codes:
        if code not in locale.LANG_INFO:
            table = all_languages().get(code)
            if table is None:
                raise ImproperlyConfigured(f"ACCORD_INTERFACE_LANGUAGES: no language table for {code!r}")
            locale.LANG_INFO[code] = {"bidi": table.bidi, "code": code, "name": table.english_name,
                                      "name_local": table.name}
        languages.append((code, locale.LANG_INFO[code]["name"]))
    return languages


LANGUAGES = _interface_languages(
    [code.strip() for code in os.environ.get("ACCORD_INTERFACE_LANGUAGES", "en,ru,kk").split(",") if code.strip()]
)
USE_TZ = True
TIME_ZONE = os.environ.get("ACCORD_TIME_ZONE", "Asia/Almaty")

STATIC_URL = "static/"
# The layout, its stylesheet and htmx are shared by every app's pages, so they belong to the project.
STATICFILES_DIRS = [Path(__file__).resolve().parent / "static"]
STATIC_ROOT = ACCORD_DATA_DIR / "static"
# `accord serve` gathers the static files here for WhiteNoise; under runserver, django.contrib.staticfiles serves them.
STATIC_ROOT.mkdir(exist_ok=True)
