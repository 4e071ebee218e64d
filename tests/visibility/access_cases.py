import datetime

from django.urls import reverse

from tests.access_matrix import AccessCase
from visibility.models import Endorsement, Forum, ForumEvent, ForumRole, PartnershipForum
from visibility.services import public

from .helpers import credit_of, make_result


def cases(world):
    p = world.partnership
    result = make_result(world)
    credit = credit_of(result, world.local_org)
    forum = Forum.objects.create(name="County forum", kind="policy", level="local")
    link = PartnershipForum.objects.create(partnership=p, forum=forum, local_aim="Be heard")
    event = ForumEvent.objects.create(
        partnership=p, title="Hearing", date=datetime.date(2026, 1, 10)
    )
    role = ForumRole.objects.create(organisation=world.local_org, forum=forum, role="member")
    endorsement = Endorsement.objects.create(
        organisation=world.local_org,
        author_organisation=world.international_org,
        partnership=p,
        text="Great partner",
    )
    # Neither the page nor the profile is public: the public URLs must reveal nothing.
    page = public.page_save(partnership=p, title="Not yet public", summary="", languages=["en"])
    public.page_approve(partnership=p, organisation=world.local_org, user=world.local_admin)
    profile = public.profile_save(
        organisation=world.local_org, is_public=False, slug="sauti-local", languages=["en"]
    )
    o = world.local_org.pk

    def url(name, *args):
        return reverse(f"visibility:{name}", args=[p.pk, *args])

    def org_url(name, *args):
        return reverse(f"visibility:{name}", args=[o, *args])

    r, c = result.pk, credit.pk
    return [
        AccessCase("visibility:partnership", url("partnership")),
        AccessCase("visibility:forum_add", url("forum_add"), edit=True),
        AccessCase(
            "visibility:forum_add",
            url("forum_add"),
            edit=True,
            method="post",
            data={"forum": forum.pk, "local_aim": "x"},
            member_ok=False,
        ),
        AccessCase("visibility:support_add", url("support_add", link.pk), edit=True),
        AccessCase(
            "visibility:support_add",
            url("support_add", link.pk),
            edit=True,
            method="post",
            data={"kind": "time", "description": "x", "provided_by": world.local_org.pk},
            member_ok=False,
        ),
        AccessCase("visibility:event_add", url("event_add"), edit=True),
        AccessCase("visibility:event_edit", url("event_edit", event.pk), edit=True),
        AccessCase(
            "visibility:event_edit",
            url("event_edit", event.pk),
            edit=True,
            method="post",
            data={"title": "x", "date": "2026-01-01"},
            member_ok=False,
        ),
        AccessCase("visibility:communication_add", url("communication_add"), edit=True),
        AccessCase("visibility:introduction_add", url("introduction_add"), edit=True),
        AccessCase("visibility:endorsement_add", url("endorsement_add"), edit=True),
        AccessCase("visibility:page_settings", url("page_settings")),
        AccessCase(
            "visibility:page_settings",
            url("page_settings"),
            edit=True,
            method="post",
            data={"title": "Taken", "languages": ["en"]},
            member_ok=False,
        ),
        AccessCase(
            "visibility:page_approve",
            url("page_approve"),
            edit=True,
            method="post",
            data={"organisation": o},
            member_ok=False,
        ),
        AccessCase(
            "visibility:page_withdraw",
            url("page_withdraw"),
            edit=True,
            method="post",
            data={"organisation": o},
            member_ok=False,
        ),
        AccessCase("visibility:result_add", url("result_add"), edit=True),
        AccessCase("visibility:result", url("result", r)),
        AccessCase("visibility:result_edit", url("result_edit", r), edit=True),
        AccessCase(
            "visibility:result_edit",
            url("result_edit", r),
            edit=True,
            method="post",
            data={"title": "Taken", "text": "x"},
            member_ok=False,
        ),
        AccessCase("visibility:result_photo", url("result_photo", r), member_ok=False),
        AccessCase("visibility:credit_edit", url("credit_edit", r, c), edit=True),
        AccessCase(
            "visibility:credit_approve",
            url("credit_approve", r, c),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "visibility:credit_withdraw",
            url("credit_withdraw", r, c),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase("visibility:organisation", org_url("organisation")),
        AccessCase(
            "visibility:organisation",
            org_url("organisation"),
            edit=True,
            method="post",
            data={"slug": "taken", "languages": ["en"]},
            member_ok=False,
        ),
        AccessCase(
            "visibility:forum_role_add",
            org_url("forum_role_add"),
            edit=True,
            method="post",
            data={"forum": forum.pk, "role": "chair"},
            member_ok=False,
        ),
        AccessCase(
            "visibility:forum_role_delete",
            org_url("forum_role_delete", role.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "visibility:endorsement_show",
            org_url("endorsement_show", endorsement.pk),
            edit=True,
            method="post",
            data={"show": "1"},
            member_ok=False,
        ),
        AccessCase("visibility:profile_logo", org_url("profile_logo"), member_ok=False),
        AccessCase("visibility:capability_pdf", org_url("capability_pdf")),
        # Public URLs of things that did not opt in: 404 for everyone, members included.
        AccessCase(
            "visibility:public_profile",
            reverse("visibility:public_profile", args=[profile.slug]),
            public=True,
            member_ok=False,
        ),
        AccessCase(
            "visibility:public_logo",
            reverse("visibility:public_logo", args=[profile.slug]),
            public=True,
            member_ok=False,
        ),
        AccessCase(
            "visibility:public_capability_pdf",
            reverse("visibility:public_capability_pdf", args=[profile.slug]),
            public=True,
            member_ok=False,
        ),
        AccessCase(
            "visibility:public_partnership",
            reverse("visibility:public_partnership", args=[page.slug]),
            public=True,
            member_ok=False,
        ),
        AccessCase(
            "visibility:public_result_photo",
            reverse("visibility:public_result_photo", args=[r]),
            public=True,
            member_ok=False,
        ),
    ]
