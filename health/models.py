from django.db import models
from django.utils.translation import gettext_lazy as _


class HealthSnapshot(models.Model):
    """Every indicator of one partnership as it stood in one month, taken by the monthly beat
    task; the constraint keeps it to one row per partnership and month however often the
    task runs."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="health_snapshots"
    )
    month = models.DateField(_("month"))  # always the first day of the month
    # {indicator key: {"value": "12.5" | None, "status": "on_track"}}
    readings = models.JSONField(default=dict)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "month"]
        verbose_name = _("health snapshot")
        verbose_name_plural = _("health snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "month"], name="one_health_snapshot_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="health_snapshot_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.partnership_id} {self.month:%Y-%m}"
