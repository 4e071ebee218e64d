from django.urls import path

from .views import core as views
from .views import reporting

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("<int:pk>/reporting/", reporting.reporting_overview, name="reporting"),
    path("<int:pk>/reporting/schedule/", reporting.schedule_edit, name="reporting_schedule"),
    path("<int:pk>/reports/<int:report_pk>/", reporting.report_detail, name="report"),
    path("<int:pk>/reports/<int:report_pk>/edit/", reporting.report_edit, name="report_edit"),
    path("<int:pk>/reports/<int:report_pk>/submit/", reporting.report_submit,
         name="report_submit"),
    path("<int:pk>/reports/<int:report_pk>/amend/", reporting.report_amend, name="report_amend"),
    path("<int:pk>/reports/<int:report_pk>/comment/", reporting.report_comment,
         name="report_comment"),
    path("<int:pk>/report-attachments/<int:attachment_pk>/", reporting.attachment_download,
         name="report_attachment"),
    path("<int:pk>/report-attachments/<int:attachment_pk>/delete/", reporting.attachment_delete,
         name="report_attachment_delete"),
]
