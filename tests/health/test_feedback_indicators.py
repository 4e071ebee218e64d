"""Feedback indicators worked out by hand, including "no data"."""

import datetime
from decimal import Decimal

import pytest

from feedback.models import Adaptation, Case
from feedback.services.cases import case_submit
from partnerships.health_registry import readings_for
from partnerships.health_thresholds import Status

from .helpers import TODAY, aware

pytestmark = pytest.mark.django_db
KEYS = [
    "feedback.acknowledged_in_time",
    "feedback.answered_in_time",
    "feedback.adaptations",
    "feedback.open_past_deadline",
]


def readings(world):
    found = readings_for([world.partnership], today=TODAY)[world.partnership.pk]
    return {r.indicator.key: (r.value, r.status) for r in found if r.indicator.key in KEYS}


def case(world, *, ack_due, respond_due, acknowledged=None, responded=None, status="new"):
    made, _ = case_submit(
        partnership_id=world.partnership.pk, kind=Case.Kind.COMPLAINT, text="The tap leaks."
    )
    Case.objects.filter(pk=made.pk).update(
        acknowledge_due=ack_due,
        respond_due=respond_due,
        status=status,
        acknowledged_at=acknowledged and aware(acknowledged),
        responded_at=responded and aware(responded),
    )


def test_no_case_no_adaptation_is_no_data(world):
    assert {status for _value, status in readings(world).values()} == {Status.NO_DATA}


def test_feedback_acknowledged_and_answered_within_the_commitment(world):
    d = datetime.date
    # A: acknowledged and answered in time.
    case(
        world,
        ack_due=d(2026, 7, 8),
        respond_due=d(2026, 7, 31),
        acknowledged=d(2026, 7, 5),
        responded=d(2026, 7, 20),
        status="responded",
    )
    # B: acknowledged late, never answered, its answer overdue: open past the deadline.
    case(
        world,
        ack_due=d(2026, 7, 8),
        respond_due=d(2026, 7, 31),
        acknowledged=d(2026, 7, 10),
        status="acknowledged",
    )
    # C: received yesterday; nothing due yet, so not counted.
    case(world, ack_due=d(2026, 8, 21), respond_due=d(2026, 9, 13))
    assert readings(world) == {
        "feedback.acknowledged_in_time": (Decimal("50.0"), Status.NEEDS_ATTENTION),
        "feedback.answered_in_time": (Decimal("50.0"), Status.NEEDS_ATTENTION),
        "feedback.adaptations": (0, Status.NEEDS_ATTENTION),
        "feedback.open_past_deadline": (1, Status.NEEDS_ATTENTION),
    }
    Adaptation.objects.create(
        partnership=world.partnership,
        what_changed="Taps fixed",
        decided_on=d(2026, 8, 1),
        decided_by="Both partners",
    )
    assert readings(world)["feedback.adaptations"] == (1, Status.ON_TRACK)
