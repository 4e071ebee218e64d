"""Assessment rounds: scoring, the hidden-until-complete rule, gaps and change between rounds."""

from dataclasses import dataclass, field
from statistics import mean
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, F
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import PartnershipMember

from ..models import Assessment, AssessmentRound, Domain, Item, Score
from ..models.framework import SCALE


def ordered_members(partnership) -> list[PartnershipMember]:
    """Local partners first, as everywhere in the app."""
    members = partnership.members.select_related("organisation")
    return sorted(members, key=lambda m: (not m.is_local_partner, m.role, m.organisation.name))


def is_international(member: PartnershipMember) -> bool:
    return not member.is_local_partner and not member.organisation.is_local_actor


def items_for(items, member: PartnershipMember) -> list[Item]:
    """The round's items that apply to this organisation (partner-practice items only to
    international organisations)."""
    international = is_international(member)
    return [i for i in items if i.domain.applies_to == Domain.AppliesTo.ALL or international]


@transaction.atomic
def round_start(*, partnership, framework, title: str, opened_on, user) -> AssessmentRound:
    round_ = AssessmentRound.objects.create(
        partnership=partnership,
        framework=framework,
        title=title,
        opened_on=opened_on,
        created_by=user,
    )
    round_.items.set(Item.objects.filter(domain__framework=framework, is_active=True))
    return round_


def round_items(round_) -> list[Item]:
    return list(round_.items.select_related("domain").order_by("domain__order", "order", "pk"))


def score_errors(*, is_self: bool, submit: bool, items, scores: dict) -> dict:
    """{item_id or None: message} for every score that breaks the rules. scores:
    {item_id: (score or None, evidence, comment)}."""
    errors = {}
    for item in items:
        value = scores.get(item.pk, (None, "", ""))[0]
        if value is not None and value not in SCALE:
            errors[item.pk] = _("“%(item)s”: a score must be between 1 and 4.") % {
                "item": item.display_text
            }
        elif value is None and is_self and submit:
            errors[item.pk] = _(
                "“%(item)s”: score every item of your self-assessment before submitting it."
            ) % {"item": item.display_text}
    if set(scores) - {i.pk for i in items}:
        errors[None] = _("Some scores are for items that are not in this round.")
    return errors


def validate_scores(**kwargs) -> None:
    errors = score_errors(**kwargs)
    if errors:
        raise ValidationError(list(errors.values()))


@transaction.atomic
def assessment_save(
    *, round_id: int, assessor_id: int, subject_id: int, user, scores: dict, submit: bool
) -> Assessment:
    """Save one organisation's scores of one organisation; `submit` makes them final."""
    # Lock the round: the last self-assessment closes it, and a partner view racing with it
    # must see that.
    round_ = (
        AssessmentRound.objects.select_for_update().select_related("partnership").get(pk=round_id)
    )
    if round_.is_complete:
        raise ValidationError(
            _(
                "Every organisation has assessed itself: this round is closed "
                "and its scores can no longer change."
            )
        )
    members = {m.organisation_id: m for m in ordered_members(round_.partnership)}
    if assessor_id not in members or subject_id not in members:
        raise ValidationError(_("Only member organisations assess and are assessed."))
    assessment, _created = Assessment.objects.select_for_update().get_or_create(
        round=round_, assessor_id=assessor_id, subject_id=subject_id
    )
    if assessment.is_submitted:
        raise ValidationError(_("This assessment was submitted and can no longer change."))
    items = items_for(round_items(round_), members[subject_id])
    validate_scores(is_self=assessor_id == subject_id, submit=submit, items=items, scores=scores)
    assessment.scores.all().delete()
    Score.objects.bulk_create(
        Score(
            assessment=assessment, item_id=item_id, score=value, evidence=evidence, comment=comment
        )
        for item_id, (value, evidence, comment) in scores.items()
        if value is not None or evidence or comment
    )
    if submit:
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_by = user
        assessment.submitted_at = timezone.now()
    assessment.save()
    return assessment


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(mean(values), 2) if values else None


def _diff(a, b) -> float | None:
    return round(a - b, 2) if a is not None and b is not None else None


class Cell(NamedTuple):
    score: int | None
    evidence: str
    comment: str


@dataclass
class ItemRow:
    item: Item
    own: Cell | None  # the organisation's score of itself
    partners: list  # one Cell or None per partner assessor
    partner_mean: float | None = None
    gap: float | None = None  # self minus partners' mean: > 0, it rates itself higher


@dataclass
class DomainRow:
    domain: Domain
    self_mean: float | None
    partner_mean: float | None
    gap: float | None
    previous: float | None = None  # self mean in the previous complete round
    change: float | None = None
    items: list = field(default_factory=list)


@dataclass
class SubjectResult:
    organisation: object
    assessors: list  # partner organisations, in column order
    domains: list


def complete_round_ids(partnership, member_ids=None) -> list[int]:
    """Complete rounds, newest first, in two queries whatever their number."""
    members = (
        set(member_ids)
        if member_ids is not None
        else set(partnership.members.values_list("organisation_id", flat=True))
    )
    done: dict[int, set[int]] = {}
    for round_id, subject_id in Assessment.objects.filter(
        round__partnership=partnership,
        status=Assessment.Status.SUBMITTED,
        assessor_id=F("subject_id"),
    ).values_list("round_id", "subject_id"):
        done.setdefault(round_id, set()).add(subject_id)
    rounds = AssessmentRound.objects.filter(partnership=partnership).values_list("pk", flat=True)
    return [pk for pk in rounds if members and members <= done.get(pk, set())]


def previous_complete_round_id(round_, member_ids=None) -> int | None:
    complete = complete_round_ids(round_.partnership, member_ids)
    earlier = (
        AssessmentRound.objects.filter(
            partnership_id=round_.partnership_id,
            pk__in=complete,
        )
        .exclude(pk=round_.pk)
        .filter(opened_on__lte=round_.opened_on)
        .exclude(opened_on=round_.opened_on, pk__gt=round_.pk)
    )
    return earlier.values_list("pk", flat=True).first()


def self_domain_means(round_ids) -> dict[tuple[int, int, int], float]:
    """{(round, organisation, domain): mean self score}, in one query."""
    rows = (
        Score.objects.filter(
            assessment__round_id__in=round_ids,
            assessment__assessor_id=F("assessment__subject_id"),
            assessment__status=Assessment.Status.SUBMITTED,
            score__isnull=False,
        )
        .values("assessment__round_id", "assessment__subject_id", "item__domain_id")
        .annotate(avg=Avg("score"))
    )
    return {
        (r["assessment__round_id"], r["assessment__subject_id"], r["item__domain_id"]): round(
            float(r["avg"]), 2
        )
        for r in rows
    }


def results(round_, members=None) -> dict:
    """Self and partner views side by side for every organisation, with the gap per item and
    domain and the change in self-assessment since the previous complete round. Only call this
    for a complete round: it shows every organisation's scores."""
    members = members if members is not None else ordered_members(round_.partnership)
    items = round_items(round_)
    # Plain tuples, not model instances: a round of 5 organisations × 60 items has 1,500.
    scores = {
        (assessor, subject, item): Cell(value, evidence, comment)
        for assessor, subject, item, value, evidence, comment in Score.objects.filter(
            assessment__round=round_,
            assessment__status=Assessment.Status.SUBMITTED,
        ).values_list(
            "assessment__assessor_id",
            "assessment__subject_id",
            "item_id",
            "score",
            "evidence",
            "comment",
        )
    }
    previous_id = previous_complete_round_id(round_, [m.organisation_id for m in members])
    previous = self_domain_means([previous_id]) if previous_id else {}
    subjects = []
    for member in members:
        org = member.organisation
        assessors = [m.organisation for m in members if m.organisation_id != org.pk]
        domains: dict[int, DomainRow] = {}
        for item in items_for(items, member):
            own = scores.get((org.pk, org.pk, item.pk))
            partners = [scores.get((a.pk, org.pk, item.pk)) for a in assessors]
            partner_mean = _mean(s.score for s in partners if s)
            row = ItemRow(
                item, own, partners, partner_mean, _diff(own.score if own else None, partner_mean)
            )
            if item.domain_id not in domains:
                domains[item.domain_id] = DomainRow(item.domain, None, None, None)
            domains[item.domain_id].items.append(row)
        for domain_row in domains.values():
            rows = domain_row.items
            domain_row.self_mean = _mean(r.own.score for r in rows if r.own)
            domain_row.partner_mean = _mean(s.score for r in rows for s in r.partners if s)
            domain_row.gap = _diff(domain_row.self_mean, domain_row.partner_mean)
            domain_row.previous = previous.get((previous_id, org.pk, domain_row.domain.pk))
            domain_row.change = _diff(domain_row.self_mean, domain_row.previous)
        subjects.append(SubjectResult(org, assessors, list(domains.values())))
    charts = [
        {
            "title": subject.organisation.name,
            "labels": [d.domain.display_name for d in subject.domains],
            "datasets": [
                {"label": _("Self-assessment"), "data": [d.self_mean for d in subject.domains]},
                {"label": _("Partners' view"), "data": [d.partner_mean for d in subject.domains]},
                {
                    "label": _("Previous round (self)"),
                    "data": [d.previous for d in subject.domains],
                },
            ],
        }
        for subject in subjects
    ]
    return {"subjects": subjects, "charts": charts, "previous_id": previous_id}
