from feedback.models import Case, CaseAttachment, Channel, Consultation, ConsultationInput
from feedback.services.cases import case_submit


def make_feedback_objects(world) -> dict:
    """A channel, an ordinary case with an attachment, a sensitive case, a consultation input."""
    channel, _ = Channel.objects.get_or_create(
        partnership=world.partnership,
        defaults={
            "public_name": "Project",
            "web_form_open": True,
            "rights_text": "Your rights",
            "results_public": True,
        },
    )
    case, _ = case_submit(
        partnership_id=world.partnership.pk, kind=Case.Kind.COMPLAINT, text="The tap leaks."
    )
    from django.core.files.base import ContentFile

    attachment = CaseAttachment(case=case, content_type="application/pdf", size=9)
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    sensitive, _ = case_submit(
        partnership_id=world.partnership.pk,
        kind=Case.Kind.SENSITIVE,
        sensitive_category="misconduct",
        text="About a staff member.",
    )
    consultation = Consultation.objects.create(
        partnership=world.partnership,
        held_on="2026-02-01",
        place="Village hall",
        method="focus_group",
    )
    item = ConsultationInput.objects.create(consultation=consultation, text="Lower the taps.")
    return {
        "channel": channel,
        "case": case,
        "attachment": attachment,
        "sensitive": sensitive,
        "consultation": consultation,
        "input": item,
    }
