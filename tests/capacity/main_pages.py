"""The capacity pages a logged-in user navigates to, for the cross-app browser check."""

from django.urls import reverse

from capacity.models import AssessmentRound, Mentorship


def pages(partnership) -> list[tuple[str, str]]:
    p = partnership.pk

    def url(name, *args):
        return reverse(f"capacity:{name}", args=[p, *args])

    result = [
        ("Capacity strengthening", url("home")),
        ("Capacity plan", url("plan")),
        ("Add a capacity action", url("action_new")),
        ("Learning needs", url("needs")),
        ("Peer learning", url("peers")),
        ("Target groups", url("targets")),
        ("Start an assessment round", url("round_new")),
    ]
    for round_ in AssessmentRound.objects.filter(partnership=partnership)[:2]:
        result.append((f"Assessment round: {round_.title}", round_.get_absolute_url()))
    mentorship = Mentorship.objects.filter(partnership=partnership).first()
    if mentorship:
        result.append(("Mentorship", url("mentorship", mentorship.pk)))
    return result
