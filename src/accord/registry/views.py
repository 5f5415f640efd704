"""Pages of the registry: signing in and out, and the States of the forum."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .forms import LoginForm
from .models import Chairmanship, Membership, State, sorted_states

GROUP_TITLES = {
    Membership.MEMBER: _("Member States"),
    Membership.OBSERVER: _("Observers"),
    Membership.PARTNER: _("Partners"),
    None: _("States without a status today"),
}


class LoginView(auth_views.LoginView):
    """Django's login page with Accord's form; a signed-in user goes straight on to the documents."""

    template_name = "registry/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def states(request):
    """The States of the forum grouped by their status today (Member States, Observers, Partners), each group in the
    alphabetical order of the interface language, with the Chairmanship in office."""
    today = timezone.localdate()
    groups: dict = {status: [] for status in GROUP_TITLES}
    for state in sorted_states(State.objects.all(), get_language()):
        membership = state.membership_on(today)
        groups[membership.status if membership else None].append((state, membership))
    context = {
        "groups": [(status, GROUP_TITLES[status], rows) for status, rows in groups.items() if rows],
        "chairmanship": Chairmanship.on(today),
    }
    return render(request, "registry/states.html", context)
