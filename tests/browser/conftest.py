"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The browser is Debian's (``/usr/bin/chromium``, installed by ``scripts/apt-deps.sh``), never one Playwright downloads.
Playwright's synchronous API keeps an asyncio loop in the main thread, where Django refuses database access unless
``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: it is set for this folder's tests only, while the browser runs. The tests access
the database between browser steps, never concurrently with them, which is what the flag requires.
"""

import io
import os

import pytest
from django.core.management import call_command

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


@pytest.fixture
def page(browser, site):
    """A fresh browser tab in English that records the errors the page logs (a policy violation would be one)."""
    context = browser.new_context(accept_downloads=True, locale="en-GB")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
