"""Markup typed into a form is shown as text and never runs: a delegate tables an amendment whose words are a script,
an ``<img onerror>`` and a ``javascript:`` link; its compilation text, dashboard and redline-free pages show those
words, no dialog opens, and the page logs no error (a script the Content-Security-Policy had to block would log one).
The escaping of every page is checked without a browser in ``tests/security/test_escaping.py``."""

MARKUP = ('<script>alert("zqbrowser")</script> "><img src=x onerror=alert("zqbrowser")> '
          '<a href="javascript:alert(1)">zqbrowser</a>')


def test_markup_in_an_amendment_is_shown_and_never_runs(page, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{site}/login/")
    page.get_by_label("User name").fill("delegate-ru")
    page.get_by_label("Password").fill("accord-demo-russia")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/")

    page.get_by_role("link", name="MM/2021/DRAFT/3", exact=True).click()
    page.get_by_role("link", name="Compilation text").click()
    page.get_by_text("Table an amendment").click()
    page.get_by_label("Provision").select_option(label="OP27")
    page.get_by_label("Kind").select_option(value="alternative")
    page.get_by_label("Proposed text").fill(MARKUP)
    page.get_by_role("button", name="Table").click()
    page.wait_for_load_state("load")
    assert MARKUP in page.inner_text("body")

    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_load_state("load")
    assert not dialogs and not page.errors, (dialogs, page.errors)
    assert not page.locator("img[src='x'], a[href^='javascript']").count()
