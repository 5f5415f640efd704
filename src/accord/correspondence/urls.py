from django.urls import path

from . import views

app_name = "correspondence"
urlpatterns = [
    path("notes/", views.notes_page, name="notes"),
    path("notes/new/", views.issue_page, name="issue"),
    path("notes/<int:pk>/", views.note_page, name="note"),
    path("inbox/", views.inbox_page, name="inbox"),
    path("inbox/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
]
