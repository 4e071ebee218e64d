"""An organisation's portfolio: all its partnerships x the five dimensions, and its totals
against its commitments, in a fixed number of queries whatever the number of partnerships."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django_countries import countries as country_names

from partnerships.health_registry import (
    DIMENSION_ORDER,
    Reading,
    indicators,
    percent,
    readings_for,
)
from partnerships.health_thresholds import Status, status_for
from partnerships.models import Organisation, Partnership, PartnershipMember


@dataclass(frozen=True)
class Filters:
    country: str = ""
    status: str = ""  # the partnership's status
    role: str = ""  # the organisation's role in it
    attention: bool = False  # only partnerships with an indicator that needs attention


@dataclass
class PortfolioRow:
    partnership: Partnership
    role: str
    partners: list[PartnershipMember]  # with country_code; organisation not loaded
    readings: list[Reading]

    @property
    def role_label(self) -> str:
        return PartnershipMember.Role(self.role).label

    @property
    def countries(self) -> list[str]:
        return sorted({str(country_names.name(m.country_code)) for m in self.partners})

    def dimension_status(self, dimension: str) -> str:
        statuses = [r.status for r in self.readings if r.indicator.dimension == dimension]
        if Status.NEEDS_ATTENTION in statuses:
            return Status.NEEDS_ATTENTION
        return Status.ON_TRACK if Status.ON_TRACK in statuses else Status.NO_DATA

    @property
    def dimension_statuses(self) -> list[tuple[str, str]]:
        return [(d, self.dimension_status(d)) for d in DIMENSION_ORDER]

    @property
    def needs_attention(self) -> bool:
        return any(r.status == Status.NEEDS_ATTENTION for r in self.readings)


@dataclass
class Total:
    """A figure added up over the portfolio: part of whole, with the status its indicator's
    threshold gives the resulting share."""

    label: str
    part: Decimal
    whole: Decimal
    key: str

    @property
    def value(self) -> Decimal | None:
        return percent(self.part, self.whole)

    @property
    def status(self) -> str:
        return status_for(self.key, self.value)


@dataclass
class Portfolio:
    organisation: Organisation
    rows: list[PortfolioRow]
    totals: dict[str, list[Total]] = field(default_factory=dict)

    @property
    def countries(self) -> list[tuple[str, str]]:
        # Codes first: naming each member's country was an eighth of the page's time at 500
        # partnerships, and a portfolio has a handful of distinct countries.
        codes = {m.country_code for row in self.rows for m in row.partners if m.country_code}
        return sorted(((code, str(country_names.name(code))) for code in codes), key=lambda c: c[1])


def _members(ids: list[int]) -> dict[int, list[PartnershipMember]]:
    found = defaultdict(list)
    rows = (
        PartnershipMember.objects.filter(partnership_id__in=ids)
        # Of the organisation, a row needs only its country: loading every organisation of
        # 500 partnerships was an eighth of the page's time.
        .only("partnership", "organisation", "role")
        .annotate(country_code=F("organisation__country"))
        .order_by("role", "organisation__name")
    )
    for member in rows:
        found[member.partnership_id].append(member)
    return found


def portfolio_partnerships(organisation: Organisation, filters: Filters):
    partnerships = Partnership.objects.filter(members__organisation=organisation)
    if filters.role:
        partnerships = partnerships.filter(
            members__organisation=organisation, members__role=filters.role
        )
    if filters.status:
        partnerships = partnerships.filter(status=filters.status)
    if filters.country:
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(organisation__country=filters.country).values(
                "partnership_id"
            )
        )
    return partnerships.distinct().order_by("title", "pk")


def _sum_parts(rows: list[PortfolioRow], key: str) -> dict[str, list[Decimal]]:
    sums = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in rows:
        for reading in row.readings:
            if reading.indicator.key != key:
                continue
            for label, (part, whole) in reading.measure.parts.items():
                sums[label][0] += Decimal(part)
                sums[label][1] += Decimal(whole)
    return sums


def _punctuality_by_side(rows: list[PortfolioRow], organisation_id: int, key: str):
    """The organisation's own reports on time vs its partners' reports on time."""
    sides = {"own": [Decimal(0), Decimal(0)], "partners": [Decimal(0), Decimal(0)]}
    for row in rows:
        for reading in row.readings:
            if reading.indicator.key != key:
                continue
            for org_id, (on_time, due) in reading.measure.parts.items():
                side = sides["own" if org_id == organisation_id else "partners"]
                side[0] += on_time
                side[1] += due
    return sides


TOTAL_KEYS = {
    "local_share": "budgets.local_share",
    "overhead_shared": "budgets.overhead_shared",
    "changes_decided": "budgets.changes_decided_in_week",
}
PUNCTUALITY_KEY = "foundation.reporting_punctuality"
OPEN_COMPLAINTS_KEY = "feedback.open_past_deadline"


def portfolio_totals(rows: list[PortfolioRow], organisation: Organisation) -> dict:
    totals = {
        name: [
            Total(label, part, whole, key)
            for label, (part, whole) in sorted(_sum_parts(rows, key).items())
            if whole
        ]
        for name, key in TOTAL_KEYS.items()
    }
    totals["open_past_deadline"] = sum(
        (
            r.value
            for row in rows
            for r in row.readings
            if r.indicator.key == OPEN_COMPLAINTS_KEY and r.value is not None
        ),
        0,
    )
    sides = _punctuality_by_side(rows, organisation.pk, PUNCTUALITY_KEY)
    totals["punctuality"] = [
        Total(side, part, whole, PUNCTUALITY_KEY) for side, (part, whole) in sides.items()
    ]
    return totals


def portfolio_for(
    organisation: Organisation,
    *,
    filters: Filters,
    today: datetime.date,
    shown: slice | None = None,
) -> Portfolio:
    """Every partnership's row and the totals. With `shown` (the rows a page displays), only
    those rows get every indicator; the others get just what the totals add up, so a page of
    an organisation in 500 partnerships does not compute 17 indicators 500 times. Filtering on
    "needs attention" needs every indicator of every row, and so do the exports."""
    partnerships = list(portfolio_partnerships(organisation, filters))
    ids = [p.pk for p in partnerships]
    members = _members(ids)
    if shown is None or filters.attention:
        readings = readings_for(partnerships, today=today)
    else:
        for_totals = total_indicators()
        readings = readings_for(partnerships, today=today, only=for_totals)
        rest = [i for i in indicators() if i not in for_totals]
        order = {indicator.key: n for n, indicator in enumerate(indicators())}
        for pk, more in readings_for(partnerships[shown], today=today, only=rest).items():
            readings[pk] = sorted(readings[pk] + more, key=lambda r: order[r.indicator.key])
    rows = []
    for p in partnerships:
        own = next((m for m in members[p.pk] if m.organisation_id == organisation.pk), None)
        rows.append(PortfolioRow(p, own.role if own else "", members[p.pk], readings[p.pk]))
    if filters.attention:
        rows = [row for row in rows if row.needs_attention]
    return Portfolio(organisation, rows, portfolio_totals(rows, organisation))


def total_indicators() -> list:
    keys = {*TOTAL_KEYS.values(), PUNCTUALITY_KEY, OPEN_COMPLAINTS_KEY}
    return [indicator for indicator in indicators() if indicator.key in keys]
