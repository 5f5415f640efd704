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

Names and texts are kept per language in JSON, like the registry's (``{"en": "Economic dimension", "ru": "…"}``;
see :func:`accord.registry.models.localized`), so a forum working in other languages needs no schema change.
What a secretariat may change, and what it may not, is decided in :mod:`.cbm`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.documents.models import Revision
from accord.registry.models import State, localized

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
