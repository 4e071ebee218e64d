from django.db import models
from django.utils.translation import gettext_lazy as _

# (field, label): participants by sex and age group; they add up to the total.
PARTICIPANT_FIELDS = [
    ("girls", _("girls (under 18)")),
    ("boys", _("boys (under 18)")),
    ("women", _("women (18–59)")),
    ("men", _("men (18–59)")),
    ("older_women", _("women (60 and over)")),
    ("older_men", _("men (60 and over)")),
    ("other", _("other or not stated")),
]


class TargetGroupActivity(models.Model):
    """Capacity strengthening for the people the partnership serves."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="target_group_activities"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("led by"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    girls = models.PositiveIntegerField(_("girls (under 18)"), default=0)
    boys = models.PositiveIntegerField(_("boys (under 18)"), default=0)
    women = models.PositiveIntegerField(_("women (18–59)"), default=0)
    men = models.PositiveIntegerField(_("men (18–59)"), default=0)
    older_women = models.PositiveIntegerField(_("women (60 and over)"), default=0)
    older_men = models.PositiveIntegerField(_("men (60 and over)"), default=0)
    other = models.PositiveIntegerField(_("other or not stated"), default=0)
    with_disability = models.PositiveIntegerField(_("of whom persons with a disability"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("target-group activity")
        verbose_name_plural = _("target-group activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    with_disability__lte=models.F("girls")
                    + models.F("boys")
                    + models.F("women")
                    + models.F("men")
                    + models.F("older_women")
                    + models.F("older_men")
                    + models.F("other")
                ),
                name="disability_within_total",
            ),
        ]

    def __str__(self):
        return self.topic

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name, _label in PARTICIPANT_FIELDS)
