from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/schedule/", views.schedule_meeting, name="schedule"),
    path("meetings/calendar.ics", views.calendar_feed, name="calendar"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/agenda/", views.add_item, name="add_item"),
    path("meetings/<int:pk>.ics", views.meeting_calendar, name="meeting_calendar"),
]
