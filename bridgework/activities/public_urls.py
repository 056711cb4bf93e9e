from django.urls import path

from bridgework.activities import public_views

app_name = "activities_public"

urlpatterns = [
    path("confirm/<str:token>/", public_views.confirm_register, name="confirm_register"),
    path("calendar/<int:feed>/<str:secret>.ics", public_views.calendar_feed, name="calendar_feed"),
]
