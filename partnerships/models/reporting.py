"""Mutual reporting: a schedule per partnership, its periods, one report per organisation and
period, and the reminders that the daily sweep sends about reports that are not in yet."""

import calendar
import datetime
import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dates import period_label
from ..uploads import random_name
from .accounts import Organisation
from .partnership import Partnership

# A report still missing after its due date is chased weekly, but not for ever: after this many
# overdue reminders the partners know, and the overview shows it as missing.
OVERDUE_REMINDER_CAP = 4
OVERDUE_INTERVAL_DAYS = 7
# The last day on which a report can still be owed a reminder, counted from its due date.
LAST_REMINDER_AFTER_DUE_DAYS = 1 + OVERDUE_INTERVAL_DAYS * (OVERDUE_REMINDER_CAP - 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of shorter months (31 Jan + 1 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class ReportingSchedule(models.Model):
    class Frequency(models.IntegerChoices):
        MONTHLY = 1, _("Monthly")
        QUARTERLY = 3, _("Quarterly")
        HALF_YEARLY = 6, _("Half-yearly")
        YEARLY = 12, _("Yearly")

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="reporting_schedule"
    )
    interval_months = models.PositiveSmallIntegerField(
        _("frequency"), choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    first_period_start = models.DateField(_("first period starts on"))
    due_days = models.PositiveSmallIntegerField(
        _("days to report"),
        default=30,
        help_text=_("A period's report is due this many days after the period ends."),
    )
    notice_days = models.PositiveSmallIntegerField(
        _("days of notice"),
        default=14,
        help_text=_("A first reminder goes out this many days before a report is due."),
    )
    intervention = models.ForeignKey(
        "partnerships.JointIntervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joint intervention"),
    )
    reporting_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations that report"),
        help_text=_("Leave empty for every member organisation."),
    )
    # Where period generation carries on; periods before it are fixed and never regenerated.
    next_period_start = models.DateField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_months__gt=0), name="reporting_interval_positive"
            ),
        ]
        indexes = [models.Index(fields=["next_period_start"], name="reporting_next_period")]

    def __str__(self):
        return f"{self.partnership} – {self.get_interval_months_display()}"


class ReportPeriod(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="report_periods"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_date = models.DateField(_("due date"))
    # due_date - notice_days, stored so the sweep finds reports to chase with an index.
    remind_from = models.DateField(editable=False)

    class Meta:
        ordering = ["start"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "start"], name="unique_report_period"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="report_period_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["remind_from", "due_date"], name="report_period_remind")]

    def __str__(self):
        return period_label(self.start, self.end)

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.localdate()


class MutualReport(models.Model):
    """One organisation's report for one period. The original row exists from the moment the
    period is generated (empty draft), so a missing report is simply a draft past its due date.
    A correction after submission is another row that `amends` the original."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mutual_reports"
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    developments = models.TextField(
        _("developments in the organisation"),
        blank=True,
        help_text=_("Changes in staff, leadership, funding, strategy or context."),
    )
    progress = models.TextField(_("progress and results"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    learning = models.TextField(_("learning"), blank=True)
    requests = models.TextField(
        _("what we ask of our partners"),
        blank=True,
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    CONTENT_FIELDS = ["developments", "progress", "challenges", "learning", "requests"]

    class Meta:
        ordering = ["period__start", "organisation__name", "created_at"]
        verbose_name = _("mutual report")
        verbose_name_plural = _("mutual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation"],
                condition=Q(amends__isnull=True),
                name="unique_original_report",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_report_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "period"], name="mutual_report_status")]

    def __str__(self):
        return f"{self.organisation} – {self.period}"

    def get_absolute_url(self):
        return reverse("partnerships:report", args=[self.period.partnership_id, self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_amendment(self) -> bool:
        return self.amends_id is not None

    @property
    def has_content(self) -> bool:
        return any(getattr(self, name).strip() for name in self.CONTENT_FIELDS)


def _attachment_path(instance, filename):
    # A random name: the file is served only by the access-checking view, never by its path.
    return random_name("reports", filename)


class ReportAttachment(models.Model):
    report = models.ForeignKey(MutualReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

    @property
    def extension(self) -> str:
        return os.path.splitext(self.name)[1].lower().lstrip(".")


class ReportComment(models.Model):
    report = models.ForeignKey(MutualReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]


class ReportRead(models.Model):
    """A read receipt: who outside the authoring organisation has opened a submitted report."""

    report = models.ForeignKey(MutualReport, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["read_at"]
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="unique_report_read"),
        ]

    def __str__(self):
        return f"{self.user} read {self.report}"


class Reminder(models.Model):
    """One reminder about one report. The unique constraint is what makes each reminder go
    out once: the sweep inserts first and only sends for the rows its own insert created."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        DUE = "due", _("On the due date")
        OVERDUE = "overdue", _("Overdue")

    period = models.ForeignKey(ReportPeriod, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(MutualReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "organisation", "kind", "sequence"], name="unique_reminder"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.sequence} – {self.report}"


class ReminderEmail(models.Model):
    """One recipient's copy of a reminder; `sent_at` is when it was handed to the outbox
    (which sends it once), and keeps a retried task from handing it over twice."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="emails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        constraints = [
            models.UniqueConstraint(fields=["reminder", "user"], name="unique_reminder_email"),
        ]

    def __str__(self):
        return f"{self.reminder} → {self.user}"
