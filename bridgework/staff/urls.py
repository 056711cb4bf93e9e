"""The centre staff area, under /c/<centre>/. Each feature keeps its views in staff/views/<feature>.py."""

from django.urls import path

from bridgework.staff.views import compliance, exports, groups, home, imports, learner_records, learners, people, tokens

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
    path("compliance/", compliance.dashboard, name="compliance_dashboard"),
    path("compliance/at-risk/", compliance.at_risk, name="compliance_at_risk"),
    path("compliance/coverage/", compliance.coverage, name="compliance_coverage"),
    path("compliance/reminders/", compliance.reminders, name="compliance_reminders"),
]
