"""Partnership health read from the indicator registry: one partnership's page, the
symmetry table, the monthly snapshots and their trend."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from partnerships.health_registry import (
    DIMENSION_ORDER,
    Reading,
    Unit,
    indicators,
    readings_for,
    symmetry_rows,
)
from partnerships.health_thresholds import Status
from partnerships.models import Partnership, PartnershipMember
from partnerships.models.reflection import Dimension

from .models import HealthSnapshot

SNAPSHOT_BATCH = 200
TREND_MONTHS = 12


@dataclass
class DimensionHealth:
    dimension: str
    readings: list[Reading]

    @property
    def label(self) -> str:
        return Dimension(self.dimension).label

    def count(self, status: str) -> int:
        return sum(1 for r in self.readings if r.status == status)


def by_dimension(readings: list[Reading]) -> list[DimensionHealth]:
    return [
        DimensionHealth(d, [r for r in readings if r.indicator.dimension == d])
        for d in DIMENSION_ORDER
        if any(r.indicator.dimension == d for r in readings)
    ]


def partnership_health(partnership: Partnership, *, today: datetime.date) -> list[DimensionHealth]:
    return by_dimension(readings_for([partnership], today=today)[partnership.pk])


def status_counts(readings: list[Reading]) -> dict[str, int]:
    return {s: sum(1 for r in readings if r.status == s) for s in Status.values}


def chart_value(reading: Reading) -> float | None:
    """A reading on a 0-100 scale for the charts (a gap in points is not drawn)."""
    if reading.value is None or reading.indicator.unit == Unit.POINTS:
        return None
    if reading.indicator.unit == Unit.YES_NO:
        return 100.0 if reading.value else 0.0
    return float(reading.value)


def chart_data(dimensions: list[DimensionHealth]) -> list[dict]:
    return [
        {
            "id": f"health-chart-{d.dimension}",
            "labels": [str(r.indicator.label) for r in d.readings if chart_value(r) is not None],
            "values": [chart_value(r) for r in d.readings if chart_value(r) is not None],
            "statuses": [r.status for r in d.readings if chart_value(r) is not None],
        }
        for d in dimensions
    ]


# --- Symmetry table -------------------------------------------------------------------------


@dataclass
class SymmetryLine:
    obligation: str
    dimension: str
    done: list[str]  # what each organisation did, in the order of the table's columns


def symmetry_table(partnership: Partnership, *, today: datetime.date):
    """(member rows, lines): one column per member organisation, one line per obligation."""
    members = list(
        PartnershipMember.objects.filter(partnership=partnership)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )
    lines = []
    for row in symmetry_rows():
        did = row.compute(partnership, today)
        lines.append(
            SymmetryLine(
                str(row.obligation),
                row.dimension,
                [did.get(m.organisation_id, "") for m in members],
            )
        )
    return members, lines


# --- Monthly snapshots ----------------------------------------------------------------------


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _snapshot_row(partnership_id: int, month: datetime.date, readings: list[Reading]):
    return HealthSnapshot(
        partnership_id=partnership_id,
        month=month,
        readings={
            r.indicator.key: {
                "value": None if r.value is None else str(r.value),
                "status": r.status,
            }
            for r in readings
        },
    )


def snapshots_take(*, today: datetime.date) -> int:
    """This month's snapshot of every partnership that has none yet; the unique constraint
    (ON CONFLICT DO NOTHING) keeps a second run, or two at once, from adding a row."""
    month = month_of(today)
    taken = 0
    pending = Partnership.objects.exclude(health_snapshots__month=month).order_by("pk").only("pk")
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk)[:SNAPSHOT_BATCH])
        if not batch:
            return taken
        readings = readings_for(batch, today=today)
        with transaction.atomic():
            created = HealthSnapshot.objects.bulk_create(
                [_snapshot_row(p.pk, month, readings[p.pk]) for p in batch], ignore_conflicts=True
            )
        taken += len(created)
        last_pk = batch[-1].pk


@dataclass
class TrendLine:
    label: str
    unit: str
    cells: list[tuple[str | None, str]]  # (value, status) per month, oldest first


def trend(partnership: Partnership) -> tuple[list[datetime.date], list[TrendLine]]:
    snapshots = list(
        HealthSnapshot.objects.filter(partnership=partnership).order_by("-month")[:TREND_MONTHS]
    )[::-1]
    months = [s.month for s in snapshots]
    lines = []
    for indicator in indicators():
        cells = [
            (
                s.readings.get(indicator.key, {}).get("value"),
                s.readings.get(indicator.key, {}).get("status", Status.NO_DATA),
            )
            for s in snapshots
        ]
        lines.append(TrendLine(str(indicator.label), indicator.unit, cells))
    return months, lines
