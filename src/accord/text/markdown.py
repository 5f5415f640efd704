"""The Markdown / plain-text front end: source text in, :class:`~accord.text.blocks.Block` objects out.

Plain text is read as Markdown with no mark-up. What it reads:

* blocks separated by blank lines; hard line breaks (two trailing spaces, a trailing backslash, ``<br>``) and soft
  ones inside a block are white space, never block boundaries: one space, or none between two characters of scripts
  written without spaces (Han, Kana, Thai…: see :func:`accord.text.blocks.squash`);
* ATX headings (``#`` to ``######``, any level alike) and Setext headings (a line of ``=`` or ``-`` under text);
* thematic breaks and form feeds (page breaks of a converted document) are dropped: they separate nothing;
* emphasis with ``*``/``_`` (italic), ``**``/``__`` (bold) and ``***`` (both), by CommonMark's flanking rules,
  spanning hard line breaks; backslash escapes; links keep their text; inline HTML tags are dropped;
* a list number typed at the start of a block ("12.", "(a)") is taken out as the block's number; a line that
  starts with one opens a new block even without a blank line before it, as list items do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .blocks import (
    LIST_NUMBER_RE,
    MAX_PARAGRAPH_CHARS,
    MAX_PARAGRAPHS,
    Block,
    Run,
    paragraph_too_long,
    take_list_number,
    too_many_paragraphs,
)

# An ATX heading's opening; its text and closing sequence are read by _atx_heading (a lazy pattern for them took time
# quadratic in the length of a line of spaces).
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK_RE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|\\newpage|\\pagebreak)$")
_BLOCKQUOTE_RE = re.compile(r"^ {0,3}> ?")
# A link's text holds no bracket and its destination no "]": each scan then stops at the next bracket, so a line of
# thousands of "[" or "[x](" without their closing characters is read in linear time, not quadratic.
_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\([^)\]]*\)")
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TOKEN_RE = re.compile(r"\\([!-/:-@\[-`{-~])|(\*+|_+)")


def read_blocks(text: str) -> list[Block]:
    """Split ``text`` into blocks; each block's ``origin`` is the line it starts on (1-based).

    Raises :class:`~accord.text.blocks.TooLarge` past :data:`~accord.text.blocks.MAX_PARAGRAPHS` blocks or a block
    longer than :data:`~accord.text.blocks.MAX_PARAGRAPH_CHARS`."""
    blocks: list[Block] = []
    lines: list[str] = []
    size = 0  # the characters in ``lines``
    start = 0
    for number, raw in enumerate(_lines(text.replace("\f", "\n\n")), start=1):
        if len(blocks) > MAX_PARAGRAPHS:
            raise too_many_paragraphs()
        if not lines and not raw.strip():
            continue  # a blank line between blocks (most of a file of empty lines): nothing to close
        if len(raw) > MAX_PARAGRAPH_CHARS:
            raise paragraph_too_long(f"line {number}")
        line = _BLOCKQUOTE_RE.sub("", raw)
        atx = _atx_heading(line)
        if not line.strip() or _BREAK_RE.match(line) or atx:
            if lines:
                blocks.append(_make_block(lines, start))
                lines = []
            if atx and atx[1].strip():
                blocks.append(_make_block([atx[1]], number, heading=atx[0]))
            continue
        setext = _SETEXT_RE.match(line)
        if setext and lines:
            blocks.append(_make_block(lines, start, heading=1 if setext.group(1)[0] == "=" else 2))
            lines = []
            continue
        if lines and LIST_NUMBER_RE.match(line):
            # Plain text often sets list items on consecutive lines; each numbered line opens a paragraph.
            blocks.append(_make_block(lines, start))
            lines = []
        if not lines:
            start, size = number, 0
        size += len(line) + 1
        if size > MAX_PARAGRAPH_CHARS:
            raise paragraph_too_long(f"line {start}")
        lines.append(line)
    if lines:
        blocks.append(_make_block(lines, start))
    if len(blocks) > MAX_PARAGRAPHS:
        raise too_many_paragraphs()
    return [block for block in blocks if block.text or block.number]


def _atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text, without the closing sequence (" ##") and the white space around it."""
    match = _ATX_RE.match(line)
    if not match:
        return None
    text = line[match.end():].rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed != unclosed.rstrip(" \t"):  # a closing sequence follows white space
        text = unclosed.rstrip(" \t")
    return len(match.group(1)), text


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (split at "\\n" only), one at a time: a file of millions of short lines is never a list."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _make_block(lines: list[str], origin: int, heading: int = 0) -> Block:
    text = "\n".join(line.rstrip("\\").strip() if line.endswith("\\") else line.strip() for line in lines)
    text = _HTML_BREAK_RE.sub("\n", text)  # a line break like any other: squash reads it by script
    text = _HTML_TAG_RE.sub("", _LINK_RE.sub(r"\1", text))
    number, runs = take_list_number(parse_inline(text))
    return Block(runs=runs, origin=origin, heading=heading, number=number)


class _Delimiter:
    __slots__ = ("char", "count", "can_open", "can_close", "index")

    def __init__(self, char: str, count: int, can_open: bool, can_close: bool, index: int):
        self.char, self.count, self.can_open, self.can_close, self.index = char, count, can_open, can_close, index


def parse_inline(text: str) -> list[Run]:
    """Turn inline Markdown into runs of plain text with bold/italic flags (CommonMark's emphasis, simplified)."""
    nodes: list[str | _Delimiter] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        if match.start() > position:
            nodes.append(text[position:match.start()])
        if match.group(1):
            nodes.append(match.group(1))
        else:
            run = match.group(2)
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            left_flanking = not after.isspace() and (after.isalnum() or before.isspace() or not before.isalnum())
            right_flanking = not before.isspace() and (before.isalnum() or after.isspace() or not after.isalnum())
            if run[0] == "_":
                can_open = left_flanking and not (right_flanking and before.isalnum())
                can_close = right_flanking and not (left_flanking and after.isalnum())
            else:
                can_open, can_close = left_flanking, right_flanking
            nodes.append(_Delimiter(run[0], len(run), can_open, can_close, len(nodes)))
        position = match.end()
    if position < len(text):
        nodes.append(text[position:])

    bold = [0] * (len(nodes) + 1)
    italic = [0] * (len(nodes) + 1)
    # The openers still waiting for a closer, one stack per character, each in document order. Used-up openers are
    # dropped from the top as they surface, and those inside a closed span popped once: every opener is pushed and
    # popped at most once, so a line of thousands of delimiters is read in linear time.
    openers: dict[str, list[_Delimiter]] = {"*": [], "_": []}
    for node in nodes:
        if not isinstance(node, _Delimiter):
            continue
        stack = openers[node.char]
        while node.can_close and node.count:
            while stack and not stack[-1].count:
                stack.pop()
            if not stack:
                break
            opener = stack[-1]
            use = 2 if node.count >= 2 and opener.count >= 2 else 1
            marks = bold if use == 2 else italic
            marks[opener.index] += 1
            marks[node.index] -= 1
            opener.count -= use
            node.count -= use
            # Openers inside a closed span can no longer match anything outside it.
            for other in openers.values():
                while other and other[-1].index > opener.index:
                    other.pop()
        if node.can_open and node.count:
            stack.append(node)

    runs: list[Run] = []
    pieces: list[list[str]] = []  # each run's text, joined once at the end: appending to a str attribute copies it
    bold_depth = italic_depth = 0
    for index, node in enumerate(nodes):
        bold_depth += bold[index]
        italic_depth += italic[index]
        if isinstance(node, _Delimiter):
            piece = node.char * node.count  # delimiters left unmatched are literal text
        else:
            piece = node
        if not piece:
            continue
        style = (bold_depth > 0, italic_depth > 0)
        if runs and (runs[-1].bold, runs[-1].italic) == style:
            pieces[-1].append(piece)
        else:
            runs.append(Run("", *style))
            pieces.append([piece])
    for run, texts in zip(runs, pieces):
        run.text = "".join(texts)
    return runs
