"""Accord's URL map: the admin, and the documents app at the site root."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accord.documents.urls")),
]
