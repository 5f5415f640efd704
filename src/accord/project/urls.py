"""Accord's URL map: signing in and out, the web pages of each app, the interface-language switch, the REST API and
the admin. ``login`` and ``logout`` are outside any namespace, where ``settings.LOGIN_URL`` and Django expect them.
An uncaught exception outside debug goes to :func:`accord.project.unavailable.handler500`: a 503 when the database is
unavailable, JSON under ``/api/``."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accord.registry.views import LoginView

from .api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The login page offers the language switch too, so it must work before signing in.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/", api.urls),
    path("", include("accord.registry.urls")),
    path("", include("accord.documents.urls")),
    path("", include("accord.negotiation.urls")),
    path("", include("accord.meetings.urls")),
    path("", include("accord.correspondence.urls")),
    path("", include("accord.translation.urls")),
    path("", include("accord.institutions.urls")),
]

handler500 = "accord.project.unavailable.handler500"
