from django.urls import path

from . import views

app_name = "translation"
urlpatterns = [
    path("translation/", views.home_page, name="home"),
    path("translation/languages/", views.add_language, name="add_language"),
    path("translation/terms.tbx", views.export_terms, name="terms"),
    path("translation/versions/<int:pk>/", views.workspace_page, name="workspace"),
    path("translation/versions/<int:pk>/save/", views.save_provision, name="save"),
    path("translation/versions/<int:pk>/xliff/<str:fmt>/", views.export_xliff, name="export"),
    path("translation/versions/<int:pk>/import/", views.import_xliff, name="import"),
    path("translation/versions/<int:pk>/approve/", views.approve, name="approve"),
    path("translation/versions/<int:pk>/issue/", views.issue, name="issue"),
]
