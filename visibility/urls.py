from django.urls import path

from .views import organisation, partnership, public, results

app_name = "visibility"

P = "partnership/<int:pk>/"
R = P + "results/<int:result_pk>/"

urlpatterns = [
    path(P, partnership.overview, name="partnership"),
    path(P + "fora/new/", partnership.forum_add, name="forum_add"),
    path(P + "fora/<int:link_pk>/support/", partnership.support_add, name="support_add"),
    path(P + "events/new/", partnership.event_add, name="event_add"),
    path(P + "events/<int:event_pk>/", partnership.event_edit, name="event_edit"),
    path(P + "communications/new/", partnership.communication_add, name="communication_add"),
    path(P + "introductions/new/", partnership.introduction_add, name="introduction_add"),
    path(P + "endorsements/new/", partnership.endorsement_add, name="endorsement_add"),
    path(P + "public-page/", partnership.page_settings, name="page_settings"),
    path(P + "public-page/approve/", partnership.page_approve, name="page_approve"),
    path(P + "public-page/withdraw/", partnership.page_withdraw, name="page_withdraw"),
    path(P + "results/new/", results.result_add, name="result_add"),
    path(R, results.result_detail, name="result"),
    path(R + "edit/", results.result_edit, name="result_edit"),
    path(R + "photo/", results.result_photo, name="result_photo"),
    path(R + "credits/<int:credit_pk>/", results.credit_edit, name="credit_edit"),
    path(R + "credits/<int:credit_pk>/approve/", results.credit_approve, name="credit_approve"),
    path(R + "credits/<int:credit_pk>/withdraw/", results.credit_withdraw, name="credit_withdraw"),
    path("organisations/<int:org_pk>/", organisation.organisation_page, name="organisation"),
    path("organisations/<int:org_pk>/fora/", organisation.forum_role_add, name="forum_role_add"),
    path(
        "organisations/<int:org_pk>/fora/<int:role_pk>/delete/",
        organisation.forum_role_delete,
        name="forum_role_delete",
    ),
    path(
        "organisations/<int:org_pk>/endorsements/<int:endorsement_pk>/",
        organisation.endorsement_show,
        name="endorsement_show",
    ),
    path("organisations/<int:org_pk>/logo/", organisation.profile_logo, name="profile_logo"),
    path(
        "organisations/<int:org_pk>/capability.pdf",
        organisation.capability_statement,
        name="capability_pdf",
    ),
    # Public: no login; each view answers 404 unless the owners opted in.
    path("public/organisations/<slug:slug>/", public.profile, name="public_profile"),
    path("public/organisations/<slug:slug>/logo/", public.logo, name="public_logo"),
    path(
        "public/organisations/<slug:slug>/capability.pdf",
        public.capability,
        name="public_capability_pdf",
    ),
    path("public/partnerships/<slug:slug>/", public.partnership, name="public_partnership"),
    path("public/results/<int:result_pk>/photo/", public.result_photo, name="public_result_photo"),
]
