from django.urls import reverse

from partnerships.models import Notification, ReflectionRound
from tests.access_matrix import AccessCase

from .mou_support import ensure_questions, make_mou
from .pdf_access_cases import pdf_cases
from .reporting_helpers import access_cases as reporting_cases


def cases(world):
    p = world.partnership
    notification = Notification.objects.create(
        recipient=world.local_viewer, partnership=p, message="hello", url=p.get_absolute_url()
    )
    return [
        AccessCase("partnerships:detail", reverse("partnerships:detail", args=[p.pk])),
        AccessCase("partnerships:edit", reverse("partnerships:edit", args=[p.pk]), edit=True),
        AccessCase("partnerships:edit", reverse("partnerships:edit", args=[p.pk]), edit=True,
                   method="post", data={"title": "taken over"}, member_ok=False),
        AccessCase("partnerships:organisation",
                   reverse("partnerships:organisation", args=[world.local_org.pk])),
        # A notification belongs to its recipient alone; the viewer is that recipient here.
        AccessCase("partnerships:notification_open",
                   reverse("partnerships:notification_open", args=[notification.pk]),
                   member_ok=False),
        *reporting_cases(world),
    ] + foundation_cases(world) + pdf_cases(world)


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
        AccessCase("partnerships:decisions_edit",
                   reverse("partnerships:decisions_edit", args=[p.pk]), edit=True),
        AccessCase("partnerships:decisions_edit",
                   reverse("partnerships:decisions_edit", args=[p.pk]), edit=True,
                   method="post", data={"decider_strategy": "international"}, member_ok=False),
        AccessCase("partnerships:mou_list", reverse("partnerships:mou_list", args=[p.pk])),
        AccessCase("partnerships:mou_create", reverse("partnerships:mou_create", args=[p.pk]),
                   edit=True),
        AccessCase("partnerships:mou_detail", mou_url("mou_detail", awaiting)),
        AccessCase("partnerships:mou_pdf", mou_url("mou_pdf", awaiting)),
        AccessCase("partnerships:mou_edit", mou_url("mou_edit", draft), edit=True),
        AccessCase("partnerships:mou_edit", mou_url("mou_edit", draft), edit=True,
                   method="post", data={"title": "taken over"}, member_ok=False),
        AccessCase("partnerships:mou_send", mou_url("mou_send", draft), edit=True,
                   method="post", member_ok=False),
        AccessCase("partnerships:mou_new_version", mou_url("mou_new_version", awaiting),
                   edit=True, method="post", member_ok=False),
        # The viewer is no signatory: signing is refused like an edit.
        AccessCase("partnerships:mou_sign", mou_url("mou_sign", awaiting), edit=True),
        AccessCase("partnerships:mou_sign", mou_url("mou_sign", awaiting), edit=True,
                   method="post", data={"full_name": "X", "title": "Y"}, member_ok=False),
        AccessCase("partnerships:reflection_list",
                   reverse("partnerships:reflection_list", args=[p.pk])),
        AccessCase("partnerships:reflection_create",
                   reverse("partnerships:reflection_create", args=[p.pk]), edit=True),
        AccessCase("partnerships:reflection_detail", round_url("reflection_detail")),
        AccessCase("partnerships:reflection_answer", round_url("reflection_answer"), edit=True),
        AccessCase("partnerships:reflection_answer", round_url("reflection_answer"), edit=True,
                   method="post", data={}, member_ok=False),
        # Agreed actions open once every partner has answered.
        AccessCase("partnerships:reflection_actions", round_url("reflection_actions"),
                   edit=True, member_ok=False),
    ]
