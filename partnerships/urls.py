from django.urls import path

from .views import core as views
from .views import mou as mou_views
from .views import mou_pdf as mou_pdf_views
from .views import reflection as reflection_views
from .views import reporting
from .views import twofactor as twofactor_views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/two-factor/", twofactor_views.organisation_security,
         name="organisation_security"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    # Foundation: decision-making agreement, MoU, power reflection.
    path("<int:pk>/decisions/", mou_views.decision_matrix, name="decisions"),
    path("<int:pk>/decisions/edit/", mou_views.decision_matrix_edit, name="decisions_edit"),
    path("<int:pk>/mou/", mou_views.mou_list, name="mou_list"),
    path("<int:pk>/mou/new/", mou_views.mou_create, name="mou_create"),
    path("<int:pk>/mou/<int:mou_pk>/", mou_views.mou_detail, name="mou_detail"),
    path("<int:pk>/mou/<int:mou_pk>/edit/", mou_views.mou_edit, name="mou_edit"),
    path("<int:pk>/mou/<int:mou_pk>/send/", mou_views.mou_send, name="mou_send"),
    path("<int:pk>/mou/<int:mou_pk>/new-version/", mou_views.mou_new_version,
         name="mou_new_version"),
    path("<int:pk>/mou/<int:mou_pk>/sign/", mou_views.mou_sign, name="mou_sign"),
    path("<int:pk>/mou/<int:mou_pk>/pdf/", mou_pdf_views.mou_pdf, name="mou_pdf"),
    path("<int:pk>/mou/<int:mou_pk>/pdf/<int:document_pk>/", mou_pdf_views.mou_pdf_status,
         name="mou_pdf_status"),
    path("<int:pk>/mou/<int:mou_pk>/pdf/<int:document_pk>/retry/", mou_pdf_views.mou_pdf_retry,
         name="mou_pdf_retry"),
    path("<int:pk>/reflection/", reflection_views.reflection_list, name="reflection_list"),
    path("<int:pk>/reflection/new/", reflection_views.reflection_create,
         name="reflection_create"),
    path("<int:pk>/reflection/<int:round_pk>/", reflection_views.reflection_detail,
         name="reflection_detail"),
    path("<int:pk>/reflection/<int:round_pk>/answer/", reflection_views.reflection_answer,
         name="reflection_answer"),
    path("<int:pk>/reflection/<int:round_pk>/actions/", reflection_views.reflection_actions,
         name="reflection_actions"),
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
