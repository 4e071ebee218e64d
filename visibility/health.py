"""Health indicators and symmetry rows of the local partners' role and visibility."""

from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.health_registry import Measure, Unit, health_indicator, percent, symmetry_row
from partnerships.models import PartnershipMember
from partnerships.models.reflection import Dimension

from .models import Credit, ForumRole, PartnershipForum, Result


def _local_ids(ids) -> dict[int, set[int]]:
    found = defaultdict(set)
    rows = PartnershipMember.objects.filter(PartnershipMember.LOCAL_ACTOR, partnership_id__in=ids)
    for pk, org in rows.values_list("partnership_id", "organisation_id"):
        found[pk].add(org)
    return found


@health_indicator(
    key="visibility.fora_led_locally",
    dimension=Dimension.VISIBILITY,
    label=gettext_lazy("Fora where a local partner leads"),
    definition=gettext_lazy(
        "Of the fora that matter for the joint work, the share where a local partner of this "
        "partnership holds a lead, chair or co-chair role. No data: no forum recorded."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("visibility:partnership", args=[pk]),
)
def fora_led_locally(partnerships, today):
    ids = [p.pk for p in partnerships]
    links = list(
        PartnershipForum.objects.filter(partnership_id__in=ids).values_list(
            "partnership_id", "forum_id"
        )
    )
    leaders = defaultdict(set)
    rows = ForumRole.objects.filter(
        forum_id__in={f for _p, f in links}, role__in=ForumRole.LEADERSHIP
    )
    for forum, org in rows.values_list("forum_id", "organisation_id"):
        leaders[forum].add(org)
    local = _local_ids(ids)
    fora, led = defaultdict(int), defaultdict(int)
    for pk, forum in links:
        fora[pk] += 1
        led[pk] += bool(leaders[forum] & local[pk])
    return {
        pk: Measure(
            percent(led[pk], n),
            _("Local partners lead %(n)s of %(all)s fora") % {"n": led[pk], "all": n},
            parts={"": (led[pk], n)},
        )
        for pk, n in fora.items()
    }


CREDITED = Q(
    credits__approved_at__isnull=False, credits__withdrawn_at__isnull=True, credits__is_local=True
)


@health_indicator(
    key="visibility.results_credited",
    dimension=Dimension.VISIBILITY,
    label=gettext_lazy("Results credited to a local partner"),
    definition=gettext_lazy(
        "Share of the partnership's results on which a local partner is credited with its "
        "own admin's approval. No data: no result recorded."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("visibility:partnership", args=[pk]),
)
def results_credited(partnerships, today):
    rows = (
        Result.objects.filter(partnership_id__in=[p.pk for p in partnerships])
        .values("partnership_id")
        .annotate(
            results=Count("pk", distinct=True), credited=Count("pk", filter=CREDITED, distinct=True)
        )
        .order_by()
    )
    return {
        row["partnership_id"]: Measure(
            percent(row["credited"], row["results"]),
            _("%(n)s of %(all)s results credited") % {"n": row["credited"], "all": row["results"]},
            parts={"": (row["credited"], row["results"])},
        )
        for row in rows
    }


@symmetry_row(
    key="visibility.fora",
    dimension=Dimension.VISIBILITY,
    obligation=gettext_lazy("Represent the partnership in fora"),
)
def symmetry_fora(partnership, today):
    fora = PartnershipForum.objects.filter(partnership=partnership).values("forum_id")
    rows = (
        ForumRole.objects.filter(forum_id__in=fora)
        .values_list("organisation_id")
        .annotate(n=Count("pk"), lead=Count("pk", filter=Q(role__in=ForumRole.LEADERSHIP)))
        .order_by()
    )
    return {
        org: _("In %(n)s fora, leading %(lead)s") % {"n": n, "lead": lead} for org, n, lead in rows
    }


@symmetry_row(
    key="visibility.credited",
    dimension=Dimension.VISIBILITY,
    obligation=gettext_lazy("Get credited for results"),
)
def symmetry_credited(partnership, today):
    total = Result.objects.filter(partnership=partnership).count()
    rows = (
        Credit.objects.filter(
            result__partnership=partnership, approved_at__isnull=False, withdrawn_at__isnull=True
        )
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        org: _("Credited on %(n)s of %(all)s results") % {"n": n, "all": total} for org, n in rows
    }
