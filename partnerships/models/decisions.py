from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..text_limits import PrintableText
from .mou import Mou

# Each note is printed in the MoU's PDF: bounded like the MoU's own sections.
MATRIX_NOTES_MAX_LENGTH = 1_000
MATRIX_NOTES_MAX_LINES = 20
NOTES_LIMITS = [MaxLengthValidator(MATRIX_NOTES_MAX_LENGTH), PrintableText(MATRIX_NOTES_MAX_LINES)]


class DecisionArea(models.Model):
    """Who decides what in one partnership: the decision-making agreement, row by row."""

    class Area(models.TextChoices):
        STRATEGY = "strategy", _("Strategy and priorities")
        BUDGET_REALLOCATION = "budget_reallocation", _("Budget reallocation")
        HIRING = "hiring", _("Hiring of key staff")
        COMMUNICATION = "communication", _("Communication")
        REPRESENTATION = "representation", _("External representation")
        REPORTING = "reporting", _("Reporting")
        TARGET_GROUPS = "target_groups", _("Choice of target groups")

    class Decider(models.TextChoices):
        LOCAL = "local", _("Local partner decides")
        JOINT = "joint", _("Jointly")
        INTERNATIONAL = "international", _("International partner decides")
        CONSULT = "consult", _("Consult, then the lead partner decides")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="decision_areas"
    )
    area = models.CharField(_("decision area"), max_length=30, choices=Area.choices)
    decider = models.CharField(_("who decides"), max_length=20, choices=Decider.choices)
    notes = models.TextField(
        _("notes"), blank=True, max_length=MATRIX_NOTES_MAX_LENGTH, validators=NOTES_LIMITS
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "area"]
        verbose_name = _("decision area")
        verbose_name_plural = _("decision areas")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "area"], name="unique_decision_area"),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.get_decider_display()}"

    def save(self, *args, **kwargs):
        for validator in NOTES_LIMITS:
            try:
                validator(self.notes or "")
            except ValidationError as error:
                raise ValidationError({"notes": error.error_list}) from None
        if self.is_locked_for(self.partnership_id):
            raise ValidationError(
                _(
                    "The decision-making agreement is part of an MoU in force; start a new "
                    "MoU version to change it."
                )
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked_for(self.partnership_id):
            raise ValidationError(_("The decision-making agreement is part of an MoU in force."))
        return super().delete(*args, **kwargs)

    @staticmethod
    def is_locked_for(partnership_id) -> bool:
        return Mou.matrix_locked(partnership_id)


def area_order() -> dict[str, int]:
    return {value: i for i, value in enumerate(DecisionArea.Area.values)}
