"""The structured model of the documents a forum circulates.

Two kinds of document:

* :class:`Declaration` — declarations, resolutions and conventions: a title, an optional symbol, an opening
  formula ("We, the Ministers…"), preambular paragraphs (:class:`Recital`, each with its lead phrase), an enacting
  formula ("DECLARE THE FOLLOWING:"), then a body of :class:`Section` objects holding numbered operative
  :class:`Paragraph` objects (with sub-items) or :class:`Article` objects.
* :class:`NoteVerbale` — a numbered third-person letter with sender, addressees, body, enclosure, place and date.

Every provision carries an ``id`` — an Akoma Ntoso eId such as ``recs_1__rec_5``, ``sec_II``, ``para_12`` or
``art_3`` — that is the same in every language version of a text, and a display ``label`` such as ``PP5`` or
``OP12``. Ids are derived from structure and numbers only, never from wording, which is what lets language
versions be aligned provision by provision.

The model round-trips exactly through :meth:`Document.to_dict` / :func:`document_from_dict`; the dict form is the
JSON that the CLI and the API publish. Text fields hold plain text: inline mark-up of the source never reaches them.
A recital's ``text`` is the whole paragraph and its ``lead`` is a prefix of it (the italic words that open it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .symbols import Symbol

DECLARATION = "declaration"
NOTE_VERBALE = "note_verbale"


@dataclass
class Item:
    """A lettered sub-item of a paragraph: ``(a) …``."""

    id: str
    num: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "num": self.num, "text": self.text}


@dataclass
class Paragraph:
    """A numbered operative paragraph (OP12), or a numbered paragraph of an article.

    ``text`` is the paragraph's own words (the intro when it has ``items``); ``wrap_up`` is text that follows the
    items, if any. ``lead`` is set when the paragraph opens with an italic verb, as in UN resolutions ("*Decides*").
    """

    id: str
    label: str
    num: str | None
    text: str
    lead: str | None = None
    items: list[Item] = field(default_factory=list)
    wrap_up: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "num": self.num,
            "lead": self.lead,
            "text": self.text,
            "items": [item.to_dict() for item in self.items],
            "wrap_up": self.wrap_up,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        return cls(
            id=data["id"],
            label=data["label"],
            num=data.get("num"),
            text=data["text"],
            lead=data.get("lead"),
            items=[Item(**item) for item in data.get("items", [])],
            wrap_up=data.get("wrap_up"),
        )


@dataclass
class Article:
    """An article of a convention or statute ("Article 1", "Статья 1", "1-бап") with its numbered paragraphs.

    An article whose text is one unnumbered block has a single paragraph with ``num`` None.
    """

    id: str
    label: str
    num: str
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "num": self.num,
            "heading": self.heading,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            label=data["label"],
            num=data["num"],
            heading=data.get("heading"),
            paragraphs=[Paragraph.from_dict(p) for p in data.get("paragraphs", [])],
        )


@dataclass
class Section:
    """A division of the operative part ("I", "II"…), or the whole operative part when ``num`` is None.

    A section holds either operative ``paragraphs`` or ``articles``, never both.
    """

    id: str | None
    num: str | None
    heading: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "num": self.num,
            "heading": self.heading,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "articles": [a.to_dict() for a in self.articles],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Section:
        return cls(
            id=data.get("id"),
            num=data.get("num"),
            heading=data.get("heading"),
            paragraphs=[Paragraph.from_dict(p) for p in data.get("paragraphs", [])],
            articles=[Article.from_dict(a) for a in data.get("articles", [])],
        )


@dataclass
class Recital:
    """A preambular paragraph (PP5); ``text`` is the whole paragraph, ``lead`` the phrase that opens it."""

    id: str
    label: str
    lead: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "lead": self.lead, "text": self.text}


@dataclass
class Provision:
    """One addressable unit of text in reading order, as yielded by :meth:`Declaration.provisions`."""

    id: str
    label: str
    text: str
    kind: str  # "recital", "paragraph", "item"
    section: str | None


@dataclass(kw_only=True)
class Document:
    """What every document has: its kind, language (ISO 639-1), title, symbol and free-form metadata.

    ``metadata`` keeps what the source said outside the body (header lines such as "Проект для рассмотрения СРГ и
    КСДЛ", a second-language letterhead) and the provenance of any field filled from a sibling document of the same
    package (``"inferred": {"symbol": "…"}``), so that nothing read is dropped and nothing guessed is hidden.
    """

    kind: str
    language: str
    title: str
    symbol: Symbol | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def _common_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "language": self.language,
            "title": self.title,
            "symbol": self.symbol.value if self.symbol else None,
            "symbol_original": self.symbol.original if self.symbol else None,
            "metadata": self.metadata,
        }


@dataclass(kw_only=True)
class Declaration(Document):
    """A declaration, resolution or convention.

    ``form`` names the instrument ("declaration", "resolution", "convention"…) and ``draft`` tells whether the title
    announces a draft; together they give the Akoma Ntoso document name (``declarationDraft``).
    """

    kind: str = DECLARATION
    form: str = "declaration"
    draft: bool = False
    opening_formula: str | None = None
    preamble: list[Recital] = field(default_factory=list)
    enacting_formula: str | None = None
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    @property
    def akn_name(self) -> str:
        return f"{self.form}Draft" if self.draft else self.form

    def operative_paragraphs(self) -> list[Paragraph]:
        """Every numbered paragraph of the body in reading order, those inside articles included."""
        result: list[Paragraph] = []
        for section in self.sections:
            result.extend(section.paragraphs)
            for article in section.articles:
                result.extend(article.paragraphs)
        return result

    def provisions(self) -> list[Provision]:
        """Every recital, paragraph and item in reading order, with the section each belongs to."""
        result = [Provision(r.id, r.label, r.text, "recital", None) for r in self.preamble]
        for section in self.sections:
            paragraphs = list(section.paragraphs)
            for article in section.articles:
                paragraphs.extend(article.paragraphs)
            for p in paragraphs:
                result.append(Provision(p.id, p.label, p.text, "paragraph", section.id))
                for item in p.items:
                    result.append(Provision(item.id, f"{p.label}({item.num})", item.text, "item", section.id))
        return result

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            form=self.form,
            draft=self.draft,
            opening_formula=self.opening_formula,
            preamble=[r.to_dict() for r in self.preamble],
            enacting_formula=self.enacting_formula,
            sections=[s.to_dict() for s in self.sections],
            closing=self.closing,
        )
        return data


@dataclass
class Enclosure:
    """The enclosure line of a note: its wording ("as stated") and the page count it announces."""

    text: str
    pages: int | None


@dataclass(kw_only=True)
class NoteVerbale(Document):
    """A note verbale: ``number`` as printed (``17-1/542``); ``place`` and ``date`` as a place name and a calendar date,
    ``place_text`` and ``date_text`` as the note writes them ("город Нур-Султан", "26 августа 2021г.").

    ``refers_to`` holds the symbols of the documents the body mentions, normalised (Latin letters) with the original
    spelling kept on each :class:`Symbol`.
    """

    kind: str = NOTE_VERBALE
    number: str | None = None
    sender: str | None = None
    addressees: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    enclosure: Enclosure | None = None
    place: str | None = None
    place_text: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    refers_to: list[Symbol] = field(default_factory=list)

    @property
    def enclosure_pages(self) -> int | None:
        return self.enclosure.pages if self.enclosure else None

    def to_dict(self) -> dict[str, Any]:
        data = self._common_dict()
        data.update(
            number=self.number,
            sender=self.sender,
            addressees=self.addressees,
            paragraphs=self.paragraphs,
            enclosure=self.enclosure.text if self.enclosure else None,
            enclosure_pages=self.enclosure_pages,
            place=self.place,
            place_text=self.place_text,
            date=self.date.isoformat() if self.date else None,
            date_text=self.date_text,
            refers_to=[s.value for s in self.refers_to],
            refers_to_original=[s.original for s in self.refers_to],
        )
        return data


def document_from_dict(data: dict[str, Any]) -> Declaration | NoteVerbale:
    """Rebuild a document from :meth:`to_dict` output; ``document_from_dict(d.to_dict()) == d`` for every document."""
    symbol = Symbol(data["symbol"], data.get("symbol_original") or data["symbol"]) if data.get("symbol") else None
    common = dict(
        language=data["language"], title=data["title"], symbol=symbol, metadata=dict(data.get("metadata") or {})
    )
    if data["kind"] == DECLARATION:
        return Declaration(
            **common,
            form=data.get("form", "declaration"),
            draft=bool(data.get("draft")),
            opening_formula=data.get("opening_formula"),
            preamble=[Recital(**r) for r in data.get("preamble", [])],
            enacting_formula=data.get("enacting_formula"),
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            closing=list(data.get("closing", [])),
        )
    if data["kind"] == NOTE_VERBALE:
        originals = data.get("refers_to_original") or data.get("refers_to", [])
        return NoteVerbale(
            **common,
            number=data.get("number"),
            sender=data.get("sender"),
            addressees=list(data.get("addressees", [])),
            paragraphs=list(data.get("paragraphs", [])),
            enclosure=(
                Enclosure(data["enclosure"], data.get("enclosure_pages")) if data.get("enclosure") is not None else None
            ),
            place=data.get("place"),
            place_text=data.get("place_text"),
            date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
            date_text=data.get("date_text"),
            refers_to=[Symbol(v, o) for v, o in zip(data.get("refers_to", []), originals)],
        )
    raise ValueError(f"unknown document kind {data['kind']!r}")
