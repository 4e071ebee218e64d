from partnerships.models import DecisionArea, Mou
from partnerships.services import mou as services

from ..factories import MouFactory

SECTION_TEXT = {
    "decision_making": "Strategic choices are made jointly at the annual meeting.",
    "accountability": "Each partner reports to the other every quarter.",
    "transparency": "Budgets, salaries and overheads are shared in full.",
    "resources": "Both partners write proposals together and share the overhead.",
    "communication": "Monthly calls; the local partner chairs them.",
    "representation": "The local partner speaks for the partnership in national fora.",
}


def make_mou(partnership, *, status=Mou.Status.DRAFT, **overrides) -> Mou:
    DecisionArea.objects.get_or_create(
        partnership=partnership,
        area=DecisionArea.Area.STRATEGY,
        defaults={"decider": DecisionArea.Decider.JOINT, "notes": "At the annual meeting."},
    )
    return MouFactory(partnership=partnership, status=status, **{**SECTION_TEXT, **overrides})


def sign_all(mou, world) -> Mou:
    for user, org in [
        (world.local_admin, world.local_org),
        (world.international_admin, world.international_org),
    ]:
        services.mou_sign(
            mou_id=mou.pk,
            user=user,
            organisation=org,
            full_name=user.full_name,
            title="Director",
            content_hash=mou.content_hash,
        )
    mou.refresh_from_db()
    return mou


def ensure_questions():
    """The questions the 0002 migration seeds; a transactional test (live server, worker)
    flushes them away for the tests that run after it."""
    import importlib

    from partnerships.models import ReflectionQuestion

    if not ReflectionQuestion.objects.exists():
        seeded = importlib.import_module("partnerships.migrations.0002_mou").QUESTIONS
        ReflectionQuestion.objects.bulk_create(
            ReflectionQuestion(dimension=d, text=t, order=(i + 1) * 10)
            for i, (d, t) in enumerate(seeded)
        )
    return ReflectionQuestion.objects.all()
