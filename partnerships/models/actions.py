"""Agreed actions: what the partners agreed to do, who does it, by when."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgreedAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Source(models.TextChoices):
        REFLECTION = "reflection", _("Power reflection")
        REPORT = "report", _("Mutual report")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agreed_actions"
    )
    intervention = models.ForeignKey(
        "partnerships.JointIntervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("joint intervention"),
    )
    title = models.CharField(_("action"), max_length=300)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    source = models.CharField(
        _("agreed in"), max_length=20, choices=Source.choices, default=Source.OTHER
    )
    reflection_round = models.ForeignKey(
        "partnerships.ReflectionRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    report = models.ForeignKey(
        "partnerships.MutualReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    owner_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="agreed_actions",
        verbose_name=_("organisation responsible"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreed_actions",
        verbose_name=_("person responsible"),
    )
    due_date = models.DateField(_("due date"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:action_edit", args=[self.partnership_id, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()
