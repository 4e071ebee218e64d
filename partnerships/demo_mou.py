"""Demo content for the foundation dimension: decision matrices, MoUs, a reflection round.

`seed(partnerships)` takes the demo partnerships in creation order (see seed_demo): the first
gets an MoU in force and a completed power reflection, the third an MoU awaiting signatures,
the second a draft decision-making agreement.
"""

import datetime

from django.utils import timezone

from .models import (
    DecisionArea,
    Membership,
    Mou,
    ReflectionAnswer,
    ReflectionQuestion,
    ReflectionResponse,
    ReflectionRound,
)
from .services import mou as services

SECTIONS = {
    "decision_making": (
        "Strategic choices, the annual plan and the choice of target groups are made jointly "
        "at the annual partners' meeting, which the local partner prepares and chairs.\n\n"
        "Day-to-day implementation decisions belong to the local partner."
    ),
    "accountability": (
        "Both partners report to each other every quarter: developments in the organisation, "
        "results, challenges and learning. Each answers the other's questions within a month."
    ),
    "transparency": (
        "Budgets, overheads and salary scales of both partners are shared in full. Audit "
        "reports are exchanged within two weeks of their approval."
    ),
    "resources": (
        "Proposals are written together; the local partner is named as co-applicant. Overhead "
        "is shared in proportion to the budget each partner manages. Each partner offers "
        "training to the other's staff where it has the expertise."
    ),
    "communication": (
        "Monthly calls chaired by the local partner; minutes in English and Kiswahili. Either "
        "partner may raise a concern at any time with the other's director."
    ),
    "representation": (
        "The local partner speaks for the partnership in national and county fora. Results "
        "are published with direct credit to the local partner."
    ),
}

MATRIX = [
    ("strategy", "joint", "Decided at the annual partners' meeting."),
    ("budget_reallocation", "local", "Up to 10% between budget lines; above that, jointly."),
    ("hiring", "local", ""),
    ("communication", "consult", "The local partner decides after consulting the other."),
    ("representation", "local", ""),
    ("reporting", "joint", "Formats agreed once a year."),
    ("target_groups", "local", "Based on the community consultations."),
]


def _matrix(partnership):
    for area, decider, notes in MATRIX:
        DecisionArea.objects.update_or_create(
            partnership=partnership, area=area, defaults={"decider": decider, "notes": notes}
        )


def _signatories(partnership):
    """One signatory per party, the local partner's first."""
    by_org = {}
    for member in partnership.members.order_by("role"):
        membership = (
            Membership.objects.filter(organisation=member.organisation_id, is_signatory=True)
            .select_related("user", "organisation")
            .order_by("pk")
            .first()
        )
        if membership:
            by_org[member.organisation_id] = membership
    return list(by_org.values())


def _mou(partnership, *, signed_by: int):
    start = partnership.start_date or timezone.localdate()
    mou = Mou(
        partnership=partnership,
        version=1,
        title=f"MoU – {partnership.title}",
        language="en",
        term_start=start,
        term_end=start.replace(year=start.year + 3),
        **SECTIONS,
        status=Mou.Status.AWAITING_SIGNATURES,
        sent_at=timezone.now(),
    )
    mou.decision_matrix = services.matrix_snapshot(partnership)
    mou.parties = services.parties_snapshot(partnership)
    mou.save()
    for membership in _signatories(partnership)[:signed_by]:
        services.mou_sign(
            mou_id=mou.pk,
            user=membership.user,
            organisation=membership.organisation,
            full_name=membership.user.full_name,
            title="Executive Director",
            content_hash=Mou.objects.get(pk=mou.pk).content_hash,
        )
    return mou


def _reflection(partnership):
    round_ = ReflectionRound.objects.create(
        partnership=partnership,
        title="Power reflection 2025",
        held_on=datetime.date(2025, 2, 14),
        participants="Amina Wanjiru, Otieno Kamau (Sauti ya Jamii); Lars Nielsen, Mette Holm "
        "(Nordic Solidarity Alliance)",
        agreed_actions="1. The local partner chairs the steering committee from 2025.\n"
        "2. Core costs of the local partner are budgeted from the next proposal.\n"
        "3. The local partner presents results at the donor meeting.",
    )
    questions = list(ReflectionQuestion.objects.filter(is_active=True))
    round_.questions.set(questions)
    members = list(partnership.members.select_related("organisation"))
    for member in members:
        response = ReflectionResponse.objects.create(round=round_, organisation=member.organisation)
        local = member.is_local_partner
        ReflectionAnswer.objects.bulk_create(
            ReflectionAnswer(
                response=response,
                question=q,
                # The international partner sees the partnership rosier than the local one.
                score=(2 + i % 3) if local else (4 + i % 2),
                comment="We are rarely asked before budget changes." if local and i == 1 else "",
            )
            for i, q in enumerate(questions)
        )


def seed(partnerships):
    if len(partnerships) < 3:
        return
    first, second, third = partnerships[:3]
    _matrix(first)
    _mou(first, signed_by=2)  # every party signs: in force
    _reflection(first)
    _matrix(second)
    _matrix(third)
    _mou(third, signed_by=1)
