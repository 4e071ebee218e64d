"""Every health threshold, in one place: what "on track" means for each indicator.

An indicator's value is compared with its threshold here and nowhere else; the page, the
portfolio, the exports, the API and the monthly snapshots all read the status from
`status_for`. A registered indicator without a threshold fails tests/health/test_registry.py.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    NEEDS_ATTENTION = "attention", _("Needs attention")
    NO_DATA = "no_data", _("No data")


@dataclass(frozen=True)
class Threshold:
    """On track when the value is at least `at_least` and/or at most `at_most`."""

    at_least: Decimal | None = None
    at_most: Decimal | None = None

    def met_by(self, value: Decimal) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        return not (self.at_most is not None and value > self.at_most)


D = Decimal
THRESHOLDS: dict[str, Threshold] = {
    # Foundation
    "foundation.reflection_done": Threshold(at_least=D(100)),  # % of members who answered
    "foundation.reflection_gap": Threshold(at_most=D(1)),  # points on the 1-5 scale
    "foundation.mou_in_force": Threshold(at_least=D(1)),  # 1 = yes
    "foundation.reporting_punctuality": Threshold(at_least=D(80)),  # % on time, worst side
    # Institutional support and flexibility (budgets)
    "budgets.local_share": Threshold(at_least=D(25)),  # Grand Bargain 2016
    "budgets.overhead_shared": Threshold(at_least=D(50)),  # IASC 2022 practice: 50-50
    "budgets.changes_decided_in_week": Threshold(at_least=D(80)),  # % within 7 days
    # Capacity
    "capacity.both_sides_assessed": Threshold(at_least=D(100)),  # % of members assessed
    "capacity.actions_received": Threshold(at_least=D(100)),  # % of members receiving
    # Target groups (feedback)
    "feedback.acknowledged_in_time": Threshold(at_least=D(90)),
    "feedback.answered_in_time": Threshold(at_least=D(80)),
    "feedback.adaptations": Threshold(at_least=D(1)),  # at least one "you said, we did"
    "feedback.open_past_deadline": Threshold(at_most=D(0)),  # CHS commitment 5
    # Visibility
    "visibility.fora_led_locally": Threshold(at_least=D(50)),  # % of the partnership's fora
    "visibility.results_credited": Threshold(at_least=D(80)),  # % of results
}

# A change request is "decided within a week" when decided at most this many days after it
# was made; a report is on time when submitted on or before its due date.
DECISION_DAYS = 7
# A reflection counts when its round was created within this many days.
REFLECTION_MAX_AGE_DAYS = 365


def status_for(key: str, value) -> str:
    if value is None:
        return Status.NO_DATA
    return Status.ON_TRACK if THRESHOLDS[key].met_by(Decimal(value)) else Status.NEEDS_ATTENTION
