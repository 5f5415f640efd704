from django.urls import path

from . import views
from .models import Backing

app_name = "negotiation"
urlpatterns = [
    path("revisions/<int:pk>/compilation/", views.compilation_page, name="compilation"),
    path("revisions/<int:pk>/compilation/rules/", views.set_rules, name="rules"),
    path("revisions/<int:pk>/compilation/next/", views.issue_next_revision, name="next"),
    path("revisions/<int:pk>/amendments/", views.table_amendment, name="table"),
    path("revisions/<int:pk>/amendments/<int:number>/cosponsor/", views.join_amendment,
         {"kind": Backing.COSPONSOR}, name="cosponsor"),
    path("revisions/<int:pk>/amendments/<int:number>/support/", views.join_amendment,
         {"kind": Backing.SUPPORT}, name="support"),
    path("revisions/<int:pk>/amendments/<int:number>/withdraw/", views.withdraw_amendment, name="withdraw"),
    path("revisions/<int:pk>/amendments/<int:number>/decision/", views.decide_amendment, name="decide"),
    path("revisions/<int:pk>/provisions/<str:provision_id>/status/", views.provision_status, name="status"),
    path("revisions/<int:pk>/provisions/<str:provision_id>/options/", views.provision_options, name="options"),
    path("revisions/<int:pk>/dashboard/", views.dashboard_page, name="dashboard"),
    path("revisions/<int:pk>/adoption/", views.adoption_page, name="adoption"),
    path("revisions/<int:pk>/adoption/silence/", views.start_silence, name="start_silence"),
    path("revisions/<int:pk>/adoption/silence/<int:procedure_id>/break/", views.break_silence, name="break_silence"),
    path("revisions/<int:pk>/adoption/meeting/", views.record_adoption, name="record_adoption"),
]
