import io

from django.core.management import call_command

from partnerships.models import Mou, Partnership, ReflectionRound


def test_demo_seed_creates_an_mou_in_force_one_awaiting_and_a_finished_reflection(db):
    call_command("seed_demo", stdout=io.StringIO())
    partnerships = list(Partnership.objects.order_by("pk"))
    assert Mou.objects.get(partnership=partnerships[0]).status == Mou.Status.IN_FORCE
    awaiting = Mou.objects.get(partnership=partnerships[2])
    assert awaiting.status == Mou.Status.AWAITING_SIGNATURES
    assert awaiting.signatures.count() == 1
    assert ReflectionRound.objects.get(partnership=partnerships[0]).is_complete
