"""The reflection rules hold when the service is called directly, not only through the page."""

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import ReflectionAnswer, ReflectionRound
from partnerships.services.reflection import reflection_answers_submit

from .mou_support import ensure_questions

pytestmark = pytest.mark.django_db


def test_answers_cannot_change_once_every_partner_has_answered(world):
    round_ = ReflectionRound.objects.create(partnership=world.partnership, title="Round one")
    round_.questions.set(ensure_questions())
    questions = list(round_.questions.all())
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.local_org,
        user=world.local_admin,
        answers=[(q, 2, "") for q in questions],
    )
    reflection_answers_submit(
        round_id=round_.pk,
        organisation=world.international_org,
        user=world.international_admin,
        answers=[(q, 5, "") for q in questions],
    )
    assert round_.is_complete
    with pytest.raises(ValidationError, match="can no longer change"):
        reflection_answers_submit(
            round_id=round_.pk,
            organisation=world.local_org,
            user=world.local_admin,
            answers=[(q, 5, "changed my mind") for q in questions],
        )
    assert set(
        ReflectionAnswer.objects.filter(response__organisation=world.local_org).values_list(
            "score", flat=True
        )
    ) == {2}
