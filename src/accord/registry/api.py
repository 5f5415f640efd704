"""REST endpoints for the forum's registry: its States with their status on a day (today unless ``on`` says
otherwise), the Chairmanship in force that day, and the history of accessions.

Every authenticated user reads them (the registry is not distributed like documents are).
"""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.pagination import paginate

from accord.project.api_errors import errors
from accord.text.languages import all_languages

from .models import Chairmanship, Membership, State, sorted_states

router = Router(tags=["registry"])

Language = Literal[tuple(all_languages())]  # a language with an alphabet table to sort by
MembershipStatus = Literal[tuple(choice for choice, _ in Membership.STATUSES)]


class StateOut(Schema):
    code: str  # ISO 3166-1 alpha-2
    name: str  # in the language asked for
    names: dict[str, str]
    status: MembershipStatus | None  # on the day asked for; None when the State took no part in the forum then
    status_since: dt.date | None


class AccessionOut(Schema):
    state: str  # ISO 3166-1 alpha-2
    name: str  # in the language asked for
    status: MembershipStatus
    start: dt.date
    end: dt.date | None  # None while the status lasts


class ChairmanshipOut(Schema):
    state: StateOut
    start: dt.date
    end: dt.date | None


def state_out(state: State, language: str) -> StateOut:
    """``state`` named in ``language``, with the membership prefetched by :func:`states_with_membership_on`."""
    membership = state.memberships_in_force[0] if state.memberships_in_force else None
    return StateOut(
        code=state.code,
        name=state.name(language),
        names=state.names,
        status=membership.status if membership else None,
        status_since=membership.start if membership else None,
    )


def states_with_membership_on(day: dt.date):
    """States with ``memberships_in_force``: the rule of :meth:`State.membership_on` for ``day``, in one query."""
    in_force = (
        Membership.objects.filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start")
    )
    return State.objects.prefetch_related(Prefetch("memberships", queryset=in_force, to_attr="memberships_in_force"))


@router.get("/states", response={200: list[StateOut], **errors(401, 422)})
@paginate
def list_states(request, lang: Language | None = None, on: dt.date | None = None):
    """Every State, alphabetically in ``lang`` (default: the request's language), with its status on the day ``on``
    (default today)."""
    language = lang or get_language()
    day = on or timezone.localdate()
    return [state_out(state, language) for state in sorted_states(states_with_membership_on(day), language)]


@router.get("/chairmanship", response={200: ChairmanshipOut, **errors(401, 404, 422)})
def chairmanship_on(request, on: dt.date | None = None):
    """The Chairmanship in force on the day ``on`` (default today); its State is named in the request's language."""
    day = on or timezone.localdate()
    chairmanship = Chairmanship.on(day)
    if chairmanship is None:
        raise Http404(f"no Chairmanship is in force on {day.isoformat()}")
    state = states_with_membership_on(day).get(pk=chairmanship.state_id)
    return ChairmanshipOut(state=state_out(state, get_language()), start=chairmanship.start, end=chairmanship.end)


@router.get("/accessions", response={200: list[AccessionOut], **errors(401, 422)})
@paginate
def list_accessions(request, lang: Language | None = None):
    """Every accession or change of status of a State, latest first: the history the status on a day comes from."""
    language = lang or get_language()
    return [
        AccessionOut(state=membership.state.code, name=membership.state.name(language), status=membership.status,
                     start=membership.start, end=membership.end)
        for membership in Membership.objects.select_related("state").order_by("-start", "state__code")
    ]
