from django.urls import path

from bridgework.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("learners/<int:pk>/", views.learner_detail, name="learner"),
    path("learners/<int:pk>/witness-statement/", views.witness_create, name="witness_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/feedback/", views.entry_feedback, name="entry_feedback"),
    path("updates/<int:pk>/", views.update_detail, name="update"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("registers/", views.registers, name="registers"),
    path("registers/<int:pk>/confirm/", views.register_confirm, name="register_confirm"),
    path("witness-statements/<int:pk>/", views.witness_detail, name="witness_detail"),
]
