"""The forum's registry: its States, their memberships over time, the Chairmanship, its bodies, and its users.

Names are kept per language in a JSON mapping (``{"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"}``), so
a forum that works in other languages loads its own names without a schema change. Lists of States are sorted by
:func:`sorted_states`, alphabetically in the language shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.text.languages import all_languages


def localized(names: dict, language: str, fallback: str = "en") -> str:
    """The name in ``language``, else in ``fallback``, else any name there is."""
    return names.get(language) or names.get(fallback) or next(iter(names.values()), "")


class State(models.Model):
    """A State that takes part in the forum, known by its ISO 3166-1 alpha-2 code."""

    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    names = models.JSONField(_("names"), help_text=_("The State's short name in each language."))

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["code"]

    def __str__(self) -> str:
        return localized(self.names, "en")

    def name(self, language: str) -> str:
        return localized(self.names, language)

    def membership_on(self, day: dt.date) -> Membership | None:
        """The membership in force on ``day``, or None when the State took no part in the forum then."""
        return (
            self.memberships.filter(start__lte=day)
            .filter(models.Q(end__isnull=True) | models.Q(end__gte=day))
            .order_by("-start")
            .first()
        )


def sorted_states(states, language: str) -> list[State]:
    """``states`` in the alphabetical order of ``language`` (Kazakh ә after а, not after я)."""
    table = all_languages().get(language) or all_languages()["en"]
    return sorted(states, key=lambda state: table.sort_key(state.name(language)))


class Membership(models.Model):
    """A State's status in the forum from ``start`` until ``end`` (open-ended when None)."""

    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"
    STATUSES = [(MEMBER, _("Member State")), (OBSERVER, _("Observer")), (PARTNER, _("Partner"))]

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(_("status"), max_length=10, choices=STATUSES)
    start = models.DateField(_("since"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["state", "start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                                   name="membership_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.state} — {self.get_status_display()} ({self.start}–{self.end or ''})"


class Chairmanship(models.Model):
    """The Member State chairing the forum for a term (the Chairman-in-Office); ``end`` None while it is not set."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="chairmanships")
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("Chairmanship")
        verbose_name_plural = _("Chairmanships")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.state} ({self.start}–{self.end or ''})"

    @classmethod
    def on(cls, day: dt.date) -> Chairmanship | None:
        in_force = models.Q(end__isnull=True) | models.Q(end__gte=day)
        return cls.objects.filter(in_force, start__lte=day).select_related("state").order_by("-start").first()


class Body(models.Model):
    """An organ of the forum that adopts texts (Ministerial Meeting, SOC, SWG…), with its symbol prefix (``MM``)."""

    symbol_prefix = models.CharField(_("symbol prefix"), max_length=20, unique=True)
    names = models.JSONField(_("names"))
    abbreviations = models.JSONField(_("abbreviations"), help_text=_('e.g. {"en": "SWG", "ru": "СРГ"}'))
    forms = models.JSONField(
        _("grammatical forms"), default=dict, blank=True,
        help_text=_('The forms of the name that notes verbales need, per language: {"ru": {"genitive": "…"}}'),
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["symbol_prefix"]

    def __str__(self) -> str:
        return localized(self.names, "en")

    def name(self, language: str) -> str:
        return localized(self.names, language)


class Delegation(models.Model):
    """The delegation of one State: whom its delegates speak for."""

    state = models.OneToOneField(State, on_delete=models.CASCADE, related_name="delegation")

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return str(self.state)


class User(AbstractUser):
    """A person who uses Accord, in exactly one role.

    The chair acts for the State holding the Chairmanship; a delegate and an observer delegate belong to one
    delegation; a translator works into ``languages``, and a reviser checks and approves the translations into
    ``languages``. ``is_demo`` marks the demo users, who can log in only while the
    instance runs in demo mode.
    """

    SECRETARIAT = "secretariat"
    CHAIR = "chair"
    DELEGATE = "delegate"
    OBSERVER_DELEGATE = "observer_delegate"
    TRANSLATOR = "translator"
    REVISER = "reviser"
    ROLES = [
        (SECRETARIAT, _("Secretariat officer")),
        (CHAIR, _("Chair")),
        (DELEGATE, _("Delegate")),
        (OBSERVER_DELEGATE, _("Observer delegate")),
        (TRANSLATOR, _("Translator")),
        (REVISER, _("Reviser")),
    ]

    role = models.CharField(_("role"), max_length=20, choices=ROLES)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, null=True, blank=True, related_name="delegates"
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    is_demo = models.BooleanField(_("demo user"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["delegate", "observer_delegate"]) | models.Q(delegation__isnull=False),
                name="delegates_have_a_delegation",
            ),
        ]

    def acting_state(self, day: dt.date | None = None) -> State | None:
        """The State this user speaks for: the delegation's, or the chairing State's for the chair."""
        if self.role == self.CHAIR:
            chairmanship = Chairmanship.on(day or timezone.localdate())
            return chairmanship.state if chairmanship else None
        return self.delegation.state if self.delegation_id else None


class LoginFailure(models.Model):
    """A failed login, kept for the length of the throttle's window."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=45)
    at = models.DateTimeField(default=timezone.now, db_index=True)


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 digest is stored; the token is shown once, when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> str:
        """Make a new token for ``user`` and return it; it cannot be read back later."""
        token = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=cls.digest_of(token))
        return token

    @classmethod
    def user_for(cls, token: str) -> User | None:
        """The active user a token belongs to, or None; marks the token used."""
        found = cls.objects.filter(digest=cls.digest_of(token), user__is_active=True).select_related("user").first()
        if found is None:
            return None
        cls.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.user
