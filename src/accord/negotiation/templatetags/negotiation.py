"""Template filters that name the negotiation's statuses in the interface language: ``{% load negotiation %}``."""

from django import template

from accord.negotiation.models import Amendment, ProvisionStatus, SilenceProcedure

register = template.Library()


@register.filter
def provision_status_name(status: str) -> str:
    """The chair's mark on a provision ("agreed ad referendum")."""
    return dict(ProvisionStatus.STATUSES).get(status, status)


@register.filter
def amendment_status_name(status: str) -> str:
    """An amendment's status ("accepted as modified")."""
    return dict(Amendment.STATUSES).get(status, status)


@register.filter
def outcome_name(outcome: str) -> str:
    """A silence procedure's outcome ("running")."""
    return dict(SilenceProcedure.OUTCOMES).get(outcome, outcome)
