from django.urls import reverse

from partnerships.models import Notification, ReflectionRound
from partnerships.services.api_tokens import api_token_create
from tests.access_matrix import AccessCase

from .mou_support import ensure_questions, make_mou
from .pdf_access_cases import pdf_cases
from .reporting_helpers import access_cases as reporting_cases


def cases(world):
    p = world.partnership
    notification = Notification.objects.create(
        recipient=world.local_viewer, partnership=p, message="hello", url=p.get_absolute_url()
    )
    return (
        [
            AccessCase("partnerships:detail", reverse("partnerships:detail", args=[p.pk])),
            AccessCase("partnerships:edit", reverse("partnerships:edit", args=[p.pk]), edit=True),
            AccessCase(
                "partnerships:edit",
                reverse("partnerships:edit", args=[p.pk]),
                edit=True,
                method="post",
                data={"title": "taken over"},
                member_ok=False,
            ),
            AccessCase(
                "partnerships:organisation",
                reverse("partnerships:organisation", args=[world.local_org.pk]),
            ),
            # A notification belongs to its recipient alone; the viewer is that recipient here.
            AccessCase(
                "partnerships:notification_open",
                reverse("partnerships:notification_open", args=[notification.pk]),
                member_ok=False,
            ),
            *reporting_cases(world),
        ]
        + foundation_cases(world)
        + pdf_cases(world)
        + second_pass_cases(world)
    )


def foundation_cases(world):
    p = world.partnership
    awaiting = make_mou(p, status="awaiting")
    draft = make_mou(p, title="Next version")
    round_ = ReflectionRound.objects.create(partnership=p, title="Round one")
    round_.questions.set(ensure_questions())
    mou_url = lambda name, mou: reverse(f"partnerships:{name}", args=[p.pk, mou.pk])  # noqa: E731
    round_url = lambda name: reverse(f"partnerships:{name}", args=[p.pk, round_.pk])  # noqa: E731
    return [
        AccessCase("partnerships:decisions", reverse("partnerships:decisions", args=[p.pk])),
        AccessCase(
            "partnerships:decisions_edit",
            reverse("partnerships:decisions_edit", args=[p.pk]),
            edit=True,
        ),
        AccessCase(
            "partnerships:decisions_edit",
            reverse("partnerships:decisions_edit", args=[p.pk]),
            edit=True,
            method="post",
            data={"decider_strategy": "international"},
            member_ok=False,
        ),
        AccessCase("partnerships:mou_list", reverse("partnerships:mou_list", args=[p.pk])),
        AccessCase(
            "partnerships:mou_create", reverse("partnerships:mou_create", args=[p.pk]), edit=True
        ),
        AccessCase("partnerships:mou_detail", mou_url("mou_detail", awaiting)),
        AccessCase("partnerships:mou_pdf", mou_url("mou_pdf", awaiting)),
        AccessCase("partnerships:mou_edit", mou_url("mou_edit", draft), edit=True),
        AccessCase(
            "partnerships:mou_edit",
            mou_url("mou_edit", draft),
            edit=True,
            method="post",
            data={"title": "taken over"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:mou_send",
            mou_url("mou_send", draft),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "partnerships:mou_new_version",
            mou_url("mou_new_version", awaiting),
            edit=True,
            method="post",
            member_ok=False,
        ),
        # The viewer is no signatory: signing is refused like an edit.
        AccessCase("partnerships:mou_sign", mou_url("mou_sign", awaiting), edit=True),
        AccessCase(
            "partnerships:mou_sign",
            mou_url("mou_sign", awaiting),
            edit=True,
            method="post",
            data={"full_name": "X", "title": "Y"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:reflection_list", reverse("partnerships:reflection_list", args=[p.pk])
        ),
        AccessCase(
            "partnerships:reflection_create",
            reverse("partnerships:reflection_create", args=[p.pk]),
            edit=True,
        ),
        AccessCase("partnerships:reflection_detail", round_url("reflection_detail")),
        AccessCase("partnerships:reflection_answer", round_url("reflection_answer"), edit=True),
        AccessCase(
            "partnerships:reflection_answer",
            round_url("reflection_answer"),
            edit=True,
            method="post",
            data={},
            member_ok=False,
        ),
        # Agreed actions open once every partner has answered.
        AccessCase(
            "partnerships:reflection_actions",
            round_url("reflection_actions"),
            edit=True,
            member_ok=False,
        ),
    ]


def second_pass_cases(world):
    """Issue 13 (organisations manage themselves, actions, exports, calendar) and issue 9
    item 2 (consented membership)."""
    import datetime

    from django.core.files.base import ContentFile

    from partnerships.models import (
        AgreedAction,
        CalendarFeed,
        JointIntervention,
        MemberRemoval,
        Membership,
        PartnershipInvitation,
    )
    from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory

    from .organisation_support import TINY_PNG

    p, org = world.partnership, world.local_org
    org.logo.save("logo.png", ContentFile(TINY_PNG))
    staff = Membership.objects.get(user=world.local_staff, organisation=org)
    round_ = ReflectionRound.objects.create(partnership=p, title="Round two")
    action = AgreedAction.objects.create(
        partnership=p,
        title="Share the budget",
        owner_organisation=org,
        due_date=datetime.date(2027, 1, 1),
    )
    intervention = JointIntervention.objects.create(
        partnership=p,
        title="Radio",
        start_date=datetime.date(2026, 1, 1),
        local_needs="Needs",
        target_groups="Youth",
    )
    third = OrganisationFactory(name="Third Org")
    invited_here = PartnershipInvitation.objects.create(
        partnership=p,
        organisation=third,
        role="consortium_member",
        invited_by_organisation=world.international_org,
    )
    removal = MemberRemoval.objects.create(
        partnership=p, organisation=world.international_org, reason="Gone quiet"
    )
    elsewhere = PartnershipFactory(title="Elsewhere")
    PartnershipMemberFactory(partnership=elsewhere, organisation=third)
    invited_there = PartnershipInvitation.objects.create(
        partnership=elsewhere, organisation=org, role="local_partner", invited_by_organisation=third
    )
    revoked = CalendarFeed.objects.create(user=world.local_viewer)
    revoked_url = revoked.get_absolute_url()
    revoked.delete()
    api_token, _secret = api_token_create(user=world.local_admin, name="Dashboard")

    def url(name, *args):
        return reverse(f"partnerships:{name}", args=args)

    return [
        AccessCase("partnerships:organisation_edit", url("organisation_edit", org.pk), edit=True),
        AccessCase(
            "partnerships:organisation_edit",
            url("organisation_edit", org.pk),
            edit=True,
            method="post",
            data={"name": "Taken"},
            member_ok=False,
        ),
        AccessCase("partnerships:organisation_logo", url("organisation_logo", org.pk)),
        AccessCase(
            "partnerships:membership_edit", url("membership_edit", org.pk, staff.pk), edit=True
        ),
        AccessCase(
            "partnerships:membership_edit",
            url("membership_edit", org.pk, staff.pk),
            edit=True,
            method="post",
            data={"role": "admin"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:membership_remove",
            url("membership_remove", org.pk, staff.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase("partnerships:export_members", url("export_members", org.pk)),
        AccessCase("partnerships:members", url("members", p.pk)),
        AccessCase(
            "partnerships:members",
            url("members", p.pk),
            edit=True,
            method="post",
            data={"organisation_name": "Third Org", "role": "donor"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:member_remove",
            url("member_remove", p.pk, world.international_org.pk),
            edit=True,
        ),
        AccessCase(
            "partnerships:member_remove",
            url("member_remove", p.pk, world.international_org.pk),
            edit=True,
            method="post",
            data={"reason": "x"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:removal_agree",
            url("removal_agree", p.pk, removal.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "partnerships:removal_refuse",
            url("removal_refuse", p.pk, removal.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "partnerships:invitation_withdraw",
            url("invitation_withdraw", p.pk, invited_here.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        # An invitation to the local organisation, from a partnership it is not in yet:
        # only its admin answers.
        AccessCase(
            "partnerships:invitation_accept",
            url("invitation_accept", invited_there.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase(
            "partnerships:invitation_decline",
            url("invitation_decline", invited_there.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase("partnerships:actions", url("actions", p.pk)),
        AccessCase("partnerships:action_create", url("action_create", p.pk), edit=True),
        AccessCase(
            "partnerships:action_create",
            url("action_create", p.pk),
            edit=True,
            method="post",
            data={"title": "x"},
            member_ok=False,
        ),
        AccessCase("partnerships:action_edit", url("action_edit", p.pk, action.pk)),
        AccessCase(
            "partnerships:action_edit",
            url("action_edit", p.pk, action.pk),
            edit=True,
            method="post",
            data={"title": "x"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:action_done",
            url("action_done", p.pk, action.pk),
            edit=True,
            method="post",
            member_ok=False,
        ),
        AccessCase("partnerships:export_actions", url("export_actions", p.pk)),
        AccessCase("partnerships:export_reports", url("export_reports", p.pk)),
        AccessCase("partnerships:reflection_compare", url("reflection_compare", p.pk, round_.pk)),
        AccessCase("partnerships:interventions", url("interventions", p.pk)),
        AccessCase(
            "partnerships:interventions",
            url("interventions", p.pk),
            edit=True,
            method="post",
            data={"title": "x"},
            member_ok=False,
        ),
        AccessCase(
            "partnerships:intervention_edit",
            url("intervention_edit", p.pk, intervention.pk),
            edit=True,
        ),
        AccessCase("partnerships:reporting_exemption", url("reporting_exemption", p.pk), edit=True),
        # The feed's token is its credential: a revoked one is unknown to everyone.
        AccessCase("partnerships:calendar_feed", revoked_url, public=True, member_ok=False),
        # A personal API token is its owner's alone: everyone else is told it does not exist.
        AccessCase(
            "partnerships:api_token_revoke",
            url("api_token_revoke", api_token.pk),
            method="post",
        ),
    ]
