"""The reading room in a browser, as the delegate of Russia uses it: log in, open MM/2021/DRAFT/3, read English and
Russian side by side, change the languages in place, switch the interface to Kazakh, download the PDF."""

import re

from pypdf import PdfReader

OP27_EN = "ratify the Statute of the Secretariat"
OP27_RU = "ратифицировать Соглашение о Секретариате"
OP1_EN = "We are convinced that effective multilateral cooperation based on the principles stipulated in the UN Charter"


def words(text: str) -> str:
    return " ".join(text.split())


def log_in(page, site, username, password):
    page.goto(f"{site}/")
    assert page.url.startswith(f"{site}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/")


def test_the_delegate_of_russia_reads_the_draft_side_by_side_and_takes_the_pdf(page, site):
    log_in(page, site, "delegate-ru", "accord-demo-russia")
    page.get_by_role("link", name="MM/2021/DRAFT/3").click()
    page.wait_for_selector("#reading-table")

    english, russian = page.locator("#para_27 td[lang=en]"), page.locator("#para_27 td[lang=ru]")
    assert page.locator("#para_27 th .provision").inner_text() == "OP27"
    assert OP27_EN in english.inner_text() and OP27_RU in russian.inner_text()
    left, right = english.bounding_box(), russian.bounding_box()
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 1  # one row, two columns

    # htmx swaps the table in place: the page is not reloaded, the address follows the choice.
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Russian").uncheck()
    page.locator("#para_27 td[lang=ru]").wait_for(state="detached")
    assert page.evaluate("window.notReloaded") is True
    assert re.search(r"\?lang=en$", page.url)
    page.get_by_label("Russian").check()
    russian.wait_for()

    page.get_by_role("button", name="Қазақ").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("header nav").inner_text().split() == ["Құжаттар", "Отырыстар", "Институттар", "Кіріс", "хаттар", "Тізілім"]
    assert page.locator("#reading-table thead th").all_inner_texts() == ["Ереже", "Ағылшын", "Орыс"]
    assert OP27_RU in page.locator("#para_27 td[lang=ru]").inner_text()

    with page.expect_download() as download:
        page.locator('a[href$="/en.pdf"]').click()
    assert download.value.suggested_filename == "MM-2021-DRAFT-3.en.pdf"
    pdf = PdfReader(download.value.path())
    text = words(" ".join(p.extract_text() for p in pdf.pages))
    assert "MM/2021/DRAFT/3" in text
    assert OP1_EN in text
    assert page.errors == []
