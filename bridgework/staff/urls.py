"""The centre staff area, under /c/<centre>/. Each feature keeps its views in staff/views/<feature>.py."""

from django.urls import path

from bridgework.staff.views import (
    agreements,
    employer_records,
    employers,
    exports,
    groups,
    home,
    imports,
    learner_records,
    learners,
    people,
    tokens,
)
from bridgework.staff.views.moderation import approvals as mod_approvals
from bridgework.staff.views.moderation import overview as mod_overview
from bridgework.staff.views.moderation import requests as mod_requests
from bridgework.staff.views.moderation import submissions as mod_submissions

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    path("learners/", learners.learner_list, name="learner_list"),
    path("learners/new/", learner_records.learner_create, name="learner_create"),
    path("learners/<int:pk>/", learners.learner_detail, name="learner_detail"),
    path("learners/<int:pk>/edit/", learner_records.learner_edit, name="learner_edit"),
    path(
        "learners/<int:pk>/enrolments/new/", learner_records.learner_enrolment_create, name="learner_enrolment_create"
    ),
    path(
        "learners/<int:pk>/enrolments/<int:enrolment_pk>/",
        learner_records.learner_enrolment_edit,
        name="learner_enrolment_edit",
    ),
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/add/", groups.group_member_add, name="group_member_add"),
    path(
        "groups/<int:pk>/members/<int:enrolment_pk>/remove/",
        groups.group_member_remove,
        name="group_member_remove",
    ),
    path("people/", people.people_list, name="people_list"),
    path("people/invite/", people.people_invite, name="people_invite"),
    path(
        "people/invitations/<int:pk>/revoke/",
        people.people_invitation_revoke,
        name="people_invitation_revoke",
    ),
    path("people/<int:pk>/", people.people_membership_edit, name="people_membership_edit"),
    path("people/<int:pk>/deactivate/", people.people_membership_deactivate, name="people_membership_deactivate"),
    path("people/<int:pk>/reactivate/", people.people_membership_reactivate, name="people_membership_reactivate"),
    path("people/departments/", people.people_departments, name="people_departments"),
    path("people/departments/<int:pk>/", people.people_department_edit, name="people_department_edit"),
    path("api-tokens/", tokens.token_list, name="token_list"),
    path("api-tokens/new/", tokens.token_create, name="token_create"),
    path("api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("learners/export.<str:file_format>", exports.learner_export, name="learner_export"),
    path("imports/", imports.import_list, name="import_list"),
    path("imports/new/", imports.import_upload, name="import_upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("employers/", employers.employer_list, name="employer_list"),
    path("employers/new/", employers.employer_create, name="employer_create"),
    path("employers/expiring-checks/", employer_records.checks_expiring, name="employer_checks_expiring"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/merge/", employers.employer_merge, name="employer_merge"),
    path("employers/<int:pk>/sites/new/", employer_records.site_add, name="employer_site_add"),
    path("employers/<int:pk>/people/new/", employer_records.person_add, name="employer_person_add"),
    path("employers/<int:pk>/people/<int:person_pk>/edit/", employer_records.person_edit, name="employer_person_edit"),
    path("employers/<int:pk>/people/link/", employer_records.person_link, name="employer_person_link"),
    path("employers/<int:pk>/contacts/new/", employer_records.interaction_add, name="employer_interaction_add"),
    path("employers/<int:pk>/checks/new/", employer_records.check_add, name="employer_check_add"),
    path(
        "employers/<int:pk>/checks/<int:check_pk>/certificate/",
        employer_records.check_certificate,
        name="employer_check_certificate",
    ),
    path("employers/<int:pk>/agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("employers/<int:pk>/agreements/<int:agreement_pk>/", agreements.agreement_detail, name="agreement_detail"),
    path(
        "employers/<int:pk>/agreements/<int:agreement_pk>/new-version/",
        agreements.agreement_new_version,
        name="agreement_new_version",
    ),
    path(
        "employers/<int:pk>/agreements/<int:agreement_pk>/withdraw-consent/",
        agreements.agreement_withdraw_consent,
        name="agreement_withdraw_consent",
    ),
    path("employers/<int:pk>/agreements/<int:agreement_pk>/pdf/", agreements.agreement_pdf, name="agreement_pdf"),
    # Quality assurance with the awarding organisation
    path("moderation/", mod_overview.moderation_home, name="moderation_home"),
    path("moderation/approvals/start/", mod_approvals.approval_start, name="approval_start"),
    path("moderation/approvals/<int:pk>/", mod_approvals.approval_detail, name="approval_detail"),
    path("moderation/approvals/<int:pk>/edit/", mod_approvals.approval_edit, name="approval_edit"),
    path("moderation/approvals/<int:pk>/files/", mod_approvals.approval_upload, name="approval_upload"),
    path("moderation/approvals/<int:pk>/submit/", mod_approvals.approval_submit, name="approval_submit"),
    path("moderation/actions/<int:pk>/done/", mod_approvals.action_done, name="moderation_action_done"),
    path("moderation/submissions/start/", mod_submissions.submission_start, name="submission_start"),
    path("moderation/submissions/<int:pk>/", mod_submissions.submission_detail, name="submission_detail"),
    path("moderation/submissions/<int:pk>/claims/", mod_submissions.submission_claims, name="submission_claims"),
    path("moderation/submissions/<int:pk>/refresh/", mod_submissions.submission_refresh, name="submission_refresh"),
    path(
        "moderation/submissions/<int:pk>/declaration/",
        mod_submissions.submission_declaration,
        name="submission_declaration",
    ),
    path("moderation/submissions/<int:pk>/submit/", mod_submissions.submission_submit, name="submission_submit"),
    path("moderation/submissions/<int:pk>/reopen/", mod_submissions.submission_reopen, name="submission_reopen"),
    path("moderation/submissions/<int:pk>/resubmit/", mod_submissions.submission_resubmit, name="submission_resubmit"),
    path("moderation/submissions/<int:pk>/pack/", mod_submissions.pack_create, name="moderation_pack_create"),
    path("moderation/packs/<int:pk>/", mod_overview.pack_download, name="moderation_pack_download"),
    path("moderation/requests/<int:pk>/", mod_requests.request_detail, name="request_detail"),
    path("moderation/requests/<int:pk>/reply/", mod_requests.request_reply, name="request_reply"),
    path("moderation/visits/<int:pk>/", mod_overview.visit_detail, name="visit_detail"),
    path("moderation/files/<int:pk>/", mod_overview.file_download, name="moderation_file_download"),
]
