"""Health indicators of the target groups' feedback: acknowledged and answered within the
commitment, adaptations made. Counts only: nothing of a case's content, sealed or not."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.health_registry import (
    Measure,
    Unit,
    dimension_records,
    health_indicator,
    percent,
)
from partnerships.models.reflection import Dimension
from partnerships.spreadsheets import Table, day, yes_no

from .access import sealed_cases_counted, visible_cases
from .models import Adaptation, Case
from .services.dashboard import EXPORT_HEADERS, export_rows


def _in_time(partnerships, today, *, due: str, done: str, label):
    """Of the cases already due (or done), the share done by their due date."""
    rows = (
        Case.objects.filter(partnership_id__in=[p.pk for p in partnerships])
        .filter(Q(**{f"{due}__lt": today}) | Q(**{f"{done}__isnull": False}))
        .values("partnership_id")
        .annotate(
            counted=Count("pk"),
            in_time=Count("pk", filter=Q(**{f"{done}__date__lte": F(due)})),
        )
        .order_by()
    )
    return {
        row["partnership_id"]: Measure(
            percent(row["in_time"], row["counted"]),
            label % {"n": row["in_time"], "all": row["counted"]},
            parts={"": (row["in_time"], row["counted"])},
        )
        for row in rows
    }


@health_indicator(
    key="feedback.acknowledged_in_time",
    dimension=Dimension.TARGET_GROUPS,
    label=gettext_lazy("Feedback acknowledged within the commitment"),
    definition=gettext_lazy(
        "Of the feedback and complaints whose acknowledgement was due (or that were "
        "acknowledged), the share acknowledged by the date the channel promises. No data: no "
        "such case."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("feedback:cases", args=[pk]),
)
def acknowledged_in_time(partnerships, today):
    return _in_time(
        partnerships,
        today,
        due="acknowledge_due",
        done="acknowledged_at",
        label=_("%(n)s of %(all)s acknowledged in time"),
    )


@health_indicator(
    key="feedback.answered_in_time",
    dimension=Dimension.TARGET_GROUPS,
    label=gettext_lazy("Feedback answered within the commitment"),
    definition=gettext_lazy(
        "Of the feedback and complaints whose answer was due (or that were answered), the "
        "share answered by the date the channel promises. No data: no such case."
    ),
    unit=Unit.PERCENT,
    improve=lambda pk: reverse("feedback:cases", args=[pk]),
)
def answered_in_time(partnerships, today):
    return _in_time(
        partnerships,
        today,
        due="respond_due",
        done="responded_at",
        label=_("%(n)s of %(all)s answered in time"),
    )


@health_indicator(
    key="feedback.adaptations",
    dimension=Dimension.TARGET_GROUPS,
    label=gettext_lazy("Adaptations made because of what people said"),
    definition=gettext_lazy(
        "How many changes to the work were recorded as “you said, we did”. No data: no "
        "feedback case and no adaptation yet."
    ),
    unit=Unit.COUNT,
    improve=lambda pk: reverse("feedback:adaptations", args=[pk]),
)
def adaptations(partnerships, today):
    ids = [p.pk for p in partnerships]
    made = defaultdict(
        int,
        Adaptation.objects.filter(partnership_id__in=ids)
        .values_list("partnership_id")
        .annotate(n=Count("pk"))
        .order_by(),
    )
    with_cases = set(
        Case.objects.filter(partnership_id__in=ids)
        .values_list("partnership_id", flat=True)
        .distinct()
    )
    return {
        pk: Measure(made[pk], _("%(n)s adaptations") % {"n": made[pk]})
        for pk in set(made) | with_cases
    }


@health_indicator(
    key="feedback.open_past_deadline",
    dimension=Dimension.TARGET_GROUPS,
    label=gettext_lazy("Open complaints past their deadline"),
    definition=gettext_lazy(
        "Feedback and complaints still open after the date by which the channel promises an "
        "answer. No data: no feedback case."
    ),
    unit=Unit.COUNT,
    improve=lambda pk: reverse("feedback:cases", args=[pk]),
)
def open_past_deadline(partnerships, today):
    rows = (
        Case.objects.filter(partnership_id__in=[p.pk for p in partnerships])
        .values("partnership_id")
        .annotate(late=Count("pk", filter=Q(status__in=Case.OPEN_STATUSES, respond_due__lt=today)))
        .order_by()
    )
    return {
        row["partnership_id"]: Measure(
            row["late"],
            _("%(n)s open past the deadline") % {"n": row["late"]},
            parts={"": (row["late"], 1)},
        )
        for row in rows
    }


# --- Records, for the exports ----------------------------------------------------------------

KINDS = dict(Case.Kind.choices)
VIAS = dict(Case.Via.choices)
STATUSES = dict(Case.Status.choices)
LANGUAGES = dict(settings.LANGUAGES)


def _readable(row: list) -> list:
    """A row of the feedback app's `export_rows` for readers: labels, dates in the reader's
    time zone."""
    (
        reference,
        kind,
        via,
        language,
        status,
        received,
        acknowledge_due,
        acknowledged,
        respond_due,
        responded,
        closed,
        assigned,
        anonymous,
    ) = row
    return [
        reference,
        str(KINDS.get(kind, kind)),
        str(VIAS.get(via, via)),
        str(LANGUAGES.get(language, language)),
        str(STATUSES.get(status, status)),
        day(received),
        acknowledge_due,
        day(acknowledged),
        respond_due,
        day(responded),
        day(closed),
        assigned,
        yes_no(anonymous),
    ]


@dimension_records(dimension=Dimension.TARGET_GROUPS)
def feedback_records(access, today):
    """Cases, metadata only (the feedback app's own export columns). A sensitive case is
    counted and never listed, whoever asks: not its reference, category or dates."""
    cases = visible_cases(access).exclude(kind=Case.Kind.SENSITIVE).order_by("received_at", "pk")
    return [
        Table(
            _("Feedback cases"),
            [str(h) for h in EXPORT_HEADERS],
            [_readable(row) for row in export_rows(cases)],
        ),
        Table(
            _("Sensitive reports"),
            [_("Sensitive reports (sealed: counted, never listed)")],
            [[sealed_cases_counted(access)]],
        ),
    ]
