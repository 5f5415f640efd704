"""HTML rendering of a document: a standalone page, or a fragment for embedding in the web reading room.

Every provision is an element whose ``id`` is its eId (``recs_1__rec_5``, ``para_12``), so links such as
``#para_12`` reach the same provision in every language version, and carries its display label (PP5, OP12) in a
``data-label`` attribute and a visible marker. Lead phrases are ``<em>``. All text is escaped here and nowhere else.
"""

from __future__ import annotations

from html import escape

from .languages import get_language
from .model import Article, Declaration, NoteVerbale, Paragraph

_STYLE = """
body { font-family: "Times New Roman", "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }
.symbol { text-align: right; font-weight: bold; }
.header { text-align: right; font-style: italic; }
h1 { text-align: center; font-size: 1.15em; }
.formula { font-weight: bold; }
section > h2, .article > h3 { text-align: center; font-size: 1em; }
.label { color: #666; font-size: .75em; font-family: sans-serif; margin-right: .5em; user-select: none; }
.items { list-style: none; }
.letterhead, .addressee { font-weight: bold; text-align: center; }
.enclosure { font-style: italic; }
"""


def render_html(document: Declaration | NoteVerbale, standalone: bool = True) -> str:
    """The document as HTML: a whole page when ``standalone``, else one ``<article>`` element."""
    body = _declaration(document) if isinstance(document, Declaration) else _note(document)
    if not standalone:
        return body
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(document.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(document.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _p(css: str, text: str, element_id: str | None = None) -> str:
    id_attr = f' id="{escape(element_id)}"' if element_id else ""
    return f'<p class="{css}"{id_attr}>{escape(text)}</p>'


def _label(label: str) -> str:
    return f'<span class="label">{escape(label)}</span>'


def _led(lead: str | None, text: str) -> str:
    """``text`` with its opening ``lead`` phrase in <em>; the lead is a prefix of the text by the model's contract."""
    if lead and text.startswith(lead):
        return f"<em>{escape(lead)}</em>{escape(text[len(lead):])}"
    return escape(text)


def _paragraph(paragraph: Paragraph) -> str:
    num = f'<span class="num">{escape(paragraph.num)}.</span> ' if paragraph.num else ""
    parts = [
        f'<div class="paragraph" id="{escape(paragraph.id)}" data-label="{escape(paragraph.label)}">',
        f"<p>{_label(paragraph.label)}{num}{_led(paragraph.lead, paragraph.text)}</p>",
    ]
    if paragraph.items:
        parts.append('<ol class="items">')
        parts.extend(
            f'<li id="{escape(item.id)}"><span class="num">({escape(item.num)})</span> {escape(item.text)}</li>'
            for item in paragraph.items
        )
        parts.append("</ol>")
    if paragraph.wrap_up:
        parts.append(_p("wrap-up", paragraph.wrap_up))
    parts.append("</div>")
    return "\n".join(parts)


def _article(article: Article, language: str) -> str:
    title = get_language(language).article_title.format(num=article.num)
    heading = f"<br>{escape(article.heading)}" if article.heading else ""
    inner = "\n".join(_paragraph(p) for p in article.paragraphs)
    return f'<div class="article" id="{escape(article.id)}">\n<h3>{escape(title)}{heading}</h3>\n{inner}\n</div>'


def _declaration(doc: Declaration) -> str:
    parts = [f'<article class="declaration" lang="{escape(doc.language)}">']
    parts.extend(_p("header", line) for line in doc.metadata.get("header", []))
    if doc.symbol:
        parts.append(_p("symbol", doc.symbol.value))
    parts.append(f"<h1>{escape(doc.title)}</h1>")
    if doc.opening_formula:
        parts.append(_p("opening-formula", doc.opening_formula))
    for recital in doc.preamble:
        parts.append(
            f'<p class="recital" id="{escape(recital.id)}" data-label="{escape(recital.label)}">'
            f"{_label(recital.label)}{_led(recital.lead, recital.text)}</p>"
        )
    if doc.enacting_formula:
        parts.append(_p("formula enacting-formula", doc.enacting_formula))
    for section in doc.sections:
        inner = [_paragraph(p) for p in section.paragraphs] + [_article(a, doc.language) for a in section.articles]
        if section.id:
            heading = escape(section.num or "") + (f"<br>{escape(section.heading)}" if section.heading else "")
            parts.append(f'<section id="{escape(section.id)}">\n<h2>{heading}</h2>')
            parts.extend(inner)
            parts.append("</section>")
        else:
            parts.extend(inner)
    parts.extend(_p("closing", line) for line in doc.closing)
    parts.append("</article>")
    return "\n".join(parts)


def _note(note: NoteVerbale) -> str:
    parts = [f'<article class="note-verbale" lang="{escape(note.language)}">']
    parts.extend(_p("letterhead", line) for line in note.metadata.get("letterhead", []))
    parts.extend(_p("header", line) for line in note.metadata.get("header", []))
    if note.number:
        parts.append(_p("number", f"№ {note.number}"))
    for index, paragraph in enumerate(note.paragraphs, start=1):
        parts.append(_p("body", paragraph, f"para_{index}"))
    if note.enclosure:
        line = get_language(note.language).enclosure_line(note.enclosure.text, note.enclosure.pages)
        parts.append(_p("enclosure", line))
    if note.place_text or note.date_text:
        parts.append(_p("place-date", get_language(note.language).place_date_line(note.place_text, note.date_text)))
    parts.extend(_p("addressee", line) for line in note.addressees)
    parts.append("</article>")
    return "\n".join(parts)
