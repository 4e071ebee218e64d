"""Main pages of the foundation for the cross-app checks (width, translation, accessibility,
tests/ux/); `partnership` is one created by seed_demo."""

from django.urls import reverse
from django.utils import timezone

from partnerships.models import Mou, MutualReport, ReflectionRound


def pages(partnership) -> list[tuple[str, str]]:
    found, seen = [], set()
    for label, url in _reporting_mou_and_reflection(partnership) + _organisations_actions_and_more(
        partnership
    ):
        if url not in seen:
            seen.add(url)
            found.append((label, url))
    return found


def _reporting_mou_and_reflection(partnership) -> list[tuple[str, str]]:
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
    local_id = local.first().organisation_id
    if (
        draft := reports.filter(
            status="draft", organisation_id=local_id, period__start__lte=timezone.localdate()
        )
        .order_by("-period__start")
        .first()
    ):
        # The local partner's own form (403 for the other side, which has its own).
        result.append(("report form", reverse("partnerships:report_edit", args=[p, draft.pk])))
    return result


def _organisations_actions_and_more(partnership) -> list[tuple[str, str]]:
    p = partnership.pk
    local = partnership.members.filter(role="local_partner").select_related("organisation").first()
    result = [
        ("Partnership", reverse("partnerships:detail", args=[p])),
        ("Member organisations", reverse("partnerships:members", args=[p])),
        ("Agreed actions", reverse("partnerships:actions", args=[p])),
        ("New agreed action", reverse("partnerships:action_create", args=[p])),
        ("Joint interventions", reverse("partnerships:interventions", args=[p])),
        ("Edit partnership", reverse("partnerships:edit", args=[p])),
        ("Invitations to partnerships", reverse("partnerships:partnership_invitations")),
        ("Calendar feed", reverse("partnerships:calendar")),
        ("API tokens", reverse("partnerships:api_tokens")),
    ]
    if local is not None:
        result += [
            ("Organisation", reverse("partnerships:organisation", args=[local.organisation_id])),
            (
                "Edit the organisation's profile",
                reverse("partnerships:organisation_edit", args=[local.organisation_id]),
            ),
        ]
    latest_round = partnership.reflection_rounds.first()
    if latest_round is not None:
        result.append(
            (
                "Compared with the previous round",
                reverse("partnerships:reflection_compare", args=[p, latest_round.pk]),
            )
        )
    return result
