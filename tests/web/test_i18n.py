"""The interface in English, Russian and Kazakh: every string translated, the switch, and lists of States in the
alphabetical order of the language shown."""

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from web_pages import html, text

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
SOURCE_DIR = LOCALE_DIR.parent  # src/accord: what `make messages` reads
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def untranslated(catalog_path: Path) -> list:
    """The msgids of a catalog without a translation in every plural form, or still marked fuzzy."""
    with catalog_path.open("rb") as catalog_file:
        catalog = read_po(catalog_file)
    assert not catalog.fuzzy, f"{catalog_path}: the header is marked fuzzy"
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        forms = catalog.num_plurals if message.pluralizable else 1
        if message.fuzzy or len(strings) < forms or not all(string.strip() for string in strings):
            missing.append(message.id)
    return missing


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_of_the_catalog_is_translated(language):
    assert untranslated(LOCALE_DIR / language / "LC_MESSAGES" / "django.po") == []


def test_the_catalogs_hold_every_string_of_the_source(tmp_path, monkeypatch, settings):
    """`make messages` on a copy of the source adds no string the catalogs lack (GNU gettext does the extraction)."""
    copy = tmp_path / "accord"
    shutil.copytree(SOURCE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(copy)
    settings.LOCALE_PATHS = [copy / "locale"]
    call_command("makemessages", locale=TRANSLATED, add_location="file", no_obsolete=True, verbosity=0)
    for language in TRANSLATED:
        assert untranslated(copy / "locale" / language / "LC_MESSAGES" / "django.po") == [], language


def test_the_switch_changes_the_interface_language(signed_in, draft):
    client = signed_in("delegate-ru")
    page = html(client.get(reverse("documents:list")))
    assert page.get("lang") == "en" and text(page.xpath("//h1")[0]) == "Documents"
    buttons = page.xpath("//form[@action='/i18n/setlang/']//button/@value")
    assert buttons == ["en", "ru", "kk"]
    url = reverse("documents:reading_room", args=[draft.pk])
    response = client.post(reverse("set_language"), {"language": "kk", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    page = html(client.get(url))
    assert page.get("lang") == "kk"
    assert text(page.xpath("//nav")[0]) == "Құжаттар Отырыстар Институттар Кіріс хаттар Тізілім"
    assert [text(th) for th in page.xpath("//table[@id='reading-table']/thead//th")] == [
        "Ереже", "Ағылшын", "Орыс"
    ]
    client.post(reverse("set_language"), {"language": "ru", "next": url})
    assert text(html(client.get(reverse("documents:list"))).xpath("//h1")[0]) == "Документы"


def test_the_login_page_switches_language_before_signing_in(client, demo):
    response = client.post(reverse("set_language"), {"language": "ru", "next": reverse("login")})
    assert response["Location"] == reverse("login")
    page = html(client.get(reverse("login")))
    assert text(page.xpath("//h1")[0]) == "Войти" and "Имя пользователя" in text(page.xpath("//form")[1])


@pytest.mark.parametrize("language, first_members", [
    ("en", ["Afghanistan", "Azerbaijan", "Bahrain"]),
    ("ru", ["Азербайджан", "Афганистан", "Бангладеш"]),
    ("kk", ["Ауғанстан", "Әзербайжан", "Бангладеш"]),  # Kazakh ә comes right after а, not after я
])
def test_the_registry_is_sorted_in_the_alphabet_of_the_interface(signed_in, demo, language, first_members):
    client = signed_in("translator")
    client.cookies["django_language"] = language
    page = html(client.get(reverse("registry:states")))
    names = [text(cell) for cell in page.xpath("//table[@id='states-member']/tbody/tr/td[@class='name']")]
    assert names[:3] == first_members and len(names) == 28


def test_dates_follow_the_usage_of_each_language(signed_in, demo):
    client = signed_in("chair")
    expected = {"en": "13 October 2024", "ru": "13 октября 2024 г.", "kk": "13.10.2024"}
    for language, date in expected.items():
        client.cookies["django_language"] = language
        assert date in text(html(client.get(reverse("registry:states"))).xpath("//*[@id='chairmanship']")[0])
