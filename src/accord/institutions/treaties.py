"""The status of the forum's instruments: who signed, who ratified (or accepted, approved, acceded), and for whom each
is in force; what the pages, the API and the demo call.

Every role reads. Only the secretariat records an action (:class:`PermissionDenied` otherwise); an action the forum
cannot accept raises :class:`TreatyRefused` with a one-line reason in the interface language and writes nothing.

The rules kept here:

* an action is recorded once it has happened: never for a day still to come, nor before the instrument was adopted;
* it is a Member State's: the State is a Member State on the day of the action (membership over time, from the
  registry);
* a State signs once and consents to be bound once; a ratification, acceptance or approval follows its signature
  (never dated before it), while an accession is the way of a State that did not sign;
* the instrument enters into force for a State once it has consented, not before that day, nor before the instrument
  itself entered into force when that day is known.

:func:`status_table` gives the status of every Member State on a day; :func:`not_ratified` lists the Member States
that have not yet consented, alphabetically in a language, as a sentence ready to quote in a note verbale
("Afghanistan, Bahrain and Viet Nam"): the list is written by Babel in the locale of the language's table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.lists import format_list
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.registry.models import Membership, State, User, sorted_states
from accord.text.languages import all_languages, get_language as language_table

from .cbm import CbmRefused, clean_names
from .models import Instrument, TreatyAction

MAX_NOTE = 500
# An action's kind inside a sentence ("the ratification by Kazakhstan"), where the labels' capital would be wrong.
KIND_WORDS = {
    TreatyAction.SIGNATURE: gettext_lazy("signature"),
    TreatyAction.RATIFICATION: gettext_lazy("ratification"),
    TreatyAction.ACCEPTANCE: gettext_lazy("acceptance"),
    TreatyAction.APPROVAL: gettext_lazy("approval"),
    TreatyAction.ACCESSION: gettext_lazy("accession"),
    TreatyAction.ENTRY_INTO_FORCE: gettext_lazy("entry into force"),
}

# Where a Member State stands on a day, furthest last.
NOT_SIGNED = "not_signed"
SIGNED = "signed"
RATIFIED = "ratified"
IN_FORCE = "in_force"
STAGES = [(NOT_SIGNED, gettext_lazy("Not signed")), (SIGNED, gettext_lazy("Signed, not ratified")),
          (RATIFIED, gettext_lazy("Ratified, not in force")), (IN_FORCE, gettext_lazy("In force"))]


class TreatyRefused(ValueError):
    """An action that cannot be recorded; ``str()`` is one line. ``field`` names the input at fault (``date``,
    ``state``, ``kind``…) for the API's answer, or is None."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def check_keeps_treaties(user: User) -> None:
    """Only the secretariat records signatures, ratifications and entries into force."""
    if not user.is_authenticated or user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat records the signatures and ratifications of the forum's "
                                 "instruments"))


def _language() -> str:
    return get_language() or "en"


def _shown(day: dt.date) -> str:
    return date_format(day)


# Reading --------------------------------------------------------------------------------------------------------------


def instruments() -> QuerySet[Instrument]:
    return Instrument.objects.order_by("adopted_on", "pk")


def member_states_on(day: dt.date) -> QuerySet[State]:
    """The States that are Member States on ``day``."""
    members = Membership.objects.filter(status=Membership.MEMBER, start__lte=day).exclude(end__lt=day)
    return State.objects.filter(pk__in=members.values("state")).distinct()


def _is_member_on(state: State, day: dt.date) -> bool:
    membership = state.membership_on(day)
    return membership is not None and membership.status == Membership.MEMBER


@dataclass
class StatusRow:
    """A Member State's actions on an instrument up to a day: its signature, its consent to be bound (a
    ratification, acceptance, approval or accession) and the instrument's entry into force for it; None where there
    is none yet."""

    state: State
    signature: TreatyAction | None = None
    consent: TreatyAction | None = None
    in_force: TreatyAction | None = None

    @property
    def stage(self) -> str:
        if self.in_force is not None:
            return IN_FORCE
        if self.consent is not None:
            return RATIFIED
        if self.signature is not None:
            return SIGNED
        return NOT_SIGNED


def status_table(instrument: Instrument, on: dt.date, language: str, stage: str | None = None) -> list[StatusRow]:
    """Every Member State on ``on``, alphabetically in ``language``, with its actions on ``instrument`` dated ``on``
    or before (a ratification of the next day is not there yet); of one ``stage`` only when asked."""
    rows = {state.pk: StatusRow(state) for state in member_states_on(on)}
    for action in instrument.actions.filter(state__in=list(rows), date__lte=on).order_by("date", "pk"):
        row = rows[action.state_id]
        if action.kind == TreatyAction.SIGNATURE:
            row.signature = action
        elif action.kind == TreatyAction.ENTRY_INTO_FORCE:
            row.in_force = action
        else:
            row.consent = action
    shown = [rows[state.pk] for state in sorted_states([row.state for row in rows.values()], language)]
    return [row for row in shown if stage is None or row.stage == stage]


def stage_counts(rows: list[StatusRow]) -> dict[str, int]:
    counts = dict.fromkeys((code for code, _label in STAGES), 0)
    for row in rows:
        counts[row.stage] += 1
    return counts


@dataclass(frozen=True)
class NotRatified:
    """The Member States that have not consented to be bound by an instrument on a day, alphabetically in
    ``language``, and ``text``: their names as a sentence in that language ("Afghanistan, Bahrain and Viet Nam")."""

    language: str
    states: list[State]
    text: str


def quoted_list(names: list[str], language: str) -> str:
    """``names`` joined as ``language`` writes a list ("A, B and C", "А, Б и В"), by Babel in the locale of the
    language's table."""
    if not names:
        return ""
    return format_list(names, locale=Locale.parse(language_table(language).locale, sep="-"))


def not_ratified(instrument: Instrument, language: str, on: dt.date | None = None) -> NotRatified:
    """The Member States on ``on`` (today by default) that have not ratified, accepted, approved or acceded to
    ``instrument`` by that day, in ``language``."""
    on = on or timezone.localdate()
    consented = instrument.actions.filter(kind__in=TreatyAction.CONSENT, date__lte=on).values("state")
    states = sorted_states(member_states_on(on).exclude(pk__in=consented), language)
    return NotRatified(language, states, quoted_list([state.name(language) for state in states], language))


# Recording ------------------------------------------------------------------------------------------------------------


def _action_of(instrument: Instrument, state: State, kinds) -> TreatyAction | None:
    return instrument.actions.filter(state=state, kind__in=kinds).order_by("date", "pk").first()


@transaction.atomic
def record_action(user: User, instrument: Instrument, *, state: State, kind: str, date: dt.date, note: str = "",
                  today: dt.date | None = None) -> TreatyAction:
    """Record that ``state`` signed ``instrument``, consented to be bound by it (``kind`` ratification, acceptance,
    approval or accession) or saw it enter into force for itself, on ``date``."""
    check_keeps_treaties(user)
    today = today or timezone.localdate()
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    name = state.name(_language())
    if kind not in KIND_WORDS:
        raise TreatyRefused(_("unknown kind of action '%(kind)s'") % {"kind": kind}, "kind")
    note = " ".join((note or "").split())
    if len(note) > MAX_NOTE:
        raise TreatyRefused(_("the note is longer than %(limit)d characters") % {"limit": MAX_NOTE}, "note")
    if date > today:
        raise TreatyRefused(_("%(day)s has not come yet: an action is recorded once it has happened")
                            % {"day": _shown(date)}, "date")
    if instrument.adopted_on is not None and date < instrument.adopted_on:
        raise TreatyRefused(_("the instrument was adopted on %(adopted)s, after %(day)s")
                            % {"adopted": _shown(instrument.adopted_on), "day": _shown(date)}, "date")
    if not _is_member_on(state, date):
        raise TreatyRefused(_("%(state)s is not a Member State on %(day)s") % {"state": name, "day": _shown(date)},
                            "state")
    same = _action_of(instrument, state, [kind])
    if same is not None:
        raise TreatyRefused(_("the %(kind)s by %(state)s is already recorded, on %(day)s")
                            % {"kind": KIND_WORDS[kind], "state": name, "day": _shown(same.date)}, "kind")
    signature = _action_of(instrument, state, [TreatyAction.SIGNATURE])
    consent = _action_of(instrument, state, TreatyAction.CONSENT)
    if kind == TreatyAction.SIGNATURE and consent is not None:
        raise TreatyRefused(_("%(state)s is already bound by the instrument, by its %(kind)s of %(day)s")
                            % {"state": name, "kind": KIND_WORDS[consent.kind], "day": _shown(consent.date)}, "kind")
    if kind in TreatyAction.CONSENT:
        if consent is not None:
            raise TreatyRefused(_("%(state)s is already bound by the instrument, by its %(kind)s of %(day)s")
                                % {"state": name, "kind": KIND_WORDS[consent.kind], "day": _shown(consent.date)},
                                "kind")
        if kind == TreatyAction.ACCESSION and signature is not None:
            raise TreatyRefused(_("%(state)s signed the instrument on %(day)s: it ratifies, accepts or approves it, "
                                  "it does not accede") % {"state": name, "day": _shown(signature.date)}, "kind")
        if kind != TreatyAction.ACCESSION and signature is None:
            raise TreatyRefused(_("%(state)s has not signed the instrument: record its signature first, or an "
                                  "accession") % {"state": name}, "kind")
        if kind != TreatyAction.ACCESSION and date < signature.date:
            raise TreatyRefused(_("the %(kind)s by %(state)s is dated %(day)s, before its signature on %(signed)s")
                                % {"kind": KIND_WORDS[kind], "state": name, "day": _shown(date),
                                   "signed": _shown(signature.date)}, "date")
    if kind == TreatyAction.ENTRY_INTO_FORCE:
        if consent is None:
            raise TreatyRefused(_("%(state)s has not ratified or acceded to the instrument: it is not in force for "
                                  "it") % {"state": name}, "kind")
        if date < consent.date:
            raise TreatyRefused(_("the entry into force for %(state)s on %(day)s comes before its %(kind)s on "
                                  "%(consented)s") % {"state": name, "day": _shown(date),
                                                      "kind": KIND_WORDS[consent.kind],
                                                      "consented": _shown(consent.date)}, "date")
        if instrument.entry_into_force is not None and date < instrument.entry_into_force:
            raise TreatyRefused(_("the instrument entered into force on %(in_force)s, after %(day)s")
                                % {"in_force": _shown(instrument.entry_into_force), "day": _shown(date)}, "date")
    return TreatyAction.objects.create(instrument=instrument, state=state, kind=kind, date=date, note=note,
                                       recorded_by=user)


@transaction.atomic
def add_instrument(user: User, *, names: dict, adopted_on: dt.date | None = None,
                   entry_into_force: dt.date | None = None, depositary: dict | None = None,
                   note: str = "") -> Instrument:
    """A new instrument of the forum, named in at least one language."""
    check_keeps_treaties(user)
    try:
        names = clean_names(names, _("the instrument's title"), "names")
    except CbmRefused as refusal:
        raise TreatyRefused(str(refusal), refusal.field) from None
    if names.get("en") and Instrument.objects.filter(names__en=names["en"]).exists():
        raise TreatyRefused(_("there is already an instrument “%(name)s”") % {"name": names["en"]}, "names")
    if adopted_on is not None and entry_into_force is not None and entry_into_force < adopted_on:
        raise TreatyRefused(_("the instrument entered into force on %(in_force)s, before it was adopted on "
                              "%(adopted)s") % {"in_force": _shown(entry_into_force), "adopted": _shown(adopted_on)},
                            "entry_into_force")
    depositary = {code: " ".join(text.split()) for code, text in (depositary or {}).items()
                  if code in all_languages() and (text or "").strip()}
    return Instrument.objects.create(names=names, adopted_on=adopted_on, entry_into_force=entry_into_force,
                                     depositary=depositary, note=(note or "").strip())
