"""Main pages of the foundation for the cross-app browser check (width, translation,
accessibility); `partnership` is one created by seed_demo."""

from django.urls import reverse


def pages(partnership) -> list[tuple[str, str]]:
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
