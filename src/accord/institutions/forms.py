"""Forms of the institutions' pages: the plan's filters, adding an event, changing an event's status, recording the
SOC's approval, opening a plan; the catalogue's version choice and the dashboard's filters.

They check the shape of what was sent (a known area, State, revision, a date); what the forum accepts — an event in
the plan's year, organised by a Member State, held only once it has begun, a plan approved once — is the services'
decision (:mod:`.cbm`), so no form repeats one of their rules. Titles and venues are typed per interface language,
as the meetings' forms have them. The plan's page holds several forms with fields of the same name (the filters'
status, the new status), so each form's ids have a prefix of their own (``filter-status``, ``status-status``).
"""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.meetings.forms import DayField, name_languages
from accord.registry.models import Membership, State, sorted_states

from . import cbm
from .models import Dimension, Plan, PlanEvent

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

    def offer(self, user) -> None:
        language = get_language()
        self.revisions = {str(r.pk): r for r in decision_revisions(user)}
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


def _language_label(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


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
                    label=_language_label(code), required=False, max_length=cbm.MAX_NAME,
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
