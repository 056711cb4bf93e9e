from django.urls import path

from bridgework.moderator import views, views_compliance

app_name = "moderator"

urlpatterns = [
    path("", views.home, name="home"),
    path("compliance/", views_compliance.compliance, name="compliance"),
    path("compliance/<str:centre>/", views_compliance.compliance_centre, name="compliance_centre"),
]
