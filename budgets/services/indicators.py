"""The localisation indicators of a budget, computed from its lines (read-only)."""

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, trans_real

from partnerships.models import PartnershipMember

from ..models import BudgetLine

# xgettext reads the flag only on the line just before the string, and "25% o" would otherwise
# be taken for a format directive (Arabic writes the percent sign differently).
# fmt: off
# xgettext:no-python-format
GRAND_BARGAIN = gettext_noop("Grand Bargain (2016): at least 25% of humanitarian funding to "
                             "local and national actors as directly as possible.")
# fmt: on

ZERO = Decimal("0")
Category = BudgetLine.Category


def money(value: Decimal) -> str:
    return number_format(value, decimal_pos=2, force_grouping=True)


def local_organisation_ids(members: Iterable[PartnershipMember]) -> set[int]:
    """Of these member rows (organisation loaded), the organisations that count as local
    actors, by the partnership-wide rule `PartnershipMember.is_local_actor`."""
    return {m.organisation_id for m in members if m.is_local_actor}


@dataclass
class Indicator:
    key: str
    label: str
    short_label: str
    value: Decimal | None  # percent, one decimal; None when there is nothing to divide by
    numerator: Decimal
    denominator: Decimal
    explanation: str
    benchmark: Decimal | None = None
    benchmark_source: str = ""

    @property
    def below_benchmark(self) -> bool:
        return self.benchmark is not None and self.value is not None and self.value < self.benchmark


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"))


def total_of(lines: Iterable) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


# Keyed by the active translation catalogue, not the language code: a catalogue replaced at
# run time (the tests' pseudo-language) gets its own texts, and a dropped one takes its own along.
_translated: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _texts() -> dict[str, tuple[str, str, str, str]]:
    """Label, short label, explanation and benchmark source of each indicator, in the active
    language. The same for every budget: translated once a catalogue, not once a budget (the
    portfolio computes these for hundreds of budgets, and gettext was most of its time)."""
    catalogue = trans_real.catalog()
    if catalogue not in _translated:
        _translated[catalogue] = _translate_texts()
    return _translated[catalogue]


def _translate_texts() -> dict[str, tuple[str, str, str, str]]:
    return {
        "local_share": (
            _("Share of the budget managed by local partners"),
            _("Local partners"),
            _(
                "Local partners who manage funds themselves lead the work rather than carry it "
                "out; the tool asks partners to discuss how funds are allocated and why it is "
                "fair."
            ),
            _(GRAND_BARGAIN),
        ),
        "core_support": (
            _("Core / institutional support, as a share of what local partners manage"),
            _("Core support"),
            _(
                "Core costs (rent, housing, subscriptions, phone, internet) often get a lower "
                "priority than activities; the tool asks whether the budget prioritises enough "
                "institutional support for the local partner."
            ),
            "",
        ),
        "overhead_shared": (
            _("Share of overhead (indirect cost recovery) passed to local partners"),
            _("Overhead shared"),
            _(
                "Overheads keep an organisation running between projects; IASC guidance (2022) "
                "asks intermediaries to provide them to local and national partners."
            ),
            _(
                "Practice example: CAFOD and Christian Aid split donor indirect cost recovery "
                "50-50 with partners (Development Initiatives for the IASC, 2022)."
            ),
        ),
        "capacity_share": (
            _("Capacity-strengthening share of the budget"),
            _("Capacity"),
            _(
                "Capacity building is often given a lower priority than activities, yet "
                "strengthening partners as organisations benefits the joint work."
            ),
            "",
        ),
        "reserve_share": (
            _("Unallocated / flexible reserve"),
            _("Reserve"),
            _(
                "Flexibility in the use of funds is key to a successful intervention and a "
                "trustworthy partnership; check whether the donor lets you set funds aside."
            ),
            "",
        ),
    }


def budget_indicators(*, lines: Iterable, local_ids: set[int]) -> list[Indicator]:
    """Every budget indicator, from lines with category, organisation_id and amount."""
    lines = list(lines)
    total = total_of(lines)
    local = [line for line in lines if line.organisation_id in local_ids]
    local_total = total_of(local)
    local_core = total_of(line for line in local if line.category == Category.CORE)
    overhead = [line for line in lines if line.category == Category.OVERHEAD]
    local_overhead = total_of(line for line in overhead if line.organisation_id in local_ids)
    capacity = total_of(line for line in lines if line.category == Category.CAPACITY)
    reserve = total_of(line for line in lines if line.category == Category.RESERVE)
    texts = _texts()

    def _indicator(key, value, numerator, denominator, benchmark=None):
        label, short_label, explanation, source = texts[key]
        return Indicator(
            key, label, short_label, value, numerator, denominator, explanation, benchmark, source
        )

    return [
        _indicator(
            "local_share", _percent(local_total, total), local_total, total, benchmark=Decimal("25")
        ),
        _indicator("core_support", _percent(local_core, local_total), local_core, local_total),
        _indicator(
            "overhead_shared",
            _percent(local_overhead, total_of(overhead)),
            local_overhead,
            total_of(overhead),
            benchmark=Decimal("50"),
        ),
        _indicator("capacity_share", _percent(capacity, total), capacity, total),
        _indicator("reserve_share", _percent(reserve, total), reserve, total),
    ]
