from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """One email to one recipient, written in the transaction of whatever caused it.

    A row is sent at most once: the sender moves it from pending to sending with a conditional
    UPDATE before it talks to the mail server, so a task delivered twice (a worker that died,
    Redis restoring an unacknowledged message, the sweep publishing it again) finds nothing left
    to do. A row left in `sending` (its worker died in the middle) may or may not have reached
    the server: it is reported, never resent on a guess.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (recipient inactive)")

    to = models.EmailField(_("recipient"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    # Either a template rendered by the worker in `language` with `context`, or a message
    # rendered already (subject, text, html) by the code that queued it.
    template = models.CharField(_("template"), max_length=200, blank=True)
    context = models.JSONField(default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    # A reset link is a password: once it is sent the body is not kept.
    sensitive = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unsent",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject or self.template}"

    @property
    def message_id(self) -> str:
        """Stable per row, so a mail server can recognise an operator's deliberate resend."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
        return f"<outbox-{self.pk}-{self.created_at:%Y%m%d%H%M%S}@{domain}>"
