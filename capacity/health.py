"""Health indicators and symmetry rows of capacity strengthening: every partner is assessed
and every partner receives capacity strengthening, the international one included."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.health_registry import (
    Measure,
    Unit,
    dimension_records,
    health_indicator,
    member_ids,
    percent,
    symmetry_row,
)
from partnerships.models.reflection import Dimension
from partnerships.spreadsheets import Table, day, yes_no

from .models import Assessment, CapacityAction, Score
from .services.assessment import complete_round_ids


def _share_of_members(partnerships, covered: dict[int, set[int]], text) -> dict[int, Measure]:
    members = member_ids([p.pk for p in partnerships])
    found = {}
    for pk, orgs in members.items():
        if not covered.get(pk):
            continue  # nothing recorded yet: no data
        done = covered[pk] & orgs
        found[pk] = Measure(
            percent(len(done), len(orgs)),
            text % {"n": len(done), "all": len(orgs)},
            by_organisation={org: Decimal(org in done) for org in orgs},
        )
    return found


@health_indicator(
    key="capacity.both_sides_assessed",
    dimension=Dimension.CAPACITY,
    label=gettext_lazy("Every partner's capacity assessed"),
    definition=gettext_lazy(
        "Share of the member organisations whose capacity has been assessed (a submitted "
        "self-assessment or a partner's view), so that strengthening is not one-way. No data: "
        "no assessment submitted yet."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("capacity:home", args=[pk]),
)
def both_sides_assessed(partnerships, today):
    assessed = defaultdict(set)
    rows = Assessment.objects.filter(
        round__partnership_id__in=[p.pk for p in partnerships], status=Assessment.Status.SUBMITTED
    )
    for pk, subject in rows.values_list("round__partnership_id", "subject_id").distinct():
        assessed[pk].add(subject)
    return _share_of_members(partnerships, assessed, _("%(n)s of %(all)s organisations assessed"))


@health_indicator(
    key="capacity.actions_received",
    dimension=Dimension.CAPACITY,
    label=gettext_lazy("Every partner receives capacity strengthening"),
    definition=gettext_lazy(
        "Share of the member organisations receiving at least one capacity-strengthening "
        "action that is not cancelled. No data: no action planned yet."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("capacity:plan", args=[pk]),
)
def actions_received(partnerships, today):
    receiving = defaultdict(set)
    rows = CapacityAction.objects.filter(partnership_id__in=[p.pk for p in partnerships]).exclude(
        status=CapacityAction.Status.CANCELLED
    )
    for pk, org in rows.values_list("partnership_id", "receiving_id").distinct():
        receiving[pk].add(org)
    return _share_of_members(
        partnerships, receiving, _("%(n)s of %(all)s organisations receive capacity support")
    )


@symmetry_row(
    key="capacity.assess",
    dimension=Dimension.CAPACITY,
    obligation=gettext_lazy("Assess the partners' capacity"),
)
def symmetry_assess(partnership, today):
    rows = (
        Assessment.objects.filter(
            round__partnership=partnership, status=Assessment.Status.SUBMITTED
        )
        .exclude(assessor_id=F("subject_id"))
        .values_list("assessor_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {org: _("Submitted %(n)s assessments of a partner") % {"n": n} for org, n in rows}


@symmetry_row(
    key="capacity.assessed", dimension=Dimension.CAPACITY, obligation=gettext_lazy("Be assessed")
)
def symmetry_assessed(partnership, today):
    rows = (
        Assessment.objects.filter(
            round__partnership=partnership, status=Assessment.Status.SUBMITTED
        )
        .values_list("subject_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {org: _("Assessed %(n)s times") % {"n": n} for org, n in rows}


@symmetry_row(
    key="capacity.receive",
    dimension=Dimension.CAPACITY,
    obligation=gettext_lazy("Receive capacity strengthening"),
)
def symmetry_receive(partnership, today):
    rows = (
        CapacityAction.objects.filter(partnership=partnership)
        .exclude(status=CapacityAction.Status.CANCELLED)
        .values_list("receiving_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {org: _("%(n)s actions received") % {"n": n} for org, n in rows}


# --- Records, for the exports ----------------------------------------------------------------


def _assessments_table(partnership) -> Table:
    """Every assessment of every round; scores only for complete rounds, as on the pages
    (hidden until every organisation has assessed itself)."""
    complete = set(complete_round_ids(partnership))
    assessments = (
        Assessment.objects.filter(round__partnership=partnership)
        .select_related("round", "assessor", "subject")
        .order_by("-round__opened_on", "-round_id", "subject__name", "assessor__name")
    )
    scores = {
        row["assessment_id"]: row
        for row in Score.objects.filter(
            assessment__round_id__in=complete,
            assessment__status=Assessment.Status.SUBMITTED,
        )
        .values("assessment_id")
        .annotate(mean=Avg("score"), scored=Count("pk", filter=Q(score__isnull=False)))
        .order_by()
    }
    rows = []
    for a in assessments:
        shown = scores.get(a.pk) if a.round_id in complete else None
        mean = shown["mean"] if shown else None
        rows.append(
            [
                a.round.title,
                a.round.opened_on,
                yes_no(a.round_id in complete),
                a.subject.name,
                a.assessor.name,
                _("Self-assessment") if a.is_self else _("Partner's view"),
                a.get_status_display(),
                day(a.submitted_at),
                None if mean is None else round(Decimal(mean), 2),
                shown["scored"] if shown else None,
            ]
        )
    return Table(
        _("Capacity assessments"),
        [
            _("Round"),
            _("Opened on"),
            _("Every organisation assessed itself"),
            _("Organisation assessed"),
            _("Assessed by"),
            _("Kind"),
            _("Status"),
            _("Submitted on"),
            _("Mean score (1 to 4)"),
            _("Items scored"),
        ],
        rows,
    )


def _actions_table(partnership) -> Table:
    actions = (
        CapacityAction.objects.filter(partnership=partnership)
        .select_related("providing", "receiving", "domain", "budget_line__budget")
        .order_by("due_date", "pk")
    )
    return Table(
        _("Capacity plan"),
        [
            _("Action"),
            _("Kind"),
            _("Provided by"),
            _("Strengthens"),
            _("Domain"),
            _("Due date"),
            _("Completed on"),
            _("Status"),
            _("Days of staff time"),
            _("Cost"),
            _("Currency"),
            _("Funded by budget line"),
        ],
        [
            [
                action.title,
                action.get_kind_display(),
                action.providing.name,
                action.receiving.name,
                action.domain.display_name if action.domain else "",
                action.due_date,
                action.completed_on,
                action.get_status_display(),
                action.days,
                action.cost,
                action.budget_line.budget.currency if action.budget_line else "",
                action.budget_line.description if action.budget_line else "",
            ]
            for action in actions
        ],
    )


@dimension_records(dimension=Dimension.CAPACITY)
def capacity_records(access, today):
    """Assessment rounds and the capacity plan. Learning needs stay out: they are a person's
    own unless shared."""
    return [_assessments_table(access.partnership), _actions_table(access.partnership)]
