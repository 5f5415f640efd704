"""Exports of a language version: Akoma Ntoso, DOCX, HTML and PDF, for the web downloads and the API alike.

The PDF is the HTML rendering laid out by WeasyPrint for A4: DejaVu Serif (every Kazakh letter), the revision's
symbol in the top margin and "page N of M" in the bottom margin of every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from accord.text.akn import render_akn
from accord.text.docx_writer import render_docx
from accord.text.html_writer import render_html
from accord.text.redline import compare
from accord.text.redline_docx import render_redline_docx
from accord.text.redline_html import render_redline_html

from .models import LanguageVersion

FORMATS = ("akn", "docx", "html", "pdf")

CONTENT_TYPES = {
    "akn": "application/akn+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
_EXTENSIONS = {"akn": "xml", "docx": "docx", "html": "html", "pdf": "pdf"}

_PRINT_CSS = """
@page {
  size: A4;
  margin: 25mm 20mm 22mm 25mm;
  @top-right { content: "%(symbol)s"; font: bold 10pt "DejaVu Serif"; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 9pt "DejaVu Serif"; }
}
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; max-width: none; margin: 0; }
.label { font-family: "DejaVu Sans", sans-serif; font-size: 7pt; color: #555; }
.paragraph, .recital { page-break-inside: avoid; }
"""


def file_stem(symbol: str) -> str:
    """A symbol as a file name begins: "MM/2021/DRAFT/3" gives "MM-2021-DRAFT-3", "17-1/1 (2026)" "17-1-1-2026"."""
    return re.sub(r"[^\w.-]+", "-", symbol).strip("-")


@dataclass
class Export:
    content: bytes
    content_type: str
    filename: str


def export(version: LanguageVersion, fmt: str) -> Export:
    """The language version in ``fmt`` (one of :data:`FORMATS`); raises ValueError for any other format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    document = version.text()
    revision = version.revision
    if fmt == "akn":
        content = render_akn(
            document,
            master_language=revision.document.master_language,
            country=settings.ACCORD_AKN_COUNTRY,
            author=settings.ACCORD_AKN_AUTHOR,
        )
    elif fmt == "docx":
        content = render_docx(document)
    elif fmt == "html":
        content = render_html(document).encode()
    else:
        content = render_pdf(render_html(document), revision.symbol)
    stem = file_stem(revision.symbol)
    return Export(content, CONTENT_TYPES[fmt], f"{stem}.{version.language}.{_EXTENSIONS[fmt]}")


REDLINE_FORMATS = ("html", "docx")


def redline(older: LanguageVersion, newer: LanguageVersion, fmt: str, author: str) -> Export:
    """What changed from ``older`` to ``newer`` (two revisions' versions in one language) as HTML with a table of
    contents of the changes, or as DOCX with Word tracked changes credited to ``author`` at ``newer``'s issue time."""
    if fmt not in REDLINE_FORMATS:
        raise ValueError(f"unknown redline format {fmt!r} (known: {', '.join(REDLINE_FORMATS)})")
    old_text, new_text = older.text(), newer.text()
    changes = compare(old_text, new_text)
    old_symbol, new_symbol = older.revision.symbol, newer.revision.symbol
    if fmt == "html":
        page = render_redline_html(changes, new_text.title, newer.language, f"{old_symbol} → {new_symbol}")
        content = page.encode()
    else:
        when = newer.revision.issued_at or newer.imported_at
        content = render_redline_docx(changes, new_text, author, when)
    stem = f"{file_stem(new_symbol)}-vs-{file_stem(old_symbol)}"
    return Export(content, CONTENT_TYPES[fmt], f"{stem}.{newer.language}.redline.{_EXTENSIONS[fmt]}")


def _laid_out(html: str, symbol: str):
    """The HTML laid out in A4 pages by WeasyPrint, with ``symbol`` in the top margin and page numbers below."""
    from weasyprint import CSS, HTML  # imported here: loading Pango costs start-up time every command would pay

    css = _PRINT_CSS % {"symbol": symbol.replace("\\", "\\\\").replace('"', '\\"')}
    return HTML(string=html).render(stylesheets=[CSS(string=css)])


def render_pdf(html: str, symbol: str) -> bytes:
    """A4 PDF of an HTML rendering, with ``symbol`` in the top margin and page numbers in the bottom one."""
    return _laid_out(html, symbol).write_pdf()


def pdf_pages(version: LanguageVersion) -> int:
    """How many pages the language version's PDF download has: what a note verbale's enclosure line counts."""
    return len(_laid_out(render_html(version.text()), version.revision.symbol).pages)
