from django.urls import path

from bridgework.platform import views

app_name = "platform"

urlpatterns = [
    path("", views.home, name="home"),
    path("centres/new/", views.centre_create, name="centre_create"),
    path("qualifications/", views.qualification_list, name="qualification_list"),
    path("qualifications/new/", views.qualification_create, name="qualification_create"),
    path("qualifications/<int:pk>/", views.qualification_edit, name="qualification_edit"),
    path("qualifications/<int:pk>/units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_edit, name="unit_edit"),
]
