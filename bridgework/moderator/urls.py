from django.urls import path

from bridgework.moderator import views

app_name = "moderator"

urlpatterns = [
    path("", views.home, name="home"),
]
