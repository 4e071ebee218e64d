"""Health indicators and symmetry rows of the foundation: reflection, MoU, mutual reporting."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .health_registry import (
    Measure,
    Unit,
    dimension_records,
    health_indicator,
    member_ids,
    percent,
    symmetry_row,
)
from .health_thresholds import REFLECTION_MAX_AGE_DAYS
from .models import (
    Mou,
    MouSignature,
    MutualReport,
    Partnership,
    PartnershipMember,
    ReflectionAnswer,
    ReflectionResponse,
    ReflectionRound,
)
from .models.reflection import Dimension
from .queries import first_of_each
from .spreadsheets import Table, day, yes_no


def _ids(partnerships: Sequence[Partnership]) -> list[int]:
    return [p.pk for p in partnerships]


def _latest_rounds(ids: list[int], today: datetime.date) -> dict[int, ReflectionRound]:
    """Each partnership's latest reflection round of the last year. The first of each
    partnership's rounds, newest first, picked here rather than with PostgreSQL's DISTINCT ON:
    `make run` serves SQLite, and a partnership holds a few rounds a year."""
    since = today - datetime.timedelta(days=REFLECTION_MAX_AGE_DAYS)
    rounds = (
        ReflectionRound.objects.filter(partnership_id__in=ids, created_at__date__gte=since)
        .order_by("partnership_id", "-created_at", "-pk")
        .only("pk", "partnership_id", "title")
    )
    return first_of_each(rounds, "partnership_id")


@health_indicator(
    key="foundation.reflection_done",
    dimension=Dimension.FOUNDATION,
    label=gettext_lazy("Power reflection done by every partner"),
    definition=gettext_lazy(
        "Share of the member organisations that answered the latest power-reflection round "
        "of the last twelve months. No data: no round in the last twelve months."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("partnerships:reflection_list", args=[pk]),
)
def reflection_done(partnerships, today):
    ids = _ids(partnerships)
    rounds = _latest_rounds(ids, today)
    members = member_ids(ids)
    answered = defaultdict(set)
    rows = ReflectionResponse.objects.filter(round_id__in=[r.pk for r in rounds.values()])
    for round_id, organisation_id in rows.values_list("round_id", "organisation_id"):
        answered[round_id].add(organisation_id)
    found = {}
    for pk, round_ in rounds.items():
        done = answered[round_.pk] & members[pk]
        found[pk] = Measure(
            percent(len(done), len(members[pk])),
            _("%(done)s of %(all)s organisations answered “%(round)s”")
            % {"done": len(done), "all": len(members[pk]), "round": round_.title},
            by_organisation={org: Decimal(org in done) for org in members[pk]},
        )
    return found


@health_indicator(
    key="foundation.reflection_gap",
    dimension=Dimension.FOUNDATION,
    label=gettext_lazy("Largest gap between the partners' views"),
    definition=gettext_lazy(
        "In the latest power-reflection round, the largest difference between two "
        "organisations' scores (1 to 5) on one statement. A gap above one point is worth "
        "discussing together. No data: fewer than two organisations answered."
    ),
    unit=Unit.POINTS,
    improve=lambda pk: reverse("partnerships:reflection_list", args=[pk]),
)
def reflection_gap(partnerships, today):
    rounds = _latest_rounds(_ids(partnerships), today)
    by_round = {r.pk: pk for pk, r in rounds.items()}
    gaps = (
        ReflectionAnswer.objects.filter(response__round_id__in=list(by_round))
        .values("response__round_id", "question_id", "question__text")
        .annotate(gap=Max("score") - Min("score"), answers=Count("pk"))
        .filter(answers__gte=2)
        .order_by("-gap", "question_id")
    )
    found = {}
    for row in gaps:
        pk = by_round[row["response__round_id"]]
        if pk not in found:  # ordered by gap: the first row of a round is its largest gap
            found[pk] = Measure(
                Decimal(row["gap"]),
                _("“%(statement)s”") % {"statement": row["question__text"][:120]},
            )
    return found


@health_indicator(
    key="foundation.mou_in_force",
    dimension=Dimension.FOUNDATION,
    label=gettext_lazy("An MoU in force"),
    definition=gettext_lazy(
        "Whether a memorandum of understanding signed by every party is in force today."
    ),
    unit=Unit.YES_NO,
    improve=lambda pk: reverse("partnerships:mou_list", args=[pk]),
)
def mou_in_force(partnerships, today):
    in_force = dict(
        Mou.objects.filter(
            partnership_id__in=_ids(partnerships),
            status=Mou.Status.IN_FORCE,
            term_end__gte=today,
        ).values_list("partnership_id", "term_end")
    )
    found = {}
    for p in partnerships:
        if p.pk in in_force:
            found[p.pk] = Measure(
                Decimal(1), _("In force until %(date)s") % {"date": date_format(in_force[p.pk])}
            )
        else:
            found[p.pk] = Measure(Decimal(0), _("No MoU in force"))
    return found


def punctuality_counts(ids: list[int], today: datetime.date) -> dict[int, dict[int, tuple]]:
    """partnership -> organisation -> (reports on time, reports due): original reports whose
    due date has passed; on time when submitted on or before the due date."""
    rows = (
        MutualReport.objects.filter(
            period__partnership_id__in=ids, amends__isnull=True, period__due_date__lt=today
        )
        .values("period__partnership_id", "organisation_id")
        .annotate(
            due=Count("pk"),
            on_time=Count(
                "pk",
                filter=Q(
                    status=MutualReport.Status.SUBMITTED,
                    submitted_at__date__lte=F("period__due_date"),
                ),
            ),
        )
    )
    found = defaultdict(dict)
    for row in rows:
        found[row["period__partnership_id"]][row["organisation_id"]] = (row["on_time"], row["due"])
    return found


@health_indicator(
    key="foundation.reporting_punctuality",
    dimension=Dimension.FOUNDATION,
    label=gettext_lazy("Mutual reports on time, for the partner least on time"),
    definition=gettext_lazy(
        "For each organisation, the share of its mutual reports submitted by their due date, "
        "of those already due; the value is the lowest organisation's share, so one side "
        "cannot hide behind the other. No data: no report due yet."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("partnerships:reporting", args=[pk]),
)
def reporting_punctuality(partnerships, today):
    counts = punctuality_counts(_ids(partnerships), today)
    found = {}
    for pk, by_org in counts.items():
        shares = {org: percent(on_time, due) for org, (on_time, due) in by_org.items()}
        on_time = sum(c[0] for c in by_org.values())
        due = sum(c[1] for c in by_org.values())
        found[pk] = Measure(
            min(shares.values()),
            _("%(on_time)s of %(due)s reports on time") % {"on_time": on_time, "due": due},
            by_organisation=shares,
            parts=by_org,
        )
    return found


# --- Symmetry rows ----------------------------------------------------------------------------


@symmetry_row(
    key="foundation.report",
    dimension=Dimension.FOUNDATION,
    obligation=gettext_lazy("Report to the partners"),
)
def symmetry_report(partnership, today):
    counts = punctuality_counts([partnership.pk], today).get(partnership.pk, {})
    return {
        org: _("%(on_time)s of %(due)s reports on time") % {"on_time": c[0], "due": c[1]}
        for org, c in counts.items()
    }


@symmetry_row(
    key="foundation.sign", dimension=Dimension.FOUNDATION, obligation=gettext_lazy("Sign the MoU")
)
def symmetry_sign(partnership, today):
    signatures = (
        MouSignature.objects.filter(mou__partnership=partnership)
        .order_by("organisation_id", "-mou__version")
        .values("organisation_id", "mou__version", "signed_at")
    )
    return {
        org: _("Signed version %(version)s on %(date)s")
        % {"version": s["mou__version"], "date": date_format(s["signed_at"].date())}
        for org, s in first_of_each(signatures, "organisation_id").items()
    }


@symmetry_row(
    key="foundation.reflect",
    dimension=Dimension.FOUNDATION,
    obligation=gettext_lazy("Answer the power reflection"),
)
def symmetry_reflect(partnership, today):
    total = ReflectionRound.objects.filter(partnership=partnership).count()
    answered = (
        ReflectionResponse.objects.filter(round__partnership=partnership)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
    )
    return {
        org: _("Answered %(n)s of %(all)s rounds") % {"n": n, "all": total} for org, n in answered
    }


# --- Records, for the exports ----------------------------------------------------------------


def report_punctuality(report: MutualReport, today: datetime.date) -> tuple[str, int | None]:
    """(how the report stands, days late): on time when submitted on or before the due date,
    as `punctuality_counts` counts it."""
    due = report.period.due_date
    if report.status == MutualReport.Status.SUBMITTED:
        late = (timezone.localdate(report.submitted_at) - due).days
        return (_("On time"), 0) if late <= 0 else (_("Late"), late)
    if due < today:
        return _("Overdue, not submitted"), (today - due).days
    return _("Not due yet"), None


def _members_table(partnership) -> Table:
    members = (
        PartnershipMember.objects.filter(partnership=partnership)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )
    return Table(
        _("Members"),
        [_("Organisation"), _("Country"), _("Role"), _("Local actor"), _("Joined on")],
        [
            [
                m.organisation.name,
                m.organisation.country.name,
                m.get_role_display(),
                yes_no(m.is_local_actor),
                day(m.joined_at),
            ]
            for m in members
        ],
    )


def _mous_table(partnership) -> Table:
    mous = (
        Mou.objects.filter(partnership=partnership)
        .order_by("version")
        .prefetch_related(
            Prefetch("signatures", queryset=MouSignature.objects.order_by("signed_at", "pk"))
        )
    )
    return Table(
        _("MoU versions"),
        [
            _("Version"),
            _("Title"),
            _("Status"),
            _("Start of term"),
            _("End of term"),
            _("Sent for signature on"),
            _("In force since"),
            _("Signed by"),
        ],
        [
            [
                mou.version,
                mou.title,
                mou.get_status_display(),
                mou.term_start,
                mou.term_end,
                day(mou.sent_at),
                day(mou.in_force_at),
                "; ".join(
                    f"{s.organisation_name} ({day(s.signed_at).isoformat()})"
                    for s in mou.signatures.all()
                ),
            ]
            for mou in mous
        ],
    )


def _reports_table(partnership, today) -> Table:
    reports = (
        MutualReport.objects.filter(period__partnership=partnership, amends__isnull=True)
        .select_related("period", "organisation")
        .order_by("period__start", "organisation__name", "pk")
    )
    rows = []
    for report in reports:
        punctuality, days_late = report_punctuality(report, today)
        rows.append(
            [
                report.period.start,
                report.period.end,
                report.period.due_date,
                report.organisation.name,
                report.get_status_display(),
                day(report.submitted_at),
                punctuality,
                days_late,
            ]
        )
    return Table(
        _("Mutual reports"),
        [
            _("Period start"),
            _("Period end"),
            _("Due date"),
            _("Organisation"),
            _("Status"),
            _("Submitted on"),
            _("Punctuality"),
            _("Days late"),
        ],
        rows,
    )


@dimension_records(dimension=Dimension.FOUNDATION)
def foundation_records(access, today):
    """Who takes part and in which role, every MoU version, every mutual report (originals:
    an amendment does not change when the report was first submitted)."""
    partnership = access.partnership
    return [
        _members_table(partnership),
        _mous_table(partnership),
        _reports_table(partnership, today),
    ]
