from django.urls import path

from .views import cases, setup

app_name = "feedback"

urlpatterns = [
    path("partnership/<int:pk>/", cases.case_list, name="cases"),
    path("partnership/<int:pk>/new/", cases.case_new, name="case_new"),
    path("partnership/<int:pk>/channel/", setup.channel, name="channel"),
    path("partnership/<int:pk>/poster/<str:language>.pdf", setup.poster_pdf, name="poster"),
    path("partnership/<int:pk>/dashboard/", setup.dashboard_view, name="dashboard"),
    path("partnership/<int:pk>/cases.csv", setup.export, name="export"),
    path("partnership/<int:pk>/consultations/", setup.consultations, name="consultations"),
    path("partnership/<int:pk>/adaptations/", setup.adaptations, name="adaptations"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/act/", cases.case_action, name="case_action"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", cases.attachment, name="attachment"),
    path("consultations/<int:pk>/", setup.consultation_detail, name="consultation"),
    path("inputs/<int:pk>/", setup.input_use, name="input_use"),
    path("hooks/<slug:slug>/", setup.webhook_receive, name="webhook"),
]
