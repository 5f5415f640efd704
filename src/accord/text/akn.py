"""Akoma Ntoso 3.0 rendering of a document, following the UN's AKN4UN guidelines as far as the OASIS schema allows.

:func:`render_akn` writes one document as UTF-8 XML (with an XML declaration, pretty-printed) that validates against
the official ``akomantoso30.xsd``:

* a :class:`~accord.text.model.Declaration` is a ``<statement name="{akn_name}">`` (``declarationDraft``,
  ``resolution``…), the AKN document type AKN4UN assigns to deliberative texts, whose subtype is the ``name``;
* a :class:`~accord.text.model.NoteVerbale` is a ``<doc name="noteVerbale">``, AKN's type for documents with no
  structure of their own.

Identification (``<meta>``) follows the AKN naming convention: the work IRI is
``/akn/{country}/{statement|doc}/{subtype}/{date}/{number}``, where ``country`` stands for the forum (AKN4UN puts the
organisation where a state would put its ISO country code), ``number`` is the symbol or note number lower-cased with
``/`` turned into ``-`` (``mm-2021-draft-3``), or ``unnumbered``. The expression IRI adds ``/{ISO 639-2}@`` and the
manifestation ``/!main.xml``. The work date is the ``date`` argument, else the note's own date, else the
``circulated`` date the package linker records, and is named ``circulation``; with none of them it is today, named
``generation``. Language versions of one text share the work IRI, so they are expressions of one work; when a
``master_language`` other than the document's is named, the expression points to the master's with
``FRBRmasterExpression`` and ``FRBRtranslation``, which is how AKN says that its eIds are the master's ones.

Content choices, each for the reason given:

* Provision eIds are the model's ids (``recs_1__rec_5``, ``sec_II``, ``para_12``, ``art_3__para_1``,
  ``para_12__point_a``), never derived here, so they are identical in every language version and align provision by
  provision; the schema requires them unique within the document, and they are.
* Header and letterhead lines that the source printed above the title (``metadata["header"]``,
  ``metadata["letterhead"]``) are ``<p class="header">``/``<p class="letterhead">`` in the ``<preface>``: AKN4UN's
  rule is to model the content as it appears, so they are neither dropped nor moved into the preamble.
* The symbol is ``<docNumber>`` in its normalised (Latin-letter) form; when the document spelled it differently (with
  Cyrillic look-alike letters) the original spelling is kept in the ``title`` attribute.
* Lead phrases (the italic words that open recitals and UN-style operative paragraphs) are ``<i>``: the typographic
  mark the source used, since AKN has no semantic element for them.
* Operative paragraphs are ``<paragraph>`` with ``<num>`` "12."; lettered sub-items are ``<point>`` between an
  ``<intro>`` and an optional ``<wrapUp>``; articles are ``<article>`` with ``<num>`` written as the language writes
  it ("Article 3", "Статья 3"). A section without a number is the whole operative part, so its content goes straight
  into ``<mainBody>``.
* A note's sender is ``<docProponent>`` in the preface, its body paragraphs are ``<p eId="para_N">``, the enclosure
  line is written as its language writes it, and the place and date close it in ``<conclusions>`` as ``<location>``
  (wrapped strictly around the place name, "город <location>Нур-Султан</location>") and ``<date>``, followed by the
  addressee block. A note prints no title, so none is invented; symbols it mentions stay plain text, because the
  note does not say the instrument's type and date that the referenced work IRI would need.
* No ``<publication>`` block, which AKN4UN recommends: drafts and notes are circulated, not published, and the schema
  does not require it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree
from lxml.builder import ElementMaker

from .languages import get_language
from .model import Article, Declaration, Document, Item, NoteVerbale, Paragraph, Recital, Section

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NOTE_VERBALE_NAME = "noteVerbale"

E = ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE})


def render_akn(
    document: Declaration | NoteVerbale,
    *,
    master_language: str | None = None,
    country: str = "cica",
    author: str = "cica",
    date: dt.date | None = None,
) -> bytes:
    """The document as an Akoma Ntoso XML file (UTF-8 bytes with an XML declaration, pretty-printed).

    ``master_language`` (ISO 639-1) names the language whose version is the master: when it is not the document's
    own, the expression is declared a translation of it. ``country`` is the first segment of every IRI (the forum),
    ``author`` the organisation credited with the text (``#author`` in the metadata). ``date`` overrides the work date
    (see the module docstring). Raises KeyError for a language that has no table.
    """
    identity = _identity(document, master_language, country, author, date)
    if isinstance(document, Declaration):
        body = _statement(document, identity)
    else:
        body = _note(document, identity)
    return etree.tostring(E.akomaNtoso(body), xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- identification ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Identity:
    """What the FRBR metadata says about one document: the parts of its IRIs, its date and its languages."""

    doc_type: str  # "statement" or "doc"
    subtype: str  # the document's name attribute: "declarationDraft", "noteVerbale"
    number: str  # the IRI component: "mm-2021-draft-3"
    number_shown: str | None  # the number as printed: "MM/2021/DRAFT/3"
    date: dt.date
    date_name: str
    language: str  # ISO 639-2
    master: str | None  # ISO 639-1 of the master version, when this one is a translation of it
    country: str
    author: str

    @property
    def work(self) -> str:
        return f"/akn/{self.country}/{self.doc_type}/{self.subtype}/{self.date.isoformat()}/{self.number}"

    def expression(self, iso639_2: str) -> str:
        return f"{self.work}/{iso639_2}@"


def _identity(
    document: Declaration | NoteVerbale, master_language: str | None, country: str, author: str, date: dt.date | None
) -> _Identity:
    if isinstance(document, Declaration):
        doc_type, subtype = "statement", document.akn_name
        shown = document.symbol.value if document.symbol else None
    else:
        doc_type, subtype, shown = "doc", NOTE_VERBALE_NAME, document.number
    work_date, date_name = _work_date(document, date)
    return _Identity(
        doc_type=doc_type,
        subtype=subtype,
        number=_iri_number(shown),
        number_shown=shown,
        date=work_date,
        date_name=date_name,
        language=get_language(document.language).iso639_2,
        master=master_language if master_language and master_language != document.language else None,
        country=country,
        author=author,
    )


def _work_date(document: Declaration | NoteVerbale, date: dt.date | None) -> tuple[dt.date, str]:
    """The work date and its FRBRdate name: the given date, the note's date, the circulation date, else today."""
    known = date or (document.date if isinstance(document, NoteVerbale) else None)
    if known is None and document.metadata.get("circulated"):
        known = dt.date.fromisoformat(document.metadata["circulated"])
    if known is not None:
        return known, "circulation"
    return dt.date.today(), "generation"


def _iri_number(number: str | None) -> str:
    """The number as an IRI segment: lower case, ``/`` as ``-`` (``MM/2021/DRAFT/3`` → ``mm-2021-draft-3``)."""
    return number.lower().replace("/", "-") if number else "unnumbered"


def _meta(identity: _Identity, *tlcs: etree._Element) -> etree._Element:
    """``<meta>``: identification, then references naming the author and any further ``tlcs``."""
    author = E.TLCOrganization(
        eId=identity.author, href=f"/akn/ontology/organizations/{identity.author}", showAs=identity.author
    )
    return E.meta(_identification(identity), E.references(author, *tlcs, source=f"#{identity.author}"))


def _identification(identity: _Identity) -> etree._Element:
    expression = identity.expression(identity.language)
    return E.identification(
        E.FRBRWork(
            *_core(identity, identity.work),
            E.FRBRcountry(value=identity.country),
            E.FRBRsubtype(value=identity.subtype),
            _frbr_number(identity),
        ),
        E.FRBRExpression(*_core(identity, expression), *_languages(identity)),
        E.FRBRManifestation(
            *_core(identity, f"{expression}.akn", this=f"{expression}/!main.xml"),
            E.FRBRformat(value="application/akn+xml"),
        ),
        source=f"#{identity.author}",
    )


def _core(identity: _Identity, uri: str, this: str | None = None) -> list[etree._Element]:
    """The properties every FRBR level starts with, in the schema's order: this, uri, date, author."""
    return [
        E.FRBRthis(value=this or f"{uri}/!main"),
        E.FRBRuri(value=uri),
        E.FRBRdate(date=identity.date.isoformat(), name=identity.date_name),
        E.FRBRauthor(href=f"#{identity.author}"),
    ]


def _frbr_number(identity: _Identity) -> etree._Element:
    if identity.number_shown is None:
        return E.FRBRnumber(value=identity.number)
    return E.FRBRnumber(value=identity.number, showAs=identity.number_shown)


def _languages(identity: _Identity) -> list[etree._Element]:
    """FRBRlanguage, preceded by FRBRmasterExpression and followed by FRBRtranslation for a translation, as the
    schema orders them."""
    language = E.FRBRlanguage(language=identity.language)
    if identity.master is None:
        return [language]
    master = get_language(identity.master)
    master_iri = identity.expression(master.iso639_2)
    return [
        E.FRBRmasterExpression(href=master_iri, showAs=master.name),
        language,
        E.FRBRtranslation(href=master_iri, fromLanguage=master.iso639_2, by=f"#{identity.author}"),
    ]


# --- shared content ---------------------------------------------------------------------------------------------


def _p(*content: str | etree._Element, css: str | None = None, eid: str | None = None) -> etree._Element:
    """A ``<p>`` of text and inline elements.

    It always starts with a (possibly empty) text node: lxml's pretty-printer indents an element whose content
    starts with a child element, which would put whitespace into the paragraph's text.
    """
    element = E.p("", *content)
    if css:
        element.set("class", css)
    if eid:
        element.set("eId", eid)
    return element


def _led(lead: str | None, text: str) -> etree._Element:
    """A ``<p>`` holding ``text`` with its opening ``lead`` phrase in ``<i>``.

    The model promises that a lead is a prefix of its text; a lead that is not (a hand-edited model) is not marked
    rather than marked in the wrong place.
    """
    if lead and text.startswith(lead):
        return _p(E.i(lead), text[len(lead) :])
    return _p(text)


def _printed_lines(document: Document) -> list[etree._Element]:
    """The letterhead and header lines printed above the title, in that order, each a classed ``<p>``."""
    return [_p(line, css=key) for key in ("letterhead", "header") for line in document.metadata.get(key, [])]


def _main_body(children: list[etree._Element]) -> etree._Element:
    # The schema requires mainBody to hold something; a text with no operative part gets one empty paragraph
    # rather than an invalid file.
    return E.mainBody(*(children or [_p()]))


# --- declarations -----------------------------------------------------------------------------------------------


def _statement(doc: Declaration, identity: _Identity) -> etree._Element:
    statement = E.statement(_meta(identity), _declaration_preface(doc), name=doc.akn_name)
    preamble = _preamble(doc)
    if preamble is not None:
        statement.append(preamble)
    statement.append(_main_body([child for section in doc.sections for child in _section(section, doc.language)]))
    if doc.closing:
        statement.append(E.conclusions(*(_p(line) for line in doc.closing)))
    return statement


def _declaration_preface(doc: Declaration) -> etree._Element:
    """Printed header lines, then the symbol and the title (the title is always there, so the preface never is
    empty)."""
    preface = E.preface(*_printed_lines(doc))
    if doc.symbol:
        number = E.docNumber(doc.symbol.value)
        if doc.symbol.has_lookalikes:
            number.set("title", doc.symbol.original)
        preface.append(_p(number, css="docNumber"))
    preface.append(_p(E.docTitle(doc.title), css="docTitle"))
    return preface


def _preamble(doc: Declaration) -> etree._Element | None:
    """Opening formula, recitals and enacting formula; None when the declaration has none of them."""
    children = []
    if doc.opening_formula:
        children.append(E.formula(_p(doc.opening_formula), name="openingFormula"))
    if doc.preamble:
        children.append(E.recitals(*(_recital(r) for r in doc.preamble), eId="recs_1"))
    if doc.enacting_formula:
        children.append(E.formula(_p(doc.enacting_formula), name="enactingFormula"))
    return E.preamble(*children) if children else None


def _recital(recital: Recital) -> etree._Element:
    return E.recital(_led(recital.lead, recital.text), eId=recital.id)


def _section(section: Section, language: str) -> list[etree._Element]:
    """A numbered section as one ``<section>``; an unnumbered one as its paragraphs and articles themselves."""
    content = [_paragraph(p) for p in section.paragraphs] + [_article(a, language) for a in section.articles]
    if section.num is None:
        return content
    element = E.section(E.num(section.num), eId=section.id)
    if section.heading:
        element.append(E.heading(section.heading))
    element.extend(content)
    return [element]


def _article(article: Article, language: str) -> etree._Element:
    element = E.article(E.num(get_language(language).article_title.format(num=article.num)), eId=article.id)
    if article.heading:
        element.append(E.heading(article.heading))
    element.extend(_paragraph(p) for p in article.paragraphs)
    return element


def _paragraph(paragraph: Paragraph) -> etree._Element:
    """``<paragraph>`` with its number, then either ``<content>`` or ``<intro>``, ``<point>``s and ``<wrapUp>``."""
    element = E.paragraph(eId=paragraph.id)
    if paragraph.num:
        element.append(E.num(f"{paragraph.num}."))
    if not paragraph.items:
        element.append(E.content(_led(paragraph.lead, paragraph.text)))
        return element
    if paragraph.text:
        element.append(E.intro(_led(paragraph.lead, paragraph.text)))
    element.extend(_point(item) for item in paragraph.items)
    if paragraph.wrap_up:
        element.append(E.wrapUp(_p(paragraph.wrap_up)))
    return element


def _point(item: Item) -> etree._Element:
    return E.point(E.num(f"({item.num})"), E.content(_p(item.text)), eId=item.id)


# --- notes verbales ---------------------------------------------------------------------------------------------

PLACE_EID = "place"


def _note(note: NoteVerbale, identity: _Identity) -> etree._Element:
    tlcs = [_place_tlc(note.place)] if note.place else []
    doc = E.doc(_meta(identity, *tlcs), name=NOTE_VERBALE_NAME)
    preface = _note_preface(note)
    if len(preface):
        doc.append(preface)
    body = [_p(text, eid=f"para_{n}") for n, text in enumerate(note.paragraphs, start=1)]
    if note.enclosure:
        line = get_language(note.language).enclosure_line(note.enclosure.text, note.enclosure.pages)
        body.append(_p(line, css="enclosure"))
    doc.append(_main_body(body))
    conclusions = _note_conclusions(note)
    if len(conclusions):
        doc.append(conclusions)
    return doc


def _place_tlc(place: str) -> etree._Element:
    """The ontology entry that ``<location>`` refers to; the IRI is percent-encoded, the name kept as written."""
    return E.TLCLocation(eId=PLACE_EID, href=f"/akn/ontology/locations/{quote(place)}", showAs=place)


def _note_preface(note: NoteVerbale) -> etree._Element:
    """Letterhead, number and sender; may be empty, and is then left out by the caller."""
    preface = E.preface(*_printed_lines(note))
    if note.number:
        preface.append(_p("№ ", E.docNumber(note.number), css="docNumber"))
    if note.sender:
        preface.append(_p(E.docProponent(note.sender), css="docProponent"))
    return preface


def _note_conclusions(note: NoteVerbale) -> etree._Element:
    """Place and date on one line, as printed, then the addressee block; may be empty."""
    line: list[str | etree._Element] = []
    if note.place_text or note.place:
        line.extend(_place(note))
    if note.date_text or note.date:
        if line:
            line.append(", ")
        text = note.date_text or note.date.isoformat()
        line.append(E.date(text, date=note.date.isoformat()) if note.date else text)
    conclusions = E.conclusions()
    if line:
        conclusions.append(_p(*line, css="placeDate"))
    conclusions.extend(_p(addressee, css="addressee") for addressee in note.addressees)
    return conclusions


def _place(note: NoteVerbale) -> list[str | etree._Element]:
    """The place as written, with ``<location>`` strictly around the place name ("город <location>Нур-Султан
    </location>"), as AKN4UN wants mark-up around the information and not the words next to it."""
    text = note.place_text or note.place
    if not note.place:
        return [text]
    before, found, after = text.partition(note.place)
    if not found:
        return [E.location(text, refersTo=f"#{PLACE_EID}")]
    return [before, E.location(note.place, refersTo=f"#{PLACE_EID}"), after]
