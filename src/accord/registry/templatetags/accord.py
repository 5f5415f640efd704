"""Template filters that show names in the interface language: ``{% load accord %}``."""

from django import template
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.filter
def name_shown(named) -> str:
    """A State's or a body's name in the interface language."""
    return named.name(get_language())


@register.filter
def title_shown(document) -> str:
    """A document's title in the interface language, else in its master language."""
    return document.title(get_language())


@register.filter
def language_name(code: str) -> str:
    """The name of the language ``code`` in the interface language ("Russian", "Русский"), or the code itself for a
    language Django does not know."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
