"""Template filters that show names in the interface language: ``{% load accord %}``."""

from django import template
from django.utils.translation import get_language

from accord.project.pages import language_name

register = template.Library()


@register.filter
def name_shown(named) -> str:
    """A State's or a body's name in the interface language."""
    return named.name(get_language())


@register.filter
def title_shown(document) -> str:
    """A document's title in the interface language, else in its master language."""
    return document.title(get_language())


register.filter("language_name", language_name)
