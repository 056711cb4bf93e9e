from django.urls import path

from bridgework.learner import checkin, portfolio, views

app_name = "learner"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("checkin/<str:token>/", checkin.checkin, name="checkin"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
    path("portfolio/entries/new/", portfolio.entry_create, name="entry_create"),
    path("portfolio/entries/<int:pk>/", portfolio.entry_detail, name="entry_detail"),
    path("portfolio/entries/<int:pk>/edit/", portfolio.entry_edit, name="entry_edit"),
    path("portfolio/entries/<int:pk>/files/", portfolio.attachment_upload, name="entry_attachment_upload"),
    path("portfolio/entries/<int:pk>/share/", portfolio.entry_share, name="entry_share"),
    path("portfolio/files/<int:pk>/", portfolio.attachment_download, name="attachment_download"),
    path("portfolio/updates/new/", portfolio.update_create, name="update_create"),
    path("portfolio/updates/<int:pk>/", portfolio.update_detail, name="update_detail"),
    path("portfolio/updates/<int:pk>/share/", portfolio.update_share, name="update_share"),
    path("portfolio/shares/<int:pk>/stop/", portfolio.share_revoke, name="share_revoke"),
    path("portfolio/sharing/", portfolio.sharing_overview, name="sharing"),
    path("portfolio/export/", portfolio.export, name="portfolio_export"),
    path("portfolio/import/", portfolio.import_zip, name="portfolio_import"),
]
