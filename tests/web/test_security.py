"""Safety of the pages: the Content-Security-Policy on every response and nothing inline for it to forbid, CSRF on
every form, logging in and out, the throttle's own message, and secure cookies outside debug."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from web_pages import html


def pages(draft):
    return [
        reverse("documents:list"),
        reverse("documents:document", args=[draft.document_id]),
        reverse("documents:reading_room", args=[draft.pk]),
        reverse("registry:states"),
        reverse("documents:upload"),
        "/no/such/page/",
    ]


def test_every_response_carries_the_content_security_policy(client, signed_in, draft):
    policy = django_settings.ACCORD_CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    anonymous = [client.get(reverse("documents:list")), client.get(reverse("login")),
                 client.post(reverse("set_language"), {"language": "ru", "next": "/login/"})]
    officer = signed_in("officer")
    signed = [officer.get(url) for url in pages(draft)]
    signed.append(officer.get(reverse("documents:download", args=[draft.pk, "en", "html"])))
    for response in anonymous + signed:
        assert response["Content-Security-Policy"] == policy, response.request["PATH_INFO"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(client, signed_in, draft):
    responses = [client.get(reverse("login"))]
    officer = signed_in("officer")
    responses += [officer.get(url) for url in pages(draft)]
    for response in responses:
        page = html(response)
        assert all(script.get("src") for script in page.xpath("//script")), response.request["PATH_INFO"]
        assert not page.xpath("//style | //*[@style]"), response.request["PATH_INFO"]
        assert not [name for element in page.iter() if isinstance(element.tag, str)
                    for name in element.attrib if name.startswith("on")]
        assert page.xpath("//script/@src") == ["/static/vendor/htmx/htmx.min.js"]


def test_every_form_that_posts_carries_a_csrf_token(signed_in, draft):
    officer = signed_in("officer")
    for url in pages(draft)[:5]:
        for form in html(officer.get(url)).xpath("//form[@method='post']"):
            assert form.xpath(".//input[@name='csrfmiddlewaretoken']"), (url, form.get("action"))


def test_a_post_without_its_csrf_token_is_refused(users, demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "officer", "password": "accord-demo-officer"})
    assert response.status_code == 403 and "Form expired" in response.content.decode()
    client.force_login(users["officer"])
    assert client.post(reverse("logout")).status_code == 403


def test_logging_in_leads_to_the_documents_and_logging_out_takes_a_post(client, demo):
    response = client.post(reverse("login"), {"username": "delegate-ru", "password": "accord-demo-russia"})
    assert response.status_code == 302 and response["Location"] == reverse("documents:list")
    assert client.get(reverse("documents:list")).status_code == 200
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("documents:list")).status_code == 302


def login_error(client, password):
    response = client.post(reverse("login"), {"username": "delegate-ru", "password": password})
    return " ".join(html(response).xpath("//ul[@class='errorlist nonfield']")[0].text_content().split())


def test_after_too_many_failures_the_login_page_says_so(client, demo, settings):
    settings.ACCORD_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        assert login_error(client, "wrong") == "Wrong user name or password."
    assert login_error(client, "accord-demo-russia") == "Too many failed attempts: try again later."


def test_outside_debug_cookies_are_secure_and_browsers_keep_to_https():
    script = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'accord.project.settings'\n"
        "from django.conf import settings as s\n"
        "print(json.dumps({n: getattr(s, n) for n in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_CONTENT_TYPE_NOSNIFF', "
        "'X_FRAME_OPTIONS', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_INCLUDE_SUBDOMAINS']}))"
    )

    def settings_with(debug):
        env = {**os.environ, "ACCORD_DEBUG": debug, "ACCORD_SECRET_KEY": "test"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    production = settings_with("0")
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] and production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_SSL_REDIRECT"] and production["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    development = settings_with("1")
    assert not development["SESSION_COOKIE_SECURE"] and development["SECURE_HSTS_SECONDS"] == 0
    assert not development["SECURE_SSL_REDIRECT"]


def test_a_production_configuration_passes_djangos_deployment_checks(tmp_path):
    env = {**os.environ, "ACCORD_DEBUG": "0", "ACCORD_SECRET_KEY": secrets.token_urlsafe(50),
           "ACCORD_ALLOWED_HOSTS": "accord.example.org", "ACCORD_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    accord = Path(sys.executable).with_name("accord")

    done = subprocess.run([accord, "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True,
                          text=True)

    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_the_api_answers_for_itself_rather_than_redirecting_to_the_login_page(client, db):
    assert client.get("/api/openapi.json").status_code == 200
