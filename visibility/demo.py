"""Demo visibility: fora and roles, a participation log with one "speaking for, not with"
event, results (one public, one awaiting the local partner, one credited anonymously), a
public page and profiles, communications, introductions and an endorsement."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnerships.models import Membership, PartnershipMember

from .models import (
    Communication,
    Endorsement,
    EventAttendance,
    Forum,
    ForumEvent,
    ForumRole,
    ForumSupport,
    Introduction,
    PartnershipForum,
)
from .services import public, results

F = Forum


def _admin(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _sides(partnership):
    members = {m.role: m.organisation for m in partnership.members.select_related("organisation")}
    return (
        members.get(PartnershipMember.Role.LOCAL_PARTNER),
        members.get(PartnershipMember.Role.INTERNATIONAL_PARTNER),
    )


def _approve_all(result):
    for credit in result.credits.select_related("organisation"):
        results.credit_approve(credit=credit, user=_admin(credit.organisation))


def seed(partnerships):
    if not partnerships:
        return
    today = timezone.localdate()
    first = partnerships[0]
    local, international = _sides(first)
    if not (local and international and _admin(local) and _admin(international)):
        return
    local_admin, international_admin = _admin(local), _admin(international)
    budget_forum = F.objects.create(
        name="Kisumu County Budget and Economic Forum",
        kind=F.Kind.POLICY,
        level=F.Level.LOCAL,
        topic="Public participation in county budgets",
        country="KE",
    )
    youth_network = F.objects.create(
        name="Kenya Youth Civil Society Network",
        kind=F.Kind.NETWORK,
        level=F.Level.NATIONAL,
        topic="Youth participation",
        country="KE",
    )
    regional = F.objects.create(
        name="East Africa Civic Space Coalition",
        kind=F.Kind.NETWORK,
        level=F.Level.REGIONAL,
        topic="Civic space",
    )
    donors = F.objects.create(
        name="Nordic Governance Donors Group",
        kind=F.Kind.DONOR_GROUP,
        level=F.Level.GLOBAL,
        topic="Accountable governance",
    )
    ForumRole.objects.create(
        organisation=local,
        forum=budget_forum,
        role=ForumRole.Role.CO_CHAIR,
        representative="Amina Wanjiru",
        since=datetime.date(2025, 3, 1),
        show_publicly=True,
    )
    ForumRole.objects.create(
        organisation=local,
        forum=youth_network,
        role=ForumRole.Role.MEMBER,
        representative="Otieno Kamau",
        show_publicly=True,
    )
    ForumRole.objects.create(
        organisation=international,
        forum=donors,
        role=ForumRole.Role.MEMBER,
        representative="Lars Nielsen",
    )
    ForumRole.objects.create(
        organisation=international,
        forum=regional,
        role=ForumRole.Role.SPEAKER,
        representative="Mette Holm",
    )
    links = {}
    for forum, aim in (
        (budget_forum, "Make sure youth priorities are read into the county budget."),
        (regional, "Be invited as a speaker on youth and civic space, not represented by us."),
        (donors, "Meet Nordic donors directly and present its own track record."),
    ):
        links[forum] = PartnershipForum.objects.create(
            partnership=first, forum=forum, local_aim=aim
        )
    ForumSupport.objects.create(
        partnership_forum=links[regional],
        kind=ForumSupport.Kind.TRAVEL,
        description="Travel to the coalition's annual meeting in Arusha",
        provided_by=international,
        cost=Decimal("1200"),
    )
    ForumSupport.objects.create(
        partnership_forum=links[donors],
        kind=ForumSupport.Kind.INTRODUCTIONS,
        description="Introduction to the group's chair",
        provided_by=international,
    )
    ForumSupport.objects.create(
        partnership_forum=links[budget_forum],
        kind=ForumSupport.Kind.PREPARATION,
        description="Budget analysis ahead of each hearing",
        provided_by=local,
        cost=Decimal("300"),
    )

    for title, days_ago, forum, who, contribution in (
        (
            "County budget hearing, Kisumu",
            40,
            budget_forum,
            {local: "Amina Wanjiru, two youth champions", international: "Mette Holm"},
            "Presented the youth budget memorandum; three proposals were adopted.",
        ),
        ("Coalition webinar on civic space", 20, regional, {international: "Mette Holm"}, ""),
        (
            "Youth network quarterly meeting",
            10,
            youth_network,
            {local: "Otieno Kamau"},
            "Asked to lead the network's working group on budgets.",
        ),
    ):
        event = ForumEvent.objects.create(
            partnership=first,
            forum=forum,
            title=title,
            date=today - datetime.timedelta(days=days_ago),
            contribution=contribution,
            created_by=local_admin,
        )
        EventAttendance.objects.bulk_create(
            EventAttendance(event=event, organisation=org, people=people)
            for org, people in who.items()
        )
    ForumEvent.objects.create(
        partnership=first,
        forum=donors,
        title="Donor roundtable",
        date=today + datetime.timedelta(days=30),
        created_by=local_admin,
    )

    published = results.result_create(
        partnership=first,
        user=international_admin,
        title="Young people's priorities in the county budget",
        text="After a year of hearings prepared by youth champions, the county adopted three "
        "of their proposals, including a fund for youth-led enterprises.",
        figures="1,200 young people consulted\n3 proposals adopted",
        credited=[local, international],
    )
    results.credit_update(
        credit=published.credits.get(organisation=local),
        user=local_admin,
        name_as="Sauti ya Jamii (Kisumu)",
        anonymous=False,
        anonymous_label="",
    )
    _approve_all(published)
    results.result_create(
        partnership=first,
        user=international_admin,
        title="Budget literacy sessions",
        text="Forty sessions in schools and youth centres.",
        figures="40 sessions",
        credited=[local, international],
    )

    public.page_save(
        partnership=first,
        title="Youth voices in county budgeting",
        summary="A local youth organisation and its Nordic partner help young "
        "people take part in county budget decisions.",
        languages=["en", "fr", "ar"],
    )
    for org, user in ((local, local_admin), (international, international_admin)):
        public.page_approve(partnership=first, organisation=org, user=user)
    public.profile_save(
        organisation=local,
        is_public=True,
        mission="Young people in Kisumu shape the decisions that affect them.",
        expertise="Budget advocacy\nYouth organising\nCommunity radio",
        countries=["KE"],
        languages=["en", "fr", "ar"],
        show_website=True,
        public_email="info@sautiyajamii.example",
        slug=public.unique_slug(local.name),
    )
    public.profile_save(
        organisation=international,
        is_public=True,
        mission="We back locally led change.",
        expertise="Governance",
        countries=["KE", "ML"],
        languages=["en"],
        show_website=True,
        public_email="",
        slug=public.unique_slug(international.name),
    )
    endorsement = Endorsement.objects.create(
        organisation=local,
        author_organisation=international,
        partnership=first,
        written_by=international_admin,
        text="Sauti ya Jamii leads; we learn from its work with young people every year.",
    )
    public.endorsement_show(endorsement=endorsement, show=True)

    for kind, title, days_ago, named in (
        (Communication.Kind.POST, "Youth proposals adopted in Kisumu", 15, [local, international]),
        (
            Communication.Kind.DONOR_REPORT,
            "Annual report to the Nordic donors",
            60,
            [international],
        ),
        (Communication.Kind.MEDIA, "Radio interview on the county budget", 5, [local]),
    ):
        communication = Communication.objects.create(
            partnership=first,
            kind=kind,
            title=title,
            published_by=international,
            date=today - datetime.timedelta(days=days_ago),
        )
        communication.named_organisations.set(named)
    Introduction.objects.create(
        partnership=first,
        introduced_by=international,
        introduced=local,
        introduced_to="Nordic Governance Fund",
        target_kind=Introduction.TargetKind.DONOR,
        date=today - datetime.timedelta(days=50),
        outcome=Introduction.Outcome.PROPOSAL,
    )
    Introduction.objects.create(
        partnership=first,
        introduced_by=local,
        introduced=international,
        introduced_to="Kisumu County Treasury",
        target_kind=Introduction.TargetKind.AUTHORITY,
        date=today - datetime.timedelta(days=25),
        outcome=Introduction.Outcome.MEETING,
    )
    _seed_anonymous(partnerships)


def _seed_anonymous(partnerships):
    """A partner in a risky context credited without its name."""
    if len(partnerships) < 3:
        return
    local, international = _sides(partnerships[2])
    if not (local and international and _admin(local) and _admin(international)):
        return
    result = results.result_create(
        partnership=partnerships[2],
        user=_admin(international),
        title="Cyclone warnings in local languages",
        text="Warnings now reach fishing communities in Sena and Ndau, hours earlier.",
        figures="14 villages",
        credited=[local, international],
    )
    results.credit_update(
        credit=result.credits.get(organisation=local),
        user=_admin(local),
        name_as="",
        anonymous=True,
        anonymous_label="a community organisation in Sofala",
    )
    _approve_all(result)
