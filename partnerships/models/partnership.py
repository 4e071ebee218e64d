from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .accounts import Organisation


class Partnership(models.Model):
    class Status(models.TextChoices):
        EXPLORING = "exploring", _("Exploring")
        NEGOTIATING = "negotiating", _("Negotiating")
        ACTIVE = "active", _("Active")
        CLOSING = "closing", _("Closing")
        CLOSED = "closed", _("Closed")

    # A partnership moves one step at a time, may step back while it is still open,
    # and a closed partnership stays closed.
    TRANSITIONS = {
        Status.EXPLORING: {Status.NEGOTIATING, Status.CLOSED},
        Status.NEGOTIATING: {Status.EXPLORING, Status.ACTIVE, Status.CLOSED},
        Status.ACTIVE: {Status.CLOSING},
        Status.CLOSING: {Status.ACTIVE, Status.CLOSED},
        Status.CLOSED: set(),
    }

    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EXPLORING, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    context = models.TextField(_("context"), blank=True)
    local_needs = models.TextField(
        _("locally identified needs"),
        help_text=_(
            "The needs, concerns and expertise identified locally that this partnership answers."
        ),
    )
    co_creation_notes = models.TextField(
        _("co-creation notes"),
        blank=True,
        help_text=_("How the partners developed the idea together."),
    )
    organisations = models.ManyToManyField(
        Organisation, through="PartnershipMember", related_name="partnerships"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def can_move_to(self, status: str) -> bool:
        return status == self.status or status in self.TRANSITIONS[self.Status(self.status)]


class PartnershipMember(models.Model):
    class Role(models.TextChoices):
        LOCAL_PARTNER = "local_partner", _("Local partner")
        INTERNATIONAL_PARTNER = "international_partner", _("International partner")
        DONOR = "donor", _("Donor")
        CONSORTIUM_MEMBER = "consortium_member", _("Consortium member")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnership_memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "organisation__name"]
        verbose_name = _("partnership member")
        verbose_name_plural = _("partnership members")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="unique_partnership_member"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()}"

    # Who counts as a local actor (budget indicators, and any app that credits local work):
    # the local partner role, or a locally rooted organisation (a national NGO can sit in a
    # consortium role and still be a local actor). `is_local_actor` is the same rule in Python.
    LOCAL_ACTOR = Q(role=Role.LOCAL_PARTNER) | Q(organisation__is_local_actor=True)

    @property
    def is_local_partner(self) -> bool:
        return self.role == self.Role.LOCAL_PARTNER

    @property
    def is_local_actor(self) -> bool:
        return self.is_local_partner or self.organisation.is_local_actor
