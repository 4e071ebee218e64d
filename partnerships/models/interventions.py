from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JointIntervention(models.Model):
    """A piece of work the partners run together within a partnership; budgets, reporting
    schedules and actions may point at one, and need not."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="interventions"
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    local_needs = models.TextField(_("locally identified needs"), max_length=5000)
    target_groups = models.TextField(_("target groups"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("joint intervention")
        verbose_name_plural = _("joint interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="intervention_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title
