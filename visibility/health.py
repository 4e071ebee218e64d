"""Health indicators and symmetry rows of the local partners' role and visibility."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.health_registry import (
    Measure,
    Unit,
    dimension_records,
    health_indicator,
    local_member_ids,
    percent,
    symmetry_row,
)
from partnerships.models import PartnershipMember
from partnerships.models.reflection import Dimension
from partnerships.spreadsheets import Table, day, yes_no

from .models import Credit, ForumRole, PartnershipForum, Result


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
    local = local_member_ids(ids)
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


# --- Records, for the exports ----------------------------------------------------------------


def _fora_table(partnership) -> Table:
    """Each forum of the partnership with every member organisation's standing there and who
    represents it (as the visibility page shows them); a forum no member sits in, once."""
    members = list(
        PartnershipMember.objects.filter(partnership=partnership).select_related("organisation")
    )
    local = {m.organisation_id for m in members if m.is_local_actor}
    links = list(
        PartnershipForum.objects.filter(partnership=partnership)
        .select_related("forum")
        .order_by("forum__name", "pk")
    )
    roles: dict[int, list[ForumRole]] = defaultdict(list)
    for role in (
        ForumRole.objects.filter(
            organisation_id__in=[m.organisation_id for m in members],
            forum_id__in=[link.forum_id for link in links],
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    ):
        roles[role.forum_id].append(role)
    rows = []
    for link in links:
        forum = link.forum
        place = [forum.name, forum.get_kind_display(), forum.get_level_display()]
        place.append(forum.country.name if forum.country else "")
        for role in roles[forum.pk] or [None]:
            rows.append(
                place
                + (
                    [
                        role.organisation.name,
                        yes_no(role.organisation_id in local),
                        role.get_role_display(),
                        role.representative,
                        role.since,
                    ]
                    if role
                    else ["", "", "", "", None]
                )
            )
    return Table(
        _("Fora"),
        [
            _("Forum"),
            _("Kind"),
            _("Level"),
            _("Country"),
            _("Organisation"),
            _("Local actor"),
            _("Standing"),
            _("Represented by"),
            _("Since"),
        ],
        rows,
    )


def _consent(credit: Credit) -> tuple[str, object]:
    if credit.approved_at:
        return _("Approved"), day(credit.approved_at)
    if credit.withdrawn_at:
        return _("Approval withdrawn"), day(credit.withdrawn_at)
    return _("Waiting for this organisation's admin"), None


def _results_table(partnership) -> Table:
    results = (
        Result.objects.filter(partnership=partnership)
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.select_related("organisation").order_by("-is_local", "pk"),
            )
        )
    )
    rows = []
    for result in results:
        about = [result.title, day(result.created_at), day(result.published_at)]
        for credit in result.credits.all() or [None]:
            if credit is None:
                rows.append(about + ["", "", "", "", "", None])
                continue
            consent, consent_on = _consent(credit)
            rows.append(
                about
                + [
                    credit.organisation.name,
                    yes_no(credit.is_local),
                    credit.public_name,
                    yes_no(credit.anonymous),
                    consent,
                    consent_on,
                ]
            )
    return Table(
        _("Credited results"),
        [
            _("Result"),
            _("Recorded on"),
            _("Published on"),
            _("Organisation credited"),
            _("Local actor"),
            _("Named as"),
            _("Credited anonymously"),
            _("Consent"),
            _("Consent given or withdrawn on"),
        ],
        rows,
    )


@dimension_records(dimension=Dimension.VISIBILITY)
def visibility_records(access, today):
    return [_fora_table(access.partnership), _results_table(access.partnership)]
