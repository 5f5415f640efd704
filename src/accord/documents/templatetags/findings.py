"""Template filters that show concordance findings in the interface language (see :mod:`accord.documents.wording`):
``{% load findings %}``."""

from django import template

from accord.documents import wording

register = template.Library()


@register.filter
def finding_message(finding) -> str:
    """A finding's message, translated by its code and params."""
    return wording.message(finding)


@register.filter
def check_name(check: str) -> str:
    """The name of a check ("punctuation")."""
    return wording.check_name(check)


@register.filter
def severity_name(severity: str) -> str:
    """A finding's severity ("warning")."""
    return wording.severity_name(severity)


@register.filter
def severity_count_name(severity: str) -> str:
    """The heading of a severity's count ("Warnings")."""
    return wording.severity_count_name(severity)


@register.filter
def label_shown(label: str) -> str:
    """A provision's or a part's label as the checker gives it ("OP27", "Header line 2")."""
    return wording.label(label)
