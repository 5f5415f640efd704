"""The institutions' pages, under ``/institutions/``: the overview, the catalogue of CBMs, the plans, the dashboards,
the treaty status of the forum's instruments, and the mandates."""

from django.urls import path

from . import mandate_views, treaty_views, views

app_name = "institutions"
urlpatterns = [
    path("institutions/", views.home, name="home"),
    path("institutions/catalogue/", views.catalogue, name="catalogue"),
    path("institutions/dashboard/", views.dashboard, name="dashboard"),
    path("institutions/plans/", views.create_plan, name="create_plan"),
    path("institutions/plans/<int:year>/", views.plan_page, name="plan"),
    path("institutions/plans/<int:year>/events/", views.add_event, name="add_event"),
    path("institutions/plans/<int:year>/events/status/", views.change_status, name="change_status"),
    path("institutions/plans/<int:year>/approval/", views.approve, name="approve"),
    path("institutions/plans/<int:year>/dashboard/", views.plan_dashboard, name="plan_dashboard"),
    path("institutions/plans/<int:year>/plan.docx", views.download, {"fmt": "docx"}, name="plan_docx"),
    path("institutions/plans/<int:year>/plan.xlsx", views.download, {"fmt": "xlsx"}, name="plan_xlsx"),
    path("institutions/treaties/", treaty_views.instruments, name="treaties"),
    path("institutions/treaties/<int:pk>/", treaty_views.instrument, name="instrument"),
    path("institutions/treaties/<int:pk>/actions/", treaty_views.record_action, name="record_action"),
    path("institutions/mandates/", mandate_views.mandate_list, name="mandates"),
    path("institutions/mandates/proposals/", mandate_views.propose, name="propose_mandates"),
    path("institutions/mandates/<int:pk>/", mandate_views.mandate_page, name="mandate"),
    path("institutions/mandates/<int:pk>/confirmation/", mandate_views.confirm, name="confirm_mandate"),
    path("institutions/mandates/<int:pk>/drop/", mandate_views.drop, name="drop_mandate"),
    path("institutions/mandates/<int:pk>/status/", mandate_views.change_status, name="mandate_status"),
    path("institutions/mandates/<int:pk>/documents/", mandate_views.link_document, name="link_mandate_document"),
    path("institutions/mandates/<int:pk>/documents/remove/", mandate_views.unlink_document,
         name="unlink_mandate_document"),
]
