from django.urls import path

from bridgework.learner import checkin, views

app_name = "learner"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
]
