"""Writing a note verbale from data: the same facts give the note in every language, with the standard formulas.

:func:`compose_note` turns :class:`NoteFacts` — language-neutral data — into a :class:`~accord.text.model.NoteVerbale`
in one language; :func:`compose_notes` into one per language, all under the same number. The result is the model the
parser produces and the DOCX and HTML writers render, so a generated note reads back as the note it is.

The facts: the number (``17-1/542``), the forum, the sender (a key, ``"secretariat"``), whether observers are
addressed as well as the Member States, the purpose (:data:`FORWARD` a document on behalf of the Chairmanship,
:data:`AGENDA` inform of a meeting's draft agenda, :data:`INVITATION` invite to a meeting), the documents referred to,
the meeting, the place and date of the note, the enclosure's page count (counted by the caller on the rendered PDF),
and the languages of the letterhead. Names come in as data too (:class:`Named`): the forum, a body, a place or a
document in each language, with its abbreviation and the inflected forms the language's wording needs (the Russian
genitive "Совещания по взаимодействию…", the Kazakh accusative "…декларация жобасын"). Nothing of a forum is written
here: the forum's registry entry is passed in, read with :meth:`Named.from_dict`.

No wording is written here either. Each language table (``languages/*.json``) holds it under ``note_templates``:

``senders``
    Per sender key: ``name`` (the sender as the opening names it, and :attr:`NoteVerbale.sender`), ``short`` (as the
    closing names it: "Secretariat") and ``letterhead`` (set in capitals above the number).
``addressees``
    ``members`` and ``members_and_observers``: ``recipient``, the addressees as the formulas name them ("the CICA
    Member States", "государствам-членам СВМДА"), and ``block``, the addressee block below the date (in capitals).
``opening``/``closing``
    The formulas, with ``{sender}``, ``{sender_short}``, ``{recipient}`` and ``{action}``, the purpose's clause.
``purposes``
    Per purpose: ``action``, the clause the opening formula completes, and ``follow_up``, a sentence written when its
    facts are given (the meeting's agenda for :data:`FORWARD`; the documents for :data:`INVITATION`).
``document``/``venue``/``place``/``date``/``meeting_dates``/``enclosure``
    How a document is referred to (``{title}`` and ``{symbol}``), the meeting's venue and the note's place, the note's
    date, a meeting's dates (``one_day``, ``two_days`` in one month, ``same_month``, ``same_year``, ``other``), and
    the enclosure's wording ("as stated"). ``month_forms`` (optional) lists the twelve month names in a form Babel
    does not give (the Kazakh locative "қыркүйекте"), as ``{month[locative]}``, the month the meeting ends in.

Templates are :meth:`str.format` strings. ``{forum[name]}``, ``{forum[abbr]}`` and ``{forum[genitive]}`` (likewise
``body``, ``venue``, ``place``) are a :class:`Named`'s name, abbreviation and forms in the note's language. A date's
format spec is a Babel pattern in the language's locale (``{date:d MMMM y}`` gives "26 August 2021"; with no spec,
the locale's long format). ``{documents:accusative}`` refers to every document (``document`` template, the title in
the form named by the spec, its name by default), joined as the locale joins a list; ``{titles:short}`` joins the
bare forms. A template that depends on grammatical agreement is an object instead of a string, keyed by ``plural``
when several documents are referred to, else by the document's ``gender`` form (Russian ``m``, ``f``, ``n``) or
``one``.

Sentences start with a capital letter; letterhead and addressee block are set in capitals. Missing facts, a missing
name or form, or a template that names what the purpose does not provide raise :class:`ValueError` saying what is
missing.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from .languages import all_languages, get_language
from .model import Enclosure, NoteVerbale
from .structure import language_note_title
from .symbols import SYMBOL_RE, make_symbol, normalise_symbol

FORWARD = "forward"
AGENDA = "agenda"
INVITATION = "invitation"
PURPOSES = (FORWARD, AGENDA, INVITATION)


@dataclass(frozen=True)
class Named:
    """Something a note names — the forum, a body, a place, a document — in each language.

    ``names`` maps a language code to the name (nominative), ``abbreviations`` to the abbreviation, and ``forms`` to
    the other forms the language's templates ask for, by name: ``{"ru": {"genitive": "Совещания по…"}}``.
    """

    names: Mapping[str, str]
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    forms: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Named:
        """Read a registry entry (``names``, ``abbreviations``, optional ``forms``), as ``forums/*.json`` holds it."""
        return cls(
            names=dict(data["names"]),
            abbreviations=dict(data.get("abbreviations") or {}),
            forms={code: dict(forms) for code, forms in (data.get("forms") or {}).items()},
        )

    @property
    def label(self) -> str:
        """How error messages name it."""
        return self.names.get("en") or next(iter(self.names.values()), "(unnamed)")

    def in_language(self, code: str) -> _Forms:
        """Name, abbreviation and forms in one language, for templates: ``{forum[genitive]}``."""
        forms = _Forms(f"{self.label!r}", code)
        if code in self.names:
            forms["name"] = self.names[code]
        if code in self.abbreviations:
            forms["abbr"] = self.abbreviations[code]
        forms.update(self.forms.get(code, {}))
        return forms


@dataclass(frozen=True, kw_only=True)
class DocumentRef(Named):
    """A document referred to: its symbol (``MM/2021/DRAFT/3``) and its title in each language, as the note words it
    ("draft declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs")."""

    symbol: str

    @property
    def label(self) -> str:
        return self.symbol


@dataclass(frozen=True)
class Meeting:
    """A meeting of a body: from ``start`` to ``end`` (the same day when None), at ``venue`` if known."""

    body: Named
    start: dt.date
    end: dt.date | None = None
    venue: Named | None = None


@dataclass(frozen=True)
class NoteFacts:
    """What a note says, in no language. ``letterhead`` lists the languages of the sender's letterhead, in order
    (the note's own language when empty); ``enclosure_pages`` is the enclosure's page count, None when nothing is
    enclosed."""

    number: str
    forum: Named
    purpose: str
    place: Named
    date: dt.date
    sender: str = "secretariat"
    observers: bool = False
    documents: tuple[DocumentRef, ...] = ()
    meeting: Meeting | None = None
    enclosure_pages: int | None = None
    letterhead: tuple[str, ...] = ()


class _Forms(dict):
    """A name's forms in one language; asking for one it lacks is a ValueError that names the owner and form."""

    def __init__(self, owner: str, code: str):
        super().__init__()
        self.owner = owner
        self.code = code

    def __missing__(self, key: str) -> str:
        what = {"name": "name", "abbr": "abbreviation"}.get(key, f"{key!r} form")
        raise ValueError(f"{self.owner} has no {what} in {self.code}")


class _Documents:
    """The documents referred to, formatted as one list; the format spec names the form of their titles."""

    def __init__(self, documents: tuple[DocumentRef, ...], code: str, reference: str | None):
        self.documents = documents
        self.code = code
        self.reference = reference  # the ``document`` template; None for bare titles

    def render(self, form: str, locale: Locale) -> str:
        parts = []
        for document in self.documents:
            title = document.in_language(self.code)[form or "name"]
            parts.append(self.reference.format(title=title, symbol=document.symbol) if self.reference else title)
        return format_list(parts, locale=locale)


class _Formatter(string.Formatter):
    """:meth:`str.format` with dates formatted by Babel and document lists by :class:`_Documents`."""

    def __init__(self, locale: Locale):
        super().__init__()
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, dt.date):
            return format_date(value, format_spec or "long", locale=self.locale)
        if isinstance(value, _Documents):
            return value.render(format_spec, self.locale)
        return super().format_field(value, format_spec)


class _Language:
    """One language's note templates, filled in with a context of names, dates and documents."""

    def __init__(self, code: str):
        templates = {known: table.note_templates for known, table in all_languages().items() if table.note_templates}
        if code not in templates:
            raise ValueError(f"no note templates for language {code!r} (have: {', '.join(sorted(templates))})")
        self.code = code
        self.templates = templates[code]
        self.formatter = _Formatter(Locale.parse(get_language(code).locale, sep="-"))

    def template(self, path: str) -> Any:
        node: Any = self.templates
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                raise ValueError(f"the {self.code} note templates have no {path!r}")
            node = node[key]
        return node

    def fill(self, path: str, context: Mapping[str, Any], agreement: tuple[str, ...] = ()) -> str:
        """The template at ``path`` filled in; a template keyed by agreement takes the first key of ``agreement``
        it has."""
        template = self.template(path)
        if isinstance(template, dict):
            key = next((k for k in agreement if k in template), None)
            if key is None:
                raise ValueError(
                    f"the {self.code} note template {path!r} agrees with {', '.join(sorted(template))}, "
                    f"and the documents give {', '.join(agreement) or 'none of these'}"
                )
            template = template[key]
        try:
            return self.formatter.vformat(template, (), context)
        except KeyError as error:
            raise ValueError(
                f"the {self.code} note template {path!r} uses {{{error.args[0]}}}, which this note does not give"
            ) from None

    def month_forms(self, month: int) -> _Forms:
        """The month's name in each form of the table's ``month_forms``: ``{month[locative]}``."""
        forms = _Forms("the month", self.code)
        forms.update({form: names[month - 1] for form, names in self.templates.get("month_forms", {}).items()})
        return forms


def _problems(facts: NoteFacts) -> list[str]:
    """What is missing from or wrong in ``facts`` for a note of its purpose, whatever the language."""
    problems = []
    if not (facts.number or "").strip():
        problems.append("no number")
    if facts.purpose not in PURPOSES:
        problems.append(f"unknown purpose {facts.purpose!r} (one of {', '.join(PURPOSES)})")
    if facts.purpose in (FORWARD, AGENDA) and not facts.documents:
        problems.append(f"no document to refer to, which a note to {facts.purpose} needs")
    if facts.purpose == FORWARD and facts.enclosure_pages is None:
        problems.append("no enclosure page count, which a note forwarding a document needs")
    if facts.enclosure_pages is not None and facts.enclosure_pages < 1:
        problems.append(f"enclosure page count {facts.enclosure_pages} is not positive")
    if facts.purpose in (AGENDA, INVITATION) and facts.meeting is None:
        problems.append(f"no meeting, which a note of purpose {facts.purpose!r} needs")
    if facts.purpose == INVITATION and facts.meeting is not None and facts.meeting.venue is None:
        problems.append("no venue for the meeting, which an invitation needs")
    if facts.meeting is not None and facts.meeting.end is not None and facts.meeting.end < facts.meeting.start:
        problems.append(f"the meeting ends ({facts.meeting.end}) before it starts ({facts.meeting.start})")
    return problems


def _meeting_dates(meeting: Meeting) -> str:
    """The key of ``meeting_dates`` for the meeting's span of days."""
    start, end = meeting.start, meeting.end or meeting.start
    if start == end:
        return "one_day"
    if (start.year, start.month) == (end.year, end.month):
        return "two_days" if end - start == dt.timedelta(days=1) else "same_month"
    return "same_year" if start.year == end.year else "other"


def _sentence(text: str) -> str:
    # A template may open with a name that is written in lower case inside a sentence ("проект декларации").
    text = text[:1].upper() + text[1:]
    # A sentence ending in an abbreviation ("… 2021 г.") takes no second full stop.
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def _context(facts: NoteFacts, lang: _Language) -> dict[str, Any]:
    """What the templates may name, for the note's language; the sender, addressees and action are filled in last,
    since their own templates name the rest."""
    code = lang.code
    context: dict[str, Any] = {
        "forum": facts.forum.in_language(code),
        "place": facts.place.in_language(code),
        "date": facts.date,
        "documents": _Documents(tuple(facts.documents), code, lang.template("document")),
        "titles": _Documents(tuple(facts.documents), code, None),
    }
    if facts.meeting is not None:
        meeting = facts.meeting
        end = meeting.end or meeting.start
        dates = {"start": meeting.start, "end": end, "month": lang.month_forms(end.month)}
        context["body"] = meeting.body.in_language(code)
        context["dates"] = lang.fill(f"meeting_dates.{_meeting_dates(meeting)}", dates)
        if meeting.venue is not None:
            context["venue"] = lang.fill("venue", {"venue": meeting.venue.in_language(code)})
    context["sender"] = lang.fill(f"senders.{facts.sender}.name", context)
    context["sender_short"] = lang.fill(f"senders.{facts.sender}.short", context)
    context["recipient"] = lang.fill(f"{_addressees(facts)}.recipient", context)
    context["action"] = lang.fill(f"purposes.{facts.purpose}.action", context)
    return context


def _addressees(facts: NoteFacts) -> str:
    return "addressees.members_and_observers" if facts.observers else "addressees.members"


def _paragraphs(facts: NoteFacts, lang: _Language, context: Mapping[str, Any]) -> list[str]:
    """The opening formula with the purpose's clause, the purpose's follow-up if its facts are given, the closing."""
    paragraphs = [lang.fill("opening", context)]
    documents = facts.documents
    if {FORWARD: facts.meeting is not None, INVITATION: bool(documents)}.get(facts.purpose, False):
        if len(documents) > 1:
            agreement: tuple[str, ...] = ("plural",)
        else:
            gender = documents[0].forms.get(lang.code, {}).get("gender")
            agreement = (gender, "one") if gender else ("one",)
        paragraphs.append(lang.fill(f"purposes.{facts.purpose}.follow_up", context, agreement))
    paragraphs.append(lang.fill("closing", context))
    return [_sentence(p) for p in paragraphs]


def compose_note(facts: NoteFacts, language: str) -> NoteVerbale:
    """The note verbale ``facts`` describe, in ``language`` (an ISO 639-1 code whose table has ``note_templates``).

    Raises ValueError when facts are missing, or a name, form or template the language needs is.
    """
    problems = _problems(facts)
    if problems:
        raise ValueError(f"cannot compose note verbale {facts.number or '(no number)'}: {'; '.join(problems)}")
    lang = _Language(language)
    context = _context(facts, lang)
    letterhead = []
    for code in facts.letterhead or (language,):
        forum = {"forum": facts.forum.in_language(code)}
        letterhead.append(_Language(code).fill(f"senders.{facts.sender}.letterhead", forum).upper())
    enclosure = None
    if facts.enclosure_pages is not None:
        enclosure = Enclosure(lang.fill("enclosure", context), facts.enclosure_pages)
    number = facts.number.strip()
    return NoteVerbale(
        language=language,
        title=language_note_title(get_language(language), number),
        metadata={"letterhead": letterhead},
        number=number,
        sender=context["sender"],
        addressees=[lang.fill(f"{_addressees(facts)}.block", context).upper()],
        paragraphs=_paragraphs(facts, lang, context),
        enclosure=enclosure,
        place=context["place"]["name"],
        place_text=lang.fill("place", context),
        date=facts.date,
        date_text=lang.fill("date", context),
        refers_to=[make_symbol(d.symbol) for d in facts.documents],
    )


def compose_notes(facts: NoteFacts, languages: Iterable[str]) -> dict[str, NoteVerbale]:
    """The note in each of ``languages``, all under the one number, by language code."""
    return {code: compose_note(facts, code) for code in languages}


# Comparing notes ---------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_DASHES = re.compile("[\u2010-\u2015\u2212]")
# Where one sentence ends and the next begins: after ". ! ?" and a space, before a capital; after a full stop,
# exclamation or question mark of a script written without spaces ("。！？"), before anything but a closing mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])"
                           r"|(?<=[。｡！？])\s*(?=[^\s\)\]）」』》〉】〕”’])")


def comparable(text: str, code: str) -> str:
    """``text`` as two notes are compared: what typing varies and nothing else. Any run of white space is one space,
    none at either end; curly and angle quotes are straight, hyphens and dashes of every width "-"; a document symbol
    is its normalised value (a Cyrillic "ММ" typed for "MM"); a space between a number and an abbreviation the language
    glues to it (``numbers.attached``: Russian "г") is dropped, so "2021 г." equals "2021г.". Every word stays."""
    text = _SPACES.sub(" ", text).strip().translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = SYMBOL_RE.sub(lambda match: normalise_symbol(match.group(0)), text)
    attached = get_language(code).numbers.attached
    if attached:
        glued = "|".join(map(re.escape, sorted(attached, key=len, reverse=True)))
        text = re.sub(rf"(?<=\d) (?=(?:{glued})(?![^\W\d_]))", "", text)
    return text


def sentences(note: NoteVerbale, letterhead: bool = True) -> list[tuple[str, str]]:
    """Everything a note says in reading order, as (role, text) with the text :func:`comparable`: the letterhead's
    lines (unless ``letterhead`` is false), the number, each sentence of the body, the enclosure line, place and date,
    and the addressee block's lines."""
    language = get_language(note.language)
    result = [("letterhead", line) for line in note.metadata.get("letterhead", [])] if letterhead else []
    result.append(("number", note.number or ""))
    for paragraph in note.paragraphs:
        result.extend(("sentence", sentence) for sentence in _SENTENCE_END.split(paragraph))
    if note.enclosure is not None:
        result.append(("enclosure", language.enclosure_line(note.enclosure.text, note.enclosure.pages)))
    result.append(("place and date", language.place_date_line(note.place_text, note.date_text)))
    result.extend(("addressee", line) for line in note.addressees)
    return [(role, comparable(text, note.language)) for role, text in result]


def differences(expected: NoteVerbale, actual: NoteVerbale) -> list[tuple[str, str | None, str | None]]:
    """Where two notes in one language say different things, sentence by sentence: (role, expected, actual), None
    where one of them has no such sentence. Letterheads are compared only when both notes have one."""
    letterhead = bool(expected.metadata.get("letterhead")) and bool(actual.metadata.get("letterhead"))
    pairs = zip_longest(sentences(expected, letterhead), sentences(actual, letterhead))
    return [
        ((left or right)[0], left[1] if left else None, right[1] if right else None)
        for left, right in pairs
        if left != right
    ]
