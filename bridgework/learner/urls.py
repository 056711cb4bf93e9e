from django.urls import path

from bridgework.learner import views

app_name = "learner"

urlpatterns = [
    path("", views.home, name="home"),
]
