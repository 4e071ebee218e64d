"""Erase what a closed case no longer needs: contact details after the channel's contact
retention, the text (message, response, entries, attachments) after its text retention."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..models import Case, CaseAttachment, CaseEntry, Channel, WebhookNonce

DEFAULT_CONTACT_DAYS = 90
DEFAULT_TEXT_DAYS = 730
NONCE_KEEP = datetime.timedelta(days=2)


def _rules():
    """(cases of some partnerships, contact days, text days); a partnership without a channel
    (staff-entered cases only) keeps the defaults."""
    closed = Case.objects.filter(status=Case.Status.CLOSED, closed_at__isnull=False)
    for channel in Channel.objects.only(
        "partnership_id", "contact_retention_days", "text_retention_days"
    ):
        yield (
            closed.filter(partnership_id=channel.partnership_id),
            channel.contact_retention_days,
            channel.text_retention_days,
        )
    yield (
        closed.filter(partnership__feedback_channel__isnull=True),
        DEFAULT_CONTACT_DAYS,
        DEFAULT_TEXT_DAYS,
    )


def apply_retention(now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    contact_ids, text_ids = [], []
    for cases, contact_days, text_days in _rules():
        contact_ids += cases.filter(
            contact_erased_at__isnull=True,
            closed_at__lte=now - datetime.timedelta(days=contact_days),
        ).values_list("pk", flat=True)
        text_ids += cases.filter(
            text_erased_at__isnull=True,
            closed_at__lte=now - datetime.timedelta(days=text_days),
        ).values_list("pk", flat=True)
    with transaction.atomic():
        Case.objects.filter(pk__in=contact_ids).update(
            contact=None, referral_consent=False, contact_erased_at=now
        )
        Case.objects.filter(pk__in=text_ids).update(text=None, response=None, text_erased_at=now)
        CaseEntry.objects.filter(case_id__in=text_ids).update(text=None)
        attachments = list(CaseAttachment.objects.filter(case_id__in=text_ids))
        CaseAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
        WebhookNonce.objects.filter(seen_at__lt=now - NONCE_KEEP).delete()
    for attachment in attachments:
        attachment.file.delete(save=False)
    return {"contact_erased": len(contact_ids), "text_erased": len(text_ids)}
