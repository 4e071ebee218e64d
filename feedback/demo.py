"""Demo feedback: a channel for each partnership under way, consultations with their inputs,
cases in every status (one sensitive where both members have a focal point), and a change made
because of what people said."""

import datetime

from django.utils import timezone

from partnerships.models import Membership, Partnership

from .access import organisations_missing_focal_point
from .models import Adaptation, Case, Channel, Consultation, ConsultationInput, RepresentedGroup
from .services import cases as services

UNDER_WAY = {Partnership.Status.ACTIVE, Partnership.Status.NEGOTIATING}

CASES = [
    # kind, via, text, days ago, final status, response
    (
        Case.Kind.QUESTION,
        Case.Via.WEB,
        "When will the next community meeting take place?",
        40,
        Case.Status.CLOSED,
        "On the first Saturday of next month, at the school.",
    ),
    (
        Case.Kind.SUGGESTION,
        Case.Via.BOX,
        "Please hold the sessions after the harvest.",
        35,
        Case.Status.RESPONDED,
        "Thank you: the sessions move to October.",
    ),
    (
        Case.Kind.COMPLAINT,
        Case.Via.PHONE,
        "The list of participants left out our village.",
        20,
        Case.Status.IN_PROGRESS,
        "",
    ),
    (
        Case.Kind.FEEDBACK,
        Case.Via.MEETING,
        "The radio programme helped us a lot.",
        12,
        Case.Status.ACKNOWLEDGED,
        "",
    ),
    (
        Case.Kind.COMPLAINT,
        Case.Via.WEB,
        "Nobody answered my earlier message.",
        10,
        Case.Status.NEW,
        "",
    ),
]


def _editor(partnership):
    return (
        Membership.objects.filter(
            organisation__partnership_memberships__partnership=partnership,
            role__in=Membership.EDITOR_ROLES,
        )
        .select_related("user")
        .first()
    )


def _walk(case, status, response, user):
    path = {
        Case.Status.ACKNOWLEDGED: [Case.Status.ACKNOWLEDGED],
        Case.Status.IN_PROGRESS: [Case.Status.ACKNOWLEDGED, Case.Status.IN_PROGRESS],
    }
    if status in (Case.Status.RESPONDED, Case.Status.CLOSED):
        services.case_respond(case_id=case.pk, response=response, by=user)
        if status == Case.Status.CLOSED:
            services.case_move(case_id=case.pk, status=Case.Status.CLOSED, by=user)
        return
    for step in path.get(status, []):
        services.case_move(case_id=case.pk, status=step, by=user)


def seed(partnerships):
    now = timezone.now()
    for partnership in partnerships:
        if partnership.status not in UNDER_WAY:
            continue
        editor = _editor(partnership)
        if editor is None:
            continue
        channel = Channel.objects.create(
            partnership=partnership,
            public_name=partnership.title,
            languages=["en", "fr", "ar"],
            web_form_open=True,
            phone="+254 700 123 456",
            sms="+254 700 123 457",
            suggestion_boxes="At the health centre and the school.",
            meetings="Every first Saturday, 10:00, community hall.",
            rights_text=(
                "You may tell us anything about this project: questions, ideas, "
                "praise or complaints, including about our staff. You do not have to "
                "give your name. We acknowledge within 7 days and answer within 30."
            ),
            wants_sensitive=True,
            results_public=True,
        )
        consultation = Consultation.objects.create(
            partnership=partnership,
            held_on=(now - datetime.timedelta(days=120)).date(),
            place="Community hall",
            method=Consultation.Method.FOCUS_GROUP,
            purpose="Which activities matter most, and when people can take part.",
            created_by=editor.user,
        )
        RepresentedGroup.objects.create(
            consultation=consultation,
            name="Young women",
            women=14,
            under_18=5,
            age_18_59=9,
            with_disability=2,
        )
        RepresentedGroup.objects.create(
            consultation=consultation,
            name="Farmers' group",
            women=6,
            men=9,
            age_18_59=11,
            over_60=4,
        )
        taken = ConsultationInput.objects.create(
            consultation=consultation,
            text="Meet after the harvest, not during it.",
            use=ConsultationInput.Use.ADOPTED,
        )
        ConsultationInput.objects.create(
            consultation=consultation,
            text="Pay transport to the meetings.",
            use=ConsultationInput.Use.NOT_TAKEN,
            reason="The budget has no line for it; meetings move to each village instead.",
        )
        made = []
        for kind, via, text, days_ago, status, response in CASES:
            case, _ = services.case_submit(
                partnership_id=partnership.pk,
                kind=kind,
                text=text,
                via=via,
                language="en",
                entered_by=None if via == Case.Via.WEB else editor.user,
                received_at=now - datetime.timedelta(days=days_ago),
            )
            _walk(case, status, response, editor.user)
            made.append(case)
        if channel and not _missing_focal_point(partnership):
            services.case_submit(
                partnership_id=partnership.pk,
                kind=Case.Kind.SENSITIVE,
                sensitive_category=Case.SensitiveCategory.MISCONDUCT,
                via=Case.Via.WEB,
                text="A staff member asked for money to put my name on the list.",
            )
        adaptation = Adaptation.objects.create(
            partnership=partnership,
            what_changed="Sessions now take place after the harvest.",
            decided_on=(now - datetime.timedelta(days=30)).date(),
            decided_by="Joint steering committee",
        )
        adaptation.cases.add(made[1])
        adaptation.inputs.add(taken)


def _missing_focal_point(partnership):
    return organisations_missing_focal_point(partnership.pk)
