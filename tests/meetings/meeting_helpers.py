"""What the meetings tests share: reading a page, its errors and its forms; reading an iCalendar text back."""

import lxml.html


def html(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    """The one-line reasons the page gives for a refused action."""
    return [text(item) for item in html(response).cssselect("#errors li")]


def options(select) -> list[tuple[str, str]]:
    return [(option.get("value"), text(option)) for option in select.cssselect("option")]


def unfold(body: bytes) -> list[str]:
    """The content lines of an iCalendar text (RFC 5545 §3.1): CRLF + a space or tab continues the line before."""
    assert body.endswith(b"\r\n")
    physical = body.decode("utf-8").split("\r\n")[:-1]
    lines: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    """A TEXT value back from its escaped form (RFC 5545 §3.3.11)."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def split(line: str) -> tuple[str, dict[str, str], str]:
    """A content line's name, parameters and value: ``DTSTART;VALUE=DATE:20210914``. (No parameter value here is
    quoted, so the first colon ends the name and its parameters.)"""
    head, value = line.split(":", 1)
    name, *params = head.split(";")
    return name, dict(param.split("=", 1) for param in params), value


def components(body: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The calendar's own properties, and each VEVENT's, by name (with parameters, as ``DTSTART;VALUE=DATE``)."""
    calendar: dict[str, str] = {}
    events: list[dict[str, str]] = []
    current = calendar
    for line in unfold(body):
        name, params, value = split(line)
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
            events.append(current)
        elif (name, value) == ("END", "VEVENT"):
            current = calendar
        else:
            key = ";".join([name, *(f"{k}={v}" for k, v in params.items())])
            current[key] = value
    return calendar, events
