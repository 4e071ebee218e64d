"""Counts and timings of cases, and their CSV export (metadata only)."""

import datetime
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from partnerships.csv import csv_text

from ..models import Case

PUBLIC_MINIMUM = 5


@dataclass
class Stats:
    total: int
    by_kind: list[tuple[str, int]]
    by_via: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_month: list[tuple[datetime.date, int]]
    median_days_to_acknowledge: float | None
    median_days_to_respond: float | None
    answered_in_time: int
    answer_due: int

    @property
    def share_in_time(self) -> float | None:
        return round(100 * self.answered_in_time / self.answer_due, 1) if self.answer_due else None


def _counts(cases, field: str, choices) -> list[tuple[str, int]]:
    labels = dict(choices)
    rows = cases.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")
    return sorted(((str(labels.get(key, key)), n) for key, n in rows), key=lambda r: -r[1])


def stats(cases, today: datetime.date | None = None) -> Stats:
    today = today or timezone.localdate()
    cases = cases.order_by()
    months = list(
        cases.annotate(month=TruncMonth("received_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
        .order_by("-month")[:12]
    )
    acknowledge, respond = [], []
    in_time = due = 0
    for received, acknowledged, responded, respond_due in cases.values_list(
        "received_at", "acknowledged_at", "responded_at", "respond_due"
    ).iterator(2000):
        if acknowledged:
            acknowledge.append((acknowledged - received).total_seconds() / 86400)
        if responded:
            respond.append((responded - received).total_seconds() / 86400)
            due += 1
            in_time += timezone.localdate(responded) <= respond_due
        elif respond_due < today:
            due += 1
    return Stats(
        total=sum(n for _, n in _counts(cases, "kind", Case.Kind.choices)),
        by_kind=_counts(cases, "kind", Case.Kind.choices),
        by_via=_counts(cases, "via", Case.Via.choices),
        by_status=_counts(cases, "status", Case.Status.choices),
        by_month=[(m.date() if hasattr(m, "date") else m, n) for m, n in reversed(months)],
        median_days_to_acknowledge=round(statistics.median(acknowledge), 1)
        if acknowledge
        else None,
        median_days_to_respond=round(statistics.median(respond), 1) if respond else None,
        answered_in_time=in_time,
        answer_due=due,
    )


def public_counts(partnership_id: int) -> list[dict]:
    """Feedback by quarter and kind for the public page; a count under 5 is shown as hidden so
    that no one can be singled out."""
    rows = (
        Case.objects.filter(partnership_id=partnership_id)
        .order_by()
        .annotate(quarter=TruncQuarter("received_at"))
        .values_list("quarter", "kind")
        .annotate(n=Count("pk"))
        .values_list("quarter", "kind", "n")
    )
    quarters: dict = {}
    for quarter, kind, n in rows:
        quarters.setdefault(quarter, {})[kind] = n
    result = []
    for quarter in sorted(quarters, reverse=True):
        label = gettext("Q%(quarter)s %(year)s") % {
            "quarter": (quarter.month - 1) // 3 + 1,
            "year": quarter.year,
        }
        cells = []
        for kind, kind_label in Case.Kind.choices:
            n = quarters[quarter].get(kind, 0)
            cells.append(
                {"kind": kind_label, "count": n if n >= PUBLIC_MINIMUM else None, "none": n == 0}
            )
        result.append({"quarter": label, "cells": cells})
    return result


EXPORT_COLUMNS = [
    "reference",
    "kind",
    "received_through",
    "language",
    "status",
    "received_at",
    "acknowledge_due",
    "acknowledged_at",
    "respond_due",
    "responded_at",
    "closed_at",
    "assigned_organisation",
    "anonymous",
]
# The same columns, for readers (the health page's feedback export).
EXPORT_HEADERS = [
    gettext_lazy("Reference"),
    gettext_lazy("Category"),
    gettext_lazy("Received through"),
    gettext_lazy("Language"),
    gettext_lazy("Status"),
    gettext_lazy("Received on"),
    gettext_lazy("Acknowledgement due"),
    gettext_lazy("Acknowledged on"),
    gettext_lazy("Answer due"),
    gettext_lazy("Answered on"),
    gettext_lazy("Closed on"),
    gettext_lazy("Assigned organisation"),
    gettext_lazy("Anonymous"),
]


def export_rows(cases) -> Iterator[list]:
    """What of a case may leave the app, in EXPORT_COLUMNS order: metadata only, never the
    message, the response, contact details or names of people. Raw values (codes, moments)."""
    rows = cases.select_related("assigned_organisation").only(
        "reference",
        "kind",
        "via",
        "language",
        "status",
        "received_at",
        "acknowledge_due",
        "acknowledged_at",
        "respond_due",
        "responded_at",
        "closed_at",
        "assigned_organisation__name",
        "contact_consent",
        "contact_erased_at",
    )
    for case in rows.iterator(2000):
        yield [
            case.reference,
            case.kind,
            case.via,
            case.language,
            case.status,
            case.received_at,
            case.acknowledge_due,
            case.acknowledged_at,
            case.respond_due,
            case.responded_at,
            case.closed_at,
            case.assigned_organisation.name if case.assigned_organisation else "",
            not case.contact_consent,
        ]


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def export_csv(cases) -> str:
    """Metadata only (`export_rows`); every text cell escaped against formulas by the shared
    helper."""
    return csv_text(
        EXPORT_COLUMNS,
        ([*map(_iso, row[:-1]), "yes" if row[-1] else "no"] for row in export_rows(cases)),
    )
