from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..access import organisations_missing_focal_point
from ..models import Channel

CHANNEL_FIELDS = [
    "public_name",
    "languages",
    "web_form_open",
    "phone",
    "sms",
    "whatsapp",
    "suggestion_boxes",
    "meetings",
    "acknowledge_days",
    "respond_days",
    "rights_text",
    "wants_sensitive",
    "results_public",
    "contact_retention_days",
    "text_retention_days",
]


def sensitive_offered(channel: Channel, missing=None) -> bool:
    """The sensitive kind is offered only when every member organisation has a focal point."""
    if not channel.wants_sensitive:
        return False
    if missing is None and hasattr(channel, "focal_point_missing"):
        return not channel.focal_point_missing  # annotated with access.focal_point_missing()
    if missing is None:
        missing = organisations_missing_focal_point(channel.partnership_id)
    return not missing


def channel_save(*, partnership_id: int, **values) -> Channel:
    unknown = set(values) - set(CHANNEL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown channel fields: {sorted(unknown)}")
    languages = [code for code in values.get("languages", []) if code in dict(settings.LANGUAGES)]
    if "languages" in values and not languages:
        raise ValidationError(_("Choose at least one language."))
    if values.get("acknowledge_days", 1) > values.get("respond_days", 10_000):
        raise ValidationError(_("Acknowledging cannot take longer than responding."))
    channel = Channel.objects.filter(partnership_id=partnership_id).first() or Channel(
        partnership_id=partnership_id
    )
    for name, value in values.items():
        setattr(channel, name, languages if name == "languages" else value)
    channel.save()
    return channel
