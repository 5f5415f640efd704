"""The forum's institutions: what a secretariat keeps track of besides its documents.

The catalogue of confidence building measures (CBMs):

* a :class:`Dimension` of the catalogue (1 military-political … 5 human), its :class:`PriorityArea` list and each
  area's :class:`Measure` list, numbered within their parent ("2.3", "2.3.1");
* a :class:`Coordination`: a Member State coordinating or co-coordinating a priority area for a term;
* a :class:`CatalogueVersion`: the catalogue as one decision adopted it, with the measures it holds. A measure added
  by a later version is in that version and not in the one before, which is how a page tells that it is new there.

The Plan on Implementation of CBMs:

* a :class:`Plan` per year, prepared by the SWG and approved by the SOC (the date and the decision are recorded);
* a :class:`PlanEvent`: a workshop, seminar or experts meeting in one priority area, organised by a State, with its
  dates, venue, status (planned, held, postponed, cancelled) and report.

Treaty status:

* an :class:`Instrument` of the forum (the Statute of its Secretariat, its convention on privileges and immunities),
  with the day it was adopted, the day it entered into force and its depositary;
* a :class:`TreatyAction`: a State's signature, ratification (or acceptance, approval, accession) or the instrument's
  entry into force for it, with the day.

Mandates:

* a :class:`Mandate`: the task an operative paragraph of a text gives a body, the Chairmanship or the Secretariat, due
  at a meeting or by a date, proposed from the text's wording and counting only once the secretariat confirms it.

Names and texts are kept per language in JSON, like the registry's (``{"en": "Economic dimension", "ru": "…"}``;
see :func:`accord.registry.models.localized`), so a forum working in other languages needs no schema change.
What a secretariat may change, and what it may not, is decided in :mod:`.cbm`, :mod:`.treaties` and
:mod:`.mandates`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.documents.models import Revision
from accord.meetings.models import Meeting
from accord.registry.models import Body, State, localized

# The catalogue of confidence building measures ------------------------------------------------------------------------


class Dimension(models.Model):
    """A dimension of the catalogue, numbered from 1 (CICA has five)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    names = models.JSONField(_("names"), help_text=_("The dimension's name in each language."))

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["number"]
        constraints = [models.CheckConstraint(condition=models.Q(number__gte=1), name="dimension_numbered_from_1")]

    def __str__(self) -> str:
        return f"{self.number}. {localized(self.names, 'en')}"

    def name(self, language: str) -> str:
        return localized(self.names, language)

    @property
    def label(self) -> str:
        return str(self.number)


class PriorityArea(models.Model):
    """A priority area of a dimension, numbered within it ("2.3"), with coordinating States."""

    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="areas",
                                  verbose_name=_("dimension"))
    number = models.PositiveSmallIntegerField(_("number"))
    names = models.JSONField(_("names"), help_text=_("The priority area's name in each language."))

    class Meta:
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
        ordering = ["dimension__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "number"], name="one_area_per_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="area_numbered_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {localized(self.names, 'en')}"

    def name(self, language: str) -> str:
        return localized(self.names, language)

    @property
    def label(self) -> str:
        return f"{self.dimension.number}.{self.number}"


class Measure(models.Model):
    """A confidence building measure of a priority area, numbered within it ("2.3.1")."""

    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="measures",
                             verbose_name=_("priority area"))
    number = models.PositiveSmallIntegerField(_("number"))
    texts = models.JSONField(_("texts"), help_text=_("The measure's wording in each language."))

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["area__dimension__number", "area__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="one_measure_per_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="measure_numbered_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {localized(self.texts, 'en')[:60]}"

    def text(self, language: str) -> str:
        return localized(self.texts, language)

    @property
    def label(self) -> str:
        return f"{self.area.label}.{self.number}"


class Coordination(models.Model):
    """A State coordinating (or co-coordinating) a priority area from ``start`` until ``end`` (open while None)."""

    COORDINATOR = "coordinator"
    CO_COORDINATOR = "co_coordinator"
    ROLES = [(COORDINATOR, _("Coordinator")), (CO_COORDINATOR, _("Co-coordinator"))]

    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="coordinations",
                             verbose_name=_("priority area"))
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="coordinations", verbose_name=_("State"))
    role = models.CharField(_("role"), max_length=20, choices=ROLES)
    start = models.DateField(_("since"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("coordination")
        verbose_name_plural = _("coordinations")
        ordering = ["area", "role", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="coordination_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.area.label} {self.get_role_display()} {self.state} ({self.start}–{self.end or ''})"

    def in_force_on(self, day) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


class CatalogueVersion(models.Model):
    """The catalogue as a decision adopted it: numbered in order, with the measures it holds.

    ``decision`` is the revision of the document that adopts it (the declaration of a Ministerial Meeting), when
    Accord holds it; ``reference`` names the decision in words, for one adopted before Accord. ``adopted_on`` is
    None while the decision is still a draft (see :func:`.cbm.adoption_of`, which also reads the negotiation's
    record of the decision's adoption)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    label = models.CharField(_("label"), max_length=100)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("decision"))
    reference = models.CharField(_("reference"), max_length=500, blank=True,
                                 help_text=_("The decision that adopted it, in words."))
    measures = models.ManyToManyField(Measure, related_name="versions", blank=True, verbose_name=_("measures"))

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.label

    def previous(self) -> CatalogueVersion | None:
        return CatalogueVersion.objects.filter(number__lt=self.number).order_by("-number").first()


# The Plan on Implementation -------------------------------------------------------------------------------------------


class Plan(models.Model):
    """The Plan on Implementation of CBMs for a year; approved by the SOC on ``approved_by_soc_on``, by the decision
    ``approval`` (a revision Accord holds) or ``approval_reference`` (in words)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    approved_by_soc_on = models.DateField(_("approved by the SOC on"), null=True, blank=True)
    approval = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("SOC decision"))
    approval_reference = models.CharField(_("SOC decision (reference)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("plan on implementation")
        verbose_name_plural = _("plans on implementation")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"Plan {self.year}"

    @property
    def is_approved(self) -> bool:
        return self.approved_by_soc_on is not None


class PlanEvent(models.Model):
    """An event of a plan in one priority area, organised by a State."""

    WORKSHOP = "workshop"
    SEMINAR = "seminar"
    EXPERTS_MEETING = "experts_meeting"
    OTHER = "other"
    KINDS = [(WORKSHOP, _("Workshop")), (SEMINAR, _("Seminar")), (EXPERTS_MEETING, _("Experts meeting")),
             (OTHER, _("Other event"))]

    PLANNED = "planned"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    STATUSES = [(PLANNED, _("Planned")), (HELD, _("Held")), (POSTPONED, _("Postponed")),
                (CANCELLED, _("Cancelled"))]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events", verbose_name=_("plan"))
    area = models.ForeignKey(PriorityArea, on_delete=models.PROTECT, related_name="events",
                             verbose_name=_("priority area"))
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    titles = models.JSONField(_("titles"), help_text=_("The event's title in each language."))
    organizer = models.ForeignKey(State, on_delete=models.PROTECT, related_name="cbm_events",
                                  verbose_name=_("organizer"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    venue = models.JSONField(_("venue"), default=dict, blank=True,
                             help_text=_('The city (or "online"), per language.'))
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=PLANNED)
    report = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("report"))
    report_note = models.TextField(_("report (note)"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["plan", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="plan_event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.start} {localized(self.titles, 'en')}"

    def title(self, language: str) -> str:
        return localized(self.titles, language)

    def venue_name(self, language: str) -> str:
        return localized(self.venue, language) if self.venue else ""


# Treaty status --------------------------------------------------------------------------------------------------------


class Instrument(models.Model):
    """A treaty of the forum (the Statute of its Secretariat, a convention on privileges and immunities): names per
    language, the day it was adopted (opened for signature), the day it entered into force (None while it has not, or
    while it is not known) and its depositary, in words per language."""

    names = models.JSONField(_("names"), help_text=_("The instrument's title in each language."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    entry_into_force = models.DateField(_("entered into force on"), null=True, blank=True)
    depositary = models.JSONField(_("depositary"), default=dict, blank=True,
                                  help_text=_("The depositary, in words per language."))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["adopted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entry_into_force__isnull=True) | models.Q(adopted_on__isnull=True)
                | models.Q(entry_into_force__gte=models.F("adopted_on")),
                name="instrument_in_force_after_adoption"),
        ]

    def __str__(self) -> str:
        return localized(self.names, "en")

    def name(self, language: str) -> str:
        return localized(self.names, language)

    def depositary_name(self, language: str) -> str:
        return localized(self.depositary, language) if self.depositary else ""


class TreatyAction(models.Model):
    """What a State did about an instrument, on a day: signed it, consented to be bound by it (ratification, or
    acceptance, approval, accession), or saw it enter into force for itself. One of each kind per State."""

    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    ENTRY_INTO_FORCE = "entry_into_force"
    KINDS = [(SIGNATURE, _("Signature")), (RATIFICATION, _("Ratification")), (ACCEPTANCE, _("Acceptance")),
             (APPROVAL, _("Approval")), (ACCESSION, _("Accession")), (ENTRY_INTO_FORCE, _("Entry into force"))]
    CONSENT = (RATIFICATION, ACCEPTANCE, APPROVAL, ACCESSION)  # the ways of consenting to be bound

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="actions",
                                   verbose_name=_("instrument"))
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="treaty_actions", verbose_name=_("State"))
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("treaty action")
        verbose_name_plural = _("treaty actions")
        ordering = ["instrument", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "state", "kind"], name="one_treaty_action_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} — {self.state} {self.kind} {self.date}"

    @property
    def is_consent(self) -> bool:
        return self.kind in self.CONSENT


# Mandates -------------------------------------------------------------------------------------------------------------


class Mandate(models.Model):
    """A task an operative paragraph of a text gives someone: "request the CICA Chairmanship to prepare a concept
    paper" (OP3). Proposed by Accord from the text's wording (``cue``, ``actor_words``: the words that made the
    guess), it counts only once the secretariat has confirmed it (``confirmed_by``, ``confirmed_at``); it is then in
    progress, done or dropped, and the documents that fulfil it are linked to it.

    The one responsible is a body of the registry (``actor`` "body", ``body`` set), the Chairmanship or the
    Secretariat; empty while a proposal names none that Accord recognises. It is due at a meeting or by a date."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    STATUSES = [(PROPOSED, _("Proposed")), (CONFIRMED, _("Confirmed")), (IN_PROGRESS, _("In progress")),
                (DONE, _("Done")), (DROPPED, _("Dropped"))]
    CONFIRMED_STATUSES = (CONFIRMED, IN_PROGRESS, DONE)

    BODY = "body"
    CHAIRMANSHIP = "chairmanship"
    SECRETARIAT = "secretariat"
    ACTORS = [(BODY, _("A body")), (CHAIRMANSHIP, _("The Chairmanship")), (SECRETARIAT, _("The Secretariat"))]

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="mandates",
                                 verbose_name=_("from the text"))
    provision = models.CharField(_("provision"), max_length=100, help_text=_('Its id in the text: "para_3".'))
    label = models.CharField(_("paragraph"), max_length=50, help_text=_('As the text numbers it: "OP3".'))
    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                help_text=_("The task's place among those of the paragraph, from 0."))
    language = models.CharField(_("language"), max_length=8)
    excerpt = models.TextField(_("excerpt"), help_text=_("The words of the paragraph that give the task."))
    cue = models.CharField(_("cue"), max_length=100, blank=True,
                           help_text=_('The words that made it a proposal: "request".'))
    actor_words = models.CharField(_("words naming the actor"), max_length=200, blank=True)
    actor = models.CharField(_("responsible"), max_length=20, choices=ACTORS, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates",
                             verbose_name=_("body"))
    task = models.TextField(_("task"))
    due_meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates",
                                    verbose_name=_("due at the meeting"))
    due_date = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=PROPOSED)
    fulfilled_by = models.ManyToManyField(Revision, blank=True, related_name="fulfilled_mandates",
                                          verbose_name=_("fulfilled by"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("last changed by"))
    changed_at = models.DateTimeField(_("last changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["revision", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "provision", "position"], name="one_mandate_per_clause"),
            models.CheckConstraint(
                condition=(models.Q(actor="body", body__isnull=False)
                           | (~models.Q(actor="body") & models.Q(body__isnull=True))),
                name="mandate_body_when_actor_is_a_body"),
            models.CheckConstraint(condition=models.Q(due_meeting__isnull=True) | models.Q(due_date__isnull=True),
                                   name="mandate_due_at_a_meeting_or_by_a_date"),
            # Nothing counts as confirmed unless someone of the secretariat confirmed it.
            models.CheckConstraint(
                condition=~models.Q(status__in=["confirmed", "in_progress", "done"])
                | models.Q(confirmed_at__isnull=False, confirmed_by__isnull=False),
                name="mandate_confirmed_by_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.revision} {self.label}.{self.position}: {self.task[:60]}"

    @property
    def is_confirmed(self) -> bool:
        return self.status in self.CONFIRMED_STATUSES

    def responsible(self, language: str) -> str:
        """Who is responsible, in ``language``: the body's name, or the Chairmanship or the Secretariat; "" if no
        one is named yet."""
        if self.actor == self.BODY and self.body is not None:
            return self.body.name(language)
        from django.utils import translation

        with translation.override(language):
            return str(dict(self.ACTORS).get(self.actor, ""))
