"""What the correspondence tests share besides fixtures: a fixture file, reading a response as HTML."""

from pathlib import Path

import lxml.html

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"


def html(response):
    """The response's body as an lxml tree."""
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    """An element's text with its white space collapsed."""
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    """The one-line reasons a refused POST shows."""
    return [text(item) for item in html(response).cssselect("#errors li")]
