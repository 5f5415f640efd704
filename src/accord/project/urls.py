"""Accord's URL map: the web pages of each app, the interface-language switch, the REST API and the admin."""

from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("", include("accord.registry.urls")),
    path("", include("accord.documents.urls")),
]
