"""The foundation's main pages, for the width, translation and accessibility checks."""

from django.urls import reverse
from django.utils import timezone

from partnerships.models import Mou, MutualReport, ReflectionRound


def pages(partnership):
    p = partnership.pk
    local = partnership.members.filter(role="local_partner").select_related("organisation")
    result = [
        ("partnership list", reverse("partnerships:list")),
        ("new partnership", reverse("partnerships:create")),
        ("partnership", reverse("partnerships:detail", args=[p])),
        ("edit partnership", reverse("partnerships:edit", args=[p])),
        ("organisation", local.first().organisation.get_absolute_url()),
        ("notifications", reverse("partnerships:notifications")),
        ("decision-making agreement", reverse("partnerships:decisions", args=[p])),
        ("MoU list", reverse("partnerships:mou_list", args=[p])),
        ("power reflection", reverse("partnerships:reflection_list", args=[p])),
        ("reporting", reverse("partnerships:reporting", args=[p])),
        ("reporting schedule", reverse("partnerships:reporting_schedule", args=[p])),
        ("change password", reverse("password_change")),
        ("profile", reverse("profile")),
    ]
    if mou := Mou.objects.filter(partnership=partnership).order_by("-version").first():
        result.append(("MoU", mou.get_absolute_url()))
    if round_ := ReflectionRound.objects.filter(partnership=partnership).first():
        result.append(("reflection round", round_.get_absolute_url()))
    reports = MutualReport.objects.filter(period__partnership=partnership, amends__isnull=True)
    if submitted := reports.filter(status="submitted").order_by("-period__start").first():
        result.append(("report", submitted.get_absolute_url()))
    for draft in reports.filter(status="draft", period__start__lte=timezone.localdate()).order_by(
            "-period__start", "pk")[:2]:
        # One open draft per organisation: each side's own report form.
        result.append((f"report form ({draft.organisation})",
                       reverse("partnerships:report_edit", args=[p, draft.pk])))
    return result

