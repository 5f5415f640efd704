"""Forms of the institutions' pages: the plan's filters, adding an event, changing an event's status, recording the
SOC's approval, opening a plan; the catalogue's version choice and the dashboard's filters; the treaty status's filters
and the recording of an action; the mandates' filters, proposing them from a text, confirming, changing the status and
linking the documents that fulfil them.

They check the shape of what was sent (a known area, State, revision, a date); what the forum accepts — an event in
the plan's year, organised by a Member State, held only once it has begun, a plan approved once — is the services'
decision (:mod:`.cbm`, :mod:`.treaties`, :mod:`.mandates`), so no form repeats one of their rules. Titles and
venues are typed per interface language, as the meetings' forms have them. The plan's page holds several forms with fields of the same name (the filters'
status, the new status), so each form's ids have a prefix of their own (``filter-status``, ``status-status``).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.meetings.forms import DayField, name_languages
from accord.meetings.models import Meeting
from accord.meetings.services import body_label
from accord.project.pages import language_name
from accord.registry.models import Body, Membership, State, sorted_states

from . import cbm, mandates, treaties
from .models import Dimension, Mandate, Plan, PlanEvent, TreatyAction

NOTE_VERBALE = "note_verbale"


def _state_choices(states) -> list[tuple[str, str]]:
    language = get_language()
    return [(state.code, state.name(language)) for state in sorted_states(states, language)]


def _dimension_choices() -> list[tuple[str, str]]:
    language = get_language()
    return [(str(d.number), f"{d.number}. {d.name(language)}") for d in Dimension.objects.order_by("number")]


def _area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The priority areas grouped by dimension, as ``<optgroup>``s."""
    language = get_language()
    groups: dict[int, tuple[str, list]] = {}
    for area in cbm.areas():
        dimension = area.dimension
        groups.setdefault(dimension.number, (f"{dimension.number}. {dimension.name(language)}", []))[1].append(
            (area.label, f"{area.label} {area.name(language)}"))
    return list(groups.values())


def organizers():
    """The States that may be chosen as organizers: those ever a Member State (the services check the day)."""
    return State.objects.filter(memberships__status=Membership.MEMBER).distinct()


def decision_revisions(user):
    """Revisions that may stand for a decision or a report, latest first: of documents ``user`` may read, notes
    verbales excepted."""
    return (Revision.objects.filter(document__in=readable_documents(user)).exclude(document__kind=NOTE_VERBALE)
            .select_related("document").order_by("-created_at", "-pk"))


class RevisionChoice(forms.ChoiceField):
    """An optional revision among those ``user`` may read, by its primary key."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.revisions: dict[str, Revision] = {}

    def offer(self, user, revisions=None) -> None:
        """Offer ``revisions`` (by default, those that may stand for a decision or a report)."""
        language = get_language()
        self.revisions = {str(r.pk): r for r in (decision_revisions(user) if revisions is None else revisions)}
        self.choices = [("", "—")] + [(pk, f"{r.symbol} — {r.document.title(language)}")
                                      for pk, r in self.revisions.items()]

    def clean(self, value):
        value = super().clean(value)
        return self.revisions[value] if value else None


class EventFilterForm(forms.Form):
    """The events shown: of one dimension, one organizing State, one status (each optional); ``year`` for the
    dashboard across plans."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    state = forms.ChoiceField(label=_("Organizer"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years: bool = False, statuses: bool = True, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["dimension"].choices = [("", _("All dimensions"))] + _dimension_choices()
        self.fields["state"].choices = [("", _("All States"))] + _state_choices(
            State.objects.filter(cbm_events__isnull=False).distinct())
        self.fields["status"].choices = [("", _("All statuses"))] + list(PlanEvent.STATUSES)
        if years:
            self.fields["year"].choices = [("", _("All years"))] + [
                (str(year), str(year)) for year in cbm.plans().values_list("year", flat=True)]
        else:
            del self.fields["year"]
        if not statuses:
            del self.fields["status"]

    def selection(self, year: int | None = None) -> cbm.EventFilter:
        """What was chosen (an unknown value is ignored, as the choice "all"; the other choices still apply)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})  # the fields that are valid; none for an unbound form
        dimension = data.get("dimension")
        state = data.get("state")
        return cbm.EventFilter(
            year=year if year is not None else data.get("year"),
            dimension=Dimension.objects.filter(number=dimension).first() if dimension else None,
            state=State.objects.filter(code=state).first() if state else None,
            status=data.get("status") or None,
        )


class EventForm(forms.Form):
    """A new event of a plan: its priority area, kind, organizer, days, and its title and venue per language
    (``title_<language>``, ``venue_<language>``)."""

    area = forms.ChoiceField(label=_("Priority area"))
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanEvent.KINDS)
    organizer = forms.ChoiceField(label=_("Organizer"))
    start = DayField(label=_("First day"))
    end = DayField(label=_("Last day"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="event-%s", **kwargs)
        self.fields["area"].choices = _area_choices()
        self.fields["organizer"].choices = _state_choices(organizers())
        for prefix in ("title", "venue"):
            for code in name_languages():
                self.fields[f"{prefix}_{code}"] = forms.CharField(
                    label=language_name(code), required=False, max_length=cbm.MAX_NAME,
                    widget=forms.TextInput(attrs={"lang": code}),
                )

    def clean_area(self):
        return cbm.area_by_label(self.cleaned_data["area"])

    def clean_organizer(self) -> State:
        return State.objects.get(code=self.cleaned_data["organizer"])

    def title_fields(self) -> list:
        return [self[f"title_{code}"] for code in name_languages()]

    def venue_fields(self) -> list:
        return [self[f"venue_{code}"] for code in name_languages()]

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"title_{code}"] for code in name_languages()}

    def venue(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"venue_{code}"] for code in name_languages()}


class StatusForm(forms.Form):
    """A new status for one of the plan's events, with the report of a held event (a document, or a note)."""

    event = forms.ChoiceField(label=_("Event"))
    status = forms.ChoiceField(label=_("New status"), choices=PlanEvent.STATUSES)
    report = RevisionChoice(label=_("Report (document)"))
    report_note = forms.CharField(label=_("Report (note)"), required=False, max_length=cbm.MAX_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, plan: Plan, user, *args, **kwargs):
        super().__init__(*args, auto_id="status-%s", **kwargs)
        language = get_language()
        self.events = {str(e.pk): e for e in cbm.plan_events(plan)}
        self.fields["event"].choices = [
            (pk, f"{date_format(e.start)} — {e.title(language)} ({e.get_status_display()})")
            for pk, e in self.events.items()
        ]
        self.fields["report"].offer(user)

    def clean_event(self) -> PlanEvent:
        return self.events[self.cleaned_data["event"]]


class ApprovalForm(forms.Form):
    """The SOC's approval of a plan: the day, and its decision (a document Accord holds, or a reference)."""

    approved_on = DayField(label=_("Approved on"))
    decision = RevisionChoice(label=_("SOC decision (document)"))
    reference = forms.CharField(label=_("SOC decision (reference)"), required=False, max_length=cbm.MAX_REFERENCE)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, auto_id="approval-%s", **kwargs)
        self.fields["decision"].offer(user)


class PlanForm(forms.Form):
    """A new (empty) plan for a year."""

    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="plan-%s", **kwargs)


# Treaty status --------------------------------------------------------------------------------------------------------


class TreatyFilterForm(forms.Form):
    """The status shown: on a day (today by default), of the Member States at one stage (each optional)."""

    on = DayField(label=_("On"), required=False)
    stage = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["stage"].choices = [("", _("All Member States"))] + list(treaties.STAGES)

    def selection(self) -> tuple:
        """The day and the stage chosen; an invalid value counts as not chosen (today, every stage)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("on") or timezone.localdate(), data.get("stage") or None


class TreatyActionForm(forms.Form):
    """A signature, ratification (acceptance, approval, accession) or entry into force for a State, on a day."""

    state = forms.ChoiceField(label=_("State"))
    kind = forms.ChoiceField(label=_("Action"), choices=TreatyAction.KINDS)
    date = DayField(label=_("Date"))
    note = forms.CharField(label=_("Note"), required=False, max_length=treaties.MAX_NOTE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="action-%s", **kwargs)
        self.fields["state"].choices = _state_choices(organizers())

    def clean_state(self) -> State:
        return State.objects.get(code=self.cleaned_data["state"])


# Mandates -------------------------------------------------------------------------------------------------------------


def _responsible_choices() -> list[tuple[str, str]]:
    """Who may be responsible for a mandate: the Chairmanship, the Secretariat, each body ("body:SOC")."""
    language = get_language()
    return [(Mandate.CHAIRMANSHIP, _("The Chairmanship")), (Mandate.SECRETARIAT, _("The Secretariat"))] + [
        (f"body:{body.symbol_prefix}", body_label(body, language)) for body in Body.objects.order_by("symbol_prefix")]


def responsible_value(mandate: Mandate) -> str:
    """The choice of :func:`_responsible_choices` standing for who is responsible for ``mandate`` ("" if no one)."""
    if mandate.actor == Mandate.BODY and mandate.body is not None:
        return f"body:{mandate.body.symbol_prefix}"
    return mandate.actor


def responsible_of(value: str) -> tuple[str, Body | None]:
    """The actor and body a choice of :func:`_responsible_choices` stands for ("", None when unknown)."""
    if value.startswith("body:"):
        body = Body.objects.filter(symbol_prefix=value[len("body:"):]).first()
        return (Mandate.BODY, body) if body else ("", None)
    return (value, None) if value in (Mandate.CHAIRMANSHIP, Mandate.SECRETARIAT) else ("", None)


class MandateFilterForm(forms.Form):
    """The mandates shown: of one status, one responsible (or none named), one text."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    revision = forms.ChoiceField(label=_("Text"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["status"].choices = [("", _("All statuses"))] + list(Mandate.STATUSES)
        self.fields["responsible"].choices = ([("", _("Anyone"))] + _responsible_choices()
                                              + [("none", _("No one recognised"))])
        self.revisions = {str(r.pk): r for r in mandates.proposable_revisions(user).filter(mandates__isnull=False)
                          .distinct()}
        self.fields["revision"].choices = [("", _("All texts"))] + [(pk, r.symbol) for pk, r in self.revisions.items()]

    def selection(self) -> mandates.MandateFilter:
        """What was chosen (an unknown value is ignored, as the choice "all")."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        responsible = data.get("responsible") or ""
        actor, body = ("none", None) if responsible == "none" else responsible_of(responsible)
        return mandates.MandateFilter(status=data.get("status") or None, actor=actor or None, body=body,
                                      revision=self.revisions.get(data.get("revision") or ""))


class ProposeForm(forms.Form):
    """The text (an issued revision) whose operative paragraphs mandates are proposed from."""

    revision = forms.ChoiceField(label=_("Text"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, auto_id="propose-%s", **kwargs)
        language = get_language()
        self.revisions = {str(r.pk): r for r in mandates.proposable_revisions(user)}
        self.fields["revision"].choices = [(pk, f"{r.symbol} — {r.document.title(language)}")
                                           for pk, r in self.revisions.items()]

    def clean_revision(self) -> Revision:
        return self.revisions[self.cleaned_data["revision"]]


class ConfirmForm(forms.Form):
    """The secretariat's confirmation of a proposed mandate, with who is responsible, the task and when it is due
    corrected where the proposal guessed wrong; filled in with the proposal."""

    responsible = forms.ChoiceField(label=_("Responsible"))
    task = forms.CharField(label=_("Task"), max_length=mandates.MAX_TASK, widget=forms.Textarea(attrs={"rows": 3}))
    due_meeting = forms.ChoiceField(label=_("Due at the meeting"), required=False)
    due_date = DayField(label=_("Due by"), required=False)

    def __init__(self, mandate: Mandate, *args, **kwargs):
        initial = {"responsible": responsible_value(mandate), "task": mandate.task,
                   "due_meeting": str(mandate.due_meeting_id or ""), "due_date": mandate.due_date}
        super().__init__(*args, auto_id="confirm-%s", initial=initial, **kwargs)
        self.fields["responsible"].choices = [("", "—")] + _responsible_choices()
        self.fields["responsible"].required = False  # the service says who must be named, in one line
        language = get_language()
        self.meetings = {str(m.pk): m for m in Meeting.objects.select_related("body").order_by("start")}
        self.fields["due_meeting"].choices = [("", "—")] + [
            (pk, f"{body_label(m.body, language)}, {date_format(m.start)}") for pk, m in self.meetings.items()]

    def clean_due_meeting(self) -> Meeting | None:
        return self.meetings.get(self.cleaned_data["due_meeting"] or "")

    def chosen_responsible(self) -> tuple[str, Body | None]:
        return responsible_of(self.cleaned_data.get("responsible") or "")


class MandateStatusForm(forms.Form):
    """A new status for a confirmed mandate."""

    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="status-%s", **kwargs)
        self.fields["status"].choices = [(code, label) for code, label in Mandate.STATUSES
                                         if code not in (Mandate.PROPOSED, Mandate.CONFIRMED)]


class LinkForm(forms.Form):
    """A document (a revision Accord holds, a note verbale included) that fulfils the mandate."""

    revision = RevisionChoice(label=_("Document"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, auto_id="link-%s", **kwargs)
        self.fields["revision"].offer(user, Revision.objects.filter(document__in=readable_documents(user))
                                      .select_related("document").order_by("-created_at", "-pk"))
        self.fields["revision"].required = True
