"""Mandates: the tasks that operative paragraphs of a text give the forum's bodies, its Chairmanship or its
Secretariat ("request the CICA Chairmanship to prepare a concept paper"), tracked until they are done.

Accord proposes them; the secretariat decides. :func:`propose` reads the operative paragraphs of an issued (circulated
or adopted) revision in its master language and proposes a mandate for every clause that a cue word opens
("request", "task", "поручаем"), with the one it names within a few words of the cue (a body of the registry, by its
name or abbreviation, the Chairmanship or the Secretariat) and the rest of the clause as the task. The cue words, the
words that name the Chairmanship and the Secretariat, and how a language orders a task are data, per language, in
``data/cica.json`` (``mandates``; its ``note`` says how they are read), not code: a language the file does not cover
proposes nothing until it does. Each proposal keeps the words it was made from (``cue``, ``actor_words``, ``excerpt``)
and stays "proposed" until the secretariat confirms it (correcting who is responsible, the task, the meeting or day it
is due) or drops it: nothing becomes confirmed without a person of the secretariat (see the database constraint
``mandate_confirmed_by_someone``).

Every role reads the mandates of the texts it may read. Only the secretariat proposes, confirms, drops, changes a
status or links a document (:class:`PermissionDenied` otherwise); what cannot be accepted raises
:class:`MandateRefused` with a one-line reason and writes nothing.

A confirmed mandate is then in progress, done or dropped; a done one may be taken up again (in progress); a dropped one
stays dropped. The documents that fulfil it (revisions Accord holds) are linked to it once it is confirmed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.meetings.models import Meeting
from accord.registry.models import Body, User
from accord.registry.services import ForumFileError, forum
from accord.text.concordance.termbase import Concept, Term, TermBase, TermMatcher, tokens
from accord.text.languages import all_languages, get_language as language_table
from accord.text.model import Declaration, Paragraph

from .models import Mandate

RULES_FILE = Path(__file__).resolve().parent / "data" / "cica.json"
MAX_TASK = 2000
NOTE_VERBALE = "note_verbale"
KEEP = object()  # an argument of :func:`confirm` left as the proposal has it
# A mandate's status inside a sentence ("the mandate is already done").
STATUS_WORDS = {
    Mandate.PROPOSED: gettext_lazy("proposed"),
    Mandate.CONFIRMED: gettext_lazy("confirmed"),
    Mandate.IN_PROGRESS: gettext_lazy("in progress"),
    Mandate.DONE: gettext_lazy("done"),
    Mandate.DROPPED: gettext_lazy("dropped"),
}
# The statuses a confirmed mandate may be given, from each status (confirming and dropping a proposal have their own
# functions).
NEXT_STATUSES = {
    Mandate.CONFIRMED: {Mandate.IN_PROGRESS, Mandate.DONE, Mandate.DROPPED},
    Mandate.IN_PROGRESS: {Mandate.DONE, Mandate.DROPPED},
    Mandate.DONE: {Mandate.IN_PROGRESS},
}
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class MandateRefused(ValueError):
    """A change to a mandate that cannot be stored; ``str()`` is one line. ``field`` names the input at fault
    (``actor``, ``task``, ``due_date``, ``status``, ``revision``…) for the API's answer, or is None."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def check_keeps_mandates(user: User) -> None:
    """Only the secretariat proposes, confirms and follows up mandates."""
    if not user.is_authenticated or user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat proposes, confirms and follows up the mandates"))


# The rules of each language, from the data file ------------------------------------------------------------------------


@dataclass(frozen=True)
class CueRules:
    """How one language gives tasks: its cue words (one pattern), the words naming the Chairmanship and the
    Secretariat, the window (in words after the cue) where the one tasked is named when the task follows the cue
    (``after``), and the words that join two tasks."""

    language: str
    cues: re.Pattern[str]
    actors: dict[str, tuple[str, ...]]
    window: int
    after: bool
    joiners: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules_data() -> dict:
    return json.loads(RULES_FILE.read_text(encoding="utf-8"))["mandates"]["languages"]


def _words_pattern(phrases) -> str:
    """Phrases as alternatives, longest first, any run of spaces between their words."""
    ordered = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


def cue_rules(language: str) -> CueRules | None:
    """The rules of ``language``, or None when the data file gives it no cue words."""
    entry = _rules_data().get(language)
    if not entry or not entry.get("cues"):
        return None
    return CueRules(
        language=language,
        cues=re.compile(rf"(?<![^\W_])(?:{_words_pattern(entry['cues'])})(?![^\W_])", re.IGNORECASE),
        actors={actor: tuple(words) for actor, words in entry.get("actors", {}).items()},
        window=int(entry.get("window", 4)),
        after=entry.get("task", "after") != "before",
        joiners=tuple(entry.get("joiners", [])),
    )


def _matcher(rules: CueRules, bodies: list[Body]) -> TermMatcher:
    """Finds, in ``rules.language``, the bodies (by name and abbreviation), the Chairmanship and the Secretariat."""
    language = rules.language
    concepts = {}
    for body in bodies:
        terms = [body.names.get(language), body.abbreviations.get(language)]
        concepts[f"body:{body.pk}"] = Concept(f"body:{body.pk}", {language: [Term(t) for t in terms if t]})
    for actor in (Mandate.CHAIRMANSHIP, Mandate.SECRETARIAT):
        concepts[actor] = Concept(actor, {language: [Term(word) for word in rules.actors.get(actor, ())]})
    return TermMatcher(TermBase(concepts), language_table(language))


def _forum_abbreviations() -> tuple[str, ...]:
    """The forum's abbreviation in every language ("CICA", "СВМДА"), from the forum file; none without one."""
    try:
        return tuple(a for a in forum().get("abbreviations", {}).values() if a)
    except (ForumFileError, KeyError):
        return ()


# Finding proposals in a text ------------------------------------------------------------------------------------------


@dataclass
class Proposal:
    """A task found in an operative paragraph: where (``provision``, ``label``, ``position`` among the paragraph's
    tasks), the clause (``excerpt``), the cue and the words naming the one tasked as the text has them, who that is
    (``actor`` and ``body``; "" and None when no one Accord knows is named), the task, and the meeting it is due at
    when the task names a body's meeting of a year Accord holds (exactly one)."""

    provision: str
    label: str
    position: int
    language: str
    excerpt: str
    cue: str
    task: str
    actor: str = ""
    body: Body | None = None
    actor_words: str = ""
    due_meeting: Meeting | None = None


def paragraph_text(paragraph: Paragraph) -> str:
    parts = [paragraph.text] + [f"({item.num}) {item.text}" for item in paragraph.items] + [paragraph.wrap_up or ""]
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip())


def _trim(text: str, joiners: tuple[str, ...], marks: str = ",;:") -> str:
    """``text`` without the joining words ("and") and the marks at either end: what a clause is once cut out."""
    joined = _words_pattern(joiners)
    edge = rf"(?:[\s{re.escape(marks)}–—-]+|(?<![^\W_])(?:{joined})(?![^\W_]))" if joined else \
        rf"[\s{re.escape(marks)}–—-]+"
    previous = None
    while previous != text:
        previous = text
        text = re.sub(rf"^(?:{edge})+", "", text, flags=re.IGNORECASE)
        text = re.sub(rf"(?:{edge})+$", "", text, flags=re.IGNORECASE)
    return text


def _strip_forum(text: str, abbreviations: tuple[str, ...]) -> str:
    """``text`` without the forum's abbreviation that may open it after the one tasked ("Председательство СВМДА
    подготовить…")."""
    if not abbreviations:
        return text
    return re.sub(rf"^(?:{_words_pattern(abbreviations)})(?![^\W_])\s*", "", text)


def _words_between(text: str, start: int, end: int) -> int:
    return len(tokens(text[start:end]))


def _actor_of(hit, bodies: dict[str, Body]) -> tuple[str, Body | None]:
    if hit.concept.startswith("body:"):
        return Mandate.BODY, bodies[hit.concept]
    return hit.concept, None


def _due_meeting(task: str, hits, bodies: dict[str, Body]) -> Meeting | None:
    """The one meeting Accord holds of a body the task names, in a year it names ("a decision of the 2022 CICA
    Summit Meeting"); None when there is none, or more than one."""
    years = {int(year) for year in _YEAR.findall(task)}
    named = {bodies[hit.concept].pk for hit in hits if hit.concept.startswith("body:")}
    if not years or not named:
        return None
    meetings = list(Meeting.objects.filter(body__in=named, start__year__in=years)[:2])
    return meetings[0] if len(meetings) == 1 else None


def find_proposals(text: Declaration, language: str | None = None) -> list[Proposal]:
    """The tasks the operative paragraphs of ``text`` give, by the cue rules of its language (none when the data file
    has no cue words for it)."""
    language = language or text.language
    rules = cue_rules(language)
    if rules is None:
        return []
    body_list = list(Body.objects.all())
    bodies = {f"body:{body.pk}": body for body in body_list}
    matcher = _matcher(rules, body_list)
    abbreviations = _forum_abbreviations()
    proposals: list[Proposal] = []
    for paragraph in text.operative_paragraphs():
        position = 0
        for sentence in _SENTENCE_END.split(paragraph_text(paragraph)):
            cues = list(rules.cues.finditer(sentence))
            for index, cue in enumerate(cues):
                if rules.after:
                    start, end = cue.start(), (cues[index + 1].start() if index + 1 < len(cues) else len(sentence))
                else:
                    start, end = (cues[index - 1].end() if index else 0), cue.end()
                clause = sentence[start:end]
                cue_start, cue_end = cue.start() - start, cue.end() - start
                hits = sorted(matcher.find(clause), key=lambda hit: (hit.start, -hit.end))
                if rules.after:
                    hits_in_window = [hit for hit in hits if hit.start >= cue_end
                                      and _words_between(clause, cue_end, hit.start) < rules.window]
                else:
                    hits_in_window = [hit for hit in hits if hit.end <= cue_start]
                actor_hit = hits_in_window[0] if hits_in_window else None
                if rules.after:
                    task = clause[actor_hit.end if actor_hit else cue_end:]
                else:
                    task = clause[actor_hit.end if actor_hit else 0:cue_start]
                task = _trim(_strip_forum(_trim(task, rules.joiners), abbreviations), rules.joiners, ",;:.")
                actor, body = _actor_of(actor_hit, bodies) if actor_hit else ("", None)
                others = [hit for hit in hits if hit is not actor_hit]
                proposals.append(Proposal(
                    provision=paragraph.id, label=paragraph.label, position=position, language=language,
                    excerpt=_trim(clause, rules.joiners), cue=cue.group(0), task=task or _trim(clause, rules.joiners),
                    actor=actor, body=body,
                    actor_words=clause[actor_hit.start:actor_hit.end] if actor_hit else "",
                    due_meeting=_due_meeting(task, others, bodies),
                ))
                position += 1
    return proposals


# Reading --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MandateFilter:
    """A selection of mandates: of one status, one responsible (``actor``: "body", "chairmanship", "secretariat", or
    "none" for proposals naming no one; ``body`` with "body"), one text's revision (None: any)."""

    status: str | None = None
    actor: str | None = None
    body: Body | None = None
    revision: Revision | None = None

    def apply(self, mandates: QuerySet[Mandate]) -> QuerySet[Mandate]:
        if self.status:
            mandates = mandates.filter(status=self.status)
        if self.actor == "none":
            mandates = mandates.filter(actor="")
        elif self.actor:
            mandates = mandates.filter(actor=self.actor)
        if self.body is not None:
            mandates = mandates.filter(body=self.body)
        if self.revision is not None:
            mandates = mandates.filter(revision=self.revision)
        return mandates


def mandate_rows() -> QuerySet[Mandate]:
    return (Mandate.objects.select_related("revision__document", "body", "due_meeting__body", "confirmed_by")
            .prefetch_related("fulfilled_by__document").order_by("revision__document", "revision__sequence",
                                                                   "position", "pk"))


def readable_mandates(user: User, selection: MandateFilter = MandateFilter()) -> QuerySet[Mandate]:
    """The mandates of the texts ``user`` may read, in ``selection``; in the order of their texts and paragraphs."""
    mandates = mandate_rows().filter(revision__document__in=readable_documents(user))
    mandates = selection.apply(mandates)
    # The paragraphs in their numeric order (OP3 before OP12): by the number in the provision's id, then its id.
    return sorted(mandates, key=lambda m: (m.revision.document_id, m.revision.sequence, _provision_order(m.provision),
                                           m.position, m.pk))


def _provision_order(provision: str) -> tuple:
    numbers = re.findall(r"\d+", provision)
    return (int(numbers[-1]) if numbers else 0, provision)


def proposable_revisions(user: User) -> QuerySet[Revision]:
    """The issued revisions of texts ``user`` may read that mandates may be proposed from (notes verbales excepted),
    latest first."""
    return (Revision.objects.filter(document__in=readable_documents(user), issued_at__isnull=False)
            .exclude(document__kind=NOTE_VERBALE).select_related("document").order_by("-created_at", "-pk"))


def source_text(revision: Revision):
    """The language version mandates are proposed from: the master language's, else the first there is."""
    versions = revision.versions_by_language()
    return versions.get(revision.document.master_language) or next(
        (versions[code] for code in sorted(versions)), None)


# Changes --------------------------------------------------------------------------------------------------------------


@dataclass
class Proposed:
    """What :func:`propose` did: the mandates it proposed, and how many tasks were proposed already (from this
    revision or, word for word, from an earlier one of the same text)."""

    revision: Revision
    created: list[Mandate] = field(default_factory=list)
    already: int = 0


@transaction.atomic
def propose(user: User, revision: Revision) -> Proposed:
    """Propose the mandates that the operative paragraphs of ``revision`` give, status "proposed"; a task proposed
    already is not proposed twice."""
    check_keeps_mandates(user)
    if revision.document.kind == NOTE_VERBALE:
        raise MandateRefused(_("%(symbol)s is a note verbale: its paragraphs give no mandates")
                             % {"symbol": revision.symbol}, "revision")
    if not revision.is_issued:
        raise MandateRefused(_("%(symbol)s is not issued yet: mandates are proposed from a circulated or adopted text")
                             % {"symbol": revision.symbol}, "revision")
    version = source_text(revision)
    text = version.text() if version is not None else None
    if not isinstance(text, Declaration):
        raise MandateRefused(_("%(symbol)s has no text Accord can read paragraph by paragraph")
                             % {"symbol": revision.symbol}, "revision")
    if cue_rules(version.language) is None:
        raise MandateRefused(_("no cue words are known in %(language)s: add them to the institutions' data file")
                             % {"language": all_languages()[version.language].name
                                if version.language in all_languages() else version.language}, "revision")
    Revision.objects.select_for_update().filter(pk=revision.pk).first()  # one proposer of a text at a time
    result = Proposed(revision)
    now = timezone.now()
    same_text = Mandate.objects.filter(revision__document=revision.document)
    for proposal in find_proposals(text, version.language):
        if (same_text.filter(revision=revision, provision=proposal.provision, position=proposal.position).exists()
                or same_text.filter(provision=proposal.provision, excerpt=proposal.excerpt).exists()):
            result.already += 1
            continue
        result.created.append(Mandate.objects.create(
            revision=revision, provision=proposal.provision, label=proposal.label, position=proposal.position,
            language=proposal.language, excerpt=proposal.excerpt, cue=proposal.cue[:100],
            actor_words=proposal.actor_words[:200], actor=proposal.actor, body=proposal.body, task=proposal.task,
            due_meeting=proposal.due_meeting, status=Mandate.PROPOSED, proposed_by=user, proposed_at=now,
        ))
    return result


def _locked(mandate: Mandate) -> Mandate:
    return Mandate.objects.select_for_update(of=("self",)).select_related("revision").get(pk=mandate.pk)


def _checked_responsible(actor: str, body: Body | None) -> tuple[str, Body | None]:
    if actor not in dict(Mandate.ACTORS):
        raise MandateRefused(_("name who is responsible: a body, the Chairmanship or the Secretariat"), "actor")
    if actor == Mandate.BODY and body is None:
        raise MandateRefused(_("name the body responsible"), "body")
    return actor, body if actor == Mandate.BODY else None


def _checked_task(task: str) -> str:
    task = " ".join((task or "").split())
    if not task:
        raise MandateRefused(_("say what the task is"), "task")
    if len(task) > MAX_TASK:
        raise MandateRefused(_("the task is longer than %(limit)d characters") % {"limit": MAX_TASK}, "task")
    return task


@transaction.atomic
def confirm(user: User, mandate: Mandate, *, actor=KEEP, body=KEEP, task=KEEP, due_meeting=KEEP,
            due_date=KEEP) -> Mandate:
    """The secretariat confirms a proposed mandate, as proposed or with who is responsible (``actor``, ``body``), the
    task, and the meeting (``due_meeting``) or the day (``due_date``) it is due corrected; an argument left out keeps
    the proposal's."""
    check_keeps_mandates(user)
    mandate = _locked(mandate)
    if mandate.status != Mandate.PROPOSED:
        raise MandateRefused(_("the mandate is already %(status)s") % {"status": STATUS_WORDS[mandate.status]},
                             "status")
    actor = mandate.actor if actor is KEEP else (actor or "")
    body = (mandate.body if actor == Mandate.BODY else None) if body is KEEP else body
    actor, body = _checked_responsible(actor, body)
    task = _checked_task(mandate.task if task is KEEP else task)
    due_meeting = mandate.due_meeting if due_meeting is KEEP else due_meeting
    due_date = mandate.due_date if due_date is KEEP else due_date
    if due_meeting is not None and due_date is not None:
        raise MandateRefused(_("give the meeting it is due at or the day it is due by, not both"), "due_date")
    now = timezone.now()
    mandate.actor, mandate.body, mandate.task = actor, body, task
    mandate.due_meeting, mandate.due_date = due_meeting, due_date
    mandate.status = Mandate.CONFIRMED
    mandate.confirmed_by, mandate.confirmed_at = user, now
    mandate.changed_by, mandate.changed_at = user, now
    mandate.save()
    return mandate


@transaction.atomic
def drop(user: User, mandate: Mandate) -> Mandate:
    """The secretariat drops a proposal that is no mandate, or a mandate no longer followed up."""
    check_keeps_mandates(user)
    mandate = _locked(mandate)
    if mandate.status in (Mandate.DONE, Mandate.DROPPED):
        raise MandateRefused(_("the mandate is already %(status)s") % {"status": STATUS_WORDS[mandate.status]},
                             "status")
    mandate.status = Mandate.DROPPED
    mandate.changed_by, mandate.changed_at = user, timezone.now()
    mandate.save(update_fields=["status", "changed_by", "changed_at"])
    return mandate


@transaction.atomic
def change_status(user: User, mandate: Mandate, *, status: str) -> Mandate:
    """A confirmed mandate goes in progress, done, or dropped; a done one may be taken up again."""
    check_keeps_mandates(user)
    mandate = _locked(mandate)
    if status not in STATUS_WORDS:
        raise MandateRefused(_("unknown status '%(status)s'") % {"status": status}, "status")
    if status == mandate.status:
        raise MandateRefused(_("the mandate is already %(status)s") % {"status": STATUS_WORDS[status]}, "status")
    if mandate.status == Mandate.PROPOSED:
        if status == Mandate.DROPPED:
            return drop(user, mandate)
        raise MandateRefused(_("the mandate is only proposed: the secretariat confirms it first"), "status")
    if status not in NEXT_STATUSES.get(mandate.status, ()):
        raise MandateRefused(_("a mandate %(current)s cannot become %(status)s")
                             % {"current": STATUS_WORDS[mandate.status], "status": STATUS_WORDS[status]}, "status")
    mandate.status = status
    mandate.changed_by, mandate.changed_at = user, timezone.now()
    mandate.save(update_fields=["status", "changed_by", "changed_at"])
    return mandate


@transaction.atomic
def link_document(user: User, mandate: Mandate, revision: Revision) -> Mandate:
    """Record that ``revision`` (a concept paper, a draft decision…) fulfils the confirmed ``mandate``."""
    check_keeps_mandates(user)
    mandate = _locked(mandate)
    if not mandate.is_confirmed:
        raise MandateRefused(_("only a confirmed mandate is fulfilled by documents; this one is %(status)s")
                             % {"status": STATUS_WORDS[mandate.status]}, "revision")
    if revision.pk == mandate.revision_id:
        raise MandateRefused(_("%(symbol)s is the text that gives the mandate") % {"symbol": revision.symbol},
                             "revision")
    if mandate.fulfilled_by.filter(pk=revision.pk).exists():
        raise MandateRefused(_("%(symbol)s is already linked to the mandate") % {"symbol": revision.symbol},
                             "revision")
    mandate.fulfilled_by.add(revision)
    mandate.changed_by, mandate.changed_at = user, timezone.now()
    mandate.save(update_fields=["changed_by", "changed_at"])
    return mandate


@transaction.atomic
def unlink_document(user: User, mandate: Mandate, revision: Revision) -> Mandate:
    """Take back a document linked by mistake."""
    check_keeps_mandates(user)
    mandate = _locked(mandate)
    if not mandate.fulfilled_by.filter(pk=revision.pk).exists():
        raise MandateRefused(_("%(symbol)s is not linked to the mandate") % {"symbol": revision.symbol}, "revision")
    mandate.fulfilled_by.remove(revision)
    mandate.changed_by, mandate.changed_at = user, timezone.now()
    mandate.save(update_fields=["changed_by", "changed_at"])
    return mandate


def due_shown(mandate: Mandate, language: str) -> str:
    """When the mandate is due, in words: the meeting ("Summit, 12 October 2022") or the day, "" when not set."""
    if mandate.due_meeting is not None:
        meeting = mandate.due_meeting
        return f"{meeting.body.name(language)}, {date_format(meeting.start)}"
    if mandate.due_date is not None:
        return date_format(mandate.due_date)
    return ""
