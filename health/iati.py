"""An IATI 2.03 activity file for one partnership: its organisations with their IATI roles,
its budgets, and the results credited with every credited organisation's consent.

Validated against the official 2.03 activity schema in tests/health/test_iati.py.
"""

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from budgets.models import Budget
from partnerships.models import Organisation, Partnership, PartnershipMember
from visibility.models import Result

IATI_VERSION = "2.03"
# IATI OrganisationRole codes: 1 funding, 2 accountable, 3 extending, 4 implementing.
ROLES = {
    PartnershipMember.Role.DONOR: ["1"],
    PartnershipMember.Role.INTERNATIONAL_PARTNER: ["2", "3"],
    PartnershipMember.Role.LOCAL_PARTNER: ["4"],
    PartnershipMember.Role.CONSORTIUM_MEMBER: ["4"],
}
# IATI OrganisationType codes: 24 partner-country based NGO, 21 international NGO, 90 other.
TYPES = {
    Organisation.Kind.LOCAL_CSO: "24",
    Organisation.Kind.NATIONAL_CSO: "24",
    Organisation.Kind.COMMUNITY_BASED: "24",
    Organisation.Kind.INTERNATIONAL_CSO: "21",
}
# IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed.
STATUS = {
    Partnership.Status.EXPLORING: "1",
    Partnership.Status.NEGOTIATING: "1",
    Partnership.Status.ACTIVE: "2",
    Partnership.Status.CLOSING: "3",
    Partnership.Status.CLOSED: "4",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def organisation_ref(organisation: Organisation) -> str:
    prefix = getattr(settings, "IATI_ORGANISATION_PREFIX", "XI-LLP")
    return f"{prefix}-{organisation.pk}"


def _narrative(parent, tag: str, text: str, **attrs):
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "narrative").text = text
    return element


def _date(parent, tag: str, day: datetime.date, **attrs):
    return ET.SubElement(parent, tag, {"iso-date": day.isoformat(), **attrs})


def consented_results(partnership: Partnership):
    """Results whose every credit is approved and not withdrawn: nobody is credited without
    their own admin's agreement."""
    pending = Q(credits__approved_at__isnull=True) | Q(credits__withdrawn_at__isnull=False)
    return (
        Result.objects.filter(partnership=partnership, credits__isnull=False)
        .exclude(pk__in=Result.objects.filter(pending).values("pk"))
        .distinct()
        .order_by("pk")
    )


def _activity_dates(activity, partnership: Partnership):
    started = partnership.status in {
        Partnership.Status.ACTIVE,
        Partnership.Status.CLOSING,
        Partnership.Status.CLOSED,
    }
    start = partnership.start_date or partnership.created_at.date()
    _date(activity, "activity-date", start, type="2" if started else "1")
    if partnership.end_date:
        closed = partnership.status == Partnership.Status.CLOSED
        _date(activity, "activity-date", partnership.end_date, type="4" if closed else "3")


def _budgets(activity, partnership: Partnership):
    budgets = (
        Budget.objects.filter(
            partnership=partnership, period_start__isnull=False, period_end__isnull=False
        )
        .annotate(total=Sum("lines__amount"))
        .order_by("period_start", "pk")
    )
    for budget in budgets:
        element = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
        _date(element, "period-start", budget.period_start)
        _date(element, "period-end", budget.period_end)
        value = ET.SubElement(
            element,
            "value",
            {"currency": budget.currency, "value-date": budget.period_start.isoformat()},
        )
        value.text = str(budget.total or Decimal("0"))


def _results(activity, partnership: Partnership):
    for result in consented_results(partnership):
        element = ET.SubElement(activity, "result", {"type": "1"})
        _narrative(element, "title", result.title)
        _narrative(element, "description", result.text[:2000])
        indicator = ET.SubElement(element, "indicator", {"measure": "5"})  # qualitative
        _narrative(indicator, "title", result.figures or result.title)


def activity_xml(partnership: Partnership, *, language: str = "en") -> bytes:
    members = list(
        PartnershipMember.objects.filter(partnership=partnership)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )
    international = PartnershipMember.Role.INTERNATIONAL_PARTNER
    reporting = next(
        (m for m in members if m.role == international), members[0] if members else None
    )
    generated = timezone.now().isoformat(timespec="seconds")
    root = ET.Element("iati-activities", {"version": IATI_VERSION, "generated-datetime": generated})
    activity = ET.SubElement(
        root,
        "iati-activity",
        {
            "last-updated-datetime": partnership.updated_at.isoformat(timespec="seconds"),
            XML_LANG: language,
        },
    )
    ET.SubElement(activity, "iati-identifier").text = (
        f"{organisation_ref(reporting.organisation)}-P{partnership.pk}"
        if reporting
        else f"P{partnership.pk}"
    )
    if reporting:
        _narrative(
            activity,
            "reporting-org",
            reporting.organisation.name,
            ref=organisation_ref(reporting.organisation),
            type=TYPES.get(reporting.organisation.kind, "90"),
        )
    _narrative(activity, "title", partnership.title)
    _narrative(activity, "description", partnership.local_needs[:4000], type="1")
    for member in members:
        for role in ROLES[member.role]:
            _narrative(
                activity,
                "participating-org",
                member.organisation.name,
                ref=organisation_ref(member.organisation),
                role=role,
                type=TYPES.get(member.organisation.kind, "90"),
            )
    ET.SubElement(activity, "activity-status", {"code": STATUS[partnership.status]})
    _activity_dates(activity, partnership)
    _budgets(activity, partnership)
    _results(activity, partnership)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
