from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("revisions/<int:pk>/", views.reading_room, name="reading_room"),
    path("revisions/<int:pk>/concordance/", views.concordance_report, name="concordance"),
    path("revisions/<int:pk>/concordance/accepted/", views.accept_finding, name="accept_finding"),
    path("revisions/<int:pk>/<slug:language>.redline.<slug:fmt>", views.redline_download, name="redline"),
    path("revisions/<int:pk>/<slug:language>.<slug:fmt>", views.download, name="download"),
    path("upload/", views.upload, name="upload"),
]
