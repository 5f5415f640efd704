"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is Debian's (``/usr/bin/chromium``, installed by ``scripts/apt-deps.sh``), never one Playwright downloads.
Playwright's synchronous API keeps an asyncio loop in the main thread, where Django refuses database access unless
``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: it is set for this folder's tests only, while the browser runs. The tests access
the database between browser steps, never concurrently with them, which is what the flag requires.
"""

import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command

from accord.registry.services import read_forum_file

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(browser, transactional_db, live_server):
    """The live server's address, with the demo loaded as `make run` loads it."""
    call_command("demo", stdout=io.StringIO())
    return live_server.url


def new_tab(browser):
    """A tab in a browser context of its own, in English, that accepts downloads and records in ``tab.errors`` the
    errors its pages log (a policy violation would be one)."""
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    return tab


@pytest.fixture
def page(browser, site):
    """A fresh browser tab, not signed in."""
    tab = new_tab(browser)
    yield tab
    tab.context.close()


@pytest.fixture
def signed_in(browser, site):
    """``signed_in("chair")``: a tab of its own (see :func:`new_tab`), signed in as that demo user with the password
    the forum file publishes for it."""
    demo_users = read_forum_file(settings.ACCORD_FORUM_FILE)["demo"]["users"]
    passwords = {user["username"]: user["password"] for user in demo_users}
    tabs = []

    def sign_in(username):
        tab = new_tab(browser)
        tabs.append(tab)
        tab.goto(f"{site}/login/")
        tab.get_by_label("User name").fill(username)
        tab.get_by_label("Password").fill(passwords[username])
        tab.get_by_role("button", name="Log in").click()
        tab.wait_for_url(f"{site}/")
        return tab

    yield sign_in
    for tab in tabs:
        tab.context.close()
