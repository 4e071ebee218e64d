import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField


def _slug() -> str:
    # Short enough to type from a poster, random so that partnerships cannot be enumerated.
    return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y")


def _webhook_secret() -> str:
    return secrets.token_urlsafe(32)


def default_languages() -> list[str]:
    return ["en"]


class Channel(models.Model):
    """How the target groups of one partnership can give feedback, and what is promised them."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="feedback_channel"
    )
    slug = models.CharField(max_length=20, unique=True, default=_slug, editable=False)
    public_name = models.CharField(
        _("name shown to the public"),
        max_length=200,
        help_text=_("For example the project's name as people in the community know it."),
    )
    languages = models.JSONField(_("languages"), default=default_languages)
    web_form_open = models.BooleanField(_("public web form open"), default=False)
    phone = models.CharField(_("phone (calls)"), max_length=40, blank=True)
    sms = models.CharField(_("SMS number"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=40, blank=True)
    suggestion_boxes = models.TextField(_("suggestion boxes (where)"), blank=True)
    meetings = models.TextField(_("community meetings (when and where)"), blank=True)
    acknowledge_days = models.PositiveSmallIntegerField(_("acknowledge within (days)"), default=7)
    respond_days = models.PositiveSmallIntegerField(_("respond within (days)"), default=30)
    rights_text = models.TextField(
        _("your rights"),
        help_text=_(
            "What people may raise, that they may stay anonymous, what happens next and "
            "how they hear back."
        ),
    )
    wants_sensitive = models.BooleanField(
        _("accept sensitive reports"),
        default=False,
        help_text=_(
            "Sexual exploitation or abuse, fraud, a person's safety, staff misconduct. "
            "Offered only once every member organisation has a safeguarding focal "
            "point."
        ),
    )
    results_public = models.BooleanField(
        _('publish "you said, we did"'),
        default=False,
        help_text=_("A public page with the changes made and counts of feedback."),
    )
    contact_retention_days = models.PositiveIntegerField(
        _("erase contact details after closing (days)"), default=90
    )
    text_retention_days = models.PositiveIntegerField(
        _("erase case text after closing (days)"), default=730
    )
    webhook_secret = EncryptedCharField(max_length=200, default=_webhook_secret, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feedback channel")
        verbose_name_plural = _("feedback channels")

    def __str__(self):
        return self.public_name

    def get_absolute_url(self):
        return reverse("feedback:channel", args=[self.partnership_id])

    def get_public_url(self):
        return reverse("feedback_public:form", args=[self.slug])

    @property
    def public_address(self) -> str:
        return f"{settings.SITE_URL}{self.get_public_url()}"

    def public_languages(self) -> list[str]:
        known = dict(settings.LANGUAGES)
        return [code for code in self.languages if code in known] or [settings.LANGUAGE_CODE]
