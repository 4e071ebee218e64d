"""Partnership health: indicators that any dimension app contributes.

An app declares its indicators in `<app>/health.py` with `@health_indicator(...)`, discovered
like `<app>/reminders.py`. An indicator is computed for MANY partnerships at once, in a fixed
number of queries whatever their number (the portfolio and the monthly snapshot ask for
hundreds), and returns a `Measure` per partnership: a value, how it reads, and where the
records allow, the value for each organisation. Whether it is on track is decided by
`partnerships.health_thresholds`, the one home of every threshold.

An app may also add rows to the symmetry table with `@symmetry_row(...)`: for one obligation
both sides have, what each organisation actually did; and with `@dimension_records(...)` the
tables of its records that the health page offers as CSV and XLSX.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal

from .access import PartnershipAccess
from .health_thresholds import THRESHOLDS, Status, status_for
from .models import Partnership, PartnershipMember
from .models.reflection import Dimension
from .spreadsheets import Table

DIMENSION_ORDER = [
    Dimension.FOUNDATION,
    Dimension.CAPACITY,
    Dimension.TARGET_GROUPS,
    Dimension.VISIBILITY,
    Dimension.INSTITUTIONAL,
]


class Unit:
    PERCENT = "percent"
    YES_NO = "yes_no"
    POINTS = "points"
    COUNT = "count"


@dataclass(frozen=True)
class Measure:
    value: Decimal | None  # None: no data
    text: str = ""  # how the value reads in words, e.g. "3 of 4 reports on time"
    by_organisation: dict[int, Decimal | None] = field(default_factory=dict)
    # Raw figures the portfolio adds up across partnerships (e.g. numerator, denominator).
    parts: dict = field(default_factory=dict)


NO_DATA = Measure(None)

Compute = Callable[[Sequence[Partnership], datetime.date], dict[int, Measure]]


@dataclass(frozen=True)
class HealthIndicator:
    key: str  # "<app>.<name>", the key of its threshold
    dimension: str
    label: object  # lazily translated
    definition: object
    unit: str
    improve: Callable[[int], str]  # partnership pk -> the page where it is improved
    compute: Compute


_indicators: dict[str, HealthIndicator] = {}


def health_indicator(
    *, key: str, dimension: str, label, definition, unit: str, improve: Callable[[int], str]
) -> Callable[[Compute], Compute]:
    def register(compute: Compute) -> Compute:
        _indicators[key] = HealthIndicator(
            key, dimension, label, definition, unit, improve, compute
        )
        return compute

    return register


def indicators() -> list[HealthIndicator]:
    """Every registered indicator, dimension by dimension, in registration order."""
    found = list(_indicators.values())
    return sorted(found, key=lambda i: DIMENSION_ORDER.index(i.dimension))


def missing_thresholds() -> list[str]:
    return [i.key for i in indicators() if i.key not in THRESHOLDS]


@dataclass(frozen=True)
class Reading:
    """One indicator for one partnership."""

    indicator: HealthIndicator
    measure: Measure
    partnership_id: int

    @property
    def status(self) -> str:
        return status_for(self.indicator.key, self.measure.value)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def value(self) -> Decimal | None:
        return self.measure.value

    @property
    def improve_url(self) -> str:
        return self.indicator.improve(self.partnership_id)


_shared: ContextVar[dict | None] = ContextVar("health_shared", default=None)


def shared(key, compute: Callable):
    """What several indicators of one `readings_for` call need (the budget lines feed two):
    computed once for the call. Outside a call, computed each time: nothing outlives it."""
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def member_ids(ids) -> dict[int, set[int]]:
    """partnership -> its member organisations; one query shared by every indicator of a
    `readings_for` call (five asked for it separately)."""
    return _members(tuple(ids))["all"]


def local_member_ids(ids) -> dict[int, set[int]]:
    """partnership -> its member organisations that are local actors (PartnershipMember's
    rule, `is_local_actor`)."""
    return _members(tuple(ids))["local"]


def _members(ids: tuple) -> dict[str, dict[int, set[int]]]:
    def read():
        found = {"all": defaultdict(set), "local": defaultdict(set)}
        rows = PartnershipMember.objects.filter(partnership_id__in=ids).values_list(
            "partnership_id", "organisation_id", "role", "organisation__is_local_actor"
        )
        for pk, org, role, local_actor in rows:
            found["all"][pk].add(org)
            if role == PartnershipMember.Role.LOCAL_PARTNER or local_actor:
                found["local"][pk].add(org)
        return found

    return shared(("partnerships.members", ids), read)


def readings_for(
    partnerships: Sequence[Partnership],
    *,
    today: datetime.date,
    only: Sequence[HealthIndicator] | None = None,
) -> dict[int, list[Reading]]:
    """Every indicator for every partnership: each indicator's queries run once for all."""
    partnerships = list(partnerships)
    found: dict[int, list[Reading]] = {p.pk: [] for p in partnerships}
    if not partnerships:
        return found
    token = _shared.set({})
    try:
        for indicator in only if only is not None else indicators():
            measures = indicator.compute(partnerships, today)
            for p in partnerships:
                found[p.pk].append(Reading(indicator, measures.get(p.pk, NO_DATA), p.pk))
    finally:
        _shared.reset(token)
    return found


# --- The symmetry table ---------------------------------------------------------------------

SymmetryCompute = Callable[[Partnership, datetime.date], dict[int, str]]


@dataclass(frozen=True)
class SymmetryRow:
    key: str
    dimension: str
    obligation: object  # lazily translated, e.g. "Report to the partners"
    compute: SymmetryCompute  # organisation id -> what it actually did, in words


_symmetry_rows: dict[str, SymmetryRow] = {}


def symmetry_row(*, key: str, dimension: str, obligation) -> Callable:
    def register(compute: SymmetryCompute) -> SymmetryCompute:
        _symmetry_rows[key] = SymmetryRow(key, dimension, obligation, compute)
        return compute

    return register


def symmetry_rows() -> list[SymmetryRow]:
    return sorted(_symmetry_rows.values(), key=lambda r: DIMENSION_ORDER.index(r.dimension))


# --- Each dimension's records, for the exports ------------------------------------------------

RecordsCompute = Callable[[PartnershipAccess, datetime.date], list[Table]]

_records: dict[str, dict[str, RecordsCompute]] = {}


def dimension_records(*, dimension: str) -> Callable[[RecordsCompute], RecordsCompute]:
    """`(access, today) -> [Table]`: the dimension's records exactly as `access` (the user's
    standing in the partnership, from `partnerships.access.access_for`) may see them on the
    pages, in a fixed number of queries whatever the number of rows. Headers translated."""

    def register(compute: RecordsCompute) -> RecordsCompute:
        _records.setdefault(dimension, {})[f"{compute.__module__}.{compute.__qualname__}"] = compute
        return compute

    return register


def records_dimensions() -> list[str]:
    """The dimensions that have records to export, in the page's order."""
    return [d for d in DIMENSION_ORDER if d in _records]


def records_for(dimension: str, access: PartnershipAccess, *, today: datetime.date) -> list[Table]:
    return [table for compute in _records[dimension].values() for table in compute(access, today)]


def percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
