"""Staff pages: a partnership's feedback under /partnerships/<pk>/feedback/, and the objects
that belong to it (cases, consultations) under /feedback/. Public pages: feedback/public_urls.py
(/f/<slug>/)."""

from django.urls import path

from .views import cases, setup

app_name = "feedback"

P = "partnerships/<int:pk>/feedback/"

urlpatterns = [
    path(P, cases.case_list, name="cases"),
    path(P + "new/", cases.case_new, name="case_new"),
    path(P + "channel/", setup.channel, name="channel"),
    path(P + "poster/<str:language>.pdf", setup.poster_pdf, name="poster"),
    path(P + "dashboard/", setup.dashboard_view, name="dashboard"),
    path(P + "cases.csv", setup.export, name="export"),
    path(P + "consultations/", setup.consultations, name="consultations"),
    path(P + "adaptations/", setup.adaptations, name="adaptations"),
    path("feedback/cases/<int:pk>/", cases.case_detail, name="case"),
    path("feedback/cases/<int:pk>/act/", cases.case_action, name="case_action"),
    path(
        "feedback/cases/<int:pk>/attachments/<int:attachment_pk>/",
        cases.attachment,
        name="attachment",
    ),
    path("feedback/consultations/<int:pk>/", setup.consultation_detail, name="consultation"),
    path("feedback/inputs/<int:pk>/", setup.input_use, name="input_use"),
    path("feedback/hooks/<slug:slug>/", setup.webhook_receive, name="webhook"),
]
