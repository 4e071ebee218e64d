import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedTextField

from partnerships.uploads import random_upload_to

# No 0/O, 1/I/L: a code read out over the phone or copied from paper must not be mistyped.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _reference() -> str:
    return f"FB-{random_code(8)}"


class Case(models.Model):
    """One piece of feedback or one complaint. Its text and the person's contact details are
    encrypted at rest; a sensitive case is seen by safeguarding focal points only."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        SUGGESTION = "suggestion", _("Suggestion")
        FEEDBACK = "feedback", _("Feedback")
        COMPLAINT = "complaint", _("Complaint")
        SENSITIVE = "sensitive", _("Sensitive report")

    class SensitiveCategory(models.TextChoices):
        SEXUAL_EXPLOITATION = "sea", _("Sexual exploitation or abuse")
        FRAUD = "fraud", _("Fraud or corruption")
        SAFETY = "safety", _("Safety of a person")
        MISCONDUCT = "misconduct", _("Misconduct of staff")

    class Via(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone call")
        SMS = "sms", _("SMS")
        WHATSAPP = "whatsapp", _("WhatsApp")
        BOX = "box", _("Suggestion box")
        MEETING = "meeting", _("Meeting")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESPONDED = "responded", _("Responded")
        REFERRED = "referred", _("Referred")
        CLOSED = "closed", _("Closed")

    OPEN_STATUSES = {Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS}
    TRANSITIONS = {
        Status.NEW: {Status.ACKNOWLEDGED, Status.REFERRED},
        Status.ACKNOWLEDGED: {Status.IN_PROGRESS, Status.RESPONDED, Status.REFERRED},
        Status.IN_PROGRESS: {Status.RESPONDED, Status.REFERRED},
        # The person may add information after a response, and the case is worked on again.
        Status.RESPONDED: {Status.IN_PROGRESS, Status.CLOSED},
        Status.REFERRED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="feedback_cases"
    )
    reference = models.CharField(max_length=20, unique=True, default=_reference, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    sensitive_category = models.CharField(
        _("what it is about"), max_length=20, choices=SensitiveCategory.choices, blank=True
    )
    via = models.CharField(
        _("received through"), max_length=20, choices=Via.choices, default=Via.WEB
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    text = EncryptedTextField(_("message"), null=True, blank=True)
    contact = EncryptedTextField(_("contact details"), null=True, blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    referral_consent = models.BooleanField(
        _("agreed that personal data go with a referral"), default=False
    )
    concerns_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about an organisation's staff"),
    )
    # A sensitive case about one member organisation is for the other members' focal points
    # first; they decide when that organisation's own focal points may see it.
    shared_with_concerned_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned organisation"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    response = EncryptedTextField(_("response to the person"), null=True, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    referred_with_personal_data = models.BooleanField(default=False)
    follow_up_hash = models.CharField(max_length=64, blank=True, editable=False)
    follow_up_used_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(db_index=True)
    acknowledge_due = models.DateField()
    respond_due = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    contact_erased_at = models.DateTimeField(null=True, blank=True)
    text_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["partnership", "-received_at"], name="case_recent")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="case_closed_has_date",
            ),
        ]

    def __str__(self):
        # Metadata only: a case's __str__ ends up in admin pages and log lines.
        return self.reference

    def get_absolute_url(self):
        return reverse("feedback:case", args=[self.pk])

    @property
    def is_sensitive(self) -> bool:
        return self.kind == self.Kind.SENSITIVE

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_anonymous(self) -> bool:
        return not self.contact

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]


class CaseEntry(models.Model):
    """Something added to a case: an internal note, information the person added through their
    follow-up code, or a record of a status change."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Internal note")
        FROM_PERSON = "from_person", _("Added by the person")
        STATUS = "status", _("Status change")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = EncryptedTextField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Case.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case entry")
        verbose_name_plural = _("case entries")

    def __str__(self):
        return f"{self.case_id}:{self.kind}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    # Never the uploaded name: it may identify the person (partnerships/uploads.py).
    file = models.FileField(upload_to=random_upload_to("feedback"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return f"{self.case_id}:{self.pk}"

    def get_absolute_url(self):
        return reverse("feedback:attachment", args=[self.case_id, self.pk])


class SensitiveAccess(models.Model):
    """Who saw or exported a sensitive case, and when. Never edited or deleted in the app."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        ATTACHMENT = "attachment", _("Opened an attachment")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("sensitive case access")
        verbose_name_plural = _("sensitive case accesses")

    def __str__(self):
        return f"{self.case_id} {self.action} {self.user_id}"


class WebhookNonce(models.Model):
    """A nonce seen on the inbound webhook; the unique constraint refuses a replay."""

    channel = models.ForeignKey("feedback.Channel", on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=100)
    seen_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "nonce"], name="unique_webhook_nonce"),
        ]

    def __str__(self):
        return self.nonce
