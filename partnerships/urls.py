from django.urls import path

from .views import actions as action_views
from .views import api_tokens as api_token_views
from .views import calendar as calendar_views
from .views import core as views
from .views import exports, reporting
from .views import membership as membership_views
from .views import mou as mou_views
from .views import mou_pdf as mou_pdf_views
from .views import organisations as organisation_views
from .views import reflection as reflection_views
from .views import twofactor as twofactor_views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", membership_views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", membership_views.partnership_edit, name="edit"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:pk>/two-factor/",
        twofactor_views.organisation_security,
        name="organisation_security",
    ),
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
    path(
        "<int:pk>/mou/<int:mou_pk>/new-version/", mou_views.mou_new_version, name="mou_new_version"
    ),
    path("<int:pk>/mou/<int:mou_pk>/sign/", mou_views.mou_sign, name="mou_sign"),
    path("<int:pk>/mou/<int:mou_pk>/pdf/", mou_pdf_views.mou_pdf, name="mou_pdf"),
    path(
        "<int:pk>/mou/<int:mou_pk>/pdf/<int:document_pk>/",
        mou_pdf_views.mou_pdf_status,
        name="mou_pdf_status",
    ),
    path(
        "<int:pk>/mou/<int:mou_pk>/pdf/<int:document_pk>/retry/",
        mou_pdf_views.mou_pdf_retry,
        name="mou_pdf_retry",
    ),
    path("<int:pk>/reflection/", reflection_views.reflection_list, name="reflection_list"),
    path("<int:pk>/reflection/new/", reflection_views.reflection_create, name="reflection_create"),
    path(
        "<int:pk>/reflection/<int:round_pk>/",
        reflection_views.reflection_detail,
        name="reflection_detail",
    ),
    path(
        "<int:pk>/reflection/<int:round_pk>/answer/",
        reflection_views.reflection_answer,
        name="reflection_answer",
    ),
    path(
        "<int:pk>/reflection/<int:round_pk>/actions/",
        reflection_views.reflection_actions,
        name="reflection_actions",
    ),
    path("<int:pk>/reporting/", reporting.reporting_overview, name="reporting"),
    path("<int:pk>/reporting/schedule/", reporting.schedule_edit, name="reporting_schedule"),
    path("<int:pk>/reports/<int:report_pk>/", reporting.report_detail, name="report"),
    path("<int:pk>/reports/<int:report_pk>/edit/", reporting.report_edit, name="report_edit"),
    path("<int:pk>/reports/<int:report_pk>/submit/", reporting.report_submit, name="report_submit"),
    path("<int:pk>/reports/<int:report_pk>/amend/", reporting.report_amend, name="report_amend"),
    path(
        "<int:pk>/reports/<int:report_pk>/comment/", reporting.report_comment, name="report_comment"
    ),
    path(
        "<int:pk>/report-attachments/<int:attachment_pk>/",
        reporting.attachment_download,
        name="report_attachment",
    ),
    path(
        "<int:pk>/report-attachments/<int:attachment_pk>/delete/",
        reporting.attachment_delete,
        name="report_attachment_delete",
    ),
    *[
        # Organisations manage themselves (issue 13).
        path(
            "organisations/<int:pk>/edit/",
            organisation_views.organisation_edit,
            name="organisation_edit",
        ),
        path(
            "organisations/<int:pk>/logo/",
            organisation_views.organisation_logo,
            name="organisation_logo",
        ),
        path(
            "organisations/<int:pk>/people/<int:membership_pk>/",
            organisation_views.membership_edit,
            name="membership_edit",
        ),
        path(
            "organisations/<int:pk>/people/<int:membership_pk>/remove/",
            organisation_views.membership_remove,
            name="membership_remove",
        ),
        # Who is in a partnership changes only with consent (issue 9, item 2).
        path("<int:pk>/members/", membership_views.members, name="members"),
        path(
            "<int:pk>/members/<int:organisation_pk>/remove/",
            membership_views.member_remove,
            name="member_remove",
        ),
        path(
            "<int:pk>/removals/<int:removal_pk>/agree/",
            membership_views.removal_agree,
            name="removal_agree",
        ),
        path(
            "<int:pk>/removals/<int:removal_pk>/refuse/",
            membership_views.removal_refuse,
            name="removal_refuse",
        ),
        path(
            "<int:pk>/invitations/<int:invitation_pk>/withdraw/",
            membership_views.invitation_withdraw,
            name="invitation_withdraw",
        ),
        path(
            "invitations/", membership_views.partnership_invitations, name="partnership_invitations"
        ),
        path(
            "invitations/<int:invitation_pk>/accept/",
            membership_views.invitation_answer,
            {"accept": True},
            name="invitation_accept",
        ),
        path(
            "invitations/<int:invitation_pk>/decline/",
            membership_views.invitation_answer,
            {"accept": False},
            name="invitation_decline",
        ),
        # Agreed actions, interventions, reflection comparison, reporting symmetry.
        path("<int:pk>/actions/", action_views.action_list, name="actions"),
        path("<int:pk>/actions/new/", action_views.action_create, name="action_create"),
        path("<int:pk>/actions/<int:action_pk>/", action_views.action_edit, name="action_edit"),
        path(
            "<int:pk>/actions/<int:action_pk>/done/", action_views.action_done, name="action_done"
        ),
        path(
            "<int:pk>/reflection/<int:round_pk>/compare/",
            action_views.reflection_compare,
            name="reflection_compare",
        ),
        path("<int:pk>/interventions/", action_views.intervention_list, name="interventions"),
        path(
            "<int:pk>/interventions/<int:intervention_pk>/",
            action_views.intervention_edit,
            name="intervention_edit",
        ),
        path(
            "<int:pk>/reporting/exemption/",
            action_views.reporting_exemption,
            name="reporting_exemption",
        ),
        # CSV exports and the calendar feed.
        path("export.csv", exports.partnerships_csv, name="export_partnerships"),
        path("<int:pk>/reports.csv", exports.reports_csv, name="export_reports"),
        path("<int:pk>/actions.csv", exports.actions_csv, name="export_actions"),
        path("organisations/<int:pk>/people.csv", exports.members_csv, name="export_members"),
        path("calendar/", calendar_views.calendar_settings, name="calendar"),
        path("calendar/renew/", calendar_views.calendar_renew, name="calendar_renew"),
        path("calendar/revoke/", calendar_views.calendar_revoke, name="calendar_revoke"),
        path("calendar/<str:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
        # Personal tokens for the JSON API (health/api.py).
        path("api-tokens/", api_token_views.api_tokens, name="api_tokens"),
        path(
            "api-tokens/<int:token_pk>/revoke/",
            api_token_views.api_token_revoke,
            name="api_token_revoke",
        ),
    ],
]
