import datetime

from partnerships.models import DecisionArea, Mou
from partnerships.services import mou as services

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
        partnership=partnership, area=DecisionArea.Area.STRATEGY,
        defaults={"decider": DecisionArea.Decider.JOINT, "notes": "At the annual meeting."},
    )
    fields = {
        "title": "MoU between the partners", "language": "en",
        "term_start": datetime.date(2026, 1, 1), "term_end": datetime.date(2028, 12, 31),
        **SECTION_TEXT, **overrides,
    }
    mou = Mou(partnership=partnership, version=services._next_version(partnership), **fields)
    mou.decision_matrix = services.matrix_snapshot(partnership)
    mou.parties = services.parties_snapshot(partnership)
    mou.save()
    if status != Mou.Status.DRAFT:
        mou = services.mou_send_for_signatures(mou_id=mou.pk)
    return mou


def sign_all(mou, world) -> Mou:
    for user, org in [(world.local_admin, world.local_org),
                      (world.international_admin, world.international_org)]:
        services.mou_sign(mou_id=mou.pk, user=user, organisation=org,
                          full_name=user.full_name, title="Director",
                          content_hash=mou.content_hash)
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
