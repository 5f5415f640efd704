"""The institutions' pages, under ``/institutions/``: the overview, the catalogue of CBMs, the plans, the dashboards."""

from django.urls import path

from . import views

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
]
