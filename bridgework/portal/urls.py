from django.urls import path

from bridgework.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
]
