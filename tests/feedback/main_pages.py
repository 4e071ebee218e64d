from django.urls import reverse

from feedback.models import Case, Channel, Consultation


def pages(partnership) -> list[tuple[str, str]]:
    p = partnership.pk
    result = [
        ("Feedback cases", reverse("feedback:cases", args=[p])),
        ("Feedback dashboard", reverse("feedback:dashboard", args=[p])),
        ("Feedback channel set-up", reverse("feedback:channel", args=[p])),
        ("Enter offline feedback", reverse("feedback:case_new", args=[p])),
        ("Consultations", reverse("feedback:consultations", args=[p])),
        ("You said, we did", reverse("feedback:adaptations", args=[p])),
    ]
    case = Case.objects.filter(partnership=partnership).exclude(kind=Case.Kind.SENSITIVE).first()
    if case:
        result.append(("Feedback case", case.get_absolute_url()))
    consultation = Consultation.objects.filter(partnership=partnership).first()
    if consultation:
        result.append(("Consultation", consultation.get_absolute_url()))
    return result


def public_pages(partnership) -> list[tuple[str, str]]:
    channel = Channel.objects.filter(partnership=partnership).first()
    if channel is None:
        return []
    return [
        ("Public feedback form", reverse("feedback_public:form", args=[channel.slug])),
        ("Public follow-up", reverse("feedback_public:follow_up", args=[channel.slug])),
        ("You said, we did (public)", reverse("feedback_public:results", args=[channel.slug])),
    ]
