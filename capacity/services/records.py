"""Plain records of the capacity app: learning needs, the peer register, exchanges,
mentorships and target-group activities."""

from django.db import transaction

from ..models import (
    LearningExchange,
    LearningNeed,
    Mentorship,
    MentorshipSession,
    PeerOrganisation,
    TargetGroupActivity,
)


def _assign(instance, values: dict):
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    return instance


def learning_need_save(
    *, partnership, person, learning_need: LearningNeed | None = None, **values
) -> LearningNeed:
    instance = learning_need or LearningNeed(partnership=partnership, person=person)
    return _assign(instance, values)


def peer_save(
    *, partnership, user, peer: PeerOrganisation | None = None, **values
) -> PeerOrganisation:
    peer = peer or PeerOrganisation(partnership=partnership, added_by=user)
    return _assign(peer, values)


@transaction.atomic
def exchange_save(
    *, partnership, user, organisations, peers, exchange: LearningExchange | None = None, **values
) -> LearningExchange:
    exchange = _assign(
        exchange or LearningExchange(partnership=partnership, created_by=user), values
    )
    exchange.organisations.set(organisations)
    exchange.peers.set(peers)
    return exchange


def mentorship_save(*, partnership, mentorship: Mentorship | None = None, **values) -> Mentorship:
    return _assign(mentorship or Mentorship(partnership=partnership), values)


def session_add(*, mentorship, user, **values) -> MentorshipSession:
    return _assign(MentorshipSession(mentorship=mentorship, logged_by=user), values)


def target_activity_save(
    *, partnership, activity: TargetGroupActivity | None = None, **values
) -> TargetGroupActivity:
    return _assign(activity or TargetGroupActivity(partnership=partnership), values)
