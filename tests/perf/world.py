"""Data for the query-count tests (tests/perf/test_page_queries.py), added to the demo's in
bulk: `add_partnerships` gives an organisation more partnerships, each with everything a
partnership has; `grow` gives one partnership more of everything its pages show. 200
partnerships take about a second."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from budgets.models import (
    Budget,
    BudgetComment,
    BudgetEvent,
    BudgetLine,
    ChangeMove,
    ChangeRequest,
)
from capacity.models import (
    CapacityAction,
    Domain,
    LearningExchange,
    LearningNeed,
    Mentorship,
    MentorshipSession,
    TargetGroupActivity,
)
from feedback.models import (
    Adaptation,
    Case,
    CaseEntry,
    Channel,
    Consultation,
    ConsultationInput,
)
from health.models import HealthSnapshot
from partnerships.models import (
    AgreedAction,
    JointIntervention,
    Membership,
    Mou,
    MouSignature,
    MutualReport,
    Notification,
    Organisation,
    Partnership,
    PartnershipEvent,
    PartnershipInvitation,
    PartnershipMember,
    ReportComment,
    ReportingSchedule,
    ReportPeriod,
    ReportRead,
    User,
)
from partnerships.models.reporting import add_months
from visibility.models import (
    Communication,
    Credit,
    ForumEvent,
    PartnershipPage,
    PublicProfile,
    Result,
)

COUNTRIES = ["DK", "ES", "NL", "DE", "GB", "FR", "SE", "NO", "US", "CA", "BE", "IE"]
STATUSES = [
    Partnership.Status.ACTIVE,
    Partnership.Status.NEGOTIATING,
    Partnership.Status.EXPLORING,
    Partnership.Status.CLOSED,
]
SECTIONS = {
    name: f"What the partners agreed on {name}."
    for name in (
        "decision_making",
        "accountability",
        "transparency",
        "resources",
        "communication",
        "representation",
    )
}
LINES = [
    (BudgetLine.Category.PROGRAMME, True, "Community activities", "42000"),
    (BudgetLine.Category.STAFF, True, "Field officers", "18000"),
    (BudgetLine.Category.CORE, True, "Office rent", "6000"),
    (BudgetLine.Category.CAPACITY, False, "Peer learning", "5000"),
    (BudgetLine.Category.OVERHEAD, False, "Indirect costs", "3500"),
]


def _quarter_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The starts of the `count` quarters before the current one, oldest first."""
    current = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return [add_months(current, -3 * back) for back in range(count, 0, -1)]


def _partners(first: int, count: int) -> tuple[list[Organisation], list[User]]:
    """An international organisation per partnership, each with its admin."""
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Partner organisation {n}",
            country=COUNTRIES[n % len(COUNTRIES)],
            kind=Organisation.Kind.INTERNATIONAL_CSO,
            is_local_actor=False,
        )
        for n in range(first, first + count)
    )
    users = User.objects.bulk_create(
        User(email=f"partner{n}@example.org", full_name=f"Partner admin {n}", password="!")
        for n in range(first, first + count)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role=Membership.Role.ADMIN, is_signatory=True)
        for u, o in zip(users, orgs, strict=True)
    )
    PublicProfile.objects.bulk_create(
        PublicProfile(organisation=o, slug=f"partner-organisation-{o.pk}", is_public=n % 2 == 0)
        for n, o in enumerate(orgs)
    )
    return orgs, users


def add_partnerships(local: Organisation, local_user: User, first: int, count: int) -> None:
    """`count` more partnerships of `local`, each with an international partner, an MoU in
    force, a year of quarterly reports, a budget with lines and a change request, and some
    capacity, feedback, visibility and health records, plus notifications for `local_user`."""
    today = timezone.localdate()
    now = timezone.now()
    orgs, users = _partners(first, count)
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            title=f"Extra partnership {n}",
            status=STATUSES[n % len(STATUSES)],
            local_needs="Needs the community named.",
            context="Context of the joint work.",
            start_date=datetime.date(2025, 1, 1),
        )
        for n in range(first, first + count)
    )
    trios = list(zip(partnerships, orgs, users, strict=True))
    PartnershipMember.objects.bulk_create(
        member
        for p, org, _user in trios
        for member in (
            PartnershipMember(
                partnership=p, organisation=local, role=PartnershipMember.Role.LOCAL_PARTNER
            ),
            PartnershipMember(
                partnership=p, organisation=org, role=PartnershipMember.Role.INTERNATIONAL_PARTNER
            ),
        )
    )
    _foundation(trios, local, local_user, today, now)
    _budgets(trios, local, local_user)
    _dimensions(trios, local, local_user, today, now)


def _mou(partnership, parties) -> Mou:
    mou = Mou(
        partnership=partnership,
        partnership_title=partnership.title,
        version=1,
        title=f"MoU – {partnership.title}",
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        status=Mou.Status.IN_FORCE,
        sent_at=timezone.now(),
        in_force_at=timezone.now(),
        parties=[
            {
                "organisation_id": o.pk,
                "name": o.name,
                "country": str(o.country.name),
                "role": role,
                "address": o.address,
            }
            for o, role in parties
        ],
        **SECTIONS,
    )
    mou.content_hash = mou.compute_hash()
    return mou


def _foundation(trios, local, local_user, today, now):
    mous = Mou.objects.bulk_create(
        _mou(p, [(local, "local_partner"), (org, "international_partner")]) for p, org, _u in trios
    )
    MouSignature.objects.bulk_create(
        MouSignature(
            mou=mou,
            organisation=signer_org,
            user=signer,
            full_name=signer.full_name,
            title="Director",
            content_hash=mou.content_hash,
        )
        for mou, (_p, org, user) in zip(mous, trios, strict=True)
        for signer_org, signer in ((local, local_user), (org, user))
    )
    starts = _quarter_starts(today, 3)
    ReportingSchedule.objects.bulk_create(
        ReportingSchedule(
            partnership=p,
            first_period_start=starts[0],
            next_period_start=add_months(starts[-1], 6),
        )
        for p, _o, _u in trios
    )
    periods = ReportPeriod.objects.bulk_create(
        ReportPeriod(
            partnership=p,
            start=start,
            end=add_months(start, 3) - datetime.timedelta(days=1),
            due_date=add_months(start, 3) + datetime.timedelta(days=29),
            remind_from=add_months(start, 3) + datetime.timedelta(days=15),
        )
        for p, _o, _u in trios
        for start in starts
    )
    orgs_of = {p.pk: org for p, org, _u in trios}
    MutualReport.objects.bulk_create(
        MutualReport(
            period=period,
            organisation=org,
            status=MutualReport.Status.SUBMITTED,
            progress="Meetings held.",
            submitted_at=now,
        )
        for period in periods
        for org in (local, orgs_of[period.partnership_id])
    )
    AgreedAction.objects.bulk_create(
        AgreedAction(
            partnership=p,
            title="The local partner chairs the steering committee",
            owner_organisation=local,
            due_date=today + datetime.timedelta(days=30),
        )
        for p, _o, _u in trios
    )
    Notification.objects.bulk_create(
        Notification(recipient=local_user, partnership=p, message=f"News from {p.title}", url="")
        for p, _o, _u in trios
    )


def _budgets(trios, local, local_user):
    budgets = Budget.objects.bulk_create(
        Budget(partnership=p, title="Budget 2026", currency="EUR", status=Budget.Status.ACTIVE)
        for p, _o, _u in trios
    )
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=b,
            category=category,
            organisation=local if by_local else org,
            description=description,
            amount=Decimal(amount),
        )
        for b, (_p, org, _u) in zip(budgets, trios, strict=True)
        for category, by_local, description, amount in LINES
    )
    requests = ChangeRequest.objects.bulk_create(
        ChangeRequest(
            budget=b,
            number=1,
            requested_by=local_user,
            requesting_organisation=local,
            justification="Rent went up.",
        )
        for b in budgets
    )
    per_budget = len(LINES)
    ChangeMove.objects.bulk_create(
        ChangeMove(
            change_request=r,
            from_line=lines[i * per_budget],
            to_line=lines[i * per_budget + 2],
            amount=Decimal("500"),
        )
        for i, r in enumerate(requests)
    )


def _dimensions(trios, local, local_user, today, now):
    domain = Domain.objects.order_by("pk").first()
    CapacityAction.objects.bulk_create(
        CapacityAction(
            partnership=p,
            title="Training on financial management",
            receiving=local,
            providing=org,
            kind=CapacityAction.Kind.TRAINING,
            domain=domain,
            due_date=today + datetime.timedelta(days=60),
        )
        for p, org, _u in trios
    )
    LearningNeed.objects.bulk_create(
        LearningNeed(partnership=p, organisation=local, person=local_user, need="Grant writing")
        for p, _o, _u in trios
    )
    TargetGroupActivity.objects.bulk_create(
        TargetGroupActivity(
            partnership=p, organisation=local, held_on=today, topic="Budget literacy", women=12
        )
        for p, _o, _u in trios
    )
    Channel.objects.bulk_create(
        Channel(partnership=p, public_name=p.title, rights_text="You may tell us anything.")
        for p, _o, _u in trios
    )
    Case.objects.bulk_create(
        Case(
            partnership=p,
            kind=kind,
            text="When is the next meeting?",
            received_at=now,
            acknowledge_due=today + datetime.timedelta(days=7),
            respond_due=today + datetime.timedelta(days=30),
        )
        for p, _o, _u in trios
        for kind in (Case.Kind.QUESTION, Case.Kind.COMPLAINT)
    )
    Consultation.objects.bulk_create(
        Consultation(
            partnership=p, held_on=today, place="Hall", method=Consultation.Method.FOCUS_GROUP
        )
        for p, _o, _u in trios
    )
    results = Result.objects.bulk_create(
        Result(partnership=p, title="Youth took part", text="A story.", published_at=now)
        for p, _o, _u in trios
    )
    Credit.objects.bulk_create(
        Credit(result=r, organisation=o, is_local=o == local, approved_at=now)
        for r, (_p, org, _u) in zip(results, trios, strict=True)
        for o in (local, org)
    )
    ForumEvent.objects.bulk_create(
        ForumEvent(partnership=p, title="County budget hearing", date=today) for p, _o, _u in trios
    )
    Communication.objects.bulk_create(
        Communication(
            partnership=p, kind=Communication.Kind.POST, title="Our joint work", date=today
        )
        for p, _o, _u in trios
    )
    PartnershipPage.objects.bulk_create(
        PartnershipPage(partnership=p, title=p.title, published_at=now) for p, _o, _u in trios
    )
    HealthSnapshot.objects.bulk_create(
        HealthSnapshot(partnership=p, month=today.replace(day=1), readings={})
        for p, _o, _u in trios
    )


@dataclass
class Growth:
    """What `grow` adds to: one partnership, one of its members, that member's admin."""

    partnership: Partnership
    local: Organisation
    user: User
    other: Organisation
    n: int
    today: datetime.date
    now: datetime.datetime
    people: list[User]


def grow(partnership: Partnership, local: Organisation, local_user: User, *, n: int) -> None:
    """`n` more of everything in one partnership, and in what its pages show: people, budget
    lines, change requests, comments and history, report periods, comments on reports, cases
    and their entries, consultations, results, events, capacity actions, learning needs,
    mentorship sessions, agreed actions, interventions, partnership events, notifications."""
    other = partnership.members.exclude(organisation=local).first().organisation
    people = User.objects.bulk_create(
        User(
            email=f"grown{partnership.pk}-{n}-{k}@example.org", full_name=f"Grown {k}", password="!"
        )
        for k in range(n)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=local, role=Membership.Role.STAFF) for u in people
    )
    g = Growth(
        partnership, local, local_user, other, n, timezone.localdate(), timezone.now(), people
    )
    for budget in partnership.budgets.all():
        _grow_budget(g, budget)
    _grow_reports(g)
    _grow_feedback(g)
    _grow_visibility(g)
    _grow_capacity(g)
    _grow_foundation(g)


def _grow_budget(g: Growth, budget: Budget) -> None:
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(
            budget=budget,
            category=BudgetLine.Category.PROGRAMME,
            organisation=g.local if k % 2 else g.other,
            description=f"Grown line {k}",
            amount=Decimal("100"),
        )
        for k in range(g.n)
    )
    last = budget.change_requests.aggregate(n=Max("number"))["n"] or 0
    requests = ChangeRequest.objects.bulk_create(
        ChangeRequest(
            budget=budget,
            number=last + 1 + k,
            requested_by=g.people[k],
            requesting_organisation=g.local,
            justification="More needs.",
            status=ChangeRequest.Status.DECLINED,
        )
        for k in range(g.n)
    )
    ChangeMove.objects.bulk_create(
        ChangeMove(change_request=r, from_line=lines[k], to_line=lines[-1 - k], amount=1)
        for k, r in enumerate(requests)
    )
    BudgetComment.objects.bulk_create(
        BudgetComment(budget=budget, author=u, organisation=g.local, body="A question.")
        for u in g.people
    )
    BudgetEvent.objects.bulk_create(
        BudgetEvent(
            budget=budget,
            kind=BudgetEvent.Kind.LINE_ADDED,
            actor=u,
            organisation=g.local,
            total_before=0,
            total_after=0,
        )
        for u in g.people
    )


def _grow_reports(g: Growth) -> None:
    """Earlier quarters, each with a submitted report from every member; comments and read
    receipts on every report."""
    earliest = g.partnership.report_periods.order_by("start").first()
    first_start = earliest.start if earliest else g.today.replace(day=1)
    starts = [add_months(first_start, -3 * back) for back in range(max(1, g.n // 4), 0, -1)]
    periods = ReportPeriod.objects.bulk_create(
        ReportPeriod(
            partnership=g.partnership,
            start=start,
            end=add_months(start, 3) - datetime.timedelta(days=1),
            due_date=add_months(start, 3) + datetime.timedelta(days=29),
            remind_from=add_months(start, 3) + datetime.timedelta(days=15),
        )
        for start in starts
    )
    MutualReport.objects.bulk_create(
        MutualReport(
            period=period,
            organisation=org,
            status=MutualReport.Status.SUBMITTED,
            progress="Done.",
            submitted_at=g.now,
            submitted_by=g.user,
        )
        for period in periods
        for org in (g.local, g.other)
    )
    reports = list(MutualReport.objects.filter(period__partnership=g.partnership))
    ReportComment.objects.bulk_create(
        ReportComment(report=r, author=u, organisation=g.local, body="Thank you.")
        for r in reports
        for u in g.people[:5]
    )
    ReportRead.objects.bulk_create(
        (ReportRead(report=r, user=u) for r in reports for u in g.people[:5]),
        ignore_conflicts=True,
    )


def _grow_feedback(g: Growth) -> None:
    cases = Case.objects.bulk_create(
        Case(
            partnership=g.partnership,
            kind=Case.Kind.SUGGESTION,
            text=f"Suggestion {k}",
            received_at=g.now,
            acknowledge_due=g.today,
            respond_due=g.today,
        )
        for k in range(g.n)
    )
    CaseEntry.objects.bulk_create(
        CaseEntry(case=case, kind=CaseEntry.Kind.NOTE, author=u, text="A note.")
        for case in Case.objects.filter(partnership=g.partnership)
        for u in g.people[:5]
    )
    consultations = Consultation.objects.bulk_create(
        Consultation(
            partnership=g.partnership,
            held_on=g.today,
            place=f"Village {k}",
            method=Consultation.Method.FOCUS_GROUP,
        )
        for k in range(g.n)
    )
    ConsultationInput.objects.bulk_create(
        ConsultationInput(consultation=c, text=f"Idea {k}")
        for c in Consultation.objects.filter(partnership=g.partnership)
        for k in range(5)
    )
    adaptations = Adaptation.objects.bulk_create(
        Adaptation(
            partnership=g.partnership,
            what_changed=f"Change {k}",
            decided_on=g.today,
            decided_by="Steering committee",
        )
        for k in range(g.n)
    )
    for adaptation, case, consultation in zip(adaptations, cases, consultations, strict=True):
        adaptation.cases.add(case)
        adaptation.inputs.add(*consultation.inputs.all())


def _grow_visibility(g: Growth) -> None:
    results = Result.objects.bulk_create(
        Result(partnership=g.partnership, title=f"Result {k}", text="Story.") for k in range(g.n)
    )
    Credit.objects.bulk_create(
        Credit(result=r, organisation=o, is_local=o == g.local)
        for r in results
        for o in (g.local, g.other)
    )
    ForumEvent.objects.bulk_create(
        ForumEvent(partnership=g.partnership, title=f"Event {k}", date=g.today) for k in range(g.n)
    )
    Communication.objects.bulk_create(
        Communication(
            partnership=g.partnership,
            kind=Communication.Kind.POST,
            title=f"Post {k}",
            date=g.today,
            published_by=g.local,
        )
        for k in range(g.n)
    )


def _grow_capacity(g: Growth) -> None:
    domain = Domain.objects.order_by("pk").first()
    CapacityAction.objects.bulk_create(
        CapacityAction(
            partnership=g.partnership,
            domain=domain,
            title=f"Action {k}",
            receiving=g.local if k % 2 else g.other,
            providing=g.other if k % 2 else g.local,
            kind=CapacityAction.Kind.COACHING,
            due_date=g.today,
        )
        for k in range(g.n)
    )
    LearningNeed.objects.bulk_create(
        LearningNeed(
            partnership=g.partnership, organisation=g.local, person=u, need="Data", shared=True
        )
        for u in g.people
    )
    LearningExchange.objects.bulk_create(
        LearningExchange(
            partnership=g.partnership, held_on=g.today, topic=f"Topic {k}", learned="Much."
        )
        for k in range(g.n)
    )
    MentorshipSession.objects.bulk_create(
        MentorshipSession(mentorship=m, held_on=g.today, notes=f"Session {k}")
        for m in Mentorship.objects.filter(partnership=g.partnership)
        for k in range(g.n)
    )


def _grow_foundation(g: Growth) -> None:
    AgreedAction.objects.bulk_create(
        AgreedAction(
            partnership=g.partnership,
            title=f"Action {k}",
            owner_organisation=g.local,
            owner=u,
            due_date=g.today,
        )
        for k, u in enumerate(g.people)
    )
    JointIntervention.objects.bulk_create(
        JointIntervention(
            partnership=g.partnership,
            title=f"Work {k}",
            start_date=g.today,
            local_needs="n",
            target_groups="g",
        )
        for k in range(g.n)
    )
    PartnershipEvent.objects.bulk_create(
        PartnershipEvent(
            partnership=g.partnership,
            action=PartnershipEvent.Action.INVITED,
            actor=u,
            actor_name=u.full_name,
        )
        for u in g.people
    )
    Notification.objects.bulk_create(
        Notification(recipient=g.user, partnership=g.partnership, message=f"Note {k}")
        for k in range(2 * g.n)
    )
    _grow_invitations(g)


def _grow_invitations(g: Growth) -> None:
    """Partnerships of the other member that invite the local one to join (a page lists what
    the user's organisation is invited to)."""
    others = Partnership.objects.bulk_create(
        Partnership(title=f"Invitation {g.partnership.pk}-{g.n}-{k}", local_needs="n")
        for k in range(g.n)
    )
    PartnershipMember.objects.bulk_create(
        PartnershipMember(
            partnership=p, organisation=g.other, role=PartnershipMember.Role.INTERNATIONAL_PARTNER
        )
        for p in others
    )
    PartnershipInvitation.objects.bulk_create(
        PartnershipInvitation(
            partnership=p,
            organisation=g.local,
            role=PartnershipMember.Role.LOCAL_PARTNER,
            invited_by_organisation=g.other,
        )
        for p in others
    )
