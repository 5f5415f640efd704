"""Helpers of the page tests: the demo's roles, a fixture file, reading a response as HTML."""

from pathlib import Path

import lxml.html

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"
ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator"]


def html(response):
    """The response's body as an lxml tree."""
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    """An element's text with its white space collapsed."""
    return " ".join(element.text_content().split())
