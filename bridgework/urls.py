from django.urls import include, path

from bridgework.core import views as core_views
from bridgework.people import views as people_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("invitations/<str:token>/", core_views.invitation_accept, name="invitation_accept"),
    # Before allauth's own URLs, so that this page answers instead of allauth's email management.
    path("accounts/email/", people_views.email_managed_by_centre, name="email_managed_by_centre"),
    path("accounts/", include("allauth.urls")),
    path("c/<str:centre>/", include("bridgework.staff.urls")),
    path("learner/", include("bridgework.learner.urls")),
    path("", include("bridgework.activities.public_urls")),
    path("portal/", include("bridgework.portal.urls")),
    path("moderator/", include("bridgework.moderator.urls")),
    path("platform/", include("bridgework.platform.urls")),
    path("api/v1/", include("bridgework.api.urls")),
]
