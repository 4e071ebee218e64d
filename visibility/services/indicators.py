"""The visibility indicators, from rows the page has already loaded."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import ForumRole, Introduction


@dataclass
class EventView:
    event: object
    local_attended: bool
    others_attended: bool

    @property
    def speaking_for(self) -> bool:
        """An international member represented the joint work and no local partner was there:
        speaking for the local partner, not with it."""
        return (
            self.event.represented_joint_work and self.others_attended and not self.local_attended
        )


def event_views(events, local_ids: set[int]) -> list[EventView]:
    views = []
    for event in events:
        attending = {a.organisation_id for a in event.attendances.all()}
        views.append(EventView(event, bool(attending & local_ids), bool(attending - local_ids)))
    return views


@dataclass
class Indicators:
    leadership_roles: list = field(default_factory=list)
    events_local: int = 0
    events_others: int = 0
    events_speaking_for: int = 0
    communications: int = 0
    communications_crediting_local: int = 0
    introductions: int = 0
    introduction_outcomes: list = field(default_factory=list)  # (label, count)

    @property
    def credit_share(self) -> Decimal | None:
        if not self.communications:
            return None
        return (Decimal(self.communications_crediting_local) * 100 / self.communications).quantize(
            Decimal("0.1")
        )


def leadership_roles(local_ids: set[int]):
    return list(
        ForumRole.objects.filter(
            organisation_id__in=local_ids, role__in=ForumRole.LEADERSHIP
        ).select_related("forum", "organisation")
    )


def indicators(
    *, local_ids, events: list[EventView], communications, introductions, roles
) -> Indicators:
    outcomes = Counter(i.outcome for i in introductions)
    return Indicators(
        leadership_roles=roles,
        events_local=sum(1 for e in events if e.local_attended),
        events_others=sum(1 for e in events if e.others_attended),
        events_speaking_for=sum(1 for e in events if e.speaking_for),
        communications=len(communications),
        communications_crediting_local=sum(
            1 for c in communications if {o.pk for o in c.named_organisations.all()} & local_ids
        ),
        introductions=len(introductions),
        introduction_outcomes=[
            (label, outcomes[value])
            for value, label in Introduction.Outcome.choices
            if outcomes[value]
        ],
    )
