from django.urls import path

from bridgework.moderator import views_compliance
from bridgework.moderator.views import approvals, queue, requests, submissions

app_name = "moderator"

urlpatterns = [
    path("", queue.home, name="home"),
    path("approvals/<int:pk>/", approvals.approval_detail, name="approval_detail"),
    path("approvals/<int:pk>/decide/", approvals.approval_decide, name="approval_decide"),
    path("approvals/<int:pk>/withdraw/", approvals.approval_withdraw, name="approval_withdraw"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/sample/", submissions.submission_sample, name="submission_sample"),
    path("submissions/<int:pk>/verdicts/", submissions.submission_verdicts, name="submission_verdicts"),
    path("submissions/<int:pk>/decide/", submissions.submission_decide, name="submission_decide"),
    path("submissions/<int:pk>/reopen/", submissions.submission_reopen, name="submission_reopen"),
    path("submissions/<int:pk>/attendance/<int:activity>/", submissions.attendance_record, name="attendance_record"),
    path("submissions/<int:pk>/evidence/<int:evidence>/", submissions.sampled_evidence, name="sampled_evidence"),
    path("submissions/<int:pk>/journal/<int:citation>/", submissions.sampled_entry, name="sampled_entry"),
    path("submissions/<int:pk>/pack/", submissions.pack_create, name="pack_create"),
    path("submissions/<int:pk>/requests/new/", requests.request_create, name="request_create"),
    path("packs/<int:pk>/", submissions.pack_download, name="pack_download"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/reply/", requests.request_reply, name="request_reply"),
    path("requests/<int:pk>/close/", requests.request_close, name="request_close"),
    path("centres/<int:centre_id>/visits/new/", requests.visit_create, name="visit_create"),
    path("visits/<int:pk>/", requests.visit_detail, name="visit_detail"),
    path("files/<int:pk>/", requests.file_download, name="file_download"),
    path("compliance/", views_compliance.compliance, name="compliance"),
    path("compliance/<str:centre>/", views_compliance.compliance_centre, name="compliance_centre"),
]
