"""The centre staff area, under /c/<centre>/. Each feature keeps its views in staff/views/<feature>.py."""

from django.urls import path

from bridgework.staff.views import home, learners

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    path("learners/", learners.learner_list, name="learner_list"),
    path("learners/<int:pk>/", learners.learner_detail, name="learner_detail"),
]
