from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .framework import Framework, Item


class AssessmentRound(models.Model):
    """A baseline or repeat assessment: every member organisation assesses itself and may
    assess each partner. Scores stay hidden until every self-assessment is submitted."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="capacity_rounds"
    )
    framework = models.ForeignKey(
        Framework, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("framework")
    )
    title = models.CharField(_("title"), max_length=200)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    items = models.ManyToManyField(Item, related_name="rounds")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("capacity:round", args=[self.partnership_id, self.pk])

    def self_assessed_ids(self) -> set[int]:
        return set(
            self.assessments.filter(
                assessor_id=F("subject_id"),
                status=Assessment.Status.SUBMITTED,
            ).values_list("subject_id", flat=True)
        )

    def member_ids(self) -> set[int]:
        return set(self.partnership.members.values_list("organisation_id", flat=True))

    @property
    def is_complete(self) -> bool:
        return self.member_ids() <= self.self_assessed_ids()


class Assessment(models.Model):
    """One organisation's scores of one organisation (itself: a self-assessment; a partner:
    a partner view) in a round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    subject = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation assessed"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "subject__name", "assessor__name"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "assessor", "subject"], name="one_assessment_per_pair"
            ),
        ]

    def __str__(self):
        return f"{self.round}: {self.assessor} → {self.subject}"

    @property
    def is_self(self) -> bool:
        return self.assessor_id == self.subject_id

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    # Empty only in a partner view: "we cannot tell from where we stand".
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["item__domain__order", "item__order", "item__pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_score_per_item"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="capacity_score_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.score}"
