from django.urls import path

from .views import assessment, overview, plan, records

app_name = "capacity"

urlpatterns = [
    path("<int:pk>/", overview.home, name="home"),
    path("<int:pk>/rounds/new/", assessment.round_new, name="round_new"),
    path("<int:pk>/rounds/<int:round_pk>/", assessment.round_detail, name="round"),
    path(
        "<int:pk>/rounds/<int:round_pk>/assess/<int:subject_pk>/", assessment.assess, name="assess"
    ),
    path("<int:pk>/plan/", plan.plan, name="plan"),
    path("<int:pk>/plan/new/", plan.action_new, name="action_new"),
    path("<int:pk>/plan/<int:action_pk>/", plan.action_edit, name="action_edit"),
    path("<int:pk>/needs/", records.needs, name="needs"),
    path("<int:pk>/needs/new/", records.need_new, name="need_new"),
    path("<int:pk>/needs/<int:need_pk>/", records.need_edit, name="need_edit"),
    path("<int:pk>/peers/", records.peers, name="peers"),
    path("<int:pk>/peers/new/", records.peer_new, name="peer_new"),
    path("<int:pk>/peers/<int:peer_pk>/", records.peer_edit, name="peer_edit"),
    path("<int:pk>/exchanges/new/", records.exchange_new, name="exchange_new"),
    path("<int:pk>/exchanges/<int:exchange_pk>/", records.exchange_edit, name="exchange_edit"),
    path("<int:pk>/mentorships/new/", records.mentorship_new, name="mentorship_new"),
    path("<int:pk>/mentorships/<int:mentorship_pk>/", records.mentorship_detail, name="mentorship"),
    path(
        "<int:pk>/mentorships/<int:mentorship_pk>/edit/",
        records.mentorship_edit,
        name="mentorship_edit",
    ),
    path("<int:pk>/target-groups/", records.targets, name="targets"),
    path("<int:pk>/target-groups/new/", records.target_new, name="target_new"),
    path("<int:pk>/target-groups/<int:activity_pk>/", records.target_edit, name="target_edit"),
]
