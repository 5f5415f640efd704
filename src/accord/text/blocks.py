"""Blocks: what every front end (Markdown/plain text, DOCX) turns a file into before structure is read.

A :class:`Block` is one paragraph of the source with its inline emphasis kept as :class:`Run` objects, its heading
level, an automatic number (from Word's list numbering) and the line or paragraph it came from, so that errors and
findings can point back into the file. Blocks carry no mark-up syntax: ``**`` and ``*`` are already runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .scripts import UNSPACED, unspaced

MAX_PARAGRAPHS = 50_000
"""The most paragraphs a source may hold (blocks of a text file, ``w:p`` elements of a DOCX, empty ones included).
Reading costs up to about a tenth of a millisecond a paragraph, so this bounds a hostile file of tiny paragraphs (a
10 MB upload of "x" and blank lines is three million) to seconds, as long as a real 10 MB text takes; the largest text
Accord is benchmarked on has 5,000 (bench/run.py), a long treaty a few thousand."""


MAX_PARAGRAPH_CHARS = 200_000
"""The longest a paragraph may be, in characters. A real one has at most a few thousand (the seed's longest: 506); the
limit keeps what one hostile paragraph costs to read (its emphasis delimiters, its runs) to megabytes."""


class TooLarge(ValueError):
    """A source beyond one of the reader's limits; :mod:`accord.text.reader` reports it as a ParseError."""


def too_many_paragraphs() -> TooLarge:
    return TooLarge(f"refused: more than {MAX_PARAGRAPHS:,} paragraphs (the most a file may hold)")


def paragraph_too_long(where: str) -> TooLarge:
    return TooLarge(f"refused: the paragraph at {where} is longer than {MAX_PARAGRAPH_CHARS:,} characters")


_SPACE_RE = re.compile(r"\s+")
# White space with a line break in it, between two characters of scripts written without spaces (Han, Kana, Thai…):
# the break of a wrapped line, which stands for no space there.
_UNSPACED_BREAK_RE = re.compile(rf"(?<=[{UNSPACED}])[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*"
                                rf"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*(?=[{UNSPACED}])")


_UNSPACED_CHAR_RE = re.compile(f"[{UNSPACED}]")


def squash(text: str) -> str:
    """Collapse every run of white space (hard line breaks included) to one space and strip the ends.

    A line break between two characters of scripts written without spaces ("并将尽\\n一切努力") is dropped instead:
    joining the lines of a wrapped Chinese, Japanese or Thai paragraph adds no space (see
    :data:`accord.text.scripts.UNSPACED`). Spaces typed on one line are kept as one space whatever the script."""
    if _UNSPACED_CHAR_RE.search(text):  # most texts have none: spare them the costlier pattern
        text = _UNSPACED_BREAK_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


def join_text(*parts: str) -> str:
    """Join pieces of one paragraph (lines, or blocks a page break split) as :func:`squash` joins lines: with a space,
    or with none where both sides are characters of scripts written without spaces."""
    joined = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if joined and not (unspaced(joined[-1]) and unspaced(part[0])):
            joined += " "
        joined += part
    return joined


@dataclass
class Run:
    """A stretch of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One source paragraph.

    ``heading`` is 0 for body text, else the heading level (any level reads alike). ``number`` is the paragraph's
    list number ("12.", "7 bis.", "(a)"), typed or automatic, taken out of the runs. ``origin`` is where the block starts,
    counted in ``unit``s from 1: lines of a Markdown file, paragraphs of a DOCX. ``in_header`` marks page-header text.
    """

    runs: list[Run]
    origin: int
    heading: int = 0
    number: str | None = None
    in_header: bool = False
    unit: str = "line"
    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The block's plain text, white space collapsed, without its list number."""
        if self._text is None:
            self._text = squash("".join(run.text for run in self.runs))
        return self._text

    def _visible(self) -> list[Run]:
        return [run for run in self.runs if run.text.strip()]

    @property
    def bold(self) -> bool:
        """True when every visible character is bold."""
        visible = self._visible()
        return bool(visible) and all(run.bold for run in visible)

    @property
    def italic(self) -> bool:
        """True when every visible character is italic."""
        visible = self._visible()
        return bool(visible) and all(run.italic for run in visible)

    @property
    def emphasised(self) -> bool:
        """A heading, or text wholly in bold: how letterheads, titles and addressee blocks are set."""
        return self.heading > 0 or self.bold

    def italic_lead(self) -> str | None:
        """The italic words that open the block (a lead phrase), or None; the whole block does not count."""
        if self.italic:
            return None
        lead = []
        for run in self.runs:
            if run.italic:
                lead.append(run.text)
            elif run.text.strip():
                break
            else:
                lead.append(run.text)
        text = squash("".join(lead))
        # A trailing comma set in italics (",", "，") belongs to the sentence, not to the lead phrase.
        return text.rstrip(" ,，") or None


# A list number typed at the start of a paragraph: "12.", "7 bis.", "(a)", "(iv)", "б)".
LIST_NUMBER_RE = re.compile(r"^\s*(\d{1,4}(?:\s?(?:bis|ter|quater|quinquies|alt))?\.|\([a-zа-яё]{1,4}\)|[a-zа-яё]\))(?:\s+|$)")


def take_list_number(runs: list[Run]) -> tuple[str | None, list[Run]]:
    """Split a typed list number off the front of ``runs``: ``("12.", rest)``, or ``(None, runs)`` when there is none."""
    for index, run in enumerate(runs):
        if not run.text.strip():
            continue
        match = LIST_NUMBER_RE.match(run.text)
        if not match:
            return None, runs
        rest = Run(run.text[match.end():], run.bold, run.italic)
        return match.group(1), [rest, *runs[index + 1:]]
    return None, runs
