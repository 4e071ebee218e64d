import datetime

from django.urls import reverse

from capacity.models import (
    CapacityAction,
    LearningExchange,
    LearningNeed,
    Mentorship,
    PeerOrganisation,
    TargetGroupActivity,
)
from tests.access_matrix import AccessCase

from .helpers import small_framework, start_round


def cases(world):
    p = world.partnership
    fw = small_framework()
    round_ = start_round(world, fw)
    action = CapacityAction.objects.create(
        partnership=p,
        title="Coaching",
        domain=fw.domain["d1"],
        receiving=world.local_org,
        providing=world.international_org,
        kind="coaching",
        due_date=datetime.date(2026, 6, 1),
    )
    need = LearningNeed.objects.create(
        partnership=p,
        organisation=world.local_org,
        person=world.local_admin,
        need="Budgeting",
        shared=True,
    )
    peer = PeerOrganisation.objects.create(partnership=p, name="Peer", expertise="Finance")
    exchange = LearningExchange.objects.create(
        partnership=p, held_on=datetime.date(2026, 2, 1), topic="Audits", learned="Much"
    )
    mentorship = Mentorship.objects.create(
        partnership=p,
        mentor=world.international_admin,
        mentee=world.local_staff,
        focus="Grants",
        started_on=datetime.date(2026, 1, 1),
    )
    activity = TargetGroupActivity.objects.create(
        partnership=p,
        organisation=world.local_org,
        held_on=datetime.date(2026, 2, 1),
        topic="Budget literacy",
        women=5,
    )

    def url(name, *args):
        return reverse(f"capacity:{name}", args=[p.pk, *args])

    return [
        AccessCase("capacity:home", url("home")),
        AccessCase("capacity:round_new", url("round_new"), edit=True),
        AccessCase(
            "capacity:round_new",
            url("round_new"),
            edit=True,
            method="post",
            data={"title": "x", "framework": fw.pk, "opened_on": "2026-01-01"},
            member_ok=False,
        ),
        AccessCase("capacity:round", url("round", round_.pk)),
        AccessCase("capacity:assess", url("assess", round_.pk, world.local_org.pk), edit=True),
        AccessCase(
            "capacity:assess",
            url("assess", round_.pk, world.local_org.pk),
            edit=True,
            method="post",
            data={"save": "1"},
            member_ok=False,
        ),
        AccessCase("capacity:plan", url("plan")),
        AccessCase("capacity:action_new", url("action_new"), edit=True),
        AccessCase("capacity:action_edit", url("action_edit", action.pk), edit=True),
        AccessCase(
            "capacity:action_edit",
            url("action_edit", action.pk),
            edit=True,
            method="post",
            data={"title": "Taken"},
            member_ok=False,
        ),
        AccessCase("capacity:needs", url("needs")),
        AccessCase("capacity:need_new", url("need_new"), edit=True),
        AccessCase("capacity:need_edit", url("need_edit", need.pk), edit=True),
        AccessCase("capacity:peers", url("peers")),
        AccessCase("capacity:peer_new", url("peer_new"), edit=True),
        AccessCase("capacity:peer_edit", url("peer_edit", peer.pk), edit=True),
        AccessCase(
            "capacity:peer_edit",
            url("peer_edit", peer.pk),
            edit=True,
            method="post",
            data={"name": "Taken", "expertise": "x"},
            member_ok=False,
        ),
        AccessCase("capacity:exchange_new", url("exchange_new"), edit=True),
        AccessCase("capacity:exchange_edit", url("exchange_edit", exchange.pk), edit=True),
        AccessCase("capacity:mentorship_new", url("mentorship_new"), edit=True),
        AccessCase("capacity:mentorship", url("mentorship", mentorship.pk)),
        AccessCase(
            "capacity:mentorship",
            url("mentorship", mentorship.pk),
            edit=True,
            method="post",
            data={"held_on": "2026-02-01", "notes": "x"},
            member_ok=False,
        ),
        AccessCase("capacity:mentorship_edit", url("mentorship_edit", mentorship.pk), edit=True),
        AccessCase("capacity:targets", url("targets")),
        AccessCase("capacity:target_new", url("target_new"), edit=True),
        AccessCase("capacity:target_edit", url("target_edit", activity.pk), edit=True),
        AccessCase(
            "capacity:target_edit",
            url("target_edit", activity.pk),
            edit=True,
            method="post",
            data={"topic": "Taken"},
            member_ok=False,
        ),
    ]
