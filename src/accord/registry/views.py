"""Pages of the registry: signing in and out, and the States of the forum."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.project.pages import form_errors

from .forms import LoginForm, RegistryDateForm
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
    """The States of the forum grouped by their status on a day (``?on=``, default today: Member States, Observers,
    Partners), each group in the alphabetical order of the interface language, with the Chairmanship in office that
    day; then the forum's history: every accession or change of status, and every Chairmanship, latest first."""
    form = RegistryDateForm(request.GET)
    valid = form.is_valid()
    day = (form.cleaned_data["on"] if valid else None) or timezone.localdate()
    language = get_language()
    groups: dict = {status: [] for status in GROUP_TITLES}
    for state in sorted_states(State.objects.all(), language):
        membership = state.membership_on(day)
        groups[membership.status if membership else None].append((state, membership))
    context = {
        "form": form,
        "errors": [] if valid else form_errors(form),
        "day": day,
        "is_today": day == timezone.localdate(),
        "groups": [(status, GROUP_TITLES[status], rows) for status, rows in groups.items() if rows],
        "chairmanship": Chairmanship.on(day),
        "accessions": Membership.objects.select_related("state").order_by("-start", "state__code"),
        "chairmanships": Chairmanship.objects.select_related("state").order_by("-start"),
    }
    return render(request, "registry/states.html", context, status=200 if valid else 400)
