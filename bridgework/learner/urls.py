from django.urls import path

from bridgework.learner import checkin, views

app_name = "learner"

urlpatterns = [
    path("", views.home, name="home"),
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
]
