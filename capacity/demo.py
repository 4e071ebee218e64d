"""Demo capacity data: two assessment rounds (so a change shows), a plan funded from the
budget's capacity line, learning needs, peer learning and target-group activities.

seed_demo runs the budgets demo first, so the plan can point at its capacity line."""

import datetime
from decimal import Decimal

from budgets.models import BudgetLine
from partnerships.models import Membership, PartnershipMember, User

from .models import (
    CapacityAction,
    Domain,
    Framework,
    LearningExchange,
    LearningNeed,
    Mentorship,
    MentorshipSession,
    PeerOrganisation,
    TargetGroupActivity,
)
from .services import assessment, plan, records

# Self-assessed levels per domain code (baseline, repeat) and how the partner sees it.
LOCAL = {
    "governance": (3, 3, 2),
    "finance": (2, 3, 3),
    "people": (2, 2, 2),
    "programme": (3, 4, 4),
    "meal": (2, 3, 3),
    "safeguarding": (2, 3, 2),
    "advocacy": (3, 3, 4),
    "resources": (1, 2, 2),
    "digital": (1, 2, 1),
    "partnership": (3, 3, 3),
}
INTERNATIONAL = {
    "governance": (4, 4, 3),
    "finance": (4, 4, 4),
    "people": (3, 3, 2),
    "programme": (3, 3, 2),
    "meal": (4, 3, 3),
    "safeguarding": (4, 4, 3),
    "advocacy": (3, 3, 2),
    "resources": (4, 4, 4),
    "digital": (3, 3, 3),
    "partnership": (4, 3, 2),
    "as_partner": (4, 3, 2),
}


def _people(organisation):
    return list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__role__in=Membership.EDITOR_ROLES
        ).order_by("memberships__role", "pk")
    )


def _scores(items, table, column, jitter):
    scores = {}
    for n, item in enumerate(items):
        base = table.get(item.domain.code)
        if base is None:
            continue
        value = base[column] + (jitter if n % 3 == 1 else 0)
        scores[item.pk] = (max(1, min(4, value)), "", "")
    return scores


def seed(partnerships):
    framework = Framework.objects.filter(domains__code="governance").first()
    if framework is None or not partnerships:
        return
    _seed_two_rounds(partnerships[0], framework)
    if len(partnerships) > 2:
        _seed_waiting_round(partnerships[2], framework)


def _seed_waiting_round(partnership, framework):
    """A round still waiting for one organisation, and a plan that strengthens one side only:
    the hidden scores and the symmetry warning, as partners first meet them."""
    members = {m.role: m for m in partnership.members.select_related("organisation")}
    local_member = members.get(PartnershipMember.Role.LOCAL_PARTNER)
    intl_member = members.get(PartnershipMember.Role.INTERNATIONAL_PARTNER)
    if not (local_member and intl_member):
        return
    local, intl = local_member.organisation, intl_member.organisation
    local_people = _people(local)
    if not local_people:
        return
    round_ = assessment.round_start(
        partnership=partnership,
        framework=framework,
        title="Baseline assessment",
        opened_on=datetime.date.today(),
        user=local_people[0],
    )
    items = assessment.items_for(assessment.round_items(round_), local_member)
    assessment.assessment_save(
        round_id=round_.pk,
        assessor_id=local.pk,
        subject_id=local.pk,
        user=local_people[0],
        scores=_scores(items, LOCAL, 0, 0),
        submit=True,
    )
    domains = {d.code: d for d in Domain.objects.filter(framework=framework)}
    plan.action_save(
        partnership=partnership,
        user=local_people[0],
        title="Training on early-warning data collection",
        round=round_,
        domain=domains["meal"],
        receiving=local,
        providing=intl,
        kind=CapacityAction.Kind.TRAINING,
        days=Decimal("3"),
        due_date=datetime.date.today() + datetime.timedelta(days=45),
    )


def _seed_two_rounds(partnership, framework):
    members = {m.role: m for m in partnership.members.select_related("organisation")}
    local_member = members.get(PartnershipMember.Role.LOCAL_PARTNER)
    intl_member = members.get(PartnershipMember.Role.INTERNATIONAL_PARTNER)
    if not (local_member and intl_member):
        return
    local, intl = local_member.organisation, intl_member.organisation
    local_people, intl_people = _people(local), _people(intl)
    if not (local_people and intl_people):
        return
    local_user, intl_user = local_people[0], intl_people[0]

    def save(round_, assessor, subject, user, scores):
        assessment.assessment_save(
            round_id=round_.pk,
            assessor_id=assessor.pk,
            subject_id=subject.pk,
            user=user,
            scores=scores,
            submit=True,
        )

    baseline = assessment.round_start(
        partnership=partnership,
        framework=framework,
        title="Baseline assessment 2025",
        opened_on=datetime.date(2025, 2, 3),
        user=local_user,
    )
    items = assessment.round_items(baseline)
    local_items = assessment.items_for(items, local_member)
    intl_items = assessment.items_for(items, intl_member)
    save(baseline, local, intl, local_user, _scores(intl_items, INTERNATIONAL, 2, 0))
    save(baseline, intl, local, intl_user, _scores(local_items, LOCAL, 2, 0))
    save(baseline, intl, intl, intl_user, _scores(intl_items, INTERNATIONAL, 0, 0))
    save(baseline, local, local, local_user, _scores(local_items, LOCAL, 0, -1))
    repeat = assessment.round_start(
        partnership=partnership,
        framework=framework,
        title="Repeat assessment 2026",
        opened_on=datetime.date(2026, 2, 2),
        user=intl_user,
    )
    save(repeat, intl, local, intl_user, _scores(local_items, LOCAL, 2, 0))
    save(repeat, local, local, local_user, _scores(local_items, LOCAL, 1, 0))
    save(repeat, intl, intl, intl_user, _scores(intl_items, INTERNATIONAL, 1, 0))

    domains = {d.code: d for d in Domain.objects.filter(framework=framework)}
    line = BudgetLine.objects.filter(
        budget__partnership=partnership, category=BudgetLine.Category.CAPACITY
    ).first()
    need = records.learning_need_save(
        partnership=partnership,
        person=local_people[-1],
        organisation=local,
        need="Writing donor reports in English",
        goal="Draft the next quarterly report alone.",
        domain=domains["meal"],
        status=LearningNeed.Status.IN_PROGRESS,
        shared=True,
    )
    records.learning_need_save(
        partnership=partnership,
        person=intl_people[-1],
        organisation=intl,
        need="Basic Kiswahili for field visits",
        goal="Greet and follow a community meeting.",
        domain=domains["partnership"],
        status=LearningNeed.Status.OPEN,
        shared=False,
    )
    today = datetime.date.today()
    actions = [
        (
            "Mentoring on grant financial reporting",
            baseline,
            domains["finance"],
            None,
            local,
            intl,
            CapacityAction.Kind.MENTORING,
            "6",
            "2400",
            line,
            datetime.date(2025, 9, 30),
            CapacityAction.Status.DONE,
            datetime.date(2025, 9, 12),
            "Reports now reconcile with the ledger at the first try.",
        ),
        (
            "Induction of Nordic staff by community facilitators",
            baseline,
            domains["as_partner"],
            None,
            intl,
            local,
            CapacityAction.Kind.ACCOMPANIMENT,
            "3",
            "0",
            None,
            datetime.date(2025, 6, 30),
            CapacityAction.Status.DONE,
            datetime.date(2025, 7, 15),
            "Visiting staff now plan field visits with the elders.",
        ),
        (
            "Coaching on report writing",
            repeat,
            None,
            need,
            local,
            intl,
            CapacityAction.Kind.COACHING,
            "4",
            "0",
            None,
            today + datetime.timedelta(days=5),
            CapacityAction.Status.IN_PROGRESS,
            None,
            "",
        ),
        (
            "Digital security audit and password manager",
            repeat,
            domains["digital"],
            None,
            local,
            intl,
            CapacityAction.Kind.SYSTEMS,
            "2",
            "1800",
            line,
            today - datetime.timedelta(days=10),
            CapacityAction.Status.PLANNED,
            None,
            "",
        ),
        (
            "Peer exchange on county budget advocacy with the youth network",
            repeat,
            domains["advocacy"],
            None,
            intl,
            local,
            CapacityAction.Kind.PEER_EXCHANGE,
            "2",
            "600",
            line,
            today + datetime.timedelta(days=60),
            CapacityAction.Status.PLANNED,
            None,
            "",
        ),
    ]
    for (
        title,
        round_,
        domain,
        learning_need,
        receiving,
        providing,
        kind,
        days,
        cost,
        budget_line,
        due,
        status,
        completed,
        outcome,
    ) in actions:
        plan.action_save(
            partnership=partnership,
            user=local_user,
            title=title,
            round=round_,
            domain=domain,
            learning_need=learning_need,
            receiving=receiving,
            providing=providing,
            kind=kind,
            days=Decimal(days),
            cost=Decimal(cost),
            budget_line=budget_line,
            due_date=due,
            status=status,
            completed_on=completed,
            outcome=outcome,
        )

    network = PeerOrganisation.objects.create(
        partnership=partnership,
        name="Kisumu Youth Budget Network",
        country="KE",
        expertise="Public participation in county budget hearings.",
        contact="info@kisumu-youth-budget.example",
        added_by=local_user,
    )
    PeerOrganisation.objects.create(
        partnership=partnership,
        name="Mama Fua Savings Collective",
        country="KE",
        expertise="Women-led savings groups and simple bookkeeping.",
        added_by=local_user,
    )
    exchange = LearningExchange.objects.create(
        partnership=partnership,
        held_on=datetime.date(2025, 11, 6),
        topic="How young people prepare a budget memorandum",
        participants="Two youth leaders of each organisation; Nordic programme officer.",
        learned="Hearings listen when memoranda cite the county's own figures.",
        follow_up="Joint memorandum for the 2026 hearing.",
        created_by=local_user,
    )
    exchange.organisations.set([local, intl])
    exchange.peers.set([network])
    if len(intl_people) > 1 or len(local_people) > 1:
        mentor, mentee = local_user, intl_people[-1]
        pairing = Mentorship.objects.create(
            partnership=partnership,
            mentor=mentor,
            mentee=mentee,
            focus="Community-led safeguarding: how complaints really reach us",
            started_on=datetime.date(2025, 10, 1),
        )
        MentorshipSession.objects.create(
            mentorship=pairing,
            held_on=datetime.date(2025, 10, 14),
            logged_by=mentee,
            notes="Walked through the community complaint box and the SMS line.",
            next_steps="Draft a joint referral pathway.",
        )
        MentorshipSession.objects.create(
            mentorship=pairing,
            held_on=datetime.date(2025, 12, 2),
            logged_by=mentee,
            notes="Reviewed the referral pathway with the focal points.",
        )
    TargetGroupActivity.objects.create(
        partnership=partnership,
        organisation=local,
        held_on=datetime.date(2025, 8, 20),
        topic="Reading the county budget",
        girls=12,
        boys=10,
        women=18,
        men=9,
        older_women=3,
        older_men=2,
        with_disability=4,
    )
    TargetGroupActivity.objects.create(
        partnership=partnership,
        organisation=local,
        held_on=datetime.date(2026, 3, 11),
        topic="Speaking at a public hearing",
        girls=8,
        boys=9,
        women=6,
        men=5,
        other=1,
        with_disability=2,
    )
